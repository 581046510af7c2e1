using System.Runtime.ExceptionServices;
using Polly;
using Polly.Retry;
using RestSharp;

namespace VideoPlatforms.Http;

/// <summary>
/// What is being retried. Every retry of the module is one of these, and <see cref="Resilience"/> says for each, in
/// one place, what may be retried, how many times and how long to wait in between.
/// </summary>
internal enum RetryKind
{
    /// <summary>
    /// An API call through <see cref="ProviderHttp"/>: the answer's status decides (<see cref="RequestKind"/>), the
    /// server's Retry-After is honoured, and an expired credential is renewed and the request repeated at once.
    /// </summary>
    ApiCall,

    /// <summary>An idempotent call whose 2xx answer did not parse (cut short or garbled on the way): asked again.</summary>
    UnreadableAnswer,

    /// <summary>
    /// A create whose outcome is unknown (5xx, a lost or garbled answer, a timeout): whatever it made is found and
    /// dealt with, then it is sent again (CreateGuard, a platform's refusal of the same bytes).
    /// </summary>
    Create,

    /// <summary>
    /// Sending a file's bytes (an api.video chunk, a tus PATCH, a signed-URL POST): the platform is asked what it
    /// holds where it can say, and the rest is sent. Progress gives the transfer its whole budget back.
    /// </summary>
    Transfer,

    /// <summary>Reading a rendition: asked again from the byte reached. Progress gives the download its whole budget back.</summary>
    Download,
}

/// <summary>
/// The retry pipelines of one connection, built on Polly from its <see cref="RetryOptions"/>: how many retries
/// (MaximumRetryCount; 0 turns retrying off), the wait between them (the server's Retry-After, X-RateLimit-Retry-After
/// or X-RateLimit-Reset when it says, else <see cref="RetryTiming"/>'s backoff, never past MaximumRetryDelay) and the
/// verbose line each retry writes. Call sites say only what their protocol makes safe to repeat and what to do before
/// the next attempt; no call site counts attempts or waits by itself.
/// </summary>
/// <remarks>
/// Two budgets exist. An API call, an unreadable answer and a create get MaximumRetryCount retries per call. A
/// transfer or a download gets MaximumRetryCount failures in a row: each time it moves forward (a chunk accepted,
/// bytes read) its <see cref="FailureStreak"/> starts again, so a long upload over a flaky link ends only when the
/// link stops carrying anything, not after a fixed number of blips over hours.
/// </remarks>
internal sealed class Resilience
{
    private readonly string _platform;
    private readonly Func<RestRequest?, string> _describe;
    private readonly Dictionary<RequestKind, ResiliencePipeline<RestResponse>> _requests = new();
    private readonly Dictionary<RetryKind, ResiliencePipeline> _calls = new();

    /// <param name="options">The connection's retry options.</param>
    /// <param name="platform">The platform's display name, for the verbose lines.</param>
    /// <param name="describe">Words a request for the verbose lines (redacted: <see cref="ProviderHttp.Describe"/>).</param>
    public Resilience(RetryOptions options, string platform = "The platform", Func<RestRequest?, string>? describe = null)
    {
        Options = options;
        _platform = platform;
        _describe = describe ?? (r => r is null ? "a request" : $"{r.Method.ToString().ToUpperInvariant()} {r.Resource}");
        foreach (var kind in Enum.GetValues<RequestKind>()) _requests[kind] = BuildRequestPipeline(kind);
        foreach (var kind in Enum.GetValues<RetryKind>().Where(k => k != RetryKind.ApiCall)) _calls[kind] = BuildCallPipeline(kind);
    }

    public RetryOptions Options { get; }

    /// <summary>
    /// Whether moving forward gives a call its budget back (<see cref="FailureStreak.Progress"/>): only for what
    /// moves bytes, where a long run over a flaky link would otherwise end after a fixed number of blips. A create or
    /// a re-asked read either succeeds or not; it gets MaximumRetryCount retries and no more.
    /// </summary>
    public static bool ProgressRestoresBudget(RetryKind kind) => kind switch
    {
        RetryKind.Transfer or RetryKind.Download => true,
        _ => false,
    };

    /// <summary>The pipeline one API call's attempts go through, for its <see cref="RequestKind"/>.</summary>
    public ResiliencePipeline<RestResponse> For(RequestKind kind) => _requests[kind];

    /// <summary>Marks a context's call as authenticated by <paramref name="authenticator"/>: an expired credential is then renewed and the request repeated.</summary>
    public static void RenewWith(ResilienceContext context, IRequestAuthenticator authenticator) => context.Properties.Set(RenewerKey, authenticator);

    /// <summary>Puts the request on a context, for the retry's verbose line.</summary>
    public static void Describe(ResilienceContext context, RestRequest request) => context.Properties.Set(RequestKey, request);

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the attempt number, 0 first) until it succeeds, fails in a way
    /// <paramref name="retryable"/> does not accept, or the budget of <paramref name="kind"/> is spent; then its last
    /// failure is thrown as it was. <paramref name="say"/> words the verbose line of each retry (its wait and count
    /// come from <see cref="RetryNotice.When"/>). A step inside an attempt whose own failure must end the call (it has
    /// retries of its own, or is the recovery after one) goes through <see cref="Unretried{T}"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(RetryKind kind, Func<int, CancellationToken, Task<T>> attempt, Func<Exception, bool> retryable,
        Func<RetryNotice, string> say, CancellationToken cancellationToken, FailureStreak? streak = null)
    {
        if (!_calls.TryGetValue(kind, out var pipeline)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "An API call goes through ProviderHttp.SendAsync.");
        if (streak is not null && !ProgressRestoresBudget(kind)) throw new ArgumentException($"A {kind} retry has a fixed budget; progress does not restore it.", nameof(streak));
        var call = new Call(retryable, say, streak ?? new FailureStreak());
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Attempt(state.Number++, ctx.CancellationToken).ConfigureAwait(false),
                context, new AttemptState<T>(attempt)).ConfigureAwait(false);
        }
        catch (NotRetried stop)
        {
            ExceptionDispatchInfo.Capture(stop.InnerException!).Throw();
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary><see cref="RunAsync{T}"/> for an attempt without a result.</summary>
    public Task RunAsync(RetryKind kind, Func<int, CancellationToken, Task> attempt, Func<Exception, bool> retryable,
        Func<RetryNotice, string> say, CancellationToken cancellationToken, FailureStreak? streak = null) =>
        RunAsync<bool>(kind, async (n, ct) =>
        {
            await attempt(n, ct).ConfigureAwait(false);
            return true;
        }, retryable, say, cancellationToken, streak);

    /// <summary>
    /// A step of an attempt whose failure ends the call whatever its kind: a request with retries of its own (asking
    /// the platform what it holds) or the recovery after a failure. Repeating the attempt around it would spend the
    /// call's budget on someone else's failure.
    /// </summary>
    public static async Task<T> Unretried<T>(Task<T> step)
    {
        try
        {
            return await step.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new NotRetried(ex);
        }
    }

    /// <summary>How long to wait before retry number <paramref name="retry"/> (0 first): <see cref="RetryTiming.Wait"/>.</summary>
    public TimeSpan Delay(int retry, TimeSpan? asked, out string reason) =>
        RetryTiming.Wait(Options, retry, asked, Random.Shared.NextDouble(), out reason);

    /// <summary>The wait a failure carries from the server: a platform error's Retry-After, or a download fault's.</summary>
    private static TimeSpan? AskedBy(Exception? error) => error switch
    {
        VideoProviderException ex => ex.RetryAfter,
        TransientFault fault => fault.RetryAfter,
        _ => null,
    };

    private ResiliencePipeline<RestResponse> BuildRequestPipeline(RequestKind kind)
    {
        Func<RestResponse, bool>? transient = kind switch
        {
            RequestKind.Idempotent => IsTransientForIdempotent,
            // A create is repeated only where the server certainly did nothing, so no duplicate appears.
            RequestKind.NonIdempotent => r => (int)r.StatusCode == 429 || CallOutcome.Classify(r) == RequestOutcome.NotSent,
            _ => null,
        };
        var builder = new ResiliencePipelineBuilder<RestResponse>();
        if (transient is not null && Options.MaximumRetryCount > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<RestResponse>
            {
                Name = $"VideoPlatforms.{RetryKind.ApiCall}.{kind}",
                MaxRetryAttempts = Options.MaximumRetryCount,
                // A user's Ctrl+C surfaces as OperationCanceledException and must never be retried.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && transient(r)),
                DelayGenerator = args =>
                {
                    var delay = RetryTiming.NextDelay(Options, args.AttemptNumber, args.Outcome.Result, out var reason);
                    args.Context.Properties.Set(ReasonKey, reason);
                    return ValueTask.FromResult<TimeSpan?>(delay);
                },
                OnRetry = args =>
                {
                    var r = args.Outcome.Result;
                    var why = r is null ? "a failure" : HasAnswer(r)
                        ? $"{(int)r.StatusCode} {r.StatusDescription}" : $"no response ({r.ResponseStatus})";
                    args.Context.Properties.TryGetValue(ReasonKey, out var reason);
                    args.Context.Properties.TryGetValue(RequestKey, out var request);
                    OperationLog.Verbose($"Retrying {_describe(request)} after {why}: {reason}, waiting {args.RetryDelay.TotalSeconds:0.0} s (retry {args.AttemptNumber + 1} of {Options.MaximumRetryCount}).");
                    return ValueTask.CompletedTask;
                },
            });
        }
        // Inside each attempt: an access token can expire between our check and the server's. Renew and repeat at
        // once, as the platforms advise, at most the authenticator's limit in a row, so a server that refuses every
        // fresh token cannot keep us looping. Not counted against the retries above: nothing failed but the token.
        builder.AddRetry(new RetryStrategyOptions<RestResponse>
        {
            Name = "VideoPlatforms.TokenRenewal",
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.Zero,
            BackoffType = DelayBackoffType.Constant,
            ShouldHandle = async args =>
                args.Outcome.Result is { } r
                && args.Context.Properties.TryGetValue(RenewerKey, out var authenticator)
                && args.AttemptNumber < authenticator.MaxConsecutiveRenewals
                && authenticator.IsExpiredCredential(r)
                && await authenticator.TryRenewAsync(args.Context.CancellationToken).ConfigureAwait(false),
            OnRetry = args =>
            {
                args.Context.Properties.TryGetValue(RequestKey, out var request);
                OperationLog.Verbose($"{_platform} refused the access token as expired; renewed it and repeating {_describe(request)}.");
                return ValueTask.CompletedTask;
            },
        });
        return builder.Build();
    }

    private ResiliencePipeline BuildCallPipeline(RetryKind kind) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            Name = $"VideoPlatforms.{kind}",
            // The budget is the call's FailureStreak, so that progress can give it back; Polly's own count would not.
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = args =>
            {
                var call = args.Context.Properties.GetValue(CallKey, null!);
                var error = args.Outcome.Exception;
                var handled = error is not null and not NotRetried and not OperationCanceledException && call.Retryable(error)
                              && call.Streak.Fail() <= Options.MaximumRetryCount;
                return ValueTask.FromResult(handled);
            },
            DelayGenerator = args =>
            {
                var call = args.Context.Properties.GetValue(CallKey, null!);
                return ValueTask.FromResult<TimeSpan?>(Delay(call.Streak.Failures - 1, AskedBy(args.Outcome.Exception), out _));
            },
            OnRetry = args =>
            {
                var call = args.Context.Properties.GetValue(CallKey, null!);
                OperationLog.Verbose(call.Say(new RetryNotice(args.Outcome.Exception!, call.Streak.Failures, Options.MaximumRetryCount, args.RetryDelay)));
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>
    /// True when the server answered at all. RestSharp marks every non-2xx answer ResponseStatus.Error too, so the
    /// status code (0 when nothing came back) is what tells an HTTP error from a network fault.
    /// </summary>
    internal static bool HasAnswer(RestResponse r) => r.StatusCode != 0 && r.ResponseStatus != ResponseStatus.TimedOut;

    private static bool IsTransientForIdempotent(RestResponse r)
    {
        if (!HasAnswer(r)) return true;
        var status = (int)r.StatusCode;
        return status is 408 or 429 or 500 or 502 or 503 or 504;
    }

    private static readonly ResiliencePropertyKey<RestRequest> RequestKey = new("VideoPlatforms.Request");
    private static readonly ResiliencePropertyKey<string> ReasonKey = new("VideoPlatforms.RetryReason");
    private static readonly ResiliencePropertyKey<IRequestAuthenticator> RenewerKey = new("VideoPlatforms.Renewer");
    private static readonly ResiliencePropertyKey<Call> CallKey = new("VideoPlatforms.Call");

    private sealed record Call(Func<Exception, bool> Retryable, Func<RetryNotice, string> Say, FailureStreak Streak);

    private sealed class AttemptState<T>(Func<int, CancellationToken, Task<T>> attempt)
    {
        public Func<int, CancellationToken, Task<T>> Attempt { get; } = attempt;

        public int Number { get; set; }
    }

    /// <summary>Carries a failure that must end the call through the pipeline, which then throws it as it was.</summary>
    private sealed class NotRetried(Exception inner) : Exception(inner.Message, inner);
}

/// <summary>One retry about to happen: the failure, which retry it is of how many, and the wait before it.</summary>
internal readonly record struct RetryNotice(Exception Error, int Retry, int Of, TimeSpan Delay)
{
    /// <summary>The failure's message, for the verbose line.</summary>
    public string Why => Error.Message;

    /// <summary>"in 1.5 s (retry 2 of 5)": the end of every retry's verbose line.</summary>
    public string When => $"in {Delay.TotalSeconds:0.0} s (retry {Retry} of {Of})";
}

/// <summary>
/// Failures in a row since a transfer last moved forward: its retry budget. Kept by the caller when the transfer
/// spans several calls (a stream read piece by piece).
/// </summary>
internal sealed class FailureStreak
{
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    /// <summary>The transfer moved forward: the next failure is the first again.</summary>
    public void Progress() => Volatile.Write(ref _failures, 0);

    /// <summary>Counts a failure; returns how many in a row.</summary>
    public int Fail() => Interlocked.Increment(ref _failures);
}

/// <summary>
/// A failure of one attempt that the next may get past, where there is no platform error to carry it: a download's
/// dropped connection, a 5xx or 429 from a file server. <see cref="RetryAfter"/> is the wait the server asked for.
/// </summary>
internal sealed class TransientFault(string why, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(why, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

using System.Net;
using System.Net.Http.Headers;
using Polly;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Tests.Engine;

/// <summary>
/// The one retry pipeline (Http/Resilience.cs) and its timing (Http/RetryTiming.cs), without a server: the computed
/// waits (never the wall clock), the budget per kind, and what each kind retries.
/// </summary>
public sealed class ResilienceTests
{
    // No waiting in these tests: a zero base delay makes every backoff zero.
    private static readonly RetryOptions Fast = new() { MaximumRetryCount = 3, BaseDelay = TimeSpan.Zero, MaximumRetryDelay = TimeSpan.FromMilliseconds(5) };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Backoff_is_equal_jitter_its_draw_spans_the_upper_half_of_the_doubled_delay(int attempt)
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaximumRetryDelay = TimeSpan.FromMinutes(10) };
        var ceiling = 100 * Math.Pow(2, attempt);
        Assert.Equal(ceiling / 2, RetryTiming.Backoff(options, attempt, 0).TotalMilliseconds, 6);
        Assert.Equal(ceiling * 3 / 4, RetryTiming.Backoff(options, attempt, 0.5).TotalMilliseconds, 6);
        Assert.InRange(RetryTiming.Backoff(options, attempt, Math.BitDecrement(1.0)).TotalMilliseconds, ceiling * 0.999999, ceiling);
        for (var i = 0; i < 1000; i++)
            Assert.InRange(RetryTiming.Backoff(options, attempt, Random.Shared.NextDouble()).TotalMilliseconds, ceiling / 2, ceiling);
    }

    [Fact]
    public void Backoff_is_capped_after_the_draw_so_past_the_cap_every_wait_is_the_cap()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaximumRetryDelay = TimeSpan.FromSeconds(10) };
        // b = 8 s: the upper half [4, 8] lies below the cap.
        Assert.Equal(4, RetryTiming.Backoff(options, 3, 0).TotalSeconds, 6);
        // b = 16 s: draws above 10 s are held at the cap.
        Assert.Equal(8, RetryTiming.Backoff(options, 4, 0).TotalSeconds, 6);
        Assert.Equal(10, RetryTiming.Backoff(options, 4, 0.5).TotalSeconds, 6);
        // b = 32 s: b/2 is past the cap.
        Assert.Equal(10, RetryTiming.Backoff(options, 5, 0).TotalSeconds, 6);
        // The exponent stops growing at 2^16, so a long run never overflows.
        Assert.Equal(10, RetryTiming.Backoff(options, 1000, 0).TotalSeconds, 6);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Backoff_refuses_a_draw_outside_the_unit_interval(double unit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryTiming.Backoff(new RetryOptions(), 0, unit));

    [Fact]
    public void A_wait_the_server_asks_for_wins_over_the_backoff_held_between_zero_and_the_cap()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaximumRetryDelay = TimeSpan.FromSeconds(60) };
        Assert.Equal(TimeSpan.FromSeconds(7), RetryTiming.Wait(options, 4, TimeSpan.FromSeconds(7), 0.9, out var reason));
        Assert.Contains("asked", reason);
        // Shorter than the backoff would be: the server's window, not our doubling, says when to come back.
        Assert.Equal(TimeSpan.FromSeconds(0.2), RetryTiming.Wait(options, 5, TimeSpan.FromSeconds(0.2), 0, out _));
        Assert.Equal(TimeSpan.FromSeconds(60), RetryTiming.Wait(options, 0, TimeSpan.FromSeconds(600), 0, out _));
        Assert.Equal(TimeSpan.Zero, RetryTiming.Wait(options, 0, TimeSpan.FromSeconds(-3), 0, out _));
        Assert.Equal(TimeSpan.FromSeconds(0.5), RetryTiming.Wait(options, 0, null, 0, out reason));
        Assert.Equal("backing off", reason);
    }

    [Fact]
    public void A_file_servers_Retry_After_is_read_as_seconds_or_a_date_never_negative()
    {
        Assert.Equal(TimeSpan.FromSeconds(12), RetryTiming.ServerRequestedDelay(new RetryConditionHeaderValue(TimeSpan.FromSeconds(12))));
        Assert.Equal(TimeSpan.Zero, RetryTiming.ServerRequestedDelay(new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.InRange(RetryTiming.ServerRequestedDelay(new RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30)))!.Value.TotalSeconds, 25, 31);
        Assert.Null(RetryTiming.ServerRequestedDelay((RetryConditionHeaderValue?)null));
    }

    [Fact]
    public async Task A_retryable_failure_is_retried_MaximumRetryCount_times_then_thrown_as_it_was()
    {
        var resilience = new Resilience(Fast);
        var attempts = 0;
        var notices = new List<RetryNotice>();
        var failure = new VideoProviderException(ProviderErrorKind.ServerError, "ProviderServerError", "boom");
        var thrown = await Assert.ThrowsAsync<VideoProviderException>(() => resilience.RunAsync<int>(RetryKind.Create, (n, _) =>
        {
            Assert.Equal(attempts++, n);
            throw failure;
        }, _ => true, n =>
        {
            notices.Add(n);
            return n.When;
        }, CancellationToken.None));
        Assert.Same(failure, thrown);
        Assert.Equal(4, attempts);
        Assert.Equal(new[] { 1, 2, 3 }, notices.Select(n => n.Retry));
        Assert.All(notices, n => Assert.Equal(3, n.Of));
    }

    [Fact]
    public async Task A_failure_the_call_site_does_not_accept_ends_the_call_at_once()
    {
        var attempts = 0;
        var refusal = new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidRequest", "no");
        var thrown = await Assert.ThrowsAsync<VideoProviderException>(() => new Resilience(Fast).RunAsync(RetryKind.Transfer, (_, _) =>
        {
            attempts++;
            throw refusal;
        }, ex => ex is VideoProviderException { IsTransient: true }, n => n.When, CancellationToken.None));
        Assert.Same(refusal, thrown);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task An_unretried_step_ends_the_call_with_its_own_error_even_when_its_kind_is_retryable()
    {
        var attempts = 0;
        var lookup = new VideoProviderException(ProviderErrorKind.ServerError, "ProviderServerError", "the status read failed");
        var thrown = await Assert.ThrowsAsync<VideoProviderException>(() => new Resilience(Fast).RunAsync(RetryKind.Transfer, async (n, _) =>
        {
            attempts++;
            if (n > 0) await Resilience.Unretried(Task.FromException<int>(lookup));
            throw new VideoProviderException(ProviderErrorKind.Network, "NetworkError", "dropped");
        }, _ => true, r => r.When, CancellationToken.None));
        Assert.Same(lookup, thrown);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Progress_gives_a_transfer_its_budget_back_so_only_failures_in_a_row_count()
    {
        var streak = new FailureStreak();
        var attempts = 0;
        // Ten failures, each after some progress: far past a budget of 3, and still fine.
        var result = await new Resilience(Fast).RunAsync(RetryKind.Transfer, (n, _) =>
        {
            attempts++;
            if (n < 10)
            {
                streak.Progress();
                throw new TransientFault("dropped after some bytes");
            }
            return Task.FromResult("done");
        }, ex => ex is TransientFault, r => r.When, CancellationToken.None, streak);
        Assert.Equal("done", result);
        Assert.Equal(11, attempts);

        // Without progress the same failures end it after 3 retries.
        attempts = 0;
        await Assert.ThrowsAsync<TransientFault>(() => new Resilience(Fast).RunAsync(RetryKind.Download, (_, _) =>
        {
            attempts++;
            throw new TransientFault("no response");
        }, ex => ex is TransientFault, r => r.When, CancellationToken.None));
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task Only_what_moves_bytes_gets_its_budget_back_from_progress()
    {
        Assert.True(Resilience.ProgressRestoresBudget(RetryKind.Transfer));
        Assert.True(Resilience.ProgressRestoresBudget(RetryKind.Download));
        Assert.False(Resilience.ProgressRestoresBudget(RetryKind.Create));
        Assert.False(Resilience.ProgressRestoresBudget(RetryKind.UnreadableAnswer));
        var resilience = new Resilience(Fast);
        await Assert.ThrowsAsync<ArgumentException>(() => resilience.RunAsync(RetryKind.Create, (_, _) => Task.CompletedTask, _ => true, r => r.When,
            CancellationToken.None, new FailureStreak()));
        // An API call's retries are its RequestKind's pipeline (For), not a call site's.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => resilience.RunAsync(RetryKind.ApiCall, (_, _) => Task.CompletedTask, _ => true, r => r.When,
            CancellationToken.None));
    }

    [Fact]
    public async Task The_wait_a_failure_carries_from_the_server_is_the_retrys_wait_capped()
    {
        var delays = new List<TimeSpan>();
        var options = new RetryOptions { MaximumRetryCount = 2, BaseDelay = TimeSpan.Zero, MaximumRetryDelay = TimeSpan.FromMilliseconds(3) };
        await Assert.ThrowsAsync<VideoProviderException>(() => new Resilience(options).RunAsync(RetryKind.Transfer, (_, _) =>
                throw new VideoProviderException(ProviderErrorKind.RateLimited, "RateLimitExceeded", "slow down") { RetryAfter = TimeSpan.FromSeconds(120) },
            _ => true, r =>
            {
                delays.Add(r.Delay);
                return r.When;
            }, CancellationToken.None));
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(3) }, delays);
    }

    [Fact]
    public async Task Retrying_off_means_one_attempt()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<TransientFault>(() => new Resilience(new RetryOptions { MaximumRetryCount = 0 }).RunAsync(RetryKind.Download, (_, _) =>
        {
            attempts++;
            throw new TransientFault("no response");
        }, _ => true, r => r.When, CancellationToken.None));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_cancelled_call_is_never_retried()
    {
        using var cancel = new CancellationTokenSource();
        var attempts = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Resilience(Fast).RunAsync(RetryKind.Transfer, (_, ct) =>
        {
            attempts++;
            cancel.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        }, _ => true, r => r.When, cancel.Token));
        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData("Idempotent", 503, 4)]
    [InlineData("Idempotent", 429, 4)]
    [InlineData("Idempotent", 404, 1)]
    [InlineData("NonIdempotent", 429, 4)]
    [InlineData("NonIdempotent", 503, 1)] // the create may have been made: no blind repeat
    [InlineData("NoRetry", 503, 1)]
    [InlineData("NoRetry", 429, 1)]
    public async Task Each_request_kind_retries_what_is_safe_for_it(string kind, int status, int expectedAttempts)
    {
        var attempts = 0;
        var response = await Run(new Resilience(Fast).For(Enum.Parse<RequestKind>(kind)), null, () =>
        {
            attempts++;
            return Answer(status);
        });
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(expectedAttempts, attempts);
    }

    [Fact]
    public async Task A_create_that_never_reached_the_server_is_sent_again()
    {
        var attempts = 0;
        var response = await Run(new Resilience(Fast).For(RequestKind.NonIdempotent), null, () => ++attempts < 3
            ? new RestResponse(new RestRequest()) { ResponseStatus = ResponseStatus.Error, ErrorException = new HttpRequestException(HttpRequestError.ConnectionError, "refused") }
            : Answer(201));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, attempts);
    }

    [Theory]
    [InlineData("Idempotent")]
    [InlineData("NonIdempotent")]
    [InlineData("NoRetry")]
    public async Task An_expired_token_is_renewed_and_the_request_repeated_at_most_the_authenticators_limit(string kind)
    {
        var renewer = new Renewer(limit: 2);
        var attempts = 0;
        var response = await Run(new Resilience(Fast).For(Enum.Parse<RequestKind>(kind)), renewer, () =>
        {
            attempts++;
            return Answer(401);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Renewals do not spend the retries: 401 is no transient failure, so only the renewals repeat it.
        Assert.Equal(2, renewer.Renewals);
        Assert.Equal(3, attempts);

        renewer = new Renewer(limit: 2);
        attempts = 0;
        response = await Run(new Resilience(Fast).For(Enum.Parse<RequestKind>(kind)), renewer, () => ++attempts == 1 ? Answer(401) : Answer(200));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, renewer.Renewals);
    }

    [Fact]
    public async Task A_call_without_credentials_is_never_renewed()
    {
        var attempts = 0;
        await Run(new Resilience(Fast).For(RequestKind.Idempotent), null, () =>
        {
            attempts++;
            return Answer(401);
        });
        Assert.Equal(1, attempts);
    }

    private static RestResponse Answer(int status) =>
        new(new RestRequest()) { StatusCode = (HttpStatusCode)status, ResponseStatus = ResponseStatus.Completed };

    private static async Task<RestResponse> Run(ResiliencePipeline<RestResponse> pipeline, IRequestAuthenticator? renewer, Func<RestResponse> send)
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        if (renewer is not null) Resilience.RenewWith(context, renewer);
        try
        {
            return await pipeline.ExecuteAsync(static (_, s) => ValueTask.FromResult(s()), context, send);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private sealed class Renewer(int limit) : IRequestAuthenticator
    {
        public int Renewals { get; private set; }

        public int MaxConsecutiveRenewals => limit;

        public Task ApplyAsync(RestRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> TryRenewAsync(CancellationToken cancellationToken)
        {
            Renewals++;
            return Task.FromResult(true);
        }
    }
}

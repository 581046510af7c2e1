using System.Diagnostics;
using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using RestSharp;

namespace VideoPlatforms.Http;

/// <summary>Whether a request may be sent again without risk of doing its work twice.</summary>
internal enum RequestKind
{
    /// <summary>GET, PUT, PATCH, DELETE: retried on 408, 429, 5xx and network faults.</summary>
    Idempotent,

    /// <summary>
    /// Creates something (POST): retried only where the server certainly did nothing, so no duplicate appears: a 429,
    /// or an attempt that never reached it (<see cref="RequestOutcome.NotSent"/>, e.g. the connection was refused).
    /// </summary>
    NonIdempotent,

    /// <summary>Never retried here; the caller has a better recovery (an upload asks the server what it has).</summary>
    NoRetry,
}

/// <summary>Puts credentials on requests and renews them; one per connection.</summary>
internal interface IRequestAuthenticator
{
    Task ApplyAsync(RestRequest request, CancellationToken cancellationToken);

    /// <summary>Gets fresh credentials after a response <see cref="IsExpiredCredential"/> recognised; the request is then repeated.</summary>
    Task<bool> TryRenewAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether a response says the credential expired (so renewing it and repeating the call can work). HTTP 401 by
    /// default; a platform that reports expiry in its body (docs/platforms/biggo.md#5-errors) says so here.
    /// </summary>
    bool IsExpiredCredential(RestResponse response) => response.StatusCode == HttpStatusCode.Unauthorized;

    /// <summary>How many renewals in a row one call may go through before its failure is reported (1 by default).</summary>
    int MaxConsecutiveRenewals => 1;
}

/// <summary>
/// The one HTTP path of a connection: a RestClient, authentication, retries (Polly), redacted logging and error
/// mapping. Providers build requests and read JSON; they never handle status codes or secrets themselves.
/// </summary>
internal sealed class ProviderHttp : IDisposable
{
    private static readonly JsonSerializerSettings BodySettings = new() { NullValueHandling = NullValueHandling.Ignore };

    private readonly RestClient _client;
    private readonly RetryOptions _retry;

    // The pipelines of this connection's API calls, one per RequestKind, built in one place (Resilience).
    private readonly ResiliencePipeline<RestResponse> _idempotent;
    private readonly ResiliencePipeline<RestResponse> _nonIdempotent;
    private readonly ResiliencePipeline<RestResponse> _noRetry;

    public ProviderHttp(string displayName, Uri baseUri, RetryOptions retry)
    {
        DisplayName = displayName;
        BaseUri = baseUri;
        _retry = retry;
        _client = new RestClient(new RestClientOptions(baseUri)
        {
            Timeout = retry.RequestTimeout,
            UserAgent = $"VideoPlatforms/{typeof(ProviderHttp).Assembly.GetName().Version?.ToString(3)} (PowerShell module)",
            ThrowOnAnyError = false,
        });
        Resilience = new Resilience(retry, displayName, Describe);
        _idempotent = Resilience.For(RequestKind.Idempotent);
        _nonIdempotent = Resilience.For(RequestKind.NonIdempotent);
        _noRetry = Resilience.For(RequestKind.NoRetry);
    }

    public string DisplayName { get; }

    public Uri BaseUri { get; }

    public SecretRedactor Redactor { get; } = new();

    public IRequestAuthenticator? Authenticator { get; set; }

    /// <summary>Turns a failed response into the platform's error; set by each provider.</summary>
    public Func<RestResponse, string, VideoProviderException>? ErrorMapper { get; set; }

    public RetryOptions Retry => _retry;

    /// <summary>The connection's retry pipelines: every retry of a request, chunk, create or download goes through them.</summary>
    public Resilience Resilience { get; }

    /// <summary>
    /// Sends a request and returns its successful response, or throws a <see cref="VideoProviderException"/> whose
    /// <see cref="VideoProviderException.Outcome"/> says what the call's attempts may have done.
    /// </summary>
    public async Task<RestResponse> SendAsync(RestRequest request, RequestKind kind, CancellationToken cancellationToken, bool authenticate = true)
    {
        var pipeline = kind switch
        {
            RequestKind.Idempotent => _idempotent,
            RequestKind.NonIdempotent => _nonIdempotent,
            _ => _noRetry,
        };
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Resilience.Describe(context, request);
        if (authenticate && Authenticator is { } authenticator) Resilience.RenewWith(context, authenticator);
        var call = new CallOutcome();
        try
        {
            var response = await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Self.ExecuteOnceAsync(state.Request, state.Authenticate, state.Call, ctx.CancellationToken).ConfigureAwait(false),
                context, (Self: this, Request: request, Authenticate: authenticate, Call: call)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (response.IsSuccessStatusCode) return response;
            var failure = MapFailure(response);
            failure.Outcome = call.Outcome;
            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Sends a request whose body streams from disk, under an idle timeout instead of an overall one
    /// (<see cref="IdleTimeout"/>): <paramref name="build"/> gets the action to call whenever bytes of the body are
    /// read. A stall is a <see cref="ProviderErrorKind.Timeout"/> failure (transient, so uploads resume after it).
    /// </summary>
    public async Task<RestResponse> SendStreamingAsync(Func<Action, RestRequest> build, RequestKind kind, CancellationToken cancellationToken, bool authenticate = true)
    {
        using var idle = new IdleTimeout(_retry.RequestTimeout, cancellationToken);
        var request = build(idle.Touch);
        request.Timeout = Timeout.InfiniteTimeSpan;
        try
        {
            return await SendAsync(request, kind, idle.Token, authenticate).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (idle.Fired)
        {
            var what = Describe(request);
            OperationLog.Verbose($"{what} stalled: no byte sent and no answer for {idle.Limit.TotalSeconds:0} s.");
            throw new VideoProviderException(ProviderErrorKind.Timeout, "RequestTimedOut",
                $"{DisplayName} did not answer {what} within {idle.Limit.TotalSeconds:0} s of its last byte (the request timed out: the transfer stalled). Check the network, or give Connect-VideoProvider a longer -TimeoutSec, then run the command again.")
            { Request = what, Outcome = RequestOutcome.Unknown };
        }
    }

    /// <summary>
    /// Sends a DELETE. A 404 after an attempt whose answer was lost is a success: that attempt deleted the thing, so
    /// it is gone, as asked (<see cref="IsGoneAsAsked"/>).
    /// </summary>
    public async Task DeleteAsync(RestRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(request, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (IsGoneAsAsked(ex))
        {
        }
    }

    /// <summary>
    /// Whether a failed delete did its work after all: it ended in "not found", and an earlier attempt reached the
    /// platform and lost its answer, so that attempt is what deleted it. A 404 with no such attempt before it stays
    /// a 404 (the id was wrong). Says so in the verbose stream when true. For deletes that read their answer
    /// themselves, in a catch filter; the others use <see cref="DeleteAsync"/>.
    /// </summary>
    public bool IsGoneAsAsked(VideoProviderException ex)
    {
        if (ex.Kind != ProviderErrorKind.NotFound || !ex.MayHaveActed) return false;
        OperationLog.Verbose($"{ex.Request ?? "The delete"} found nothing to delete after an attempt whose answer was lost: that attempt deleted it, so it is gone, as asked.");
        return true;
    }

    public Task<JObject> SendForJsonAsync(RestRequest request, RequestKind kind, CancellationToken cancellationToken, bool authenticate = true) =>
        SendForParsedAsync(request, kind, ParseObject, cancellationToken, authenticate);

    /// <summary>Sends a request and parses its answer with <paramref name="parse"/>, which throws MalformedResponse for a body it cannot read.</summary>
    public async Task<T> SendForParsedAsync<T>(RestRequest request, RequestKind kind, Func<RestResponse, T> parse, CancellationToken cancellationToken, bool authenticate = true)
    {
        // A 2xx whose JSON does not parse (a body cut short or garbled on the way) is a transient fault like a
        // dropped connection, and an idempotent call may simply be asked again. A create may not: it did its work
        // and only its answer was lost, so repeating it blindly could make a second video; its MalformedResponse
        // goes to the provider, which reports (or looks up) what was created.
        if (kind != RequestKind.Idempotent) return parse(await SendAsync(request, kind, cancellationToken, authenticate).ConfigureAwait(false));
        var status = "";
        return await Resilience.RunAsync(RetryKind.UnreadableAnswer, async (_, ct) =>
            {
                // The call's own failures were retried inside SendAsync already: only an unreadable answer is asked again here.
                var response = await Resilience.Unretried(SendAsync(request, kind, ct, authenticate)).ConfigureAwait(false);
                status = $"{(int)response.StatusCode} {response.StatusDescription}";
                return parse(response);
            },
            ex => ex is VideoProviderException { ErrorId: "MalformedResponse" },
            retry => $"Retrying {Describe(request)} after {status} with a body that is not valid JSON, {retry.When}.",
            cancellationToken).ConfigureAwait(false);
    }

    public static void AddJsonBody(RestRequest request, object body) =>
        request.AddStringBody(JsonConvert.SerializeObject(body, BodySettings), ContentType.Json);

    /// <summary>A JSON body under the media type the platform's OpenAPI document names for the operation (vendor media types such as docs/platforms/vimeo.md gives).</summary>
    public static void AddJsonBody(RestRequest request, object body, string mediaType) =>
        request.AddStringBody(JsonConvert.SerializeObject(body, BodySettings), mediaType);

    public JObject ParseObject(RestResponse response)
    {
        try
        {
            var token = JsonText.Parse(response.Content);
            if (token is JObject obj) return obj;
        }
        catch (JsonException)
        {
        }
        throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
            $"{DisplayName} answered {Describe(response.Request)} with a body that is not the JSON object expected. Run the command again; if it persists, the endpoint at {BaseUri} may not be {DisplayName}.")
        {
            StatusCode = (int)response.StatusCode, Request = Describe(response.Request),
            // A 2xx whose body is unreadable still did its work.
            Outcome = response.IsSuccessStatusCode ? RequestOutcome.Done : CallOutcome.Classify(response),
        };
    }

    public string Describe(RestRequest? request) =>
        request is null ? "a request" : $"{request.Method.ToString().ToUpperInvariant()} {Redactor.RedactUrl(_client.BuildUri(request))}";

    public Uri BuildUri(RestRequest request) => _client.BuildUri(request);

    private async Task<RestResponse> ExecuteOnceAsync(RestRequest request, bool authenticate, CallOutcome call, CancellationToken cancellationToken)
    {
        if (authenticate && Authenticator is not null)
            await Authenticator.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var response = await _client.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        watch.Stop();
        call.Add(response);
        Log(request, response, watch.Elapsed);
        return response;
    }

    private void Log(RestRequest request, RestResponse response, TimeSpan elapsed)
    {
        var what = Describe(request);
        if (HasAnswer(response))
            OperationLog.Verbose($"{what} -> {(int)response.StatusCode} {response.StatusDescription} in {elapsed.TotalMilliseconds:0} ms");
        else
            OperationLog.Verbose($"{what} -> no response ({response.ResponseStatus}) after {elapsed.TotalMilliseconds:0} ms: {Redactor.Redact(response.ErrorException?.Message)}");

        if (OperationLog.Current is null) return;
        var headers = string.Join("; ", request.Parameters.Where(p => p.Type == ParameterType.HttpHeader)
            .Select(p => $"{p.Name}: {(string.Equals(p.Name, "Authorization", StringComparison.OrdinalIgnoreCase) ? SecretRedactor.Mask : Redactor.Redact(p.Value?.ToString()))}"));
        var body = response.Content is { Length: > 0 } content ? Redactor.Redact(content.Length > 2000 ? content[..2000] + "..." : content) : "(empty)";
        OperationLog.Debug($"{what} request headers: {(headers.Length > 0 ? headers : "(none)")}; response body: {body}");
    }

    private VideoProviderException MapFailure(RestResponse response)
    {
        var what = Describe(response.Request);
        if (response.ResponseStatus == ResponseStatus.TimedOut)
            return new VideoProviderException(ProviderErrorKind.Timeout, "RequestTimedOut",
                $"{DisplayName} did not answer {what} within {(response.Request?.Timeout ?? _retry.RequestTimeout).TotalSeconds:0} s (the request timed out). Check the network, or give Connect-VideoProvider a longer -TimeoutSec, then run the command again.")
            { Request = what };
        if (!HasAnswer(response))
            return new VideoProviderException(ProviderErrorKind.Network, "NetworkError",
                // Whether the request left matters to what may have happened: say which it was.
                CallOutcome.NeverSent(response.ErrorException)
                    ? $"{DisplayName} could not be reached for {what}: {Redactor.Redact(response.ErrorException?.Message ?? response.ErrorMessage)}. Nothing was sent. Check the network and the connection's BaseUri, then run the command again."
                    : $"The connection to {DisplayName} failed after {what} was sent, before its answer arrived: {Redactor.Redact(response.ErrorException?.Message ?? response.ErrorMessage)}. Check the network, then run the command again.",
                response.ErrorException is null ? null : new HttpRequestException(Redactor.Redact(response.ErrorException.Message)))
            { Request = what };
        var failure = ErrorMapper?.Invoke(response, what) ?? GenericFailure(response, what, null, null);
        failure.RetryAfter ??= RetryTiming.ServerRequestedDelay(response);
        return failure;
    }

    /// <summary>The fallback mapping from a status code, for providers' mappers to build on.</summary>
    public VideoProviderException GenericFailure(RestResponse response, string what, string? platformMessage, string? providerCode)
    {
        var status = (int)response.StatusCode;
        // The platform's words end in their own full stop more often than not; the advice follows after one.
        var said = SaidPart(platformMessage);
        var (kind, id, advice) = status switch
        {
            400 or 422 => (ProviderErrorKind.InvalidArgument, "InvalidRequest", "Check the values given to the command."),
            401 => (ProviderErrorKind.Unauthorized, "AuthenticationFailed", "Connect again with Connect-VideoProvider and valid credentials."),
            403 => (ProviderErrorKind.Forbidden, "AccessDenied", "The account or its credentials lack the permission for this."),
            404 => (ProviderErrorKind.NotFound, "ResourceNotFound", "Check the id."),
            409 => (ProviderErrorKind.Conflict, "Conflict", "The resource is not in a state that allows this."),
            408 => (ProviderErrorKind.Timeout, "RequestTimedOut", "Run the command again."),
            429 => (ProviderErrorKind.RateLimited, "RateLimitExceeded", "Wait a minute, or raise the connection's retry limits, and run the command again."),
            >= 500 => (ProviderErrorKind.ServerError, "ProviderServerError", "The platform failed; run the command again later."),
            _ => (ProviderErrorKind.ProtocolError, "UnexpectedResponse", "Run the command again."),
        };
        return new VideoProviderException(kind, id, $"{DisplayName} refused {what} with {status} {response.StatusDescription}{said}. {advice}")
        {
            StatusCode = status, ProviderCode = providerCode, Request = what,
            PlatformMessage = string.IsNullOrWhiteSpace(platformMessage) ? null : Redactor.Redact(platformMessage), Platform = DisplayName,
        };
    }

    /// <summary>
    /// A 404 that the platform marks as "no such URL" rather than "no such resource": the request went to a route the
    /// API does not have, so it says nothing about whether the video or token exists. Its own kind keeps it from being
    /// reworded as VideoNotFound by the providers' not-found handling.
    /// </summary>
    public VideoProviderException EndpointNotFound(RestResponse response, string what, string? platformMessage, string? providerCode)
    {
        var status = (int)response.StatusCode;
        var said = SaidPart(platformMessage);
        return new VideoProviderException(ProviderErrorKind.EndpointNotFound, "EndpointNotFound",
            $"{DisplayName} has no endpoint for {what} (it answered {status} {response.StatusDescription}{said}). The endpoint was not found, so nothing is known about the item itself: check -Path (Invoke-VideoProviderRequest), and that the connection's BaseUri {BaseUri} is {DisplayName}'s API root.")
        {
            StatusCode = status, ProviderCode = providerCode, Request = what,
            PlatformMessage = string.IsNullOrWhiteSpace(platformMessage) ? null : Redactor.Redact(platformMessage), Platform = DisplayName,
            RecommendedAction = $"Check the request's path and the connection's BaseUri ({BaseUri}).",
        };
    }

    /// <summary>": what the platform said", redacted, without its closing full stop (the message adds its own), or "".</summary>
    private string SaidPart(string? platformMessage) =>
        string.IsNullOrWhiteSpace(platformMessage) ? "" : $": {Redactor.Redact(platformMessage).TrimEnd().TrimEnd('.')}";

    private static bool HasAnswer(RestResponse r) => Resilience.HasAnswer(r);

    public void Dispose() => _client.Dispose();
}

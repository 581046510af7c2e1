using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>
/// api.video's disposable bearer tokens: the API key is exchanged once for an access and a refresh token
/// (<c>/auth/api-key</c>); the access token is refreshed a minute before it expires (<c>/auth/refresh</c>), and
/// again after a 401, falling back to a fresh exchange if the refresh token is refused.
/// </summary>
internal sealed class ApiVideoAuthenticator : IRequestAuthenticator
{
    // Renew this long before expiry so a request never leaves with a token that dies on the way.
    private static readonly TimeSpan RenewMargin = TimeSpan.FromSeconds(60);

    private readonly ProviderHttp _http;
    private readonly string _apiKey;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TokenSet? _tokens;

    public ApiVideoAuthenticator(ProviderHttp http, string apiKey)
    {
        _http = http;
        _apiKey = apiKey;
    }

    public DateTimeOffset? ExpiresAt => _tokens?.ExpiresAt;

    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        var request = new RestRequest("auth/api-key", Method.Post);
        ProviderHttp.AddJsonBody(request, new { apiKey = _apiKey });
        try
        {
            // Minting a token twice is harmless, so transient faults are retried like an idempotent call.
            var json = await _http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false);
            Accept(json);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            throw ex.Reword("AuthenticationFailed",
                $"api.video refused the API key ({ex.StatusCode}). Check the key in the api.video dashboard, and that it belongs to the environment connected to ({_http.BaseUri}): Sandbox keys only work with -Environment Sandbox.",
                ProviderErrorKind.Unauthorized);
        }
    }

    public async Task ApplyAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var tokens = _tokens;
        if (tokens is null || tokens.ExpiresAt - RenewMargin <= DateTimeOffset.UtcNow)
            tokens = await RenewAsync(tokens, cancellationToken).ConfigureAwait(false);
        request.AddOrUpdateHeader("Authorization", "Bearer " + tokens.AccessToken);
    }

    /// <summary>
    /// Two, not one: the uploads of a batch share one token, and the platform can end it (expiry, revocation) again
    /// between one request's renewal and its repeat; the fault suite saw exactly that. Still bounded.
    /// </summary>
    public int MaxConsecutiveRenewals => 2;

    public async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        await RenewAsync(_tokens, cancellationToken, force: true).ConfigureAwait(false);
        return true;
    }

    /// <summary>Renews unless another request already did while this one waited for the gate.</summary>
    private async Task<TokenSet> RenewAsync(TokenSet? seen, CancellationToken cancellationToken, bool force = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _tokens;
            if (current is not null && !ReferenceEquals(current, seen)) return current;
            if (!force && current is not null && current.ExpiresAt - RenewMargin > DateTimeOffset.UtcNow) return current;
            if (current?.RefreshToken is { } refresh)
            {
                var request = new RestRequest("auth/refresh", Method.Post);
                ProviderHttp.AddJsonBody(request, new { refreshToken = refresh });
                try
                {
                    Accept(await _http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false));
                    OperationLog.Verbose("api.video access token refreshed.");
                    return _tokens!;
                }
                catch (VideoProviderException ex) when (ex.StatusCode is 400 or 401)
                {
                    OperationLog.Verbose("api.video refused the refresh token; exchanging the API key again.");
                }
            }
            await SignInAsync(cancellationToken).ConfigureAwait(false);
            return _tokens!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Accept(JObject json)
    {
        var access = JsonText.String(json, "access_token");
        if (string.IsNullOrEmpty(access))
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                $"api.video's token endpoint at {_http.BaseUri} answered without an access_token.");
        var refresh = JsonText.String(json, "refresh_token");
        _http.Redactor.Add(access);
        _http.Redactor.Add(refresh);
        var lifetime = json.Value<long?>("expires_in") ?? 3600;
        _tokens = new TokenSet(access, refresh, DateTimeOffset.UtcNow.AddSeconds(lifetime));
    }

    private sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);
}

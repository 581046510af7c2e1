using System.Text;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>
/// BigGo's OAuth 2.0 client-credentials grant (docs/platforms/biggo.md#1-authentication): <c>POST auth/v1/token</c> with
/// <c>Authorization: Basic base64(client_id:client_secret)</c> and the form <c>grant_type=client_credentials</c>
/// gives <c>{access_token, token_type, expires_in}</c>; API calls then carry <c>Authorization: Bearer</c> and, when a
/// region was chosen, a <c>region</c> header (the Python client's behaviour). There is no refresh token: renewing
/// is re-running the grant. As the JS client does (jwt/index.ts), the token is renewed when it is past its expiry,
/// and after the API's JWT_EXPIRED error (code 4), at most 3 times in a row for one call.
/// </summary>
internal sealed class BigGoAuthenticator : IRequestAuthenticator
{
    /// <summary>The JS client's RETRY_LIMIT: consecutive renewals one call may go through.</summary>
    public const int RenewalLimit = 3;

    // Renew a little before expiry so a request never leaves with a token that dies on the way; at most a tenth of
    // the lifetime, so a short-lived token is still used.
    private static readonly TimeSpan MaxRenewMargin = TimeSpan.FromSeconds(30);

    private readonly ProviderHttp _http;
    private readonly string _clientId;
    private readonly string _basic;
    private readonly string? _region;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TokenSet? _token;

    public BigGoAuthenticator(ProviderHttp http, string clientId, string clientSecret, string? region)
    {
        _http = http;
        _clientId = clientId;
        _region = region;
        _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret));
        _http.Redactor.Add(_basic);
    }

    public DateTimeOffset? ExpiresAt => _token?.ExpiresAt;

    public int MaxConsecutiveRenewals => RenewalLimit;

    /// <summary>Runs the grant; a refused credential becomes AuthenticationFailed with what to check.</summary>
    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        var request = new RestRequest("auth/v1/token", Method.Post);
        request.AddHeader("Authorization", "Basic " + _basic);
        request.AddParameter("grant_type", "client_credentials", ParameterType.GetOrPost);
        JObject json;
        try
        {
            // Minting a token twice is harmless, so transient faults are retried like an idempotent call.
            json = await _http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is >= 400 and < 500 && ex.Kind != ProviderErrorKind.RateLimited)
        {
            throw TokenRefused(ex);
        }
        var access = JsonText.String(json, "access_token");
        if (string.IsNullOrEmpty(access))
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                $"BigGo's token endpoint at {_http.BaseUri} answered without an access_token. Check that -BaseUri points at BigGo (https://api.biggo.com).");
        _http.Redactor.Add(access);
        var lifetime = Math.Max(1, json.Value<long?>("expires_in") ?? 3600);
        _token = new TokenSet(access, DateTimeOffset.UtcNow.AddSeconds(lifetime), TimeSpan.FromSeconds(lifetime));
    }

    public async Task ApplyAsync(RestRequest request, CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is null || token.RenewAt <= DateTimeOffset.UtcNow)
            token = await RenewAsync(token, cancellationToken).ConfigureAwait(false);
        request.AddOrUpdateHeader("Authorization", "Bearer " + token.AccessToken);
        if (_region is not null) request.AddOrUpdateHeader("region", _region);
    }

    public async Task<bool> TryRenewAsync(CancellationToken cancellationToken)
    {
        await RenewAsync(_token, cancellationToken, force: true).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// JWT_EXPIRED (API error code 4) in any HTTP status is an expired token; JWT_INVALID (code 3) is not renewed,
    /// as the JS client throws it. A bare 401 without BigGo's error body is treated as expiry, as for every platform.
    /// </summary>
    public bool IsExpiredCredential(RestResponse response)
    {
        // Every authenticated response passes through here: only bodies that can hold an error are parsed.
        var code = response.Content?.Contains("\"error\"", StringComparison.Ordinal) == true ? BigGoJson.ErrorCode(response.Content) : null;
        return code == BigGoJson.JwtExpired || (code is null && response.StatusCode == System.Net.HttpStatusCode.Unauthorized);
    }

    /// <summary>Renews unless another request already did while this one waited for the gate.</summary>
    private async Task<TokenSet> RenewAsync(TokenSet? seen, CancellationToken cancellationToken, bool force = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _token;
            if (current is not null && !ReferenceEquals(current, seen)) return current;
            if (!force && current is not null && current.RenewAt > DateTimeOffset.UtcNow) return current;
            OperationLog.Verbose(force ? "BigGo reported the access token expired; running the client-credentials grant again."
                : "BigGo access token is past its expiry; running the client-credentials grant again.");
            await SignInAsync(cancellationToken).ConfigureAwait(false);
            return _token!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Both token-error shapes of docs/platforms/biggo.md#1-authentication: OAuth's <c>{"error":"invalid_client"}</c> and <c>{"error":{"code","message"}}</c>.</summary>
    private VideoProviderException TokenRefused(VideoProviderException ex)
    {
        // BigGoJson.MapError read either shape into ProviderCode (the OAuth string or the numeric code) and the text.
        var code = ex.ProviderCode;
        var said = (ex as BigGoApiException)?.PlatformMessage;
        var why = code switch
        {
            "invalid_client" or "1005" => "the client secret does not match the client id",
            "1003" => "no application has this client id",
            "1004" => "the certificate (client id and secret) was revoked",
            "invalid_request" or "1001" or "1002" => "the credential was missing or malformed",
            "unauthorized_client" or "unsupported_grant_type" => "this client may not use the client-credentials grant",
            _ => "the credential was refused",
        };
        return new VideoProviderException(ProviderErrorKind.Unauthorized, "AuthenticationFailed",
            $"BigGo refused the client credentials for client id '{_clientId}' ({ex.StatusCode}{(said is null ? "" : ", " + _http.Redactor.Redact(said))}): {why}. " +
            "Check the client id (user name) and client secret (password) of -ClientCredential against account.biggo.com > Certificate, or generate a new certificate there.", ex)
        {
            StatusCode = ex.StatusCode, ProviderCode = code, Request = ex.Request,
        };
    }

    private sealed record TokenSet(string AccessToken, DateTimeOffset ExpiresAt, TimeSpan Lifetime)
    {
        public DateTimeOffset RenewAt => ExpiresAt - TimeSpan.FromTicks(Math.Min(MaxRenewMargin.Ticks, Lifetime.Ticks / 10));
    }
}

using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>
/// Connecting (docs/platforms/vimeo.md#1-authentication): a given token is verified; client credentials or an
/// authorization code are first exchanged for one. The consent URL of the authorization-code flow is built here too.
/// </summary>
internal sealed class VimeoConnector
{
    private static readonly string[] DefaultScope = { "public" };

    private readonly VimeoProvider _provider;
    private readonly string? _clientId;
    private readonly string? _clientSecret;
    private readonly string? _code;
    private readonly IReadOnlyList<string>? _scope;
    private string? _token;
    private HashSet<string> _granted = new(StringComparer.Ordinal);
    private string? _userName;
    private string? _userUri;

    public VimeoConnector(VimeoProvider provider, ConnectionRequest request)
    {
        _provider = provider;
        if (request.ApiKey is not null || request.UploadToken is not null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported", VimeoProvider.Descriptor.CredentialHelp);
        if (request.Scope is { } scope && scope.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ')))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidScope",
                "-Scope takes one Vimeo scope per item, without spaces, e.g. -Scope public, private, upload, edit, delete.");
        _scope = request.Scope;
        if (request.AccessToken is not null)
        {
            if (request.Secret is not null || request.AuthorizationCode is not null)
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported",
                    "Give either -AccessToken or -ClientCredential to connect to Vimeo, not both.");
            _token = _provider.Reveal(request.AccessToken);
        }
        else if (!string.IsNullOrEmpty(request.UserName) && request.Secret is not null)
        {
            _clientId = request.UserName;
            _clientSecret = _provider.Reveal(request.Secret);
            if (request.AuthorizationCode is not null)
            {
                if (request.RedirectUri is null)
                    throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "RedirectUriMissing",
                        "-AuthorizationCode needs -RedirectUri: the same redirect URI the authorization URL was made with (Vimeo checks they match).");
                _code = _provider.Reveal(request.AuthorizationCode);
            }
        }
        else
        {
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialMissing", VimeoProvider.Descriptor.CredentialHelp);
        }
    }

    /// <summary>The bearer token, once given or exchanged; null before ConnectAsync exchanges credentials for one.</summary>
    internal string? Token => _token;

    /// <summary>The scopes, user name and user URI /oauth/verify reported for the token.</summary>
    internal IReadOnlySet<string> Granted => _granted;

    internal string? UserName => _userName;

    internal string? UserUri => _userUri;

    private ProviderHttp Http => _provider.Http;

    private ConnectionRequest Request => _provider.Request;

    private string? Account => _provider.Account;

    private void RequireScope(string scope, string what) => _provider.RequireScope(scope, what);

    private static RestRequest Api(string resource, Method method = Method.Get) => VimeoProvider.Api(resource, method);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_token is null)
        {
            var json = _code is not null ? await ExchangeCodeAsync(cancellationToken).ConfigureAwait(false)
                : await ClientCredentialsAsync(cancellationToken).ConfigureAwait(false);
            _token = JsonText.String(json, "access_token") is { Length: > 0 } token ? token
                : throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", $"Vimeo's token endpoint at {Http.BaseUri} answered without an access_token.");
            Http.Redactor.Add(_token);
        }
        Http.Authenticator = new VimeoAuthenticator(() => _token);
        await VerifyAsync(cancellationToken).ConfigureAwait(false);
        if (Request.AccessToken is not null && _scope is not null)
            foreach (var scope in _scope) RequireScope(scope, "this connection (-Scope)");
        OperationLog.Verbose($"Vimeo token verified: {Account}.");
    }

    /// <summary>GET /oauth/verify: a wrong or revoked token fails here, and the user and scopes become known.</summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        JObject json;
        try
        {
            json = await Http.SendForJsonAsync(Api("oauth/verify"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 401 or 403)
        {
            throw ex.Reword("AuthenticationFailed",
                $"Vimeo refused the access token ({ex.StatusCode}): it is wrong, revoked or expired. Check it in your app's page at developer.vimeo.com (or generate a new personal access token) and connect again.",
                ProviderErrorKind.Unauthorized);
        }
        _granted = (JsonText.String(json, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        _userName = JsonText.String(json, "user.name");
        _userUri = JsonText.String(json, "user.uri");
    }

    /// <summary>POST /oauth/authorize/client with Basic client auth: an app-only token (no user).</summary>
    private async Task<JObject> ClientCredentialsAsync(CancellationToken cancellationToken)
    {
        var request = TokenRequest("oauth/authorize/client");
        request.AddParameter("grant_type", "client_credentials");
        request.AddParameter("scope", string.Join(' ', _scope ?? DefaultScope));
        try
        {
            // Minting a second app token is harmless, so transient faults are retried.
            return await Http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            throw ex.Reword("AuthenticationFailed",
                $"Vimeo refused the client credentials of '{_clientId}' ({ex.StatusCode}): {InnerReason(ex)} Check the client id (user name) and secret (password) on your app's page at developer.vimeo.com, and that -Scope names only Vimeo scopes.",
                ProviderErrorKind.Unauthorized);
        }
    }

    /// <summary>POST /oauth/access_token: step 2 of the authorization-code flow. A code works once, so no blind retry.</summary>
    private async Task<JObject> ExchangeCodeAsync(CancellationToken cancellationToken)
    {
        var request = TokenRequest("oauth/access_token");
        request.AddParameter("grant_type", "authorization_code");
        request.AddParameter("code", _code!);
        request.AddParameter("redirect_uri", Request.RedirectUri!.ToString());
        try
        {
            return await Http.SendForJsonAsync(request, RequestKind.NonIdempotent, cancellationToken, authenticate: false).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            throw ex.Reword("AuthenticationFailed",
                $"Vimeo refused to exchange the authorization code ({ex.StatusCode}): {InnerReason(ex)} A code works once and only with the same -RedirectUri and client it was issued for; get a new one with Get-VideoProviderAuthorizationUrl.",
                ProviderErrorKind.Unauthorized);
        }
        catch (VideoProviderException ex) when (ex.MayHaveActed)
        {
            throw ex.NotingWhatMayExist("the authorization code may have been used up (a code works once): if connecting again with it fails, get a new one with Get-VideoProviderAuthorizationUrl.");
        }
    }

    private static string InnerReason(VideoProviderException ex)
    {
        var colon = ex.Message.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? "" : ex.Message[(colon + 2)..].Split(". ")[0].TrimEnd('.') + ".";
    }

    private RestRequest TokenRequest(string resource)
    {
        var request = Api(resource, Method.Post);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_clientId}:{_clientSecret}"));
        Http.Redactor.Add(basic);
        request.AddHeader("Authorization", "Basic " + basic);
        return request;
    }

    /// <summary>Step 1 of the authorization-code flow: the consent URL with a fresh random state (docs/platforms/vimeo.md#1-authentication).</summary>
    internal static ProviderAuthorization BuildAuthorization(AuthorizationRequest request, Uri baseUri)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ClientIdMissing", "-ClientId is empty. Give your Vimeo app's client identifier (developer.vimeo.com/apps).");
        if (!request.RedirectUri.IsAbsoluteUri || request.RedirectUri.Scheme is not ("http" or "https"))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidRedirectUri",
                $"-RedirectUri '{request.RedirectUri}' is not an absolute http(s) URL. Give one of the callback URLs registered for your app.");
        var scope = request.Scope is { Count: > 0 } s ? s : DefaultScope;
        if (scope.Any(x => string.IsNullOrWhiteSpace(x) || x.Contains(' ')))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidScope", "-Scope takes one Vimeo scope per item, without spaces.");
        // 128 bits from a CSPRNG: unguessable, so a forged redirect cannot carry a matching state.
        var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var query = string.Join("&",
            "response_type=code",
            "client_id=" + Uri.EscapeDataString(request.ClientId),
            "redirect_uri=" + Uri.EscapeDataString(request.RedirectUri.ToString()),
            "scope=" + Uri.EscapeDataString(string.Join(' ', scope)),
            "state=" + state);
        return new ProviderAuthorization("Vimeo", new Uri(baseUri, "oauth/authorize?" + query), state, request.ClientId, request.RedirectUri, scope);
    }
}

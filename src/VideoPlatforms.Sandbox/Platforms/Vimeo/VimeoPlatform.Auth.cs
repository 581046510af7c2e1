using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>OAuth (docs/platforms/vimeo.md#1-authentication): client credentials, authorization code (both steps) and token verification.</summary>
internal sealed partial class VimeoPlatform
{
    private void MapAuth(PlatformRoutes routes)
    {
        routes.Map("POST", "/oauth/authorize/client", ClientCredentialsAsync);
        routes.Map("GET", "/oauth/authorize", AuthorizeAsync);
        routes.Map("POST", "/oauth/access_token", ExchangeCodeAsync);
        routes.Map("GET", "/oauth/verify", VerifyAsync);
        routes.Map("GET", "/me", MeAsync);
    }

    private async Task<IResult> ClientCredentialsAsync(HttpContext context)
    {
        var client = BasicClient(context);
        var form = await ReadFormAsync(context);
        if (!IsSandboxClient(client))
        {
            return VimeoErrors.Error(401, "No such client secret exists.", "The client id or secret in the Basic authorization header is wrong.", 8001);
        }

        if (form?["grant_type"].ToString() != "client_credentials")
        {
            return VimeoErrors.Auth(400, "unsupported_grant_type", "grant_type must be client_credentials on this endpoint.");
        }

        if (ParseRequestedScopes(form["scope"].ToString(), out var scopes) is { } bad)
        {
            return bad;
        }

        // An unauthenticated (app-only) token: it carries no user, so /me/... refuses it.
        var token = state.IssueToken(null, scopes, "client_credentials");
        return VimeoErrors.Json(AuthJson(token, Root(context)));
    }

    /// <summary>
    /// Step 1. A real browser would show Vimeo's consent page; the sandbox approves at once, as account 1 (or the
    /// account named by the test-only <c>sandbox_user</c> parameter), and redirects back with a code and the state.
    /// </summary>
    private Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["response_type"].ToString() != "code")
        {
            return Task.FromResult(VimeoErrors.Auth(400, "unsupported_response_type", "response_type must be code."));
        }

        if (query["client_id"].ToString() != SandboxCredentials.VimeoClientId)
        {
            return Task.FromResult(VimeoErrors.Auth(400, "invalid_client", "No app has this client_id."));
        }

        var redirect = query["redirect_uri"].ToString();
        if (!Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri) || redirectUri.Scheme is not ("http" or "https"))
        {
            return Task.FromResult(VimeoErrors.Auth(400, "invalid_request", "redirect_uri must be an absolute http(s) URL."));
        }

        if (ParseRequestedScopes(query["scope"].ToString(), out var scopes) is { } bad)
        {
            return Task.FromResult(bad);
        }

        var account = query["sandbox_user"].ToString() == "2" ? 2 : 1;
        var code = state.IssueCode(SandboxCredentials.VimeoClientId, redirect, account, scopes);
        var separator = string.IsNullOrEmpty(redirectUri.Query) ? "?" : "&";
        var location = $"{redirect}{separator}code={Uri.EscapeDataString(code.Code)}&state={Uri.EscapeDataString(query["state"].ToString())}";
        return Task.FromResult(Results.Redirect(location));
    }

    private async Task<IResult> ExchangeCodeAsync(HttpContext context)
    {
        var client = BasicClient(context);
        var form = await ReadFormAsync(context);
        if (!IsSandboxClient(client))
        {
            return VimeoErrors.Auth(401, "invalid_client", "The client id or secret in the Basic authorization header is wrong.");
        }

        if (form?["grant_type"].ToString() != "authorization_code")
        {
            return VimeoErrors.Auth(400, "unsupported_grant_type", "grant_type must be authorization_code on this endpoint.");
        }

        var code = state.TakeCode(form["code"].ToString());
        if (code is null)
        {
            return VimeoErrors.Auth(400, "invalid_grant", "The authorization code is unknown, expired or already used.");
        }

        if (code.RedirectUri != form["redirect_uri"].ToString())
        {
            return VimeoErrors.Auth(400, "invalid_grant", "redirect_uri does not match the one the code was issued for.");
        }

        var token = state.IssueToken(code.Account, code.Scopes, "authorization_code");
        return VimeoErrors.Json(AuthJson(token, Root(context)));
    }

    private Task<IResult> VerifyAsync(HttpContext context)
    {
        var (token, _) = Authenticate(context);
        return Task.FromResult(token is null
            ? VimeoErrors.Legacy(401, "You must provide a valid authenticated access token.")
            : VimeoErrors.Json(AuthJson(token, Root(context))));
    }

    /// <summary>GET /me: the token's user (api.yaml <c>user</c>, the fields this emulation keeps); app-only tokens get 8002.</summary>
    private async Task<IResult> MeAsync(HttpContext context)
    {
        var (token, error) = await RequireAsync(context, null, user: true);
        return error ?? VimeoErrors.Json(UserJson(VimeoState.Account(token!.Account!.Value), Root(context)));
    }

    private static IResult? ParseRequestedScopes(string text, out IReadOnlySet<string> scopes)
    {
        var requested = VimeoState.ParseScopes(string.IsNullOrWhiteSpace(text) ? "public" : text);
        scopes = requested;
        var unknown = requested.Where(s => !VimeoState.KnownScopes.Contains(s)).ToList();
        return unknown.Count == 0 ? null
            : VimeoErrors.Auth(400, "invalid_scope", $"Unknown scope(s): {string.Join(", ", unknown)}. Known: {VimeoState.AllScopes}.");
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted);
    }
}

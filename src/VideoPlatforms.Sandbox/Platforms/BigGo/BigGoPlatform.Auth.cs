using System.Text;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// BigGo's token route (docs/platforms/biggo.md#1-authentication) and the bearer check every API route runs first.
/// </summary>
internal sealed partial class BigGoPlatform
{
    /// <summary>POST /auth/v1/token: Basic client_id:client_secret, form grant_type=client_credentials.</summary>
    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.OAuth("invalid_request", "Client authentication must be HTTP Basic client_id:client_secret.", 400);
        }

        string clientId, secret;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            clientId = colon < 0 ? decoded : decoded[..colon];
            secret = colon < 0 ? string.Empty : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.OAuth("invalid_request", "The Basic credentials are not base64.", 400);
        }

        if (!context.Request.HasFormContentType)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.OAuth("invalid_request", "The body must be application/x-www-form-urlencoded with grant_type.", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grant = form["grant_type"].ToString();
        if (string.IsNullOrEmpty(grant))
        {
            return BigGoErrors.OAuth("invalid_request", "grant_type is missing.", 400);
        }

        if (grant != "client_credentials")
        {
            return BigGoErrors.OAuth("unsupported_grant_type", $"Only client_credentials is supported, not '{grant}'.", 400);
        }

        if (clientId.Length == 0)
        {
            return BigGoErrors.Auth(1001, "MISSING_PARAMETER: client_id", 400);
        }

        if (!string.Equals(clientId, SandboxCredentials.BigGoClientId, StringComparison.Ordinal))
        {
            return BigGoErrors.Auth(1003, "APP_KEY_NOT_EXIST", 400);
        }

        if (!string.Equals(secret, SandboxCredentials.BigGoClientSecret, StringComparison.Ordinal))
        {
            return BigGoErrors.OAuth("invalid_client", "Client authentication failed.", 401);
        }

        var (token, lifetime) = state.IssueToken(BigGoState.Owner.UserId);
        return SandboxJson.Json(new { access_token = token, token_type = "bearer", expires_in = lifetime });
    }

    /// <summary>
    /// Checks the bearer token and the region header, then runs <paramref name="handler"/>. Refusals drain an unread
    /// body first so the client sees the answer instead of a reset.
    /// </summary>
    private async Task<IResult> Authenticated(HttpContext context, Func<BigGoUser, string?, Task<IResult>> handler)
    {
        var refusal = Check(context, out var user, out var region);
        if (refusal is not null)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return refusal;
        }

        return await handler(user!, region);
    }

    private IResult? Check(HttpContext context, out BigGoUser? user, out string? region)
    {
        user = null;
        region = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return BigGoErrors.Api(BigGoErrors.JwtInvalid, "JWT_INVALID: send Authorization: Bearer <access_token> from /auth/v1/token.");
        }

        var (userId, code, message) = state.UseToken(header["Bearer ".Length..].Trim());
        if (userId is null)
        {
            return BigGoErrors.Api(code, (code == BigGoErrors.JwtExpired ? "JWT_EXPIRED: " : "JWT_INVALID: ") + message);
        }

        if (context.Request.Headers.TryGetValue("region", out var sent))
        {
            var value = sent.ToString().Trim();
            if (!BigGoState.Regions.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                return BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"Unknown region '{value}'. Known regions: {string.Join(", ", BigGoState.Regions)}.");
            }

            region = value.ToLowerInvariant();
        }

        user = BigGoState.User(userId);
        return null;
    }
}

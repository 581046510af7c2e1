using System.Globalization;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Ziggeo's auth-token routes (the module's upload tokens): create, read, update, delete, with their grants and limits.
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    private IResult WithAuthToken(HttpContext context, ZiggeoApplication app, Func<ZiggeoAuthToken, IResult> found)
    {
        var token = context.Request.RouteValues["token"] as string ?? "";
        return state.FindAuthToken(app.Token, token) is { } t ? found(t) : Error(404, "Not Found: no such auth token.");
    }

    private static IResult? ApplyAuthToken(ZiggeoAuthToken token, Dictionary<string, string> p)
    {
        foreach (var (name, set) in new (string, Action<long?>)[]
                 {
                     ("expiration_date", v => token.ExpirationDate = v), ("usage_expiration_time", v => token.UsageExpirationTime = v),
                     ("session_limit", v => token.SessionLimit = (int?)v),
                 })
        {
            if (p.TryGetValue(name, out var text))
            {
                if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0 || (name == "session_limit" && value > int.MaxValue))
                {
                    return Error(400, $"Bad Request: {name} must be a whole number, 0 or more.");
                }

                set(value == 0 ? null : value);
            }
        }

        if (p.TryGetValue("volatile", out var vol))
        {
            token.Volatile = vol is "true" or "1" or "TRUE";
        }

        if (p.TryGetValue("hidden", out var hidden))
        {
            token.Hidden = hidden is "true" or "1" or "TRUE";
        }

        if (p.TryGetValue("grants", out var grants))
        {
            if (!IsJsonObject(grants))
            {
                return Error(400, "Bad Request: grants must be a JSON object such as {\"read\":\"all\"}.");
            }

            token.Grants = grants;
        }

        return null;
    }

    private async Task<IResult> CreateAuthTokenAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        var probe = new ZiggeoAuthToken { AppToken = app.Token, Token = "probe" };
        if (ApplyAuthToken(probe, p) is { } error)
        {
            return error;
        }

        var token = state.AddAuthToken(app.Token, t => ApplyAuthToken(t, p));
        return SandboxJson.Json(AuthTokenJson(token), StatusCodes.Status201Created);
    }

    private async Task<IResult> UpdateAuthTokenAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        return WithAuthToken(context, app, token =>
        {
            lock (state.Sync)
            {
                return ApplyAuthToken(token, p) ?? SandboxJson.Json(AuthTokenJson(token));
            }
        });
    }
}

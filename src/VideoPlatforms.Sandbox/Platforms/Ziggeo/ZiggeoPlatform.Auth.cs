using System.Text;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// HTTP Basic application token : private key (docs/platforms/ziggeo.md#1-authentication), checked before every API
/// route.
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    private async Task<IResult> Authenticated(HttpContext context, Func<ZiggeoApplication, Task<IResult>> handler)
    {
        var header = context.Request.Headers.Authorization.ToString();
        ZiggeoApplication? app = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    app = ZiggeoState.Authenticate(region, decoded[..colon], decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
            }
        }

        if (app is null)
        {
            await RequestBody.DrainQuietlyAsync(context);
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Ziggeo\"";
            return Error(401, $"Unauthorized: unknown application token or wrong private key for the {region} region.");
        }

        return await handler(app);
    }
}

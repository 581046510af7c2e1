using System.Globalization;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Ziggeo's error bodies (docs/platforms/ziggeo.md#5-errors): a JSON object with the status as code and a message.
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    internal static IResult Error(int status, string message) =>
        SandboxJson.Json(new { code = status.ToString(CultureInfo.InvariantCulture), msg = message }, status);

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error";
}

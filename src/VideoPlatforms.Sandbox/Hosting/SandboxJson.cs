using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoPlatforms.Sandbox.Hosting;

internal static class SandboxJson
{
    /// <summary>
    /// camelCase like the platforms; nulls are written because clients distinguish "null" from "absent"
    /// (e.g. api.video's discardedAt); relaxed escaping so HTML in api.video's iframe asset reads as the real one.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IResult Json(object? value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, "application/json", status);
}

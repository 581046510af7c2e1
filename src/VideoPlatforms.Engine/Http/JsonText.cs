using System.Collections.Specialized;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace VideoPlatforms.Http;

/// <summary>JSON reading shared by every provider.</summary>
internal static class JsonText
{
    /// <summary>
    /// Parses without turning date strings into DateTime: Raw keeps the platform's own text, and the mappers
    /// parse dates themselves with their offsets intact.
    /// </summary>
    public static JToken Parse(string? text)
    {
        using var reader = new JsonTextReader(new StringReader(text ?? string.Empty)) { DateParseHandling = DateParseHandling.None };
        return JToken.Load(reader);
    }

    /// <summary>
    /// The platform's JSON as ordered dictionaries (case-insensitive keys) and arrays: PowerShell reads both with
    /// dot notation, and no Newtonsoft type reaches a public property.
    /// </summary>
    public static OrderedDictionary ToDictionary(JObject obj)
    {
        var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.Properties()) result[property.Name] = ToPlain(property.Value);
        return result;
    }

    public static object? ToPlain(JToken? token) => token switch
    {
        null => null,
        JObject o => ToDictionary(o),
        JArray a => a.Select(ToPlain).ToArray(),
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue v => v.Value,
        _ => token.ToString(),
    };

    public static string? String(JToken? token, string path) => token?.SelectToken(path) is JValue { Type: not JTokenType.Null } v ? v.ToString() : null;

    public static DateTimeOffset? Date(JToken? token, string path) =>
        String(token, path) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    public static Uri? Url(JToken? token, string path) =>
        String(token, path) is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>The JSON filter (<c>fields=a,b.c</c>): only the listed paths cross the wire (docs/platforms/vimeo.md#2-endpoints).</summary>
internal static class VimeoFields
{
    public static JsonNode Apply(JsonNode node, string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return node;
        }

        var paths = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.Split('.')).ToList();
        return Select(node, paths) ?? new JsonObject();
    }

    private static JsonNode? Select(JsonNode? node, List<string[]> paths)
    {
        if (node is JsonArray array)
        {
            return new JsonArray([.. array.Select(item => Select(item, paths))]);
        }

        if (node is not JsonObject obj)
        {
            return node?.DeepClone();
        }

        if (paths.Any(p => p.Length == 0))
        {
            return obj.DeepClone();
        }

        var result = new JsonObject();
        foreach (var group in paths.GroupBy(p => p[0], StringComparer.Ordinal))
        {
            if (!obj.TryGetPropertyValue(group.Key, out var child))
            {
                continue;
            }

            var rest = group.Select(p => p[1..]).ToList();
            result[group.Key] = rest.Any(r => r.Length == 0) ? child?.DeepClone() : Select(child, rest);
        }

        return result;
    }
}

/// <summary>Small readers of request input.</summary>
internal static class VimeoInput
{
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpContext context, bool emptyIsObject)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return emptyIsObject ? (new JsonObject(), null) : (null, VimeoErrors.Malformed("The request body is empty."));
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject obj ? (obj, null) : (null, VimeoErrors.Malformed("The request body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, VimeoErrors.Malformed("The request body is not JSON: " + ex.Message));
        }
    }

    /// <summary>A number sent as a JSON number or a numeric string (the spec types upload.size as string; SDKs send numbers).</summary>
    public static long? Long(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    public static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

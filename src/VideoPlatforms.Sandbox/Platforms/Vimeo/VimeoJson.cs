using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>
/// Vimeo's three error shapes (docs/platforms/vimeo.md#5-errors): <c>error</c> {error, link, developer_message, error_code} for
/// upload/versions/auth, <c>legacy-error</c> {error} for get/patch/delete of a video, and <c>auth-error</c>
/// {error, error_description} for the OAuth endpoints.
/// </summary>
internal static class VimeoErrors
{
    public static IResult Error(int status, string error, string developer, int code) =>
        Json(new JsonObject { ["error"] = error, ["link"] = null, ["developer_message"] = developer, ["error_code"] = code }, status);

    public static IResult Legacy(int status, string error) => Json(new JsonObject { ["error"] = error }, status);

    public static IResult Auth(int status, string error, string description) =>
        Json(new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    public static IResult InvalidToken() => Error(401, "You must provide a valid authenticated access token.",
        "The access token is missing, malformed, revoked or unknown.", 8003);

    public static IResult NoUser() => Error(401, "This action requires an authenticated user.",
        "The access token has no user (an unauthenticated client-credentials token); use a token from the authorization-code flow or a personal access token.", 8002);

    public static IResult MissingScope(string scope) => Error(403, $"Your access token does not have the \"{scope}\" scope.",
        $"The access token lacks the \"{scope}\" scope this request requires.", 8003);

    public static IResult VideoNotFound() => Legacy(404, "The requested video couldn't be found.");

    public static IResult NotOwner() => Error(403, "You don't have permission to edit this video.",
        "The authenticated user does not own this video.", 3427);

    public static IResult InvalidParameter(string field, string message) => Json(new JsonObject
    {
        ["error"] = "You have provided an invalid parameter. Please contact developer of this application.",
        ["link"] = null,
        ["developer_message"] = $"The parameter \"{field}\" is invalid: {message}",
        ["error_code"] = 2204,
        ["invalid_parameters"] = new JsonArray(new JsonObject { ["field"] = field, ["error_code"] = 2204, ["developer_message"] = message }),
    }, 400);

    public static IResult Malformed(string message) => Error(400, "There was no request body, or the request body is malformed.", message, 2205);

    public static string Generic(int status) => (status switch
    {
        401 => new JsonObject { ["error"] = "You must provide a valid authenticated access token.", ["link"] = null, ["developer_message"] = "Injected 401.", ["error_code"] = 8003 },
        404 => new JsonObject { ["error"] = "The requested page couldn't be found." },
        429 => new JsonObject { ["error"] = "Too many API requests. Please wait a minute and try again.", ["link"] = null, ["developer_message"] = "The rate limit of this app was reached.", ["error_code"] = 9000 },
        >= 500 => new JsonObject { ["error"] = "Something strange occurred. Please contact the app owners.", ["link"] = null, ["developer_message"] = "The server failed (injected).", ["error_code"] = 4003 },
        _ => new JsonObject { ["error"] = $"The request failed with {status}." },
    }).ToJsonString();

    // Like the live API, '&' and '/' in URLs are written as they are, not as \u0026.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode node, int status = 200) =>
        Results.Text(node.ToJsonString(Relaxed), "application/json", System.Text.Encoding.UTF8, status);
}

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

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

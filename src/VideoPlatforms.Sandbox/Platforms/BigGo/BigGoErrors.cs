using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// BigGo's errors: API errors are <c>{"result":false,"error":{"code":n,"message":"..."}}</c> with the codes of the JS
/// client's BigGoAPIErrorEnum (docs/platforms/biggo.md#5-errors); the token endpoint answers either OAuth's <c>{"error":"..."}</c> or
/// <c>{"error":{"code","message"}}</c> with BigGoAuthErrorEnum codes (docs/platforms/biggo.md#1-authentication). HTTP statuses are this sandbox's choice
/// (the SDKs look only at the body): 401 for codes 3 and 4, 403 for 2 and 1003, 404 for 1004, 1005 and 1007, 405
/// for 1, 400 for the rest.
/// </summary>
internal static class BigGoErrors
{
    public const int ErrorMethod = 1;
    public const int WithoutVerify = 2;
    public const int JwtInvalid = 3;
    public const int JwtExpired = 4;
    public const int TranscodeError = 1001;
    public const int VideoExists = 1002;
    public const int DifferentUser = 1003;
    public const int VideoNotExist = 1004;
    public const int VideoDeleted = 1005;
    public const int ParameterInvalid = 1006;
    public const int UserNotExist = 1007;
    public const int ProductNotExist = 1008;
    public const int ProductListOverLimit = 1009;
    public const int MissingParameters = 1010;

    public static IResult Api(int code, string message) =>
        SandboxJson.Json(new { result = false, error = new { code, message } }, StatusFor(code));

    public static string ApiJson(int code, string message) =>
        System.Text.Json.JsonSerializer.Serialize(new { result = false, error = new { code, message } }, SandboxJson.Options);

    private static int StatusFor(int code) => code switch
    {
        JwtInvalid or JwtExpired => StatusCodes.Status401Unauthorized,
        WithoutVerify or DifferentUser => StatusCodes.Status403Forbidden,
        VideoNotExist or VideoDeleted or UserNotExist => StatusCodes.Status404NotFound,
        ErrorMethod => StatusCodes.Status405MethodNotAllowed,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The OAuth-style token error (the JS client maps it to "invalid credential").</summary>
    public static IResult OAuth(string error, string description, int status) =>
        SandboxJson.Json(new { error, error_description = description }, status);

    /// <summary>The token endpoint's structured error, with a BigGoAuthErrorEnum code.</summary>
    public static IResult Auth(int code, string message, int status) =>
        SandboxJson.Json(new { error = new { code, message } }, status);

    /// <summary>The body for an injected fault: code 0 is no BigGo code, so clients fall back on the status.</summary>
    public static string Generic(int status) =>
        ApiJson(0, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}");
}

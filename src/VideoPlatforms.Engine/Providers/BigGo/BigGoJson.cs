using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>A BigGo refusal, keeping the platform's own message for callers that reword it.</summary>
internal sealed class BigGoApiException : VideoProviderException
{
    // platformMessage: the error.message (or OAuth error_description) BigGo sent, redacted.
    public BigGoApiException(ProviderErrorKind kind, string errorId, string message, string? platformMessage)
        : base(kind, errorId, message)
    {
        PlatformMessage = platformMessage;
        Platform = "BigGo";
    }
}

/// <summary>BigGo's JSON to and from the common objects, and its error codes (docs/platforms/biggo.md#video-object-and-status and #5-errors).</summary>
internal static class BigGoJson
{
    // BigGoAPIErrorEnum (JS packages/api-core/lib/error/types.ts).
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

    /// <summary>process_status COMPLETE: 13 in both SDKs (the only value they agree on).</summary>
    public const int ProcessComplete = 13;

    /// <summary>The numeric <c>error.code</c> of a BigGo error body, or null when the body has none.</summary>
    public static int? ErrorCode(string? content)
    {
        if (string.IsNullOrEmpty(content)) return null;
        try
        {
            return JsonText.Parse(content) is JObject { } body && body["error"] is JObject error
                   && error["code"] is JValue { Type: JTokenType.Integer or JTokenType.String } code
                   && int.TryParse(code.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Video ToVideo(JObject video, VideoProviderConnection connection) =>
        new("BigGo", JsonText.String(video, "video_id") ?? "", connection)
        {
            // Neither SDK model has a title field; "name" sits with profileimg/userid/at_userid and is the uploader's
            // name (VideoUserInfo.name), so it is never shown as the title. Title is read from "title" when sent.
            Title = JsonText.String(video, "title"),
            Description = JsonText.String(video, "description"),
            Privacy = ToPrivacy(video["access"]),
            Status = ToStatus(video["status"] as JObject),
            Duration = video.SelectToken("meta.length") is JValue { Type: JTokenType.Integer or JTokenType.Float } length
                ? TimeSpan.FromSeconds(length.Value<double>()) : null,
            CreatedAt = CreatedAt(video),
            Url = JsonText.Url(video, "url"),
            ThumbnailUrl = JsonText.Url(video, "meta.cover_image"),
            Raw = JsonText.ToDictionary(video),
        };

    private static DateTimeOffset? CreatedAt(JObject video) =>
        JsonText.Date(video, "created_at")
        ?? (video["timestamp"] is JValue { Type: JTokenType.Integer } ts ? DateTimeOffset.FromUnixTimeSeconds(ts.Value<long>()) : null);

    /// <summary>
    /// Reading of the ⚠ process_status enum: only COMPLETE = 13 is common to both SDKs (Python INQUEUE = 0, JS
    /// IN_QUEUE = 1), so a video is Ready when it is not <c>processing</c> and its status is 13, and Processing
    /// otherwise. The SDKs name no failure value; a failed transcode is reported by the API as error 1001 instead.
    /// </summary>
    public static VideoStatus? ToStatus(JObject? status)
    {
        if (status is null) return null;
        var processing = status.Value<bool?>("processing");
        var code = status["process_status"] is JValue { Type: JTokenType.Integer } v ? v.Value<int>() : (int?)null;
        if (processing is null && code is null) return null;
        return processing != true && code == ProcessComplete ? VideoStatus.Ready : VideoStatus.Processing;
    }

    /// <summary>
    /// Reading of the ⚠ access type: the Python enum's integers, 0 public, 1 private, 2 unlisted, which the JS
    /// client also accepts (VideoVisibility). Written as integers; read as integers, or the JS strings if a server
    /// ever sends them.
    /// </summary>
    public static VideoPrivacy? ToPrivacy(JToken? access) => access switch
    {
        JValue { Type: JTokenType.Integer } i => i.Value<int>() switch
        {
            0 => VideoPrivacy.Public,
            1 => VideoPrivacy.Private,
            2 => VideoPrivacy.Unlisted,
            _ => null,
        },
        JValue { Type: JTokenType.String } s => s.ToString().ToLowerInvariant() switch
        {
            "public" => VideoPrivacy.Public,
            "private" => VideoPrivacy.Private,
            "unlisted" => VideoPrivacy.Unlisted,
            _ => null,
        },
        _ => null,
    };

    public static int? FromPrivacy(VideoPrivacy? privacy) => privacy switch
    {
        null => null,
        VideoPrivacy.Public => 0,
        VideoPrivacy.Private => 1,
        VideoPrivacy.Unlisted => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(privacy)),
    };

    /// <summary>
    /// Turns a BigGo error body <c>{result:false, error:{code, message}}</c> (or the token endpoint's OAuth shape
    /// <c>{error:"..."}</c>) into an error a person can act on. The numeric code stays in ProviderCode. Codes the
    /// table does not know fall back to the HTTP status.
    /// </summary>
    /// <remarks>
    /// BigGo's HTTP statuses mean nothing of their own (its clients read only the body), so a refusal whose body is not
    /// JSON at all says nothing certain: it is MalformedResponse, as uncertain as a lost answer, and an upload sends
    /// again. Read as a plain 400 instead, a resend's 1002 garbled on the way ended the upload as an invalid request
    /// while the earlier attempt's video stayed on the account.
    /// </remarks>
    public static VideoProviderException MapError(ProviderHttp http, RestResponse response, string what)
    {
        var status = (int)response.StatusCode;
        if (FromBody(http, response.Content, what, status) is { } known) return known;
        if (status is >= 400 and < 500 and not 429 && !string.IsNullOrWhiteSpace(response.Content) && !IsJson(response.Content))
            return new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                $"BigGo answered {what} with {status} and a body that is not JSON, so what it refused is unknown. Run the command again.")
                { StatusCode = status, Request = what };
        return http.GenericFailure(response, what, null, null);
    }

    private static bool IsJson(string content)
    {
        try
        {
            JsonText.Parse(content);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The error in a body (whatever its HTTP status: a 200 with result false is a failure too), or null.</summary>
    public static VideoProviderException? FromBody(ProviderHttp http, string? content, string what, int status)
    {
        JObject? body;
        try
        {
            body = string.IsNullOrEmpty(content) ? null : JsonText.Parse(content) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
        if (body is null) return null;
        string? codeText = null, message = null;
        switch (body["error"])
        {
            case JObject error:
                codeText = JsonText.String(error, "code");
                message = JsonText.String(error, "message");
                break;
            case JValue { Type: JTokenType.String } oauth:
                codeText = oauth.ToString();
                message = JsonText.String(body, "error_description");
                break;
            default:
                if (body.Value<bool?>("result") == false) message = "the answer said result: false without an error";
                else return null;
                break;
        }
        message = string.IsNullOrWhiteSpace(message) ? null : http.Redactor.Redact(message);
        var said = message is null ? "" : $" (BigGo said: {message})";
        var code = int.TryParse(codeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var (kind, id, text) = code switch
        {
            ErrorMethod => (ProviderErrorKind.ProtocolError, "MethodNotAllowed", $"BigGo does not accept {what}{said}. This is a defect of the module or a changed API; please report it."),
            WithoutVerify => (ProviderErrorKind.Forbidden, "AccountNotVerified", $"BigGo refused {what} because the account is not verified for this{said}. Verify the account at account.biggo.com, then run the command again."),
            JwtInvalid => (ProviderErrorKind.Unauthorized, "AuthenticationFailed", $"BigGo refused the access token for {what} as invalid{said}. Connect again with Connect-VideoProvider -Provider BigGo -ClientCredential."),
            JwtExpired => (ProviderErrorKind.Unauthorized, "AccessTokenExpired", $"BigGo kept refusing the access token for {what} as expired, even after {BigGoAuthenticator.RenewalLimit} renewals{said}. Check the computer's clock, then connect again."),
            TranscodeError => (ProviderErrorKind.InvalidData, "TranscodeFailed", $"BigGo could not transcode the video of {what}{said}. Check that the file is a playable video in a common format (MP4/H.264)."),
            VideoExists => (ProviderErrorKind.Conflict, "VideoAlreadyExists", $"BigGo already has a video with this content{said}; it refuses the same file twice."),
            DifferentUser => (ProviderErrorKind.Forbidden, "AccessDenied", $"BigGo refused {what}: the video belongs to another user{said}. Only the owner can change, delete or see a private video."),
            VideoNotExist or VideoDeleted => (ProviderErrorKind.NotFound, "VideoNotFound", $"BigGo has no such video for {what}{said}. Check the id (Get-Video lists the account's videos)."),
            ParameterInvalid => (ProviderErrorKind.InvalidArgument, "InvalidArgument", $"BigGo refused a value of {what}{said}. Check the values given to the command."),
            UserNotExist => (ProviderErrorKind.NotFound, "UserNotFound", $"BigGo has no such user for {what}{said}. Check the user id (the userid, not the @name)."),
            ProductNotExist => (ProviderErrorKind.InvalidArgument, "ProductNotFound", $"BigGo has no such product for {what}{said}."),
            ProductListOverLimit => (ProviderErrorKind.InvalidArgument, "TooManyProducts", $"BigGo takes at most 10 products per video ({what}){said}."),
            MissingParameters => (ProviderErrorKind.InvalidArgument, "InvalidArgument", $"BigGo says {what} lacks a required value{said}. Give every value the command needs."),
            _ => (ProviderErrorKind.ProtocolError, "", ""),
        };
        if (id.Length == 0)
        {
            // Unknown code (or the token endpoint's OAuth string): keep the status's meaning, add what BigGo said.
            var fallback = status switch
            {
                401 => (ProviderErrorKind.Unauthorized, "AuthenticationFailed", "Connect again with Connect-VideoProvider and valid credentials."),
                403 => (ProviderErrorKind.Forbidden, "AccessDenied", "The account or its credentials lack the permission for this."),
                404 => (ProviderErrorKind.NotFound, "ResourceNotFound", "Check the id."),
                429 => (ProviderErrorKind.RateLimited, "RateLimitExceeded", "Wait a minute and run the command again."),
                >= 500 => (ProviderErrorKind.ServerError, "ProviderServerError", "The platform failed; run the command again later."),
                >= 400 => (ProviderErrorKind.InvalidArgument, "InvalidRequest", "Check the values given to the command."),
                _ => (ProviderErrorKind.ProtocolError, "UnexpectedResponse", "Run the command again."),
            };
            (kind, id, text) = (fallback.Item1, fallback.Item2, $"BigGo refused {what} with {status}{(codeText is null ? "" : $", error {codeText}")}{said}. {fallback.Item3}");
        }
        return new BigGoApiException(kind, id, text, message) { StatusCode = status, ProviderCode = codeText, Request = what };
    }
}

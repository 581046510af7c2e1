using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// An entry of an api.video error's "problems" list: the same members as the error itself, range and detail
/// included (the OpenAPI document's 400 example for GET /videos gives each out-of-range parameter its range).
/// </summary>
internal sealed record ApiVideoProblem(
    string Type,
    string Title,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ApiVideoRange? Range = null);

/// <summary>{min,max} of an out-of-range parameter, as api.video reports it.</summary>
internal sealed record ApiVideoRange(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Min,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Max);

/// <summary>api.video's error body: RFC 7807-like, served as plain application/json.</summary>
internal sealed record ApiVideoError
{
    public required string Type { get; init; }
    public required string Title { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    public required int Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiVideoRange? Range { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ApiVideoProblem>? Problems { get; init; }

    public IResult ToResult() => SandboxJson.Json(this, Status);

    public string ToJson() => JsonSerializer.Serialize(this, SandboxJson.Options);
}

/// <summary>
/// Every error the api.video emulation sends. Slugs are those of api.video's error reference pages
/// (docs.api.video/reference/&lt;slug&gt;); titles follow the reference pages where they give one.
/// </summary>
internal static class ApiVideoErrors
{
    private const string Base = "https://docs.api.video/reference/";
    private const long MiB = 1024 * 1024;

    private static ApiVideoError Make(int status, string slug, string title, string? name = "", string? detail = null) =>
        new() { Type = Base + slug, Title = title, Name = name, Status = status, Detail = detail };

    // --- general -------------------------------------------------------------------------------------------
    public static ApiVideoError NotFound(string name) => Make(404, "resource-not-found", "The requested resource was not found.", name);
    public static ApiVideoError UnrecognizedUrl() => Make(404, "unrecognized-request-url", "Unrecognized request URL.", name: null);
    public static ApiVideoError MethodNotAllowed() => Make(405, "method-not-allowed", "Method is not allowed for this route.", name: null);
    public static ApiVideoError TooManyRequests() => Make(429, "too-many-requests", "Too many requests.", name: null);
    public static ApiVideoError InvalidPayload(string? detail = null) => Make(400, "invalid-payload", "The payload is invalid.", "", detail);

    public static ApiVideoError Generic(int status) => status switch
    {
        400 => InvalidPayload(),
        401 => InvalidAccessToken("Injected fault."),
        404 => NotFound(""),
        405 => MethodNotAllowed(),
        429 => TooManyRequests(),
        >= 500 => Make(status, "server-error", status == 500 ? "Server error" : ReasonPhrases.GetReasonPhrase(status) + ".", name: null),
        _ => Make(status, "error", ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.", name: null),
    };

    public static ApiVideoError AttributeRequired(string name) => Make(400, "attribute-required", "This attribute is required.", name);
    public static ApiVideoError InvalidAttribute(string name, string title) => Make(400, "invalid-attribute", title, name);

    public static ApiVideoError WithProblems(IReadOnlyList<ApiVideoError> errors) =>
        errors.Count == 1
            ? errors[0]
            : errors[0] with { Problems = [.. errors.Select(e => new ApiVideoProblem(e.Type, e.Title, e.Name ?? "", e.Detail, e.Range))] };

    /// <summary>
    /// Every problem of several checks in one answer, as the API reports a request with several bad values at
    /// once; null when all passed.
    /// </summary>
    public static ApiVideoError? Combine(params ApiVideoError?[] errors)
    {
        var all = errors.OfType<ApiVideoError>()
            .SelectMany(e => e.Problems is { Count: > 0 } problems
                ? problems.Select(p => Make(e.Status, p.Type[Base.Length..], p.Title, p.Name, p.Detail) with { Range = p.Range })
                : [e])
            .ToList();
        return all.Count == 0 ? null : WithProblems(all);
    }

    public static ApiVideoError QueryOutOfRange(string name, long? min, long? max) =>
        Make(400, "request-invalid-query-parameter", "This parameter is out of the allowed range of values.", name) with { Range = new ApiVideoRange(min, max) };

    public static ApiVideoError InvalidQuery(string name, string detail) =>
        Make(400, "request-invalid-query-parameter", "A query parameter is invalid.", name, detail);

    // --- authentication ------------------------------------------------------------------------------------
    public static ApiVideoError InvalidUserCredentials() => Make(400, "authentication-invalid-user-credentials", "The user credentials were incorrect.");
    public static ApiVideoError MissingAuthorizationHeader() => Make(401, "authentication-missing-authorization-header", "The authorization header is missing.", name: null);
    public static ApiVideoError InvalidAuthorizationHeader() =>
        Make(401, "authentication-invalid-authorization-header-value", "The authorization header value is invalid.", name: null,
            "Use \"Bearer <access token>\" or HTTP Basic with the API key as user name and an empty password.");
    public static ApiVideoError InvalidAccessToken(string detail) => Make(401, "authentication-invalid-access-token", "The access token is invalid or has expired.", name: null, detail);
    public static ApiVideoError InvalidApiKey() => Make(401, "authentication-invalid-api-key", "The API key is invalid.", name: null);
    public static ApiVideoError MissingUploadToken() => Make(401, "authentication-missing-upload-token", "The upload token is missing.", "token");
    public static ApiVideoError InvalidUploadToken(string detail) => Make(401, "authentication-invalid-upload-token", "The upload token is invalid or has expired.", "token", detail);

    // --- uploaded files ------------------------------------------------------------------------------------
    public static ApiVideoError NoFile() => Make(400, "uploaded-file-no-file", "There is no uploaded file in the request.", "file");
    public static ApiVideoError MultipleFiles() => Make(400, "uploaded-file-multiple-files", "There is more than one uploaded file in the request.", "file");
    public static ApiVideoError EmptyFile() => Make(400, "uploaded-file-empty", "The uploaded file is empty.", "file");
    public static ApiVideoError FileTooLarge(long maxBytes, string? hint = null) =>
        Make(400, "uploaded-file-too-large", "The uploaded file is too large.", "file",
            $"The maximum is {maxBytes / MiB} MiB ({maxBytes} bytes) per request.{(hint is null ? string.Empty : " " + hint)}");
    public static ApiVideoError ThumbnailExtensionInvalid() =>
        Make(400, "uploaded-file-extension-invalid", "The uploaded file extension is not supported.", "file", "Only jpeg, jpg, png and webp images are supported.");
    public static ApiVideoError SourceAlreadyUploaded() => Make(400, "video-source-already-uploaded", "The source of the video is already uploaded.", "file");

    // --- Content-Range -------------------------------------------------------------------------------------
    private static ApiVideoError Range(string slug, string title, string? detail = null) => Make(400, slug, title, "Content-Range", detail);

    public static ApiVideoError RangeMalformed() => Range("video-content-range-malformed",
        "The value of the \"Content-Range\" header is malformed, the expected format is \"bytes <from_byte>-<to_byte>/<total_bytes>\" or \"part <part>/<total_parts>\".");
    public static ApiVideoError RangeStartedWithPart() => Range("video-content-range-started-with-part",
        "This \"Content-Range\" upload has been started with \"part\", you cannot continue it with \"bytes\".");
    public static ApiVideoError RangeStartedWithBytes() => Range("video-content-range-started-with-bytes",
        "This \"Content-Range\" upload has been started with \"bytes\", you cannot continue it with \"part\".");
    public static ApiVideoError RangeAlreadyInitiated() => Range("video-content-range-already-initiated",
        "This video source has already been initiated with a \"Content-Range\" upload.");

    public static ApiVideoError BytesTotalZero() => Range("video-content-range-by-bytes-total-bytes-zero", "The total bytes must be greater than 0.");
    public static ApiVideoError BytesTotalTooHigh(long max) => Range("video-content-range-by-bytes-total-bytes-too-high", $"The total bytes must not be greater than {max}.");
    public static ApiVideoError BytesFromTooHigh() => Range("video-content-range-by-bytes-from-byte-too-high", "The from byte must not be greater than the to byte.");
    public static ApiVideoError BytesToTooHighTotal() => Range("video-content-range-by-bytes-to-byte-too-high-total", "The to byte must be lower than the total bytes.");
    public static ApiVideoError BytesRangeTooLarge(long max) => Range("video-content-range-by-bytes-range-too-large",
        $"The bytes range is too large: a chunk is at most {max / MiB} MiB ({max} bytes).");
    public static ApiVideoError BytesRangeTooSmall(long min) => Range("video-content-range-by-bytes-range-too-small",
        $"The bytes range is too small: every chunk but the last one must be at least {min / MiB} MiB ({min} bytes).");
    public static ApiVideoError BytesDifferentTotal(long expected) => Range("video-content-range-by-bytes-different-total-bytes",
        $"The total bytes differ from the total of the chunks already received ({expected}).");
    public static ApiVideoError BytesRangeOverlap() => Range("video-content-range-by-bytes-range-overlap", "The bytes range overlaps bytes already received.");
    public static ApiVideoError BytesRangeMismatch(long declared, long received) => Range("video-content-range-by-bytes-range-mismatch",
        "The bytes range does not match the size of the uploaded file.", $"The range announces {declared} bytes but the file part has {received}.");

    public static ApiVideoError PartZero() => Range("video-content-range-by-part-part-zero", "The part number must be greater than 0.");
    public static ApiVideoError PartTotalZero() => Range("video-content-range-by-part-total-parts-zero", "The total parts must be greater than 0.");
    public static ApiVideoError PartTooHighAllowed(int max) => Range("video-content-range-by-part-part-too-high-allowed", $"The part number must not be greater than {max}.");
    public static ApiVideoError PartTotalTooHigh(int max) => Range("video-content-range-by-part-total-parts-too-high", $"The total parts must not be greater than {max}.");
    public static ApiVideoError PartTooHighTotal() => Range("video-content-range-by-part-part-too-high-total", "The part number must not be greater than the total parts.");
    public static ApiVideoError PartTotalTooLow() => Range("video-content-range-by-part-total-parts-too-low", "The total parts is lower than a part already received.");
    public static ApiVideoError PartDifferentTotal(int expected) => Range("video-content-range-by-part-different-total-parts",
        $"The total parts differ from the total given before ({expected}).");
    public static ApiVideoError PartAlreadySent() => Range("video-content-range-by-part-part-already-sent", "This part has already been sent.");
    public static ApiVideoError PartTooSmall(long min) => Range("video-content-range-by-part-uploaded-file-too-small",
        $"The uploaded part is too small: every part but the last one must be at least {min / MiB} MiB ({min} bytes).");
}

namespace VideoPlatforms;

/// <summary>Why a platform call failed, in terms a cmdlet turns into an ErrorCategory.</summary>
public enum ProviderErrorKind
{
    InvalidArgument,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    ServerError,
    Network,
    Timeout,
    NotSupported,
    ProtocolError,
    InvalidData,

    /// <summary>
    /// The platform does not know the URL or route at all (not "no such video"): a wrong BaseUri or -Path. Kept apart
    /// from <see cref="NotFound"/> so that it is never reported as a missing video, token or user.
    /// </summary>
    EndpointNotFound,
}

/// <summary>
/// A failure a person can act on. <see cref="ErrorId"/> is stable (tests and scripts match on it) and the
/// message names the thing that failed and what to do. Messages are redacted before they are built: no secret
/// from the connection ever reaches one.
/// </summary>
public class VideoProviderException : Exception
{
    public VideoProviderException(ProviderErrorKind kind, string errorId, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        ErrorId = errorId;
    }

    public ProviderErrorKind Kind { get; }

    /// <summary>PascalCase and stable, e.g. VideoNotFound.</summary>
    public string ErrorId { get; }

    /// <summary>HTTP status of the response that caused this, if there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The platform's own error code or type, if it gave one.</summary>
    public string? ProviderCode { get; init; }

    /// <summary>The platform's own words about the failure (redacted), if it gave any.</summary>
    public string? PlatformMessage { get; init; }

    /// <summary>The platform's display name (api.video, Vimeo, ...), to say who said <see cref="PlatformMessage"/>.</summary>
    public string? Platform { get; init; }

    /// <summary>Method and redacted URL of the failed request, if there was one.</summary>
    public string? Request { get; init; }

    /// <summary>What a person should do next, where there is something better than reading the message.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>How long the server asked the client to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>
    /// A copy with a more specific id and message, keeping the cause and the HTTP facts. The platform's own words stay
    /// in the message: the module's wording says what to do, the platform's may say what it actually found.
    /// </summary>
    public VideoProviderException Reword(string errorId, string message, ProviderErrorKind? kind = null) =>
        new(kind ?? Kind, errorId, WithPlatformWords(message), this)
        {
            StatusCode = StatusCode, ProviderCode = ProviderCode, Request = Request, RecommendedAction = RecommendedAction,
            RetryAfter = RetryAfter, PlatformMessage = PlatformMessage, Platform = Platform,
        };

    private string WithPlatformWords(string message) =>
        string.IsNullOrWhiteSpace(PlatformMessage) || message.Contains(PlatformMessage, StringComparison.Ordinal)
            ? message
            : $"{message} ({Platform ?? "The platform"} said: {PlatformMessage})";

    /// <summary>True for failures that may pass on their own (throttling, server faults, network).</summary>
    public bool IsTransient => Kind is ProviderErrorKind.RateLimited or ProviderErrorKind.ServerError
        or ProviderErrorKind.Network or ProviderErrorKind.Timeout;
}

/// <summary>
/// An upload that could not finish. Says whether a video was created on the platform, so nothing is left behind
/// unreported: <see cref="VideoId"/> names it, and <see cref="VideoRemoved"/> says whether it was cleaned up.
/// </summary>
public sealed class UploadFailedException : VideoProviderException
{
    public UploadFailedException(VideoProviderException cause, string path, string message, string? videoId, long bytesConfirmed, bool videoRemoved)
        : base(cause.Kind, cause.ErrorId, message, cause)
    {
        Path = path;
        VideoId = videoId;
        BytesConfirmed = bytesConfirmed;
        VideoRemoved = videoRemoved;
        StatusCode = cause.StatusCode;
        ProviderCode = cause.ProviderCode;
        Request = cause.Request;
        RecommendedAction = cause.RecommendedAction;
        PlatformMessage = cause.PlatformMessage;
        Platform = cause.Platform;
    }

    public string Path { get; }

    /// <summary>The video the upload created before failing, or null if none was created.</summary>
    public string? VideoId { get; }

    /// <summary>Bytes the platform confirmed it holds.</summary>
    public long BytesConfirmed { get; }

    /// <summary>True when the created, still-empty video was deleted again.</summary>
    public bool VideoRemoved { get; }
}

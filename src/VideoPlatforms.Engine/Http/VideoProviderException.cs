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
/// What a failed call may have done on the platform, judged from every attempt it made. A call that is not safe to
/// repeat (a create, a delete) needs this to tell a failure that changed nothing from one whose work may be done.
/// </summary>
public enum RequestOutcome
{
    /// <summary>No attempt reached the platform (the connection was refused, the name did not resolve): nothing was done.</summary>
    NotSent,

    /// <summary>Every attempt that reached the platform was refused with an answer (4xx): nothing was done.</summary>
    Refused,

    /// <summary>An attempt reached the platform and its answer was lost, cut short, late or a server failure (5xx): the work may be done.</summary>
    Unknown,

    /// <summary>The platform said it did the work (2xx), but its answer could not be read.</summary>
    Done,
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

    /// <summary>The platform's display name (as the provider's DisplayName gives it), to say who said <see cref="PlatformMessage"/>.</summary>
    public string? Platform { get; init; }

    /// <summary>Method and redacted URL of the failed request, if there was one.</summary>
    public string? Request { get; init; }

    /// <summary>What a person should do next, where there is something better than reading the message.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>How long the server asked the client to wait before trying again, if it said.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>
    /// What the failed call may have done, over all its attempts; null when no request was judged (a check before
    /// sending, or a failure read from an answer's content).
    /// </summary>
    public RequestOutcome? Outcome { get; set; }

    /// <summary>Whether the platform may have done the work even though the call failed.</summary>
    public bool MayHaveActed => Outcome is RequestOutcome.Unknown or RequestOutcome.Done;

    /// <summary>
    /// For a call that is not safe to repeat (it creates something): when an attempt may have done the work, a copy
    /// whose message says what may now exist and how to find it (<paramref name="whatMayExist"/>); otherwise this
    /// error as it is, since a refused or never-sent call made nothing.
    /// </summary>
    public VideoProviderException NotingWhatMayExist(string whatMayExist) =>
        MayHaveActed ? Reword(ErrorId, $"{Message.TrimEnd()} The request reached the platform before its answer was lost or failed, so {whatMayExist}") : this;

    /// <summary>
    /// A copy with a more specific id and message, keeping the cause and the HTTP facts. The platform's own words stay
    /// in the message: the module's wording says what to do, the platform's may say what it actually found.
    /// </summary>
    public VideoProviderException Reword(string errorId, string message, ProviderErrorKind? kind = null) =>
        new(kind ?? Kind, errorId, WithPlatformWords(message), this)
        {
            StatusCode = StatusCode, ProviderCode = ProviderCode, Request = Request, RecommendedAction = RecommendedAction,
            RetryAfter = RetryAfter, PlatformMessage = PlatformMessage, Platform = Platform, Outcome = Outcome,
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
        Outcome = cause.Outcome;
    }

    public string Path { get; }

    /// <summary>The video the upload created before failing, or null if none was created.</summary>
    public string? VideoId { get; }

    /// <summary>Bytes the platform confirmed it holds.</summary>
    public long BytesConfirmed { get; }

    /// <summary>True when the created, still-empty video was deleted again.</summary>
    public bool VideoRemoved { get; }
}

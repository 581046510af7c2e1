namespace VideoPlatforms;

/// <summary>
/// One platform's client behind a connection. Cmdlets only ever talk to this interface, so a platform plugs in
/// with one folder under Providers and one entry in <see cref="ProviderRegistry"/>.
/// </summary>
/// <remarks>
/// No member has a default body here: <see cref="CapabilityGuard"/> stands in front of every provider, and a default
/// body would let it silently answer with the default instead of the provider's own value (AccountId did, so copy
/// records named the token's scopes). Shared defaults live in <c>VideoProviderBase</c>, and the compiler makes every
/// implementation, the guard included, say each member.
/// Every method may throw <see cref="VideoProviderException"/> (platform refusals, network faults) and
/// <see cref="OperationCanceledException"/> when the token is cancelled. Nothing here touches PowerShell.
/// </remarks>
public interface IVideoProvider : IDisposable
{
    /// <summary>The registry name, as <see cref="ProviderRegistry.All"/> lists it.</summary>
    string Name { get; }

    string? Account { get; }

    /// <summary>
    /// Who the account is, the same whichever credential of it the connection holds: no scopes, no secret. Copy
    /// records and markers name a source by it. Null where the platform does not say (api.video's keys name no
    /// project); <see cref="Account"/> by default.
    /// </summary>
    string? AccountId { get; }

    DateTimeOffset? CredentialExpiresAt { get; }

    /// <summary>The platform region the connection works in, where the platform has regions (ConnectRegion honoured).</summary>
    string? Region { get; }

    bool CanManageVideos { get; }

    /// <summary>The chunk sizes this platform accepts, and the one used when none is asked for.</summary>
    ChunkSizeLimits ChunkSizes { get; }

    /// <summary>
    /// Checks an upload's options against the platform's rules (chunk size, privacy values) without any I/O, so a
    /// bad parameter stops a batch once, before anything is created.
    /// </summary>
    void ValidateUpload(UploadRequest request);

    /// <summary>Checks an update's values against the platform's rules without any I/O.</summary>
    void ValidateUpdate(VideoUpdate update);

    /// <summary>Authenticates (or verifies the credentials) so a wrong key fails here, not later.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken);

    /// <summary>Streams the listing a page at a time; the caller stops enumerating when it has enough.</summary>
    IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken);

    Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken);

    Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken);

    Task DeleteVideoAsync(string id, CancellationToken cancellationToken);

    Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken);

    Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken);

    IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken);

    Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// Sends an authenticated request to any path of the platform's API (Invoke-VideoProviderRequest), with the same
    /// retries, redaction and error mapping as every other call; a path outside the API base is refused.
    /// </summary>
    Task<ProviderResponse> InvokeAsync(ProviderRequest request, CancellationToken cancellationToken);

    /// <summary>The files of a video that can be downloaded (source and encoded qualities), as the platform lists them.</summary>
    Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Streams a rendition to <paramref name="path"/> through <c>&lt;path&gt;.partial</c>, resuming an earlier partial
    /// file and dropped connections with range requests; refuses an existing file unless <paramref name="overwrite"/>.
    /// </summary>
    Task<VideoDownloadResult> DownloadAsync(VideoRendition rendition, string path, bool overwrite, IProgress<TransferProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a caption request without any I/O on the platform: the options against the platform's declaration, the
    /// language tag, and the file as WebVTT, so a bad file or tag is refused before anything is sent.
    /// </summary>
    void ValidateCaption(CaptionRequest request);

    /// <summary>Attaches a WebVTT file to a video as captions, subtitles or chapters; a track of the same language and kind is replaced where the platform keys tracks that way.</summary>
    /// <remarks>A provider that has no text tracks refuses (CaptionsNotSupported).</remarks>
    Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken);

    /// <summary>The caption, subtitle and chapter tracks of a video.</summary>
    Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>Removes one track, as <see cref="GetCaptionsAsync"/> or <see cref="AddCaptionAsync"/> returned it.</summary>
    Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a track's WebVTT file, as <see cref="GetCaptionsAsync"/> listed it, to <paramref name="path"/>; refuses an
    /// existing file unless <paramref name="overwrite"/>. Throws CaptionNotReadable where the platform gives no link to it.
    /// </summary>
    Task<string> DownloadCaptionAsync(VideoCaption caption, string path, bool overwrite, CancellationToken cancellationToken);

    /// <summary>Checks what a download asks for besides the video (Save-Video -IncludeCaptions) against the platform's declaration, without any I/O.</summary>
    void ValidateDownload(DownloadRequest request);
}

/// <summary>The chunk sizes a platform accepts for uploads.</summary>
public sealed record ChunkSizeLimits(long Minimum, long Maximum, long Default)
{
    /// <summary>For platforms that take the whole file in one request: any chunk size is meaningless.</summary>
    public static ChunkSizeLimits WholeFile { get; } = new(0, long.MaxValue, long.MaxValue);
}

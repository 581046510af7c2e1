namespace VideoPlatforms;

/// <summary>What to upload and how to describe it. Null fields are left to the platform's defaults.</summary>
public sealed class UploadRequest
{
    public UploadRequest(string filePath) => FilePath = filePath;

    /// <summary>The full path of a local file.</summary>
    public string FilePath { get; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public VideoPrivacy? Privacy { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get => _metadata; init => _metadata = value; }

    private IReadOnlyDictionary<string, string>? _metadata;

    /// <summary>Bytes per chunk; null for the platform's default. Validated against the platform's limits.</summary>
    public long? ChunkSize { get; init; }

    /// <summary>
    /// Chunks of this one file in flight at once (1 to <see cref="MaximumChunkConcurrency"/>); null for one at a time.
    /// Only for platforms whose protocol takes a file's chunks in any order (api.video).
    /// </summary>
    public int? ChunkConcurrency { get; init; }

    /// <summary>The most chunks of one file sent at once: past this a link is full and the platform sees a flood.</summary>
    public const int MaximumChunkConcurrency = 16;

    /// <summary>When set, upload through this delegated upload token instead of the connection's credentials.</summary>
    public string? UploadToken { get; init; }

    /// <summary>When set, the file replaces the source of this existing video instead of creating a new one.</summary>
    public string? ReplaceVideoId { get; init; }

    /// <summary>Caption files to attach once the upload is done (Send-Video -CaptionPath); the journal records each one attached.</summary>
    public IReadOnlyList<CaptionRequest>? Captions { get; init; }

    /// <summary>
    /// Send-Video -SkipExisting: a file whose content the account already holds (the same SHA-256, found on the
    /// platform) is not uploaded again; the existing video is the result (Upload/ContentLookup).
    /// </summary>
    public bool SkipExisting { get; init; }

    /// <summary>The upload attempt's id, also in <see cref="Metadata"/> as a marker: create recovery finds its own stray by it.</summary>
    internal string? AttemptId { get; private set; }

    /// <summary>
    /// The file's SHA-256 computed beside the upload (ProviderCapabilities.MarksContentDuringUpload): the uploader
    /// writes it as the vpSha256 marker before the piece that completes the file. Calling it starts the hash if it has
    /// not started: a new upload's has, a resumed one's starts only if its video turns out to lack the marker (reading a
    /// 4 GiB file again for nothing is 2.5 CPU seconds), or when the uploader starts a new video after all because the
    /// resumed one is gone. Null when the hash is already in <see cref="Metadata"/>, or not recorded at all.
    /// </summary>
    internal Func<Task<string>>? PendingSha256 { get; private set; }

    /// <summary>A unique key the platform keeps for the video (ContentIdentity.UniqueKey), claiming the content for this upload.</summary>
    internal string? PlatformKey { get; private set; }

    /// <summary>
    /// Bytes to send instead of the file at <see cref="FilePath"/> (which then only names them): Copy-Video's pipe
    /// from a download. Honoured by the platforms that take the whole file in one request (UploadChunkSize refused).
    /// </summary>
    internal Upload.UploadBody? Body { get; private set; }

    /// <summary>Finish the upload into this video that an earlier run created (Send-Video -Resume), from what the platform holds.</summary>
    internal string? ResumeVideoId { get; private set; }

    /// <summary>Told when the platform creates the video and confirms bytes, so the resume journal stays current.</summary>
    internal Upload.IUploadCheckpoint? Checkpoint { get; private set; }

    /// <summary>This request with its bytes taken from <paramref name="body"/> instead of its file.</summary>
    internal UploadRequest WithBody(Upload.UploadBody body)
    {
        var copy = (UploadRequest)MemberwiseClone();
        copy.Body = body;
        return copy;
    }

    /// <summary>
    /// This request carrying the content markers (Upload/ContentMarkers) in its metadata beside the user's own, and
    /// <paramref name="platformKey"/> as the video's unique key where given.
    /// </summary>
    internal UploadRequest WithMarkers(string sha256, string attemptId, string? platformKey)
    {
        var copy = (UploadRequest)MemberwiseClone();
        copy._metadata = Upload.ContentMarkers.Adding(Metadata, (Upload.ContentMarkers.Sha256Key, sha256), (Upload.ContentMarkers.AttemptKey, attemptId));
        copy.AttemptId = attemptId;
        copy.PlatformKey = platformKey;
        return copy;
    }

    /// <summary>
    /// This request carrying the attempt marker now and the content's SHA-256 once <paramref name="sha256"/> completes:
    /// the uploader adds it (<see cref="PendingSha256"/>).
    /// </summary>
    internal UploadRequest WithPendingMarkers(Func<Task<string>> sha256, string attemptId)
    {
        var copy = (UploadRequest)MemberwiseClone();
        copy._metadata = Upload.ContentMarkers.Adding(Metadata, (Upload.ContentMarkers.AttemptKey, attemptId));
        copy.AttemptId = attemptId;
        copy.PendingSha256 = sha256;
        return copy;
    }

    /// <summary>This request with the content's SHA-256 still being computed, for a resumed upload's marker (<see cref="PendingSha256"/>).</summary>
    internal UploadRequest WithPendingSha256(Func<Task<string>> sha256)
    {
        var copy = (UploadRequest)MemberwiseClone();
        copy.PendingSha256 = sha256;
        return copy;
    }

    /// <summary>This request claiming <paramref name="platformKey"/> as the video's unique key (Copy-Video on a ContentIdentity.UniqueKey destination).</summary>
    internal UploadRequest WithPlatformKey(string platformKey)
    {
        var copy = (UploadRequest)MemberwiseClone();
        copy.PlatformKey = platformKey;
        return copy;
    }

    /// <summary>This request with <paramref name="metadata"/> instead of its metadata, every other option kept.</summary>
    internal UploadRequest WithMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        var copy = (UploadRequest)MemberwiseClone();
        copy._metadata = metadata;
        return copy;
    }

    /// <summary>This request, resuming into <paramref name="resumeVideoId"/> (or not) and reporting to <paramref name="checkpoint"/>.</summary>
    internal UploadRequest With(string? resumeVideoId, Upload.IUploadCheckpoint? checkpoint)
    {
        // MemberwiseClone keeps every option, including ones added later, without listing them here.
        var copy = (UploadRequest)MemberwiseClone();
        copy.ResumeVideoId = resumeVideoId;
        copy.Checkpoint = checkpoint;
        return copy;
    }
}

/// <summary>A partial update: only the non-null fields are changed.</summary>
public sealed class VideoUpdate
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Replaces the whole tag list when set.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    public VideoPrivacy? Privacy { get; init; }

    /// <summary>Replaces the whole metadata set when set.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The video's own key, a second id chosen by its owner (UpdateKey). An empty string removes it.</summary>
    public string? Key { get; init; }

    /// <summary>The day the platform deletes the video (UpdateExpiresOn).</summary>
    public DateTimeOffset? ExpiresOn { get; init; }

    /// <summary>The full path of a local image file to make the video's thumbnail.</summary>
    public string? ThumbnailPath { get; init; }

    /// <summary>The time in the video whose frame the platform makes the thumbnail (api.video's timecode).</summary>
    public TimeSpan? ThumbnailAt { get; init; }

    public bool IsEmpty => Title is null && Description is null && Tags is null && Privacy is null && Metadata is null
        && Key is null && ExpiresOn is null && ThumbnailPath is null && ThumbnailAt is null;
}

/// <summary>What Save-Video saves besides the video file; checked against the platform's declaration before any request.</summary>
public sealed class DownloadRequest
{
    /// <summary>Save the video's caption, subtitle and chapter files beside it.</summary>
    public bool IncludeCaptions { get; init; }
}

/// <summary>Filters and position for a listing. Filters a platform lacks are refused by that platform.</summary>
public sealed class VideoQuery
{
    /// <summary>Videos whose title matches (the platform decides how: api.video matches a substring).</summary>
    public string? Title { get; init; }

    /// <summary>Videos carrying every one of these tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Lists another user's (public) videos instead of the connected account's, where the platform has users' channels (ListUser).</summary>
    public string? User { get; init; }

    /// <summary>Videos in any of these states; null or empty for every state. Refused by platforms that cannot filter by it.</summary>
    public IReadOnlyList<VideoStatus>? Statuses { get; init; }


    /// <summary>Items to pass over before the first one returned.</summary>
    public long Skip { get; init; }

    /// <summary>Items per page request; null for the platform's maximum (fewer round trips).</summary>
    public int? PageSize { get; init; }
}

/// <summary>One page of a listing, as it came off the wire.</summary>
public sealed class Page<T>
{
    public Page(IReadOnlyList<T> items, long? totalCount)
    {
        Items = items;
        TotalCount = totalCount;
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>All items matching the query across every page, where the platform says.</summary>
    public long? TotalCount { get; }
}

/// <summary>How long a new upload token lives.</summary>
public sealed class UploadTokenRequest
{
    /// <summary>Null or zero: the token never expires.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>
    /// What the token allows, as the platform's grant object (for example {"create":{"session_owned":true}},
    /// "read", "update", "destroy"); nested dictionaries and lists. Null for the platform's default. Refused where the
    /// platform has no grants.
    /// </summary>
    public System.Collections.IDictionary? Grants { get; init; }

    /// <summary>How many sessions may use the token (the platform's session limit); null for no limit.</summary>
    public int? SessionLimit { get; init; }

    /// <summary>How long the token stays valid after its first use (the platform's usage expiration time); null for no limit.</summary>
    public TimeSpan? UsageTime { get; init; }
}

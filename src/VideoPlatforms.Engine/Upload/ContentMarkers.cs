using System.Security.Cryptography;

namespace VideoPlatforms.Upload;

/// <summary>
/// What an upload records about itself on the platform, so the platform (not a local journal) says what a video
/// carries: the content's SHA-256 and the id of the upload attempt that made it. The keys are the module's own;
/// Send-Video refuses them in a user's -Metadata. Where they are kept (docs/exactly-once.md):
/// in searchable metadata where the platform has it (one listing request finds a hash or an attempt); in the
/// video's data where it is not searchable, plus, with -SkipExisting on a platform that keeps unique keys, the video's unique key <see cref="ContentKey"/>, which is
/// both the claim (the platform refuses a second video with it) and the lookup (one GET by key). A platform with no field
/// may refuse the same bytes twice, which is then its content identity, or have none at all (each platform's
/// ContentIdentity in its declaration; docs/platforms/).
/// </summary>
internal static class ContentMarkers
{
    /// <summary>The content's SHA-256, lowercase hex.</summary>
    public const string Sha256Key = "vpSha256";

    /// <summary>A random id per upload of one file by one run: create recovery finds its own stray video by it.</summary>
    public const string AttemptKey = "vpUploadAttempt";

    /// <summary>The folder a Sync-Video upload came from (its -FolderId): -Delete removes only videos carrying its own.</summary>
    public const string SyncFolderKey = "vpSyncFolder";

    /// <summary>The file's path inside that folder, with forward slashes: a file whose content changed is found by it.</summary>
    public const string SyncPathKey = "vpSyncPath";

    /// <summary>Every metadata key the module writes itself; a user's -Metadata may not use them.</summary>
    public static IReadOnlyList<string> Reserved { get; } = [Sha256Key, AttemptKey, SyncFolderKey, SyncPathKey, Copy.VideoCopier.MarkerKey, Copy.VideoCopier.ShaKey];

    public static bool IsReserved(string key) => Reserved.Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary><paramref name="metadata"/> without the markers an upload writes about itself (hash, attempt).</summary>
    public static IReadOnlyDictionary<string, string> WithoutUploadMarkers(IReadOnlyDictionary<string, string> metadata) =>
        metadata.Keys.Any(k => k is Sha256Key or AttemptKey)
            ? metadata.Where(e => e.Key is not (Sha256Key or AttemptKey)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)
            : metadata;

    /// <summary>
    /// A new metadata set <paramref name="given"/> that keeps the module's markers of <paramref name="current"/>: a
    /// platform that replaces metadata whole (metadata or data set whole) would otherwise drop them on Set-Video -Metadata,
    /// and -SkipExisting and Copy-Video would no longer recognise the video.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KeepMarkers(IReadOnlyDictionary<string, string> given, IReadOnlyDictionary<string, string>? current)
    {
        var kept = current?.Where(e => IsReserved(e.Key) && !given.ContainsKey(e.Key)).ToList();
        if (kept is not { Count: > 0 }) return given;
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in given.Concat(kept)) merged[key] = value;
        return merged;
    }

    /// <summary><paramref name="metadata"/> (the user's own, or a video's) with the markers set, in a new dictionary.</summary>
    public static Dictionary<string, string> Adding(IReadOnlyDictionary<string, string>? metadata, params (string Key, string Value)[] markers)
    {
        var marked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) marked[key] = value;
        foreach (var (key, value) in markers) marked[key] = value;
        return marked;
    }

    /// <summary>The unique key a -SkipExisting upload claims for its content, where the platform has one (<see cref="ContentIdentity.UniqueKey"/>).</summary>
    public static string ContentKey(string sha256) => "vp-sha256-" + sha256;

    /// <summary>
    /// The unique key a Copy-Video copy claims on a destination that keeps keys (ContentIdentity.UniqueKey), from the copy's source marker
    /// (platform/account/id): a copy is found by it with one read, with no local record, and a second one is refused.
    /// </summary>
    public static string CopyKey(string sourceMarker) =>
        "vp-copy-" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sourceMarker))).ToLowerInvariant()[..40];

    /// <summary>Whether the platform keeps a unique key of the module's choosing per video, read back by key (ContentIdentity.UniqueKey).</summary>
    public static bool KeepsUniqueKeys(VideoProviderConnection connection) =>
        Platform(connection)?.Capabilities[PlatformOption.UpdateKey].IsHonoured == true;

    public static string NewAttemptId() => Guid.NewGuid().ToString("N");

    /// <summary>Whether the platform keeps the markers: it stores key/value metadata for an upload.</summary>
    public static bool Recorded(VideoProviderConnection connection) =>
        Platform(connection)?.Capabilities[PlatformOption.UploadMetadata].IsHonoured == true;

    /// <summary>How the connection's platform tells it already holds a file's content (its capability declaration).</summary>
    public static ContentIdentity Identity(VideoProviderConnection connection) =>
        Platform(connection)?.Capabilities.ContentIdentity ?? ContentIdentity.None;

    /// <summary>Whether a plain upload may hash while it sends (<see cref="ProviderCapabilities.MarksContentDuringUpload"/>).</summary>
    public static bool WrittenDuringUpload(VideoProviderConnection connection) =>
        Platform(connection)?.Capabilities.MarksContentDuringUpload == true;

    public static ProviderDescriptor? Platform(VideoProviderConnection connection) =>
        ProviderRegistry.All.FirstOrDefault(d => string.Equals(d.Name, connection.Provider, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <see cref="HashFileAsync"/> beside an upload, on a thread of its own with blocking reads: it reads and hashes for
    /// about 0.6 s per GiB, and on a pool thread it would hold back the upload's own continuations (on two cores the
    /// pool starts with two threads and adds one only every half second or so: the create went out up to 1 s late).
    /// A file that cannot be read is FileNotReadable, one file's error like the upload's own reads, not an I/O
    /// exception that would end a batch.
    /// </summary>
    public static Task<string> HashFileBesideAsync(string path, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 20];
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sha256.AppendData(buffer, 0, read);
                }
                return Convert.ToHexString(sha256.GetHashAndReset()).ToLowerInvariant();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new VideoProviderException(ProviderErrorKind.Forbidden, "FileNotReadable",
                    $"The file '{path}' could not be read for its SHA-256: {ex.Message} Close the program holding it or fix its permissions, then run the command again.", ex);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// The file's SHA-256 from one streaming pass (a 1 MiB buffer; never the whole file in memory). Run before the
    /// upload where the hash must be in the create request (-SkipExisting's lookup, and platforms that take the video
    /// and its data in one request); <see cref="HashFileBesideAsync"/> runs beside the upload where the platform's
    /// uploader writes the marker before the piece that completes the file (<see cref="WrittenDuringUpload"/>).
    /// </summary>
    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false)).ToLowerInvariant();
    }
}

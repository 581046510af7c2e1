using System.Runtime.CompilerServices;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Sync;

/// <summary>
/// The requests and file reads of Sync-Video around the pure <see cref="SyncPlanner"/>: the folder's files and their
/// hashes, the account's videos of the folder, and each step's upload or delete. The platform holds the truth
/// (docs/exactly-once.md): every upload carries its content's hash and the folder's markers, goes through the same
/// journaled upload as Send-Video -SkipExisting, and a run with an empty journal plans from the platform alone.
/// </summary>
public static class FolderSync
{
    /// <summary>The folder's files in <paramref name="scope"/> (-Filter, -Recurse), sorted by their path inside it.</summary>
    public static IReadOnlyList<(string RelativePath, string FullPath, long Size)> EnumerateFiles(string folder, SyncScope scope) =>
        Directory.EnumerateFiles(folder, scope.Filter, scope.Options)
            .Select(full => (RelativePath(folder, full), full, new FileInfo(full).Length))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>A file's path inside the folder as recorded on the platform: forward slashes on every system.</summary>
    public static string RelativePath(string folder, string full) => Path.GetRelativePath(folder, full).Replace('\\', '/');

    /// <summary>The id a folder's videos carry by default: its full path, without a trailing separator.</summary>
    public static string DefaultFolderId(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    /// <summary>Each file's SHA-256, one streaming pass per file (never a whole file in memory), reporting each file done.</summary>
    public static async Task<IReadOnlyList<SyncFile>> HashAsync(IReadOnlyList<(string RelativePath, string FullPath, long Size)> files,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var hashed = new List<SyncFile>(files.Count);
        var total = files.Sum(f => f.Size);
        long done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (relative, full, size) in files)
        {
            hashed.Add(new SyncFile(relative, full, size, await ContentMarkers.HashFileAsync(full, cancellationToken).ConfigureAwait(false)));
            done += size;
            progress?.Report(new TransferProgress(full, done, total, clock.Elapsed));
        }
        return hashed;
    }

    /// <summary>
    /// The videos carrying the folder's marker. A platform that filters its listing by metadata is asked for exactly
    /// those (one paged listing); one that cannot (markers kept in data, which its listing does
    /// not filter) is listed whole once per run and matched here.
    /// </summary>
    public static async Task<IReadOnlyList<Video>> ListFolderVideosAsync(VideoProviderConnection connection, string folderId, CancellationToken cancellationToken)
    {
        var filtered = ContentMarkers.Platform(connection)?.Capabilities[PlatformOption.ListMetadata].How == Support.Server;
        var query = filtered ? new VideoQuery { Metadata = new Dictionary<string, string> { [ContentMarkers.SyncFolderKey] = folderId } } : new VideoQuery();
        var videos = new List<Video>();
        await foreach (var video in Items(connection, query, cancellationToken).ConfigureAwait(false))
            if (SyncPlanner.Marker(video, ContentMarkers.SyncFolderKey) == folderId) videos.Add(video);
        return videos;
    }

    private static async IAsyncEnumerable<Video> Items(VideoProviderConnection connection, VideoQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in connection.Client.ListVideosAsync(query, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            foreach (var video in page.Items) yield return video;
    }

    /// <summary>
    /// Uploads one file of the plan (Upload or Update) as Send-Video -SkipExisting -Resume would, carrying the
    /// folder's markers. The result is Skip when the platform turned out to hold the content already (another
    /// folder's or Send-Video's video, found by its hash), else the step's own action.
    /// </summary>
    public static async Task<SyncResult> UploadAsync(VideoProviderConnection connection, UploadJournal journal, SyncStep step, string folderId,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var file = step.File ?? throw new ArgumentException("Only a file's step is uploaded.", nameof(step));
        var request = new UploadRequest(file.FullPath)
        {
            Metadata = new Dictionary<string, string> { [ContentMarkers.SyncFolderKey] = folderId, [ContentMarkers.SyncPathKey] = file.RelativePath },
            SkipExisting = true,
        };
        // The journal knows a file by its path, size and last-write time, not its content: a file rewritten with both
        // kept (rsync -t, a tool restoring the time) finds the entry of its old content, and the upload would return
        // the old video as this file's new one, which -Delete then removes. A video counts as this file's only if it
        // carries the file's hash; one that does not is the stale entry's, which is forgotten before uploading again.
        var journaled = journal.Find(UploadJournal.NewEntry(connection, file.FullPath))?.VideoId;
        var video = await JournaledUpload.RunAsync(connection, journal, request, resume: true, progress, cancellationToken).ConfigureAwait(false);
        if (journaled is not null && video.Id == journaled && SyncPlanner.Marker(video, ContentMarkers.Sha256Key) != file.Sha256)
        {
            OperationLog.Verbose($"The upload journal's entry for '{file.FullPath}' is {connection.Provider} video {video.Id}, which holds other content (SHA-256 {SyncPlanner.Marker(video, ContentMarkers.Sha256Key) ?? "unknown"}, the file's is {file.Sha256}): the file changed and kept its size and time. Forgetting the entry and uploading the file's content.");
            if (journal.Find(UploadJournal.NewEntry(connection, file.FullPath)) is { } stale && stale.VideoId == journaled) journal.Remove(stale);
            video = await JournaledUpload.RunAsync(connection, journal, request, resume: true, progress, cancellationToken).ConfigureAwait(false);
        }
        return SyncPlanner.Outcome(step, video, folderId);
    }

    /// <summary>Removes a video of the plan's -Delete; one already gone (another worker removed it) is what was wanted.</summary>
    public static async Task<SyncResult> DeleteAsync(VideoProviderConnection connection, string folder, SyncStep step, CancellationToken cancellationToken)
    {
        var video = step.Video ?? throw new ArgumentException("Only a video's step is deleted.", nameof(step));
        try
        {
            await connection.Client.DeleteVideoAsync(video.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            OperationLog.Verbose($"{connection.Provider} video {video.Id} was already gone.");
        }
        return new SyncResult(SyncAction.Delete, Path.Combine(folder, step.RelativePath.Replace('/', Path.DirectorySeparatorChar)), step.RelativePath, video, step.Reason);
    }
}

namespace VideoPlatforms.Sync;

/// <summary>What Sync-Video does (or, with -WhatIf, would do) for one file or one video.</summary>
public enum SyncAction
{
    /// <summary>The file is not on the account: it is uploaded.</summary>
    Upload,

    /// <summary>The account holds the file's content already: nothing is sent.</summary>
    Skip,

    /// <summary>The file's content changed since the folder's video was made: the new content is uploaded as a new video.</summary>
    Update,

    /// <summary>The file's content changed, and -IfChanged Skip says to leave it: reported, nothing sent.</summary>
    Changed,

    /// <summary>-Delete: a video an earlier sync of this folder made, whose file (or content) is gone from the folder.</summary>
    Delete,
}

/// <summary>What Sync-Video does with a file whose name matches one of the folder's videos but whose content changed.</summary>
public enum SyncChangedFile
{
    /// <summary>Upload the new content as a new video (no platform that records sync markers can replace a source); with -Delete the old video is removed once the new one is in.</summary>
    NewVideo,

    /// <summary>Upload nothing for it; the result says Changed.</summary>
    Skip,
}

/// <summary>A file of the synced folder: its path inside the folder (forward slashes), full path, size and content hash.</summary>
public sealed record SyncFile(string RelativePath, string FullPath, long Size, string Sha256);

/// <summary>One step of a sync plan: a file to upload or skip, or a video to delete.</summary>
/// <param name="Action">What to do.</param>
/// <param name="File">The file, for every action but Delete.</param>
/// <param name="Video">The video the account holds for it: the one skipped to, the one superseded, or the one to delete.</param>
/// <param name="Reason">Why, in a sentence.</param>
public sealed record SyncStep(SyncAction Action, SyncFile? File, Video? Video, string Reason)
{
    /// <summary>The folder-relative path the step is about: the file's, or for a Delete the path the video was synced from.</summary>
    public string RelativePath => File?.RelativePath ?? (Video is not null && Video.Metadata.TryGetValue(Upload.ContentMarkers.SyncPathKey, out var path) ? path : "");
}

/// <summary>Sync-Video's output: one per file of the folder, and one per video deleted.</summary>
public sealed class SyncResult
{
    public SyncResult(SyncAction action, string path, string relativePath, Video? video, string reason)
    {
        Action = action;
        Path = path;
        RelativePath = relativePath;
        Video = video;
        Reason = reason;
    }

    public SyncAction Action { get; }

    /// <summary>The file's full path; for a deleted video, the path its file had.</summary>
    public string Path { get; }

    /// <summary>The file's path inside the synced folder, with forward slashes, as its video records it (vpSyncPath).</summary>
    public string RelativePath { get; }

    /// <summary>The video that now holds the file (uploaded or found), or the one deleted; null when an upload failed.</summary>
    public Video? Video { get; }

    public string? VideoId => Video?.Id;

    public string Reason { get; }
}

/// <summary>The totals of one Sync-Video run, written to the Information stream (tag Summary) for a runbook to log.</summary>
public sealed class SyncSummary
{
    public required string Folder { get; init; }

    public required string FolderId { get; init; }

    public required string Provider { get; init; }

    public int Files { get; init; }

    public int Uploaded { get; set; }

    public int Skipped { get; set; }

    public int Updated { get; set; }

    public int Changed { get; set; }

    public int Deleted { get; set; }

    public int Failed { get; set; }

    /// <summary>Videos this folder's sync made whose file is gone, left because -Delete was not given.</summary>
    public int Orphaned { get; init; }

    /// <summary>-WhatIf: nothing changed, and Uploaded, Updated and Deleted count what the run would have done.</summary>
    public bool WhatIf { get; init; }

    public override string ToString() =>
        $"Sync-Video '{Folder}' to {Provider}{(WhatIf ? " (what if)" : "")}: {Files} file(s); {Uploaded} uploaded, {Skipped} skipped, {Updated} updated, {Changed} changed and left, {Deleted} deleted, {Failed} failed"
        + (Orphaned > 0 ? $"; {Orphaned} video(s) of this folder have no file any more (-Delete removes them)" : "") + ".";
}

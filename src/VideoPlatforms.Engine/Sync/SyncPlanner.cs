using VideoPlatforms.Upload;

namespace VideoPlatforms.Sync;

/// <summary>What a sync does: a step per file, in path order, then the videos -Delete removes.</summary>
/// <param name="Files">One step per file of the folder: Upload, Skip, Update or Changed.</param>
/// <param name="Deletes">With -Delete, the folder's videos whose file or content is gone.</param>
/// <param name="Orphaned">Without -Delete, how many such videos are left alone.</param>
public sealed record SyncPlan(IReadOnlyList<SyncStep> Files, IReadOnlyList<SyncDelete> Deletes, int Orphaned);

/// <summary>A video -Delete removes; <paramref name="After"/> names the file whose new video must be in first (a changed file), or null.</summary>
public sealed record SyncDelete(SyncStep Step, string? After);

/// <summary>
/// Compares a folder's files with the videos an earlier sync of the same folder made (those carrying its folder
/// marker, <see cref="ContentMarkers.SyncFolderKey"/>), by path (<see cref="ContentMarkers.SyncPathKey"/>) and content
/// (<see cref="ContentMarkers.Sha256Key"/>). Pure: no request, no file read, so every rule is unit-tested on its own.
/// </summary>
public static class SyncPlanner
{
    /// <summary>The plan of a run that lists every file of the folder and its subfolders (<see cref="SyncScope.Everything"/>).</summary>
    public static SyncPlan Plan(IReadOnlyList<SyncFile> files, IReadOnlyList<Video> folderVideos, SyncChangedFile ifChanged, bool delete) =>
        Plan(files, folderVideos, SyncScope.Everything, ifChanged, delete);

    /// <summary>
    /// The plan of a run that listed the files in <paramref name="scope"/>. The folder's videos whose vpSyncPath that
    /// listing could not have found (another -Filter, a subfolder without -Recurse) are left out first: their file was
    /// not looked for, so a narrower run must neither delete them nor count them as having no file.
    /// </summary>
    public static SyncPlan Plan(IReadOnlyList<SyncFile> files, IReadOnlyList<Video> folderVideos, SyncScope scope, SyncChangedFile ifChanged, bool delete)
    {
        folderVideos = scope.Listable(folderVideos);
        var byPath = folderVideos.GroupBy(v => Marker(v, ContentMarkers.SyncPathKey) ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var steps = new List<SyncStep>();
        var superseded = new Dictionary<string, string>(StringComparer.Ordinal); // video id -> the file replacing it
        foreach (var file in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var atPath = byPath.GetValueOrDefault(file.RelativePath) ?? [];
            var same = atPath.FirstOrDefault(v => Holds(v, file.Sha256) && v.Status != VideoStatus.Uploading);
            if (same is not null)
            {
                steps.Add(new SyncStep(SyncAction.Skip, file, same, $"video {same.Id}, made by an earlier sync of this folder, holds the same content"));
                continue;
            }
            var elsewhere = folderVideos.FirstOrDefault(v => Holds(v, file.Sha256) && v.Status != VideoStatus.Uploading);
            if (elsewhere is not null)
            {
                steps.Add(new SyncStep(SyncAction.Skip, file, elsewhere,
                    $"video {elsewhere.Id}, synced from '{Marker(elsewhere, ContentMarkers.SyncPathKey)}' of this folder, holds the same content"));
                continue;
            }
            var old = atPath.Where(v => !Holds(v, file.Sha256)).OrderByDescending(v => v.CreatedAt ?? DateTimeOffset.MinValue).FirstOrDefault();
            if (old is null)
            {
                var unfinished = atPath.Count > 0 ? " (an unfinished upload of it is on the account; the upload's -SkipExisting check decides)" : "";
                steps.Add(new SyncStep(SyncAction.Upload, file, null, "not on the account as a video of this folder" + unfinished));
                continue;
            }
            var changedFrom = $"its content changed since video {old.Id} was made (SHA-256 {Short(Marker(old, ContentMarkers.Sha256Key))} then, {Short(file.Sha256)} now)";
            if (ifChanged == SyncChangedFile.Skip)
            {
                steps.Add(new SyncStep(SyncAction.Changed, file, old, changedFrom + "; -IfChanged Skip leaves it"));
                continue;
            }
            foreach (var stale in atPath.Where(v => !Holds(v, file.Sha256))) superseded[stale.Id] = file.RelativePath;
            steps.Add(new SyncStep(SyncAction.Update, file, old, changedFrom + "; uploading it as a new video"
                + (delete ? ", then removing the old one" : "; the old one stays (-Delete removes it)")));
        }

        // A video of this folder goes when no file of the folder holds its content any more, unless -IfChanged Skip
        // keeps its file's old video. A video whose content some file still has is kept: that file was renamed or
        // copied, and its step above was a Skip to this very video. The old video of a file uploaded anew goes only
        // once the new one is in (After).
        var present = files.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        var contents = files.Select(f => f.Sha256).ToHashSet(StringComparer.Ordinal);
        var kept = steps.Where(s => s.Action == SyncAction.Changed).Select(s => s.File!.RelativePath).ToHashSet(StringComparer.Ordinal);
        var deletes = new List<SyncDelete>();
        foreach (var video in folderVideos.OrderBy(v => Marker(v, ContentMarkers.SyncPathKey), StringComparer.Ordinal))
        {
            var path = Marker(video, ContentMarkers.SyncPathKey) ?? "";
            var sha = Marker(video, ContentMarkers.Sha256Key);
            if (sha is not null && contents.Contains(sha)) continue;
            if (kept.Contains(path)) continue;
            if (superseded.TryGetValue(video.Id, out var after))
            {
                deletes.Add(new SyncDelete(new SyncStep(SyncAction.Delete, null, video, $"'{path}' changed, and its new content is uploaded as a new video"), after));
                continue;
            }
            deletes.Add(new SyncDelete(new SyncStep(SyncAction.Delete, null, video, present.Contains(path)
                ? $"an earlier sync of this folder made it from an older content of '{path}', which the folder no longer holds"
                : $"an earlier sync of this folder made it from '{path}', which is gone"), null));
        }
        return delete ? new SyncPlan(steps, deletes, 0) : new SyncPlan(steps, [], deletes.Count(d => d.After is null));
    }

    /// <summary>
    /// The result of a file's upload step, given the video the upload returned: the step's own action when that video
    /// is this file's (this folder, this path), else Skip to the video that holds the content already, saying whose it
    /// is: another file of this folder (a copy with the same bytes, both new in this run), or not this folder's sync.
    /// </summary>
    public static SyncResult Outcome(SyncStep step, Video video, string folderId)
    {
        var file = step.File ?? throw new ArgumentException("Only a file's step is uploaded.", nameof(step));
        var folder = Marker(video, ContentMarkers.SyncFolderKey);
        var path = Marker(video, ContentMarkers.SyncPathKey);
        if (folder == folderId && path == file.RelativePath)
            return new SyncResult(step.Action, file.FullPath, file.RelativePath, video, step.Action == SyncAction.Upload ? "uploaded" : step.Reason);
        var whose = folder == folderId
            ? $"synced from '{path}' of this folder"
            : "which this folder's sync did not make";
        return new SyncResult(SyncAction.Skip, file.FullPath, file.RelativePath, video, $"its content is on the account already as video {video.Id}, {whose}; not uploaded again");
    }

    /// <summary>
    /// The safety net of -Delete: why a planned removal must not happen after all, or null. A video that a result of
    /// this same run returned (a file's Skip, upload or update: <paramref name="returnedFor"/>, video id to the file's
    /// path) holds that file's content as far as the run told its caller, so it is never removed, whatever the plan
    /// said when it was made.
    /// </summary>
    public static string? KeepReason(SyncDelete delete, IReadOnlyDictionary<string, string> returnedFor) =>
        delete.Step.Video is { } video && returnedFor.TryGetValue(video.Id, out var path)
            ? $"this run returned it as the video of '{path}', so it is not removed; run Sync-Video again to settle it"
            : null;

    private static bool Holds(Video video, string sha256) => Marker(video, ContentMarkers.Sha256Key) == sha256;

    internal static string? Marker(Video video, string key) => video.Metadata.TryGetValue(key, out var value) ? value : null;

    private static string Short(string? sha256) => sha256 is { Length: > 12 } ? sha256[..12] + "…" : sha256 ?? "unknown";
}

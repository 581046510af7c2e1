using System.Management.Automation;
using VideoPlatforms.Sync;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Commands;

// Sync-Video's run: the engine plans (Sync/SyncPlanner, from the folder and the platform), the cmdlet asks
// ShouldProcess per change, hands the uploads to the same UploadScheduler as Send-Video, then removes what -Delete
// allows, writing one SyncResult per file and video and a summary to the Information stream.
public sealed partial class SyncVideoCommand
{
    private const int HashActivityId = 1;
    private const int BatchActivityId = 2;

    protected override void ProcessRecord()
    {
        var folder = ResolveFolder();
        // -Filter is matched against file names (SyncScope.Covers); a path in it would list files whose videos this
        // run then could not tell apart from those of files it did not look for.
        if (Filter.IndexOfAny(['/', '\\']) >= 0)
            Fail("FilterHasPath", ErrorCategory.InvalidArgument,
                $"-Filter '{Filter}' contains a folder; -Filter matches file names only. Give the subfolder as -Path, or use -Recurse with a file-name wildcard such as *.mp4.", Filter);
        var connection = ResolveConnection();
        try
        {
            CapabilityCheck.CheckSync(ProviderRegistry.Get(connection.Provider));
        }
        catch (VideoProviderException ex)
        {
            Fail(ex, Path);
        }
        // Planning lists the account's videos, which a connection made from an upload token alone cannot.
        if (!connection.Client.CanManageVideos)
            Fail("SyncNotPossible", ErrorCategory.PermissionDenied,
                $"The connection '{connection.Name}' can only upload, so it cannot list the account's videos to compare them with the folder. Connect with the key (Connect-VideoProvider -ApiKey) to use Sync-Video.", connection);
        var folderId = FolderId ?? FolderSync.DefaultFolderId(folder);
        var journal = JournalLocation.Open(this);
        var scope = new SyncScope(Filter, Recurse.IsPresent);
        var hashing = new ProgressView(HashActivityId, $"Reading the files of {folder}");
        var plan = Run(async token =>
        {
            var files = await FolderSync.HashAsync(FolderSync.EnumerateFiles(folder, scope), hashing, token).ConfigureAwait(false);
            var videos = await FolderSync.ListFolderVideosAsync(connection, folderId, token).ConfigureAwait(false);
            var outside = videos.Count - scope.Listable(videos).Count;
            OperationLog.Verbose($"{files.Count} file(s) in '{folder}' matching '{scope.Filter}'{(scope.Recurse ? " with its subfolders" : "")}; {videos.Count} video(s) on {connection.Provider} carry the folder id '{folderId}'"
                + (outside > 0 ? $", {outside} of them from files this -Filter/-Recurse does not list, which this run leaves alone." : "."));
            return (Files: files, Plan: SyncPlanner.Plan(files, videos, scope, IfChanged, Delete.IsPresent));
        }, hashing);
        hashing.Complete(this);
        RefuseEmptyDelete(folder, folderId, plan.Files.Count, plan.Plan);

        var summary = new SyncSummary
        {
            Folder = folder, FolderId = folderId, Provider = connection.Provider, Files = plan.Files.Count,
            Orphaned = plan.Plan.Orphaned, WhatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf"),
        };
        var returned = new Dictionary<string, string>(StringComparer.Ordinal); // video id -> the file whose result it is
        var uploaded = Upload(connection, journal, folderId, plan.Plan, summary, returned);
        foreach (var delete in plan.Plan.Deletes) Remove(connection, folder, delete, uploaded, returned, summary);

        WriteVerbose(summary.ToString());
        WriteInformation(new InformationRecord(summary, "Sync-Video") { Tags = { "Summary" } });
    }

    /// <summary>
    /// Writes the Skip and Changed steps, uploads the rest through the scheduler; returns the paths whose upload
    /// succeeded, and records in <paramref name="returned"/> each video a result names (which -Delete then keeps).
    /// </summary>
    private HashSet<string> Upload(VideoProviderConnection connection, UploadJournal journal, string folderId, SyncPlan plan, SyncSummary summary,
        Dictionary<string, string> returned)
    {
        var scheduler = new UploadScheduler<SyncResult>(ThrottleLimit, StopToken, Start);
        var view = new UploadBatchView<SyncResult>(scheduler, BatchActivityId, $"Syncing to {connection.Provider}");
        var steps = new Dictionary<ScheduledUpload<SyncResult>, SyncStep>();
        var uploaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in plan.Files)
        {
            var file = step.File!;
            if (step.Action is SyncAction.Skip or SyncAction.Changed)
            {
                // Not a change: written as a result, or under -WhatIf (where nothing is written) said in verbose.
                if (step.Action == SyncAction.Skip) summary.Skipped++; else summary.Changed++;
                if (step.Video is not null) returned[step.Video.Id] = file.RelativePath;
                if (summary.WhatIf) WriteVerbose($"{step.Action} '{file.FullPath}': {step.Reason}.");
                else WriteObject(new SyncResult(step.Action, file.FullPath, file.RelativePath, step.Video, step.Reason));
                continue;
            }
            var action = step.Action == SyncAction.Upload
                ? $"Upload to {connection.Provider} ({connection.Name})"
                : $"Upload to {connection.Provider} ({connection.Name}) as a new video: {step.Reason}";
            if (!ShouldProcess(file.FullPath, action))
            {
                // -WhatIf: the summary counts what the run would do, as the plan above it shows.
                if (summary.WhatIf && step.Action == SyncAction.Upload) summary.Uploaded++;
                else if (summary.WhatIf) summary.Updated++;
                continue;
            }
            var upload = scheduler.Add(file.FullPath, file.Size, (progress, token) => FolderSync.UploadAsync(connection, journal, step, folderId, progress, token));
            steps[upload] = step;
            view.BytesKnown += file.Size;
        }

        while (true)
        {
            Drain();
            foreach (var ended in view.TakeEnded(this))
            {
                var step = steps[ended];
                try
                {
                    var result = Result(ended.Task!);
                    uploaded.Add(step.File!.RelativePath);
                    if (result.Video is not null) returned[result.Video.Id] = result.RelativePath;
                    if (result.Action == SyncAction.Skip) summary.Skipped++;
                    else if (result.Action == SyncAction.Update) summary.Updated++;
                    else summary.Uploaded++;
                    view.Done++;
                    result.Video?.Connection?.RememberVideo(result.Video.Id, result.Video.Title);
                    WriteObject(result);
                }
                catch (VideoProviderException ex)
                {
                    summary.Failed++;
                    view.Failed++;
                    WriteFailure(ex, step.File!.FullPath);
                }
            }
            if (scheduler.Pending == 0) break;
            Pump(view.Views);
            view.Draw(this);
        }
        view.Complete(this);
        return uploaded;
    }

    /// <summary>-Delete: removes one video of the folder, once the file that replaces it (if any) is in.</summary>
    private void Remove(VideoProviderConnection connection, string folder, SyncDelete delete, HashSet<string> uploaded,
        IReadOnlyDictionary<string, string> returned, SyncSummary summary)
    {
        var video = delete.Step.Video!;
        var target = $"{connection.Provider} video {video.Id} ('{delete.Step.RelativePath}')";
        if (SyncPlanner.KeepReason(delete, returned) is { } keep)
        {
            WriteWarning($"Keeping {target}: {keep}.");
            return;
        }
        var waiting = delete.After is { } after && !uploaded.Contains(after);
        if (waiting && !summary.WhatIf)
        {
            WriteVerbose($"Keeping {target}: the new content of '{delete.After}' is not on the account, so the old video is still the file's only copy.");
            return;
        }
        if (!ShouldProcess(target, waiting ? $"Remove, once the new upload of '{delete.After}' is in: {delete.Step.Reason}" : $"Remove: {delete.Step.Reason}"))
        {
            if (summary.WhatIf) summary.Deleted++;
            return;
        }
        try
        {
            WriteObject(Run(token => FolderSync.DeleteAsync(connection, folder, delete.Step, token)));
            summary.Deleted++;
        }
        catch (VideoProviderException ex)
        {
            summary.Failed++;
            WriteFailure(ex, video);
        }
    }

    /// <summary>
    /// A run that found no file at all would, with -Delete, remove every video of the folder. That is what an
    /// unmounted share, an emptied folder or a mistyped -Filter looks like, so it is refused, before any change, unless
    /// -Force says the folder really is empty.
    /// </summary>
    private void RefuseEmptyDelete(string folder, string folderId, int files, SyncPlan plan)
    {
        if (files > 0 || plan.Deletes.Count == 0 || Force) return;
        Fail("SyncFolderEmpty", ErrorCategory.InvalidOperation,
            $"-Path '{folder}' with -Filter '{Filter}'{(Recurse ? " and -Recurse" : "")} matches no file, so -Delete would remove all {plan.Deletes.Count} video(s) that syncing this folder (-FolderId '{folderId}') made. "
            + "Nothing was deleted or uploaded. Check that the folder is there (a share mounted) and -Filter is right; if the folder is meant to be empty, run again with -Force to delete them all.",
            Path);
    }

    /// <summary>The folder's full file-system path; ends the command when it is not a folder.</summary>
    private string ResolveFolder()
    {
        string full;
        try
        {
            full = GetUnresolvedProviderPathFromPSPath(Path!);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "FolderNotFound", ErrorCategory.ObjectNotFound, Path));
            throw;
        }
        if (!Directory.Exists(full))
            Fail("FolderNotFound", ErrorCategory.ObjectNotFound,
                File.Exists(full)
                    ? $"-Path '{Path}' is a file; Sync-Video syncs a folder. Give the folder, with -Filter to pick its files, or upload the file with Send-Video."
                    : $"The folder '{Path}' does not exist. Check the path and run the command again.", Path);
        return System.IO.Path.TrimEndingDirectorySeparator(full);
    }
}

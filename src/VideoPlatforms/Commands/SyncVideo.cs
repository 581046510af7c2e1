using System.Management.Automation;
using VideoPlatforms.Sync;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Makes the account hold a folder's videos: uploads what is missing, skips what is there, and with -Delete removes what the folder no longer has.</para>
/// </summary>
[Cmdlet(VerbsData.Sync, "Video", SupportsShouldProcess = true)]
[OutputType(typeof(SyncResult))]
public sealed partial class SyncVideoCommand : ConnectedCmdlet
{
    /// <summary><para type="description">The folder to sync.</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.SyncFolder)]
    public string? Path { get; set; }

    /// <summary><para type="description">Syncs the files of the folder's subfolders too; each video records its file's path inside the folder.</para></summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary><para type="description">Which files of the folder are videos to sync, as a file-system wildcard (*.mp4). Hidden and system files are never synced. Default: every file.</para></summary>
    [PSDefaultValue(Help = "* (every file)")]
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Filter { get; set; } = "*";

    /// <summary><para type="description">Removes the videos that an earlier sync of this folder (the same -FolderId) made and whose file is gone, or whose content a changed file replaced. Never any other video.</para></summary>
    [Parameter]
    public SwitchParameter Delete { get; set; }

    /// <summary><para type="description">With -Delete, removes the folder's videos even when the folder (or -Filter) matches no file at all. Without it such a run is refused (SyncFolderEmpty) and deletes nothing: an unmounted share, an emptied folder or a mistyped -Filter looks exactly like a folder whose files were all removed.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary><para type="description">What to do with a file whose path matches one of the folder's videos but whose content changed: NewVideo uploads it as a new video (with -Delete the old one is removed once the new one is in), Skip leaves it and reports it as Changed. No platform that keeps the sync markers can replace a video's source, so the new content always gets a new video id. Default NewVideo.</para></summary>
    [PSDefaultValue(Help = "NewVideo")]
    [Parameter]
    public SyncChangedFile IfChanged { get; set; } = SyncChangedFile.NewVideo;

    /// <summary><para type="description">How many files upload at once, from a work queue. Default 1.</para></summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary><para type="description">The name the folder's videos carry on the platform (metadata vpSyncFolder), which says which videos -Delete may remove. Default: the folder's full path, which is then stored on the platform and may contain a user name: give your own for a shared folder or a runbook. Give the same name on every worker or host whose copy of the folder sits at another path, and a different one for each folder.</para></summary>
    [PSDefaultValue(Help = "The folder's full path")]
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 200)]
    public string? FolderId { get; set; }
}

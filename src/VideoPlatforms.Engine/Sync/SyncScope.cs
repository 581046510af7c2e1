using System.IO.Enumeration;

namespace VideoPlatforms.Sync;

/// <summary>
/// Which files one Sync-Video run lists (-Filter, -Recurse), in one place: the folder is enumerated with
/// <see cref="Options"/>, and <see cref="Covers"/> says whether a video's vpSyncPath is one that this enumeration could
/// have listed. A video an earlier, wider run made (another -Filter, or -Recurse then and not now) is outside this
/// run: its file was not looked for, so it is neither deleted nor counted as having no file.
/// </summary>
public sealed record SyncScope(string Filter, bool Recurse)
{
    /// <summary>Every file of the folder and its subfolders: the scope of a plan made without a narrower run in mind.</summary>
    public static SyncScope Everything { get; } = new("*", true);

    /// <summary>How the folder is enumerated: file-system (Win32) wildcards, the platform's own case rule, no hidden or system file.</summary>
    public EnumerationOptions Options => new()
    {
        RecurseSubdirectories = Recurse,
        // Hidden and system files (.DS_Store, Thumbs.db, partial downloads) are no videos of the folder.
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        IgnoreInaccessible = false,
        MatchType = MatchType.Win32,
        MatchCasing = MatchCasing.PlatformDefault,
    };

    /// <summary>
    /// Whether a file at this folder-relative path (forward slashes, as vpSyncPath records it) is one the enumeration
    /// would list: in a subfolder only with -Recurse, and its name matching -Filter as Directory.EnumerateFiles matches
    /// it (the same Win32 wildcard translation and, as MatchCasing.PlatformDefault, case-insensitive except on Linux).
    /// </summary>
    public bool Covers(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        if (slash >= 0 && !Recurse) return false;
        var name = relativePath[(slash + 1)..];
        return FileSystemName.MatchesWin32Expression(FileSystemName.TranslateWin32Expression(Filter), name, ignoreCase: !OperatingSystem.IsLinux());
    }

    /// <summary>The videos whose file this run could have listed; the others are left out of its plan.</summary>
    public IReadOnlyList<Video> Listable(IEnumerable<Video> folderVideos) =>
        folderVideos.Where(v => Covers(SyncPlanner.Marker(v, Upload.ContentMarkers.SyncPathKey) ?? "")).ToList();
}

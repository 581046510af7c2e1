using System.Management.Automation;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Commands;

/// <summary>Filters shared by the journal cmdlets: by file (wildcards), provider and state.</summary>
public abstract class UploadJournalCmdlet : VideoCmdlet
{
    /// <summary><para type="description">Only entries for files whose full path matches one of these (wildcards allowed).</para></summary>
    [Parameter(Position = 0, ParameterSetName = "Filter")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary><para type="description">Only entries for uploads to this provider (ApiVideo, Vimeo, Ziggeo, BigGo).</para></summary>
    [Parameter(ParameterSetName = "Filter")]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Provider { get; set; }

    /// <summary><para type="description">Only entries in these states: Started, Uploading (a video holds part of the file), Complete.</para></summary>
    [Parameter(ParameterSetName = "Filter")]
    public UploadJournalState[]? State { get; set; }

    /// <summary>The journal's entries that match the filters, oldest first.</summary>
    protected IEnumerable<UploadJournalEntry> Matching(UploadJournal journal)
    {
        var patterns = Path?.Select(p => new WildcardPattern(ResolvePattern(p), WildcardOptions.IgnoreCase)).ToList();
        return journal.Entries()
            .Where(e => Provider is null || string.Equals(e.Provider, Provider, StringComparison.OrdinalIgnoreCase))
            .Where(e => State is not { Length: > 0 } || State.Contains(e.State))
            .Where(e => patterns is null || patterns.Any(p => p.IsMatch(e.Path)))
            .OrderBy(e => e.UpdatedAt);
    }

    /// <summary>A relative pattern is taken from the current folder, as file paths are.</summary>
    private string ResolvePattern(string pattern) =>
        System.IO.Path.IsPathRooted(pattern) || pattern.StartsWith('*') ? pattern : System.IO.Path.Combine(SessionState.Path.CurrentFileSystemLocation.ProviderPath, pattern);
}

/// <summary>
/// <para type="synopsis">Lists the upload journal: which files Send-Video uploaded, and which it left unfinished.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "VideoUploadJournal", DefaultParameterSetName = "Filter")]
[OutputType(typeof(UploadJournalEntry))]
public sealed class GetVideoUploadJournalCommand : UploadJournalCmdlet
{
    protected override void EndProcessing()
    {
        var journal = JournalLocation.Open(this);
        WriteVerbose($"Reading the upload journal in '{journal.Directory}'.");
        foreach (var entry in Matching(journal)) WriteObject(entry);
    }
}

/// <summary>
/// <para type="synopsis">Removes entries from the upload journal, so Send-Video -Resume forgets them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Clear, "VideoUploadJournal", DefaultParameterSetName = "Filter", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class ClearVideoUploadJournalCommand : UploadJournalCmdlet
{
    /// <summary><para type="description">Entries to remove, from Get-VideoUploadJournal.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Entry")]
    [ValidateNotNull]
    public UploadJournalEntry[]? InputObject { get; set; }

    private UploadJournal? _journal;

    protected override void ProcessRecord()
    {
        _journal ??= JournalLocation.Open(this);
        if (ParameterSetName == "Entry")
        {
            foreach (var entry in InputObject!) Clear(entry);
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName != "Filter") return;
        foreach (var entry in Matching(_journal ??= JournalLocation.Open(this)).ToList()) Clear(entry);
    }

    private void Clear(UploadJournalEntry entry)
    {
        if (!ShouldProcess($"{entry.Path} ({entry.Provider}, {entry.State})", "Remove the upload journal entry")) return;
        _journal!.Remove(entry);
        if (entry is { State: not UploadJournalState.Complete, VideoId: { } id })
            WriteWarning($"Forgot the unfinished upload of '{entry.Path}': {entry.Provider} video {id} holds part of it and stays on the platform; remove it with Remove-Video -Id {id}, or upload the file again.");
    }
}

using System.Management.Automation;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Commands;

/// <summary>
/// Where a command finds the resume journal: the session variable $VideoPlatformsJournalPath (per runspace, so
/// parallel runbooks and tests can keep separate journals), else $env:VIDEOPLATFORMS_JOURNAL, else the per-user
/// state folder (<see cref="UploadJournal.DefaultDirectory"/>).
/// </summary>
internal static class JournalLocation
{
    public const string VariableName = "VideoPlatformsJournalPath";

    public static UploadJournal Open(PSCmdlet cmdlet)
    {
        var chosen = cmdlet.SessionState.PSVariable.GetValue(VariableName) switch
        {
            string { Length: > 0 } text => cmdlet.GetUnresolvedProviderPathFromPSPath(text),
            _ => UploadJournal.DefaultDirectory(),
        };
        return new UploadJournal(chosen);
    }
}

using System.Management.Automation;
using System.Text;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Commands;

// Send-Video's side of the resume journal and of Ctrl+C: what a stopped run leaves behind is said plainly.
public sealed partial class SendVideoCommand
{
    /// <summary>
    /// Clears out old finished entries once per command. A journal that cannot be tidied (read-only folder) is no
    /// reason to refuse an upload, so that is only a verbose line.
    /// </summary>
    private void TryPrune(UploadJournal journal)
    {
        try
        {
            journal.Prune();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteVerbose($"Could not tidy the upload journal in '{journal.Directory}': {ex.Message}");
        }
    }

    /// <summary>
    /// After Ctrl+C (or a stopped pipeline) PowerShell accepts no more Write* calls, so the record of what finished
    /// and what did not goes to the host directly: every finished file with its video, and every unfinished one
    /// with the video the platform holds for it (from the journal) and how to finish it. The journal keeps those
    /// entries, so Send-Video -Resume picks them up.
    /// </summary>
    private void ReportStopped()
    {
        if (_stopReported) return;
        _stopReported = true;
        // A terminating error reaches the cmdlet as a stopped pipeline too. When no file had started there is nothing
        // to report: the error says what happened, and "was stopped" above it would be noise.
        if (_finished.Count == 0 && _unfinished.Count == 0 && (_scheduler?.Pending ?? 0) == 0) return;
        // Give the cancelled uploads a moment to settle their journal entries (they stop within milliseconds).
        var pending = (_scheduler?.Running ?? []).Select(u => (Task?)u.Task).OfType<Task>().Where(t => !t.IsCompleted).ToArray();
        try
        {
            Task.WaitAll(pending, TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // Cancelled or failed: either way they are reported below from the journal.
        }

        var text = new StringBuilder("Send-Video was stopped.");
        text.Append(_finished.Count == 0 ? " No file had finished uploading." : $" Finished ({_finished.Count}): {string.Join(", ", _finished)}.");
        // Started and neither written nor reported as failed (a stopped upload may already be off the active list).
        var unfinished = _unfinished.Distinct().ToList();
        if (unfinished.Count > 0)
        {
            text.Append($" Not finished ({unfinished.Count}):");
            foreach (var file in unfinished) text.Append(' ').Append(Describe(file)).Append(';');
            text.Append(" run the same Send-Video again with -Resume to finish them.");
        }
        try
        {
            Host?.UI?.WriteWarningLine(text.ToString());
        }
        catch (Exception ex) when (ex is PipelineStoppedException or InvalidOperationException or NotImplementedException)
        {
            // A host without a console: the journal still holds the record.
        }
    }

    private string Describe(string file)
    {
        UploadJournalEntry? entry = null;
        try
        {
            if (_journal is not null && _connection is not null) entry = _journal.Find(UploadJournal.NewEntry(_connection, file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return entry is { VideoId: { } id }
            ? $"'{file}' ({_connection!.Provider} video {id} holds {ChunkPlan.Format(entry.BytesConfirmed)} of {ChunkPlan.Format(entry.Size)})"
            : $"'{file}' (no video is left for it)";
    }
}

using System.Diagnostics;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// A progress bar fed from any thread and drawn from the pipeline thread. Reports only replace the latest value
/// (no queue, no allocation per byte), and the bar is redrawn at most every interval, so showing progress never
/// slows a transfer. Uses Cmdlet.WriteProgress, so -ProgressAction and $ProgressPreference are honoured.
/// </summary>
public sealed class ProgressView : IProgress<TransferProgress>
{
    private readonly int _activityId;
    private readonly int _parentId;
    private readonly string _activity;
    private readonly Stopwatch _sinceDrawn = new();
    private TransferProgress? _latest;
    private TransferProgress? _drawn;

    public ProgressView(int activityId, string activity, int parentId = -1)
    {
        _activityId = activityId;
        _activity = activity;
        _parentId = parentId;
    }

    public void Report(TransferProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>The latest report, for a batch bar that adds up its files.</summary>
    public TransferProgress? Latest => Volatile.Read(ref _latest);

    /// <summary>Redraws if something changed and the interval has passed since the last draw.</summary>
    public void Write(Cmdlet cmdlet, TimeSpan interval)
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is null || ReferenceEquals(latest, _drawn)) return;
        if (_sinceDrawn.IsRunning && _sinceDrawn.Elapsed < interval) return;
        _drawn = latest;
        _sinceDrawn.Restart();
        var record = new ProgressRecord(_activityId, _activity, Describe(latest))
        {
            PercentComplete = latest.PercentComplete,
            SecondsRemaining = latest.Remaining is { } left ? (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalSeconds)) : -1,
            ParentActivityId = _parentId,
        };
        cmdlet.WriteProgress(record);
    }

    /// <summary>Always called when the work ends, so no bar is left hanging on the screen.</summary>
    public void Complete(Cmdlet cmdlet) => cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done")
    {
        RecordType = ProgressRecordType.Completed,
        PercentComplete = 100,
        ParentActivityId = _parentId,
    });

    internal static string Describe(TransferProgress p) =>
        $"{Size(p.BytesTransferred)} of {Size(p.TotalBytes)} ({p.PercentComplete}%) at {Size((long)p.BytesPerSecond)}/s";

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}

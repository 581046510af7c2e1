using System.Diagnostics;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// The parent bar over a batch of uploads: files done, failed and running, and bytes across all files known so far
/// (a pipeline streams its files in, so the total grows as they arrive). Redrawn at most every interval.
/// </summary>
internal sealed class BatchProgressView
{
    private readonly int _activityId;
    private readonly string _activity;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _sinceDrawn = new();
    private bool _shown;

    public BatchProgressView(int activityId, string activity)
    {
        _activityId = activityId;
        _activity = activity;
    }

    public void Write(Cmdlet cmdlet, TimeSpan interval, int done, int failed, int running, long bytesDone, long bytesKnown)
    {
        if (_sinceDrawn.IsRunning && _sinceDrawn.Elapsed < interval) return;
        _sinceDrawn.Restart();
        _shown = true;
        var rate = _clock.Elapsed.TotalSeconds > 0 ? bytesDone / _clock.Elapsed.TotalSeconds : 0;
        var failedText = failed > 0 ? $", {failed} failed" : "";
        cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity,
            $"{done} done{failedText}, {running} uploading: {ProgressView.Size(bytesDone)} of {ProgressView.Size(bytesKnown)} at {ProgressView.Size((long)rate)}/s")
        {
            PercentComplete = bytesKnown <= 0 ? 0 : (int)Math.Clamp(bytesDone * 100 / bytesKnown, 0, 100),
            SecondsRemaining = rate > 0 ? (int)Math.Min(int.MaxValue, Math.Ceiling((bytesKnown - bytesDone) / rate)) : -1,
        });
    }

    public void Complete(Cmdlet cmdlet)
    {
        if (!_shown) return;
        cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 });
    }
}

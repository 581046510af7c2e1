using System.Management.Automation;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Commands;

/// <summary>
/// The progress of an <see cref="UploadScheduler{T}"/>'s batch, drawn on the pipeline thread: the batch bar (files
/// done, failed and running; bytes across all files known so far) and one line per upload slot under it, reused as
/// slots free up. Send-Video and Sync-Video share it; the scheduler itself never touches PowerShell.
/// </summary>
internal sealed class UploadBatchView<T>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly UploadScheduler<T> _scheduler;
    private readonly int _batchActivityId;
    private readonly BatchProgressView _batch;
    private readonly Dictionary<ScheduledUpload<T>, ProgressView> _views = new();
    private long _bytesFinished;

    public UploadBatchView(UploadScheduler<T> scheduler, int batchActivityId, string activity)
    {
        _scheduler = scheduler;
        _batchActivityId = batchActivityId;
        _batch = new BatchProgressView(batchActivityId, activity);
    }

    public int Done { get; set; }

    public int Failed { get; set; }

    /// <summary>Bytes of every file added so far (the batch bar's total grows as a pipeline streams files in).</summary>
    public long BytesKnown { get; set; }

    /// <summary>The progress lines of the running uploads, fed with their latest reports, for VideoCmdlet.Pump to redraw.</summary>
    public IReadOnlyList<ProgressView> Views
    {
        get
        {
            foreach (var upload in _scheduler.Running)
            {
                if (!_views.TryGetValue(upload, out var view))
                    _views[upload] = view = new ProgressView(_batchActivityId + 1 + upload.Slot, $"Uploading {Path.GetFileName(upload.File)}", _batchActivityId);
                if (upload.Progress.Value is { } latest) view.Report(latest);
            }
            return _views.Values.ToList();
        }
    }

    /// <summary>The uploads that ended since the last call, their progress lines closed. The caller writes their results.</summary>
    public IReadOnlyList<ScheduledUpload<T>> TakeEnded(Cmdlet cmdlet)
    {
        var ended = _scheduler.TakeEnded();
        foreach (var upload in ended)
        {
            if (_views.Remove(upload, out var view)) view.Complete(cmdlet);
            _bytesFinished += upload.Size;
        }
        return ended;
    }

    public void Draw(Cmdlet cmdlet)
    {
        var inFlight = _scheduler.Running.Sum(u => u.Progress.Value?.BytesTransferred ?? 0);
        _batch.Write(cmdlet, Interval, Done, Failed, _scheduler.Running.Count, _bytesFinished + inFlight, BytesKnown);
    }

    public void Complete(Cmdlet cmdlet) => _batch.Complete(cmdlet);
}

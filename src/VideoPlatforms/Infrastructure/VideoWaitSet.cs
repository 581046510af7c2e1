using System.Diagnostics;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// The videos one command is waiting for (Wait-Video, Send-Video -Wait): each wait runs in the background on the
/// Engine's <see cref="VideoWaiter"/>, all at once, and the pipeline thread harvests them as they end, writing the
/// final Video or an error naming the video, and one progress line per video still waiting.
/// </summary>
internal sealed class VideoWaitSet
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly Cmdlet _owner;
    private readonly Func<Func<CancellationToken, Task<WaitResult>>, Task<WaitResult>> _start;
    private readonly VideoWaiter _waiter;
    private readonly int _parentActivityId;
    private readonly List<Pending> _pending = new();
    private readonly HashSet<(VideoProviderConnection, string)> _seen = new();
    private readonly Stopwatch _sinceDrawn = new();
    private int _nextActivityId;

    private sealed record Pending(VideoProviderConnection Connection, string Id, int ActivityId, Latest Progress, Task<WaitResult> Task);

    /// <summary>The latest report of one wait, replaced from the background, read by the pipeline thread.</summary>
    private sealed class Latest : IProgress<WaitProgress>
    {
        private WaitProgress? _value;

        public WaitProgress? Value => Volatile.Read(ref _value);

        public void Report(WaitProgress value) => Volatile.Write(ref _value, value);
    }

    /// <param name="owner">Writes the results; only its pipeline thread may call <see cref="Harvest"/>.</param>
    /// <param name="start">The owner's VideoCmdlet.Start: runs the wait with the owner's log and Ctrl+C token.</param>
    /// <param name="options">Timeout and polling.</param>
    /// <param name="firstActivityId">Progress ids from here on, one per video (kept apart from the owner's own bars).</param>
    /// <param name="parentActivityId">A bar of the owner's to hang the per-video lines under, or -1.</param>
    public VideoWaitSet(Cmdlet owner, Func<Func<CancellationToken, Task<WaitResult>>, Task<WaitResult>> start, WaitOptions options,
        int firstActivityId, int parentActivityId = -1)
    {
        _owner = owner;
        _start = start;
        _waiter = new VideoWaiter(options);
        _nextActivityId = firstActivityId;
        _parentActivityId = parentActivityId;
    }

    /// <summary>Videos still being waited for.</summary>
    public int Count => _pending.Count;

    public int Ready { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Starts waiting for a video; the same video twice in one command is waited for once.</summary>
    public void Add(VideoProviderConnection connection, string id, string? path = null)
    {
        if (!_seen.Add((connection, id)))
        {
            _owner.WriteVerbose($"{connection.Provider} video {id} is already being waited for; it is written once.");
            return;
        }
        var progress = new Latest();
        var client = connection.Client;
        _pending.Add(new Pending(connection, id, _nextActivityId++, progress,
            _start(token => _waiter.WaitAsync(client, id, path, progress, token))));
    }

    /// <summary>Writes every wait that ended (its Video, or an error naming it) and redraws progress. Pipeline thread only.</summary>
    public void Harvest()
    {
        foreach (var done in _pending.Where(p => p.Task.IsCompleted).ToList())
        {
            _pending.Remove(done);
            Complete(done);
            if (done.Task.IsCanceled || done.Task.Exception?.InnerException is OperationCanceledException)
                throw new PipelineStoppedException();
            if (done.Task.Exception is { } unexpected)
            {
                Failed++;
                _owner.WriteError(ErrorRecords.From(unexpected.InnerException ?? unexpected, done.Id));
                continue;
            }
            var result = done.Task.Result;
            if (result.Error is { } error)
            {
                Failed++;
                // The target is the video when there is one (so $error[0].TargetObject | Remove-Video works), else its id.
                _owner.WriteError(ErrorRecords.From(error, (object?)result.Video ?? done.Id));
            }
            else if (result.Video is { } video)
            {
                Ready++;
                video.Connection?.RememberVideo(video.Id, video.Title);
                _owner.WriteObject(video);
            }
        }
        Draw();
    }

    private void Draw()
    {
        if (_pending.Count == 0 || _sinceDrawn.IsRunning && _sinceDrawn.Elapsed < ProgressInterval) return;
        _sinceDrawn.Restart();
        foreach (var wait in _pending)
        {
            var latest = wait.Progress.Value;
            var status = latest is null ? "Checking..."
                : $"{latest.Status?.ToString() ?? "Status unknown"} after {latest.Checks} check(s), {latest.Elapsed.TotalSeconds:0} s; next check in {latest.NextCheckIn.TotalSeconds:0.#} s";
            _owner.WriteProgress(new ProgressRecord(wait.ActivityId, $"Waiting for {wait.Connection.Provider} video {wait.Id}", status)
            {
                ParentActivityId = _parentActivityId,
            });
        }
    }

    private void Complete(Pending wait) =>
        _owner.WriteProgress(new ProgressRecord(wait.ActivityId, $"Waiting for {wait.Connection.Provider} video {wait.Id}", "Done")
        {
            RecordType = ProgressRecordType.Completed,
            ParentActivityId = _parentActivityId,
        });
}

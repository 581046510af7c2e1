using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Waits until videos are ready to play and writes each one as it becomes ready; a failed or late video is an error naming it.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "Video")]
[OutputType(typeof(Video))]
public sealed class WaitVideoCommand : ConnectedCmdlet
{
    private const int BatchActivityId = 1;

    /// <summary><para type="description">Ids of the videos to wait for. Accepts Video objects from the pipeline (Get-Video, Send-Video), which also bind their connection.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    [PipelineProperty("Id", "VideoId")]
    public string[]? Id { get; set; }

    /// <summary><para type="description">How long each video may take, from when its wait starts: seconds, or a TimeSpan. Default 1 hour.</para></summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary><para type="description">The first interval between two checks of a video: seconds, or a TimeSpan. It grows by half each time, up to 30 seconds (or this interval, if longer). Default 2 seconds.</para></summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    private VideoWaitSet? _waits;
    private BatchView? _batch;

    protected override void BeginProcessing()
    {
        var options = WaitOptionsFor(this, Timeout, PollInterval);
        _waits = new VideoWaitSet(this, Start, options, BatchActivityId + 1, BatchActivityId);
        _batch = new BatchView(_waits);
    }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        foreach (var id in Id!)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                WriteError(new ErrorRecord(new ArgumentException("A video id is blank. Give the id of a video (Get-Video lists them)."),
                    "VideoIdEmpty", ErrorCategory.InvalidArgument, id));
                continue;
            }
            _waits!.Add(connection, id.Trim());
        }
        _waits!.Harvest();
    }

    protected override void EndProcessing()
    {
        while (_waits!.Count > 0)
        {
            Pump(Array.Empty<ProgressView>());
            _waits.Harvest();
            _batch!.Write(this);
        }
        _batch!.Complete(this);
        WriteVerbose($"Waited for {_waits.Ready + _waits.Failed} video(s): {_waits.Ready} ready, {_waits.Failed} not.");
    }

    /// <summary>
    /// The wait options from -Timeout and -PollInterval, shared with Send-Video -Wait; a bad value ends the command
    /// before anything is waited for.
    /// </summary>
    internal static WaitOptions WaitOptionsFor(VideoCmdlet cmdlet, TimeSpan timeout, TimeSpan pollInterval)
    {
        if (timeout < TimeSpan.Zero)
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-Timeout {timeout} is negative. Give a number of seconds (0 checks once), e.g. -Timeout 600."),
                "TimeoutOutOfRange", ErrorCategory.InvalidArgument, timeout));
        if (pollInterval <= TimeSpan.Zero)
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-PollInterval {pollInterval} must be more than zero, e.g. -PollInterval 5 (seconds)."),
                "PollIntervalOutOfRange", ErrorCategory.InvalidArgument, pollInterval));
        var options = new WaitOptions { Timeout = timeout, InitialInterval = pollInterval };
        return options.MaximumInterval < pollInterval ? options with { MaximumInterval = pollInterval } : options;
    }

    /// <summary>The parent bar: how many of the videos seen so far are final.</summary>
    private sealed class BatchView(VideoWaitSet waits)
    {
        private readonly System.Diagnostics.Stopwatch _sinceDrawn = new();
        private bool _shown;

        public void Write(Cmdlet cmdlet)
        {
            if (_sinceDrawn.IsRunning && _sinceDrawn.Elapsed < TimeSpan.FromMilliseconds(250)) return;
            _sinceDrawn.Restart();
            _shown = true;
            var total = waits.Ready + waits.Failed + waits.Count;
            cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, "Waiting for videos",
                $"{waits.Ready} ready, {waits.Failed} failed or timed out, {waits.Count} waiting")
            {
                PercentComplete = total == 0 ? 0 : (waits.Ready + waits.Failed) * 100 / total,
            });
        }

        public void Complete(Cmdlet cmdlet)
        {
            if (!_shown) return;
            cmdlet.WriteProgress(new ProgressRecord(BatchActivityId, "Waiting for videos", "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 });
        }
    }
}

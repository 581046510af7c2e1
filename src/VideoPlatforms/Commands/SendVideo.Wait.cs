using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>Send-Video -Wait: each uploaded video is waited for (as Wait-Video does) before it is written.</summary>
public sealed partial class SendVideoCommand
{
    /// <summary><para type="description">Waits after each upload until the video is ready to play (or has failed), as Wait-Video does, and writes the ready Video. Uploads go on meanwhile.</para></summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary><para type="description">With -Wait: how long each video may take to become ready after its upload, in seconds or as a TimeSpan. Default 1 hour.</para></summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary><para type="description">With -Wait: the first interval between two checks of a video, in seconds or as a TimeSpan; it backs off up to 30 seconds. Default 2 seconds.</para></summary>
    [Parameter]
    [SecondsToTimeSpan]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    // Wait lines go under the batch bar, after the upload slots' ids (at most 64 + 1).
    private const int FirstWaitActivityId = 100;

    private VideoWaitSet? _waits;

    private bool WaitsDone => _waits is null || _waits.Count == 0;

    /// <summary>Checks the -Wait parameters for this record's connection and, the first time, starts the wait set.</summary>
    private void StartWaits(VideoProviderConnection connection)
    {
        if (!Wait)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(WaitTimeout)) || MyInvocation.BoundParameters.ContainsKey(nameof(PollInterval)))
                Fail("WaitParameterWithoutWait", ErrorCategory.InvalidArgument,
                    "-WaitTimeout and -PollInterval apply only with -Wait. Add -Wait, or leave them out.", null);
            return;
        }
        // Checked before this record's files are uploaded: otherwise each upload would succeed and then fail its wait.
        if (!connection.Client.CanManageVideos)
            Fail("WaitNotPossible", ErrorCategory.PermissionDenied,
                $"The connection '{connection.Name}' can only upload, so it cannot read a video's status to wait for it. Leave -Wait out, or connect with the key (Connect-VideoProvider -ApiKey) to use -Wait.", connection);
        _waits ??= new VideoWaitSet(this, Start, WaitVideoCommand.WaitOptionsFor(this, WaitTimeout, PollInterval), FirstWaitActivityId, BatchActivityId);
    }

    /// <summary>Writes an uploaded video, or with -Wait starts waiting for it (its local path stays on the result).</summary>
    private void EmitOrWait(Video video)
    {
        if (_waits is null || video.Connection is null)
        {
            WriteVideo(video);
            return;
        }
        _waits.Add(video.Connection, video.Id, video.Path);
    }

    private void HarvestWaits() => _waits?.Harvest();
}

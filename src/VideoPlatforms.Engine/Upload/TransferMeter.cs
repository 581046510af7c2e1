using System.Diagnostics;

namespace VideoPlatforms.Upload;

/// <summary>
/// Turns byte positions from any thread into <see cref="TransferProgress"/> reports. Only the position is
/// tracked on the data path; the cmdlet side coalesces what it shows, so reporting never slows the transfer.
/// </summary>
internal sealed class TransferMeter
{
    private readonly string _path;
    private readonly long _total;
    private readonly IProgress<TransferProgress>? _progress;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _confirmed;

    public TransferMeter(string path, long total, IProgress<TransferProgress>? progress, IUploadCheckpoint? checkpoint = null)
    {
        _path = path;
        _total = total;
        _progress = progress;
        Checkpoint = checkpoint;
    }

    /// <summary>The resume journal's view of this upload; confirmed bytes are passed on to it.</summary>
    public IUploadCheckpoint? Checkpoint { get; }

    /// <summary>Bytes the platform has acknowledged.</summary>
    public long Confirmed => Interlocked.Read(ref _confirmed);

    /// <summary>The platform now holds this many bytes.</summary>
    public void SetConfirmed(long bytes)
    {
        Interlocked.Exchange(ref _confirmed, bytes);
        Checkpoint?.Confirmed(bytes);
        Report(bytes);
    }

    /// <summary>Bytes read into a request that is still in flight, past what is confirmed.</summary>
    public void InFlight(long confirmedBase, long sentOfChunk) => Report(confirmedBase + sentOfChunk);

    private void Report(long bytes) => _progress?.Report(new TransferProgress(_path, Math.Min(bytes, _total), _total, _clock.Elapsed));
}

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

    // Chunks sent at once (ConcurrentChunks): the ranges the platform holds, merged and in order, and the bytes of
    // requests in flight. The journal is told only the contiguous prefix from byte 0, which is certainly there.
    private readonly List<ByteRange> _held = new();
    private long _inFlight;

    /// <summary>
    /// The platform holds these ranges (a chunk's answer, or what it reported after a fault), on top of what it held.
    /// Progress counts every byte held; the journal (<see cref="Checkpoint"/>) only the contiguous prefix.
    /// </summary>
    /// <remarks><paramref name="releaseInFlight"/>: the in-flight bytes of the request whose answer this is, taken off in the same report so progress neither dips nor overshoots.</remarks>
    public void Hold(IEnumerable<ByteRange> ranges, long releaseInFlight = 0)
    {
        long total;
        lock (_held)
        {
            foreach (var range in ranges) Merge(range);
            total = _held.Sum(r => r.Length);
            Interlocked.Exchange(ref _confirmed, total);
            // Under the lock: two chunks finishing together must not write a shorter prefix after a longer one.
            Checkpoint?.Confirmed(_held.Count > 0 && _held[0].First == 0 ? _held[0].Length : 0);
        }
        Report(total + Interlocked.Add(ref _inFlight, -releaseInFlight));
    }

    /// <summary>Whether the platform is known to hold every byte of <paramref name="range"/>.</summary>
    public bool Holds(ByteRange range)
    {
        lock (_held) return _held.Any(r => r.First <= range.First && range.Last <= r.Last);
    }

    /// <summary>A request in flight read <paramref name="delta"/> more bytes (negative: its bytes left the count, answered or failed).</summary>
    public void AddInFlight(long delta) => Report(Confirmed + Interlocked.Add(ref _inFlight, delta));

    private void Merge(ByteRange range)
    {
        var first = range.First;
        var last = range.Last;
        // Remove every held range that touches or overlaps this one, widening it, then insert it in order.
        for (var i = _held.Count - 1; i >= 0; i--)
        {
            var h = _held[i];
            if (h.Last + 1 < first || last + 1 < h.First) continue;
            first = Math.Min(first, h.First);
            last = Math.Max(last, h.Last);
            _held.RemoveAt(i);
        }
        var at = _held.FindIndex(h => h.First > first);
        _held.Insert(at < 0 ? _held.Count : at, new ByteRange(first, last));
    }

    private void Report(long bytes) => _progress?.Report(new TransferProgress(_path, Math.Min(bytes, _total), _total, _clock.Elapsed));
}

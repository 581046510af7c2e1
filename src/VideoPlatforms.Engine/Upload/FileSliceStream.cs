using System.Buffers;
using System.Diagnostics;

namespace VideoPlatforms.Upload;

/// <summary>
/// A read-only, seekable window [offset, offset+length) of a file. HTTP bodies read chunks straight from disk
/// through it, so memory holds one copy buffer per body in flight whatever the file or chunk size, and its known Length
/// gives the request a Content-Length instead of chunked encoding.
/// </summary>
internal sealed class FileSliceStream : Stream
{
    // Big enough that a 4 GB file is not read in tiny syscalls, small enough to stay out of the large-object heap.
    internal const int BufferSize = 64 * 1024;

    /// <summary>
    /// What an HTTP body reads from its file per step when the budget allows. Each read of a FileStream opened for
    /// async I/O is a hop to a pool thread and back on Linux, so fewer, larger reads cost less CPU per GiB: 256 KiB took
    /// Vimeo's uploads over the bench's loopback HTTP from a median of 0.43 to 0.47 CPU seconds per GiB to 0.36 to 0.42
    /// (bench/README.md, scenario 8); 1 and 4 MiB gained nothing more. The buffers are pooled (ArrayPool), so at usual
    /// concurrency they make little garbage on the large-object heap.
    /// </summary>
    internal const int LargeCopySize = 256 * 1024;

    /// <summary>
    /// Large copy buffers in use at once in the process (16 MiB). -ThrottleLimit 64 with -ChunkConcurrency 16 is 1,024
    /// bodies at once; past the budget a body copies in <see cref="BufferSize"/> steps, so memory stays bounded whatever
    /// the concurrency.
    /// </summary>
    internal const int LargeCopyBudget = 64;

    /// <summary>
    /// A write that took less than this went into the socket's buffer at once: the link keeps up (256 KiB in 50 ms is
    /// 40 Mbit/s for this one body), so whole reads go out in one write.
    /// </summary>
    private static readonly TimeSpan QuickWrite = TimeSpan.FromMilliseconds(50);

    private static int s_largeCopiesInUse;

    /// <summary>How many bodies are copying with a large buffer now (for tests).</summary>
    internal static int LargeCopiesInUse => Volatile.Read(ref s_largeCopiesInUse);

    private readonly FileStream _file;
    private readonly long _offset;
    private readonly long _length;
    private readonly Action<long>? _onPosition;
    private long _position;

    /// <summary>Opens the window; <paramref name="onPosition"/> is told how far into it the reader has got, for progress.</summary>
    public FileSliceStream(string path, long offset, long length, Action<long>? onPosition = null)
    {
        // FileShare.Read: several uploads (or a player) may read the same file at once.
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (offset + length > _file.Length)
        {
            var actual = _file.Length;
            _file.Dispose();
            throw new IOException($"The file '{path}' is {actual} bytes now, shorter than when the upload began; it changed during the upload.");
        }
        _offset = offset;
        _length = length;
        _onPosition = onPosition;
        _file.Position = offset;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _file.Read(buffer[..Allowed(buffer.Length)]);
        Advance(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _file.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false);
        Advance(n);
        return n;
    }

    /// <summary>
    /// The path every HTTP body takes (StreamContent copies its stream to the connection): the window read in steps of
    /// <see cref="LargeCopySize"/> while the process-wide budget has room, else <see cref="BufferSize"/>, into a pooled
    /// buffer. The caller's <paramref name="bufferSize"/> (HttpClient's 80 KiB default) is only a hint. Each read is
    /// written on in pieces of at most <see cref="BufferSize"/>, each reported when sent, so on a slow link the idle
    /// timeout and progress still see the body move every 64 KiB, not only every 256. Where the link keeps up (a
    /// piece taken in under <see cref="QuickWrite"/>, into the socket's buffer) a whole read goes out in one write: on the
    /// bench's loopback, 64 KiB writes of 256 KiB reads cost 0.47 to 0.52 CPU s per GiB against 0.34 for whole ones.
    /// </summary>
    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ValidateCopyToArguments(destination, bufferSize);
        var large = Interlocked.Increment(ref s_largeCopiesInUse) <= LargeCopyBudget;
        if (!large) Interlocked.Decrement(ref s_largeCopiesInUse);
        byte[]? buffer = null;
        try
        {
            var size = large ? LargeCopySize : BufferSize;
            buffer = ArrayPool<byte>.Shared.Rent(size);
            // 64 KiB pieces until one goes out quickly, then whole reads while they keep going out quickly.
            var piece = BufferSize;
            int read;
            while ((read = await _file.ReadAsync(buffer.AsMemory(0, Allowed(size)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var start = _position;
                _position += read;
                for (var sent = 0; sent < read;)
                {
                    var length = Math.Min(piece, read - sent);
                    var began = Stopwatch.GetTimestamp();
                    await destination.WriteAsync(buffer.AsMemory(sent, length), cancellationToken).ConfigureAwait(false);
                    sent += length;
                    _onPosition?.Invoke(start + sent);
                    piece = Stopwatch.GetElapsedTime(began) < QuickWrite ? size : BufferSize;
                }
            }
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
            if (large) Interlocked.Decrement(ref s_largeCopiesInUse);
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };
        if (target < 0 || target > _length) throw new ArgumentOutOfRangeException(nameof(offset));
        _position = target;
        _file.Position = _offset + target;
        return target;
    }

    private int Allowed(int requested) => (int)Math.Min(requested, _length - _position);

    private void Advance(int n)
    {
        _position += n;
        _onPosition?.Invoke(_position);
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}

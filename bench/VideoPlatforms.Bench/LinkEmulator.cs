using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace VideoPlatforms.Bench;

/// <summary>
/// A long network link in user space, on loopback: a TCP relay from a local port to a target that delays every byte
/// by half the round trip in each direction, shares a rate (a token bucket per direction, across all connections),
/// and lets each connection have at most a window of bytes in flight per direction, released one half round trip
/// after delivery (when its acknowledgement would arrive). One connection then moves at most window / round trip, as
/// on a real long link; several connections together at most the rate. Bytes are relayed exactly, in order.
/// </summary>
/// <remarks>
/// The machine's kernel has no netem, so the delay line is this. It listens on 127.0.0.1 only and forwards only to
/// the target given (the bench's own Sandbox or sink), and stops every connection when disposed.
/// </remarks>
internal sealed class LinkEmulator : IAsyncDisposable
{
    private const int SegmentBytes = 64 * 1024;

    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly TimeSpan _oneWay;
    private readonly long _window;
    private readonly Direction _up;
    private readonly Direction _down;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = new();
    private readonly Task _accepting;

    public LinkEmulator(IPEndPoint target, TimeSpan roundTrip, double bitsPerSecond, long window)
    {
        _target = target;
        _oneWay = roundTrip / 2;
        _window = window;
        _up = new Direction(bitsPerSecond / 8);
        _down = new Direction(bitsPerSecond / 8);
        RoundTrip = roundTrip;
        BytesPerSecond = bitsPerSecond / 8;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public TimeSpan RoundTrip { get; }

    public double BytesPerSecond { get; }

    public long Window => _window;

    /// <summary>The emulated link's local end: connect here instead of to the target.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>At most this many bytes per second through one connection: its window per round trip, or the rate.</summary>
    public double OneStreamCeiling => Math.Min(BytesPerSecond, _window / RoundTrip.TotalSeconds);

    public override string ToString() => $"{RoundTrip.TotalMilliseconds:0} ms, {BytesPerSecond * 8 / 1e6:0} Mbit/s, window {_window / (1 << 20)} MiB";

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_connections) _connections.Add(RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client, server, _up, done.Token);
                var down = PumpAsync(server, client, _down, done.Token);
                await Task.WhenAny(up, down);
                // One side closed: let the other direction drain what is already on the line, then close both.
                await Task.WhenAny(Task.WhenAll(up, down), Task.Delay(RoundTrip * 4));
                done.Cancel();
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
            {
            }
        }
    }

    /// <summary>One direction of one connection: reads as the window allows, delivers each segment when it is due.</summary>
    private async Task PumpAsync(Socket from, Socket to, Direction link, CancellationToken cancel)
    {
        var line = Channel.CreateUnbounded<(byte[] Data, int Length, long DueTicks)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var window = new ByteWindow(_window);
        var deliver = DeliverAsync(line.Reader, to, window, cancel);
        try
        {
            while (true)
            {
                await window.AcquireAsync(SegmentBytes, cancel);
                var buffer = ArrayPool<byte>.Shared.Rent(SegmentBytes);
                int read;
                try
                {
                    read = await from.ReceiveAsync(buffer.AsMemory(0, SegmentBytes), SocketFlags.None, cancel);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
                // Only what was read stays counted as in flight.
                window.Release(SegmentBytes - read);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                line.Writer.TryWrite((buffer, read, link.Schedule(read) + _oneWay.Ticks));
            }
        }
        finally
        {
            line.Writer.TryComplete();
        }
        await deliver;
        try
        {
            to.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    private async Task DeliverAsync(ChannelReader<(byte[] Data, int Length, long DueTicks)> line, Socket to, ByteWindow window, CancellationToken cancel)
    {
        await foreach (var (data, length, due) in line.ReadAllAsync(cancel))
        {
            var wait = due - DateTime.UtcNow.Ticks;
            if (wait > TimeSpan.TicksPerMillisecond) await Task.Delay(TimeSpan.FromTicks(wait), cancel);
            try
            {
                for (var sent = 0; sent < length;) sent += await to.SendAsync(data.AsMemory(sent, length - sent), SocketFlags.None, cancel);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(data);
            }
            // The acknowledgement travels back for half a round trip before the sender may use the window again.
            _ = Task.Delay(_oneWay, CancellationToken.None).ContinueWith(_ => window.Release(length), TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        Task[] running;
        lock (_connections) running = _connections.ToArray();
        await Task.WhenAll(running);
        _stop.Dispose();
    }

    /// <summary>The rate of one direction of the link, shared by every connection: a segment leaves once the ones before it have.</summary>
    private sealed class Direction(double bytesPerSecond)
    {
        private readonly object _gate = new();
        private long _freeAtTicks;

        /// <summary>When the last byte of a segment of <paramref name="bytes"/> bytes, read now, has left.</summary>
        public long Schedule(int bytes)
        {
            lock (_gate)
            {
                var start = Math.Max(DateTime.UtcNow.Ticks, _freeAtTicks);
                _freeAtTicks = start + (long)(bytes / bytesPerSecond * TimeSpan.TicksPerSecond);
                return _freeAtTicks;
            }
        }
    }

    /// <summary>Bytes a connection may have in flight in one direction.</summary>
    private sealed class ByteWindow(long size)
    {
        private readonly object _gate = new();
        private long _free = size;
        private TaskCompletionSource? _waiter;

        public async Task AcquireAsync(long bytes, CancellationToken cancel)
        {
            while (true)
            {
                Task wait;
                lock (_gate)
                {
                    if (_free >= bytes)
                    {
                        _free -= bytes;
                        return;
                    }
                    _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    wait = _waiter.Task;
                }
                await wait.WaitAsync(cancel);
            }
        }

        public void Release(long bytes)
        {
            TaskCompletionSource? wake;
            lock (_gate)
            {
                _free += bytes;
                wake = _waiter;
                _waiter = null;
            }
            wake?.TrySetResult();
        }
    }
}

/// <summary>
/// A minimal HTTP sink on loopback for the emulator's self-check: reads each request's body (Content-Length) and
/// answers 200 with no body, so curl's upload speed through the link is the link's, not a server's.
/// </summary>
internal sealed class HttpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public HttpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    private async Task AcceptAsync()
    {
        var served = new List<Task>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                served.Add(ServeAsync(await _listener.AcceptSocketAsync(_stop.Token)));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
        }
        await Task.WhenAll(served);
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[SegmentBytes];
            try
            {
                while (true)
                {
                    // Headers: up to the blank line; the rest of what was read is body.
                    var head = new List<byte>();
                    int end;
                    while ((end = IndexOfBlankLine(head)) < 0)
                    {
                        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                        if (read == 0) return;
                        head.AddRange(buffer.AsSpan(0, read).ToArray());
                    }
                    var headers = System.Text.Encoding.ASCII.GetString(head.ToArray(), 0, end);
                    var length = headers.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                        .Select(l => long.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                    var left = length - (head.Count - end - 4);
                    while (left > 0)
                    {
                        var read = await socket.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), SocketFlags.None, _stop.Token);
                        if (read == 0) return;
                        left -= read;
                    }
                    await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), SocketFlags.None, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
            }
        }
    }

    private const int SegmentBytes = 64 * 1024;

    private static int IndexOfBlankLine(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') return i - 3;
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

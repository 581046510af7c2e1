using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.RequestLog;

namespace VideoPlatforms.Sandbox.Faults;

/// <summary>
/// <see cref="FaultKind.DropMidBody"/> for a download: the endpoint runs, its headers and the first
/// <see cref="FaultRule.AfterBytes"/> body bytes go out, then the connection is cut, as a dropped link does to a
/// client halfway through a file. The client sees fewer bytes than Content-Length promised.
/// </summary>
internal static class ResponseCut
{
    public static async Task RunAsync(HttpContext context, RequestDelegate next, FaultRule rule, SandboxRequestInfo info)
    {
        var original = context.Response.Body;
        var cut = new CutStream(original, rule.AfterBytes);
        context.Response.Body = cut;
        try
        {
            await next(context);
        }
        catch (CutException)
        {
            // The endpoint's copy was stopped by the cut below; nothing more goes out.
        }
        finally
        {
            context.Response.Body = original;
        }

        info.Fault = new RequestFault(rule.Id, "dropMidBody", $"connection closed after {cut.Written} response body bytes");
        if (cut.Cut)
        {
            info.Aborted = true;
            context.AbortAnswered();
        }
    }

    private sealed class CutException() : IOException("The sandbox cut the response (dropMidBody fault).");

    private sealed class CutStream(Stream inner, long limit) : Stream
    {
        public long Written { get; private set; }

        public bool Cut { get; private set; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var room = limit - Written;
            if (buffer.Length <= room)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                Written += buffer.Length;
                return;
            }

            if (room > 0)
            {
                await inner.WriteAsync(buffer[..(int)room], cancellationToken);
                Written += room;
            }

            // Make sure what was allowed reaches the client before the connection goes.
            await inner.FlushAsync(cancellationToken);
            Cut = true;
            throw new CutException();
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

using System.Globalization;
using System.Security.Cryptography;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>
/// The tus 1.0.0 host (docs/platforms/vimeo.md#3-upload-protocol): HEAD reports Upload-Offset/Upload-Length, PATCH appends at
/// Upload-Offset. Unlike api.video's chunks, a PATCH cut off midway keeps every byte that arrived, as a tus
/// server does, so the client HEADs and carries on from there. Also the picture upload host (PUT to a signed link).
/// </summary>
internal sealed partial class VimeoPlatform
{
    private const string TusVersion = "1.0.0";

    private void MapTus(PlatformRoutes routes)
    {
        routes.Map("HEAD", "/tus/{uploadId}", TusHeadAsync);
        routes.Map("PATCH", "/tus/{uploadId}", TusPatchAsync);
        routes.Map("PUT", "/_upload/pictures/{pictureId}", PutPictureAsync);
    }

    private Task<IResult> TusHeadAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["Tus-Resumable"] = TusVersion;
        response.Headers.CacheControl = "no-store";
        if (state.FindUpload(RouteValue(context, "uploadId")) is not { } upload)
        {
            return Task.FromResult(Results.StatusCode(404));
        }

        response.Headers["Upload-Offset"] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers["Upload-Length"] = upload.Length.ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(Results.Ok());
    }

    /// <summary>
    /// Runs before fault rules: checks the PATCH's headers and, when they are right, puts a stream in front of the
    /// body that appends each byte to the upload as it is read. Whatever then reads the body (the endpoint, or a
    /// fault rule that reads part of it and cuts the connection) leaves exactly the arrived bytes stored.
    /// </summary>
    private async ValueTask<bool> PrepareTusPatchAsync(HttpContext context, string path)
    {
        if (!HttpMethods.IsPatch(context.Request.Method) || !path.StartsWith("/tus/", StringComparison.Ordinal))
        {
            return true;
        }

        var response = context.Response;
        response.Headers["Tus-Resumable"] = TusVersion;
        var headers = context.Request.Headers;
        IResult? refusal = null;
        TusUpload? upload = null;
        long offset = 0;
        if (headers["Tus-Resumable"].ToString() != TusVersion)
        {
            response.Headers["Tus-Version"] = TusVersion;
            refusal = Results.Text("Tus-Resumable: 1.0.0 is required.", "text/plain", null, 412);
        }
        else if ((upload = state.FindUpload(path["/tus/".Length..])) is null)
        {
            refusal = Results.Text("No such upload.", "text/plain", null, 404);
        }
        else if (!string.Equals(context.Request.ContentType, "application/offset+octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            refusal = Results.Text("Content-Type must be application/offset+octet-stream.", "text/plain", null, 415);
        }
        else if (!long.TryParse(headers["Upload-Offset"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            refusal = Results.Text("Upload-Offset is required.", "text/plain", null, 400);
        }
        else if (offset != upload.Offset)
        {
            response.Headers["Upload-Offset"] = upload.Offset.ToString(CultureInfo.InvariantCulture);
            refusal = Results.Text($"Upload-Offset {offset} does not match the upload's offset {upload.Offset}.", "text/plain", null, 409);
        }
        else if (upload.Complete)
        {
            refusal = Results.Text("The upload is already complete.", "text/plain", null, 409);
        }

        if (refusal is not null)
        {
            await RequestBody.DrainQuietlyAsync(context);
            await refusal.ExecuteAsync(context);
            return false;
        }

        // A status fault stands for a proxy or server that refused the request: nothing of it is kept. A cut
        // connection (dropMidBody) or a lost response (drop) keeps what arrived, as a tus server does.
        var info = context.GetSandboxInfo();
        var appender = new TusAppendStream(context.Request.Body, upload!, offset, state, () => info?.Fault?.Kind == "status");
        context.Request.Body = appender;
        context.Response.RegisterForDisposeAsync(appender);
        return true;
    }

    private async Task<IResult> TusPatchAsync(HttpContext context)
    {
        if (context.Request.Body is not TusAppendStream appender)
        {
            return Results.StatusCode(500);
        }

        await RequestBody.DrainAsync(appender, long.MaxValue, context.RequestAborted);
        await appender.DisposeAsync();
        var upload = appender.Upload;
        if (appender.Overflowed)
        {
            return Results.Text($"The body goes past Upload-Length {upload.Length}; the bytes beyond it were not kept.", "text/plain", null, 400);
        }

        state.HashAhead(upload);
        await state.CompleteAsync(upload);
        context.Response.Headers["Upload-Offset"] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        return Results.NoContent();
    }

    private async Task<IResult> PutPictureAsync(HttpContext context)
    {
        if (!long.TryParse(RouteValue(context, "pictureId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || state.FindPicture(id) is not { } picture
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(context.Request.Query["sig"].ToString()), System.Text.Encoding.ASCII.GetBytes(picture.Signature)))
        {
            await RequestBody.DrainQuietlyAsync(context);
            return Results.Text("The signature is not valid for this picture.", "text/plain", null, 403);
        }

        var file = state.PictureFile(picture);
        long size;
        await using (var target = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous))
        {
            await context.Request.Body.CopyToAsync(target, context.RequestAborted);
            size = target.Length;
        }

        if (size == 0)
        {
            return Results.Text("The image is empty.", "text/plain", null, 400);
        }

        var (_, sha) = await Storage.UploadStore.HashAsync([file], CancellationToken.None);
        lock (state.Sync)
        {
            picture.Size = size;
            picture.Sha256 = sha;
        }

        return Results.Ok();
    }

    /// <summary>Appends what is read to the upload's file and moves its offset; refuses bytes past Upload-Length.</summary>
    private sealed class TusAppendStream(Stream inner, TusUpload upload, long start, VimeoState state, Func<bool> refused) : Stream
    {
        private readonly long _start = start;
        private FileStream? _file;
        private long _position = start;
        private bool _broken;

        public TusUpload Upload => upload;

        public bool Overflowed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position - _start; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int index, int count) => ReadAsync(buffer, index, count).GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int index, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(index, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            if (read == 0 || _broken || refused())
            {
                return read;
            }

            var keep = (int)Math.Min(read, upload.Length - _position);
            if (keep < read)
            {
                Overflowed = true;
            }

            if (keep > 0)
            {
                _file ??= new FileStream(upload.FilePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
                _file.Position = _position;
                await _file.WriteAsync(buffer[..keep], CancellationToken.None);
                await _file.FlushAsync(CancellationToken.None);
                if (state.Advance(upload, _position, keep))
                {
                    _position += keep;
                }
                else
                {
                    _broken = true; // another PATCH moved the offset: stop writing over it
                }
            }

            return read;
        }

        public override void Flush() { }
        public override long Seek(long o, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int index, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            if (_file is not null)
            {
                await _file.DisposeAsync();
                _file = null;
            }

            // A body that a fault cut off (or a lost response) can still have carried the last byte.
            await state.CompleteAsync(upload);
            GC.SuppressFinalize(this);
        }
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using RestSharp.Interceptors;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>
/// Sends a file to a tus 1.0.0 upload link (docs/platforms/vimeo.md#3-upload-protocol): PATCHes of at most one chunk each, streamed from
/// disk, starting at <c>Upload-Offset</c>. A tus server keeps every byte that reached it, even from a PATCH cut off
/// midway, so after a failure the uploader asks (<c>HEAD</c>) how far the server got and continues from exactly
/// there; it never starts over from zero, and it gives up after the connection's retry count (as vimeo.php and
/// tuspy do, docs/platforms/vimeo.md#6-rate-limits-and-retries). The upload link is a secret (whoever holds it can write the video's source): it
/// is registered for redaction and never sent an Authorization header.
/// </summary>
internal sealed class VimeoUploader
{
    private const string TusVersion = "1.0.0";

    private readonly ProviderHttp _http;
    private readonly VimeoProvider _provider;

    public VimeoUploader(ProviderHttp http, VimeoProvider provider)
    {
        _http = http;
        _provider = provider;
    }

    /// <summary>
    /// Registers the secret part of an upload link for redaction: its query (a signature) and, for a tus link whose
    /// path is the capability itself, its last path segment.
    /// </summary>
    public void Protect(Uri link, bool pathIsSecret = true)
    {
        if (pathIsSecret) _http.Redactor.Add(link.Segments.LastOrDefault()?.TrimEnd('/'));
        if (link.Query.Length > 1) _http.Redactor.Add(link.Query[1..]);
    }

    /// <remarks><paramref name="from"/>: the offset the server holds already (a resumed run, from HEAD).</remarks>
    public async Task SendAsync(Uri link, string path, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken, long from = 0)
    {
        var offset = from;
        // Each accepted PATCH is progress: the retry budget counts failures in a row, as tuspy does.
        var streak = new FailureStreak();
        var length = Math.Min(chunkSize, size - offset);
        await _http.Resilience.RunAsync(RetryKind.Transfer, async (attempt, ct) =>
            {
                if (attempt > 0)
                {
                    // After the wait: a tus server keeps every byte that reached it, so ask where to continue.
                    offset = await Resilience.Unretried(HeadOffsetAsync(link, size, ct)).ConfigureAwait(false);
                    meter.SetConfirmed(offset);
                    OperationLog.Verbose($"The upload server holds {offset} of {size} bytes of '{path}'; continuing from there.");
                }
                while (offset < size)
                {
                    length = Math.Min(chunkSize, size - offset);
                    var at = offset;
                    var response = await _http.SendStreamingAsync(touch => PatchRequest(link, path, at, length, meter, touch), RequestKind.NoRetry, ct, authenticate: false).ConfigureAwait(false);
                    var reported = ReadOffset(response);
                    // A server that says nothing, or claims to have gone backwards, is not one to keep sending to.
                    if (reported is null || reported <= offset || reported > size)
                        throw new VideoProviderException(ProviderErrorKind.ProtocolError, "TusProtocolError",
                            $"The Vimeo upload server answered a PATCH at offset {offset} with Upload-Offset '{reported?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}', which cannot be right for a {size}-byte file.");
                    offset = reported.Value;
                    meter.SetConfirmed(offset);
                    streak.Progress();
                }
            },
            ex => ex is VideoProviderException failed && IsResumable(failed),
            retry => $"Sending bytes {offset}-{offset + length - 1}/{size} of '{path}' failed ({retry.Why}); asking the upload server how much it holds and resuming {retry.When}.",
            cancellationToken, streak).ConfigureAwait(false);
    }

    /// <summary>The committed offset, from <c>HEAD</c> (retried like any idempotent call).</summary>
    public async Task<long> HeadOffsetAsync(Uri link, long size, CancellationToken cancellationToken)
    {
        var request = new RestRequest(link.ToString(), Method.Head);
        request.AddHeader("Tus-Resumable", TusVersion);
        request.AddHeader("Accept", VimeoProvider.AcceptHeader);
        var response = await _http.SendAsync(request, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false);
        return ReadOffset(response) is { } offset && offset >= 0 && offset <= size ? offset
            : throw new VideoProviderException(ProviderErrorKind.ProtocolError, "TusProtocolError",
                "The Vimeo upload server's answer to HEAD carried no usable Upload-Offset, so the upload cannot tell where to resume.");
    }

    /// <summary>
    /// Network faults, timeouts, 429 and 5xx may pass; 409 means our offset was stale (the server kept more than we
    /// knew): all are answered by asking for the offset. Anything else (404: the link is gone) ends the upload.
    /// </summary>
    private static bool IsResumable(VideoProviderException ex) => ex.IsTransient || ex.StatusCode == 409;

    private static long? ReadOffset(RestResponse response) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Upload-Offset", StringComparison.OrdinalIgnoreCase))?.Value?.ToString() is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static RestRequest PatchRequest(Uri link, string path, long offset, long length, TransferMeter meter, Action touch)
    {
        // No overall deadline: SendStreamingAsync times the PATCH out only when it stops moving.
        var request = new RestRequest(link.ToString(), Method.Patch);
        request.AddHeader("Tus-Resumable", TusVersion);
        request.AddHeader("Accept", VimeoProvider.AcceptHeader);
        request.AddHeader("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Interceptors = new List<Interceptor>
        {
            new StreamBodyInterceptor(() => new FileSliceStream(path, offset, length, sent =>
            {
                touch();
                meter.InFlight(offset, sent);
            }), "application/offset+octet-stream"),
        };
        return request;
    }

    // Send-Video on Vimeo (docs/platforms/vimeo.md#3-upload-protocol): create the video with a tus upload, PATCH the bytes
    // through <see cref="VimeoUploader"/>, resume an earlier run's upload, replace a video's source, and report what a
    // failure left behind.

    public async Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _provider.ValidateUpload(request);
        var size = UploadSource.Inspect(request.FilePath);
        var chunkSize = ChunkFor(size, _provider.ResolveChunkSize(request.ChunkSize));
        var meter = new TransferMeter(request.FilePath, size, progress, request.Checkpoint);
        if (request.ReplaceVideoId is { } replace)
            return await ReplaceAsync(request, replace, size, chunkSize, meter, cancellationToken).ConfigureAwait(false);
        if (request.ResumeVideoId is { } resumeId && await ResumeAsync(request, resumeId, size, chunkSize, meter, cancellationToken).ConfigureAwait(false) is { } resumed)
            return resumed;

        var create = VimeoProvider.Api("me/videos", Method.Post);
        create.AddQueryParameter("fields", "uri,upload");
        var view = VimeoJson.FromPrivacy(request.Privacy);
        var name = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath);
        ProviderHttp.AddJsonBody(create, new
        {
            upload = new { approach = "tus", size },
            name,
            description = request.Description,
            privacy = view is null ? null : new { view },
        });
        // NonIdempotent: retried only on 429, where nothing was created, so a retry never makes a second video; an
        // uncertain failure (5xx, lost answer) goes through the guard, which deletes what it made before creating again.
        var json = await _provider.Creates.CreateAsync(name, request.FilePath,
            token => _http.SendForJsonAsync(create, RequestKind.NonIdempotent, token), j => VimeoJson.IdFromUri(JsonText.String(j, "uri")), cancellationToken).ConfigureAwait(false);
        var link = UploadLink(json);
        var videoId = VimeoJson.IdFromUri(JsonText.String(json, "uri"));
        if (videoId.Length == 0)
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "Vimeo created an upload but its answer had no video uri.");
        request.Checkpoint?.Created(videoId);
        OperationLog.Verbose($"Created Vimeo video {videoId} for '{request.FilePath}'; sending {ChunkPlan.Format(size)} with tus in PATCHes of up to {ChunkPlan.Format(chunkSize)}.");
        try
        {
            await SendAsync(link, request.FilePath, size, chunkSize, meter, cancellationToken).ConfigureAwait(false);
            if (request.Tags is { Count: > 0 } tags) await _provider.ReplaceTagsAsync(videoId, tags, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
            return (await _provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
        }
        catch (VideoProviderException ex)
        {
            throw await UploadFailedAsync(ex, request.FilePath, videoId, meter.Confirmed, size).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finishes an upload an earlier run started into <paramref name="videoId"/>. The upload link is a credential,
    /// so the journal never kept it: GET /videos/{id}?fields=uri,upload gives it back while the upload is pending,
    /// then HEAD says how far the tus server got and the PATCHes go on from there (docs/platforms/vimeo.md#3-upload-protocol, steps 3-4).
    /// Null when the video is gone or its upload can no longer be continued, so the caller uploads afresh.
    /// </summary>
    private async Task<Video?> ResumeAsync(UploadRequest request, string videoId, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken)
    {
        var read = VimeoProvider.Api($"videos/{VimeoProvider.Escape(videoId)}");
        read.AddQueryParameter("fields", "uri,upload");
        JObject json;
        try
        {
            json = await _http.SendForJsonAsync(read, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            OperationLog.Verbose($"The unfinished Vimeo video {videoId} for '{request.FilePath}' no longer exists; uploading the file as a new video.");
            request.Checkpoint?.Removed();
            return null;
        }
        long offset;
        if (JsonText.String(json, "upload.status") == "complete")
        {
            offset = size;
            meter.SetConfirmed(size);
            OperationLog.Verbose($"Vimeo video {videoId} already holds all of '{request.FilePath}'; finishing it.");
        }
        else
        {
            if (JsonText.String(json, "upload.upload_link") is null)
            {
                OperationLog.Warning($"Vimeo no longer offers an upload link for the unfinished video {videoId}, so '{request.FilePath}' is uploaded as a new video; remove the unfinished one with Remove-Video -Id {videoId}.");
                return null;
            }
            var link = UploadLink(json);
            try
            {
                offset = await HeadOffsetAsync(link, size, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (!ex.IsTransient)
            {
                // A link the tus server no longer knows (expired, 404/410): retrying would fail the same way on every
                // -Resume, so start afresh and name the unfinished video.
                OperationLog.Warning($"The Vimeo upload server no longer accepts the upload of the unfinished video {videoId} ({ex.Message}), so '{request.FilePath}' is uploaded as a new video; remove the unfinished one with Remove-Video -Id {videoId}.");
                return null;
            }
            meter.SetConfirmed(offset);
            OperationLog.Verbose($"The Vimeo upload server holds {ChunkPlan.Format(offset)} of {ChunkPlan.Format(size)} of '{request.FilePath}' (video {videoId}); sending the rest.");
            try
            {
                await SendAsync(link, request.FilePath, size, chunkSize, meter, cancellationToken, offset).ConfigureAwait(false);
            }
            catch (VideoProviderException ex)
            {
                throw await UploadFailedAsync(ex, request.FilePath, videoId, Math.Max(offset, meter.Confirmed), size).ConfigureAwait(false);
            }
        }
        if (request.Tags is { Count: > 0 } tags) await _provider.ReplaceTagsAsync(videoId, tags, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
        return (await _provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
    }

    /// <summary>POST /videos/{id}/versions, then the same tus PATCHes (docs/platforms/vimeo.md#3-upload-protocol).</summary>
    private async Task<Video> ReplaceAsync(UploadRequest request, string videoId, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken)
    {
        var create = VimeoProvider.Api($"videos/{VimeoProvider.Escape(videoId)}/versions", Method.Post);
        create.AddQueryParameter("fields", "uri,upload");
        ProviderHttp.AddJsonBody(create, new { file_name = Path.GetFileName(request.FilePath), upload = new { approach = "tus", size } });
        JObject json;
        try
        {
            json = await _http.SendForJsonAsync(create, RequestKind.NonIdempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VimeoProvider.VideoNotFound(ex, videoId);
        }
        var link = UploadLink(json);
        OperationLog.Verbose($"Replacing the source of Vimeo video {videoId} with '{request.FilePath}' ({ChunkPlan.Format(size)}).");
        try
        {
            await SendAsync(link, request.FilePath, size, chunkSize, meter, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw new UploadFailedException(ex, request.FilePath,
                $"Replacing the source of Vimeo video {videoId} with '{request.FilePath}' failed: {ex.Message} The video keeps its previous source; run Send-Video -ReplaceVideoId {videoId} again to retry.",
                videoId, meter.Confirmed, videoRemoved: false);
        }
        var update = new VideoUpdate { Title = request.Title, Description = request.Description, Privacy = request.Privacy, Tags = request.Tags };
        var video = update.IsEmpty ? await _provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)
            : await _provider.UpdateVideoAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        return video.WithPath(request.FilePath);
    }

    private Uri UploadLink(JObject json)
    {
        if (JsonText.String(json, "upload.upload_link") is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var link))
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "Vimeo's answer to the upload request had no upload.upload_link.");
        Protect(link);
        return link;
    }

    /// <summary>Keeps an upload within <see cref="VimeoProvider.MaxChunks"/> PATCHes by raising the chunk size when needed.</summary>
    internal static long ChunkFor(long size, long chunkSize)
    {
        var needed = (size + VimeoProvider.MaxChunks - 1) / VimeoProvider.MaxChunks;
        if (chunkSize >= needed) return chunkSize;
        OperationLog.Verbose($"A chunk size of {ChunkPlan.Format(chunkSize)} would need more than {VimeoProvider.MaxChunks} PATCHes for {ChunkPlan.Format(size)}; using {ChunkPlan.Format(needed)} instead.");
        return needed;
    }

    /// <summary>
    /// Nothing is left behind unreported: a video that received no byte is deleted again; one holding part of the
    /// file is named in the error with how much it holds.
    /// </summary>
    private async Task<UploadFailedException> UploadFailedAsync(VideoProviderException cause, string path, string videoId, long confirmed, long size)
    {
        if (confirmed == 0)
        {
            try
            {
                using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _provider.DeleteVideoAsync(videoId, cleanup.Token).ConfigureAwait(false);
                return new UploadFailedException(cause, path,
                    $"Uploading '{path}' to Vimeo failed: {cause.Message} The empty video {videoId} created for it was deleted again, so nothing was left behind.",
                    videoId, 0, videoRemoved: true);
            }
            catch (Exception ex) when (ex is VideoProviderException or OperationCanceledException)
            {
                OperationLog.Verbose($"Could not delete the empty video {videoId}: {ex.Message}");
            }
        }
        var holds = confirmed >= size ? "holds the whole file" : $"holds {ChunkPlan.Format(confirmed)} of the file";
        return new UploadFailedException(cause, path,
            $"Uploading '{path}' to Vimeo failed: {cause.Message} The video {videoId} was created and {holds}; remove it with Remove-Video -Id {videoId}, or replace its source with Send-Video -ReplaceVideoId {videoId}.",
            videoId, confirmed, videoRemoved: false);
    }
}

/// <summary>
/// Gives a request a raw body streamed from a file window (RestSharp's own bodies are strings, bytes held in memory
/// or multipart). The stream's known length becomes Content-Length, so nothing is buffered.
/// </summary>
internal sealed class StreamBodyInterceptor : Interceptor
{
    private readonly Func<Stream> _open;
    private readonly string _contentType;

    public StreamBodyInterceptor(Func<Stream> open, string contentType)
    {
        _open = open;
        _contentType = contentType;
    }

    public override ValueTask BeforeHttpRequest(HttpRequestMessage requestMessage, CancellationToken cancellationToken)
    {
        var stream = _open();
        var content = new StreamContent(stream, FileSliceStream.BufferSize);
        content.Headers.ContentType = new MediaTypeHeaderValue(_contentType);
        content.Headers.ContentLength = stream.Length;
        requestMessage.Content = content;
        return default;
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using RestSharp;
using RestSharp.Interceptors;
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

    public VimeoUploader(ProviderHttp http) => _http = http;

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

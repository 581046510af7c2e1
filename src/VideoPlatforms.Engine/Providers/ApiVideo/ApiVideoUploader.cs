using Newtonsoft.Json.Linq;
using RestSharp;
using RestSharp.Interceptors;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>
/// api.video's progressive upload: the file goes up in chunks, each a multipart POST with
/// <c>Content-Range: bytes first-last/total</c>, streamed from disk. After a failed chunk the uploader asks the
/// platform which ranges it holds (<c>/videos/{id}/status</c>) and sends only what is missing, so a retry never
/// sends a byte twice and never creates a second video.
/// </summary>
internal sealed class ApiVideoUploader
{
    private readonly ProviderHttp _http;

    public ApiVideoUploader(ProviderHttp http) => _http = http;

    /// <summary>Sends every chunk of the file into an existing video container; returns the last video JSON.</summary>
    /// <remarks><paramref name="received"/>: what the platform already holds (a resumed run), so only the rest is sent.</remarks>
    public async Task<JObject> UploadToContainerAsync(string videoId, string path, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken,
        IReadOnlyList<ByteRange>? received = null)
    {
        var pending = new Queue<ByteRange>(received is null ? ChunkPlan.Split(size, chunkSize) : ChunkPlan.Missing(size, chunkSize, received));
        JObject? last = null;
        var failures = 0;
        long confirmed = received?.Sum(r => r.Length) ?? 0;
        if (confirmed > 0) meter.SetConfirmed(confirmed);
        while (pending.Count > 0)
        {
            var range = pending.Peek();
            try
            {
                var sentFrom = confirmed;
                var response = await _http.SendStreamingAsync(touch => ChunkRequest($"videos/{Uri.EscapeDataString(videoId)}/source", path, range, size, meter, sentFrom, touch),
                    RequestKind.NoRetry, cancellationToken).ConfigureAwait(false);
                last = _http.ParseObject(response);
                pending.Dequeue();
                confirmed += range.Length;
                meter.SetConfirmed(confirmed);
                failures = 0;
            }
            // A garbled answer (MalformedResponse) is as uncertain as a lost one, and as safe: the status says what arrived.
            catch (VideoProviderException ex) when ((ex.IsTransient || ex.ErrorId == "MalformedResponse") && failures < _http.Retry.MaximumRetryCount)
            {
                failures++;
                var delay = ex.RetryAfter is { } asked && asked < _http.Retry.MaximumRetryDelay ? asked
                    : RetryTiming.NextDelay(_http.Retry, failures - 1, null, out _);
                OperationLog.Verbose($"Chunk bytes {range}/{size} of '{path}' failed ({ex.Message}); asking api.video what it holds and resuming in {delay.TotalSeconds:0.0} s (retry {failures} of {_http.Retry.MaximumRetryCount}).");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                var status = await GetStatusAsync(videoId, cancellationToken).ConfigureAwait(false);
                var held = ApiVideoJson.ReceivedRanges(status);
                confirmed = held.Sum(r => r.Length);
                meter.SetConfirmed(confirmed);
                pending = new Queue<ByteRange>(ChunkPlan.Missing(size, chunkSize, held));
                if (pending.Count == 0) last = null; // the lost response was for the final chunk: read the video afresh
            }
        }
        return last ?? await _http.SendForJsonAsync(new RestRequest($"videos/{Uri.EscapeDataString(videoId)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads through a delegated token (<c>POST /upload?token=</c>): the first chunk creates the video, later ones
    /// name it with the <c>videoId</c> field. The token cannot read the upload status, so a failed chunk is resent
    /// and an "already received" answer to a resend counts as success. The first chunk is resent only after a 429,
    /// where the platform certainly created nothing: a lost answer to it could otherwise mean two videos.
    /// </summary>
    public async Task<JObject> UploadWithTokenAsync(string token, string path, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken)
    {
        string? videoId = null;
        JObject? last = null;
        long confirmed = 0;
        foreach (var range in ChunkPlan.Split(size, chunkSize))
        {
            for (var failures = 0; ; failures++)
            {
                try
                {
                    var sentFrom = confirmed;
                    var knownId = videoId;
                    var response = await _http.SendStreamingAsync(touch =>
                    {
                        var request = ChunkRequest("upload", path, range, size, meter, sentFrom, touch);
                        request.AddQueryParameter("token", token);
                        if (knownId is not null) request.AddParameter("videoId", knownId, ParameterType.GetOrPost);
                        return request;
                    }, RequestKind.NoRetry, cancellationToken, authenticate: false).ConfigureAwait(false);
                    last = _http.ParseObject(response);
                    if (videoId is null && JsonText.String(last, "videoId") is { } created)
                    {
                        // The first chunk created the video: from here a stopped run leaves it named in the journal.
                        videoId = created;
                        meter.Checkpoint?.Created(created);
                    }
                    break;
                }
                catch (VideoProviderException ex) when (failures > 0 && videoId is not null && ex.StatusCode == 400 && IsAlreadyReceived(ex))
                {
                    OperationLog.Verbose($"api.video already had bytes {range}/{size} of '{path}' from an attempt whose answer was lost; going on.");
                    break;
                }
                catch (VideoProviderException ex) when ((ex.IsTransient || ex.ErrorId == "MalformedResponse") && failures < _http.Retry.MaximumRetryCount
                                                          && (videoId is not null || ex.Kind == ProviderErrorKind.RateLimited))
                {
                    var delay = ex.RetryAfter is { } asked && asked < _http.Retry.MaximumRetryDelay ? asked
                        : RetryTiming.NextDelay(_http.Retry, failures, null, out _);
                    OperationLog.Verbose($"Chunk bytes {range}/{size} of '{path}' failed ({ex.Message}); sending it again in {delay.TotalSeconds:0.0} s (retry {failures + 1} of {_http.Retry.MaximumRetryCount}).");
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
            confirmed += range.Length;
            meter.SetConfirmed(confirmed);
        }
        return last!;
    }

    public Task<JObject> GetStatusAsync(string videoId, CancellationToken cancellationToken) =>
        _http.SendForJsonAsync(new RestRequest($"videos/{Uri.EscapeDataString(videoId)}/status"), RequestKind.Idempotent, cancellationToken);

    private static bool IsAlreadyReceived(VideoProviderException ex) =>
        ex.ProviderCode is { } code && (code.Contains("overlap", StringComparison.OrdinalIgnoreCase) || code.Contains("already", StringComparison.OrdinalIgnoreCase));

    private static RestRequest ChunkRequest(string resource, string path, ByteRange range, long size, TransferMeter meter, long confirmed, Action touch)
    {
        // No overall deadline: SendStreamingAsync times the chunk out only when it stops moving.
        var request = new RestRequest(resource, Method.Post) { AlwaysMultipartFormData = true };
        request.Interceptors = new List<Interceptor> { new ContentHeaderInterceptor("Content-Range", $"bytes {range.First}-{range.Last}/{size}") };
        request.AddFile("file", () => new FileSliceStream(path, range.First, range.Length, sent =>
            {
                touch();
                meter.InFlight(confirmed, sent);
            }),
            Path.GetFileName(path), ContentType.Binary);
        return request;
    }
}

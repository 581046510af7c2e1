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

    /// <summary>Sends every chunk of the file into an existing video container; returns the video JSON once all arrived.</summary>
    /// <remarks>
    /// <paramref name="received"/>: what the platform already holds (a resumed run), so only the rest is sent.
    /// <paramref name="concurrency"/>: chunks in flight at once; api.video takes a video's chunks in any order
    /// (docs/platforms/apivideo.md#3-upload-protocol). Each chunk retries on its own.
    /// </remarks>
    public async Task<JObject> UploadToContainerAsync(string videoId, string path, long size, long chunkSize, int concurrency, TransferMeter meter, CancellationToken cancellationToken,
        IReadOnlyList<ByteRange>? received = null)
    {
        var resource = $"videos/{Uri.EscapeDataString(videoId)}/source";
        if (received is { Count: > 0 }) meter.Hold(received);
        var chunks = received is null ? ChunkPlan.Split(size, chunkSize) : ChunkPlan.Missing(size, chunkSize, received);
        var answers = new ChunkAnswers();
        await ConcurrentChunks.RunAsync(chunks, concurrency, (chunk, token) => SendToContainerAsync(videoId, resource, path, chunk, size, meter, answers, token),
            cancellationToken).ConfigureAwait(false);
        // Chunks answered out of order, or an answer lost: which answer saw the source complete is unknown, so read the video afresh.
        var last = concurrency > 1 && chunks.Count > 1 || answers.Lost ? null : answers.Last;
        return last ?? await _http.SendForJsonAsync(new RestRequest($"videos/{Uri.EscapeDataString(videoId)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One chunk into the container, with its own retries: after a failure it asks the platform which ranges it holds
    /// (so a chunk whose answer was lost is not sent twice) and sends only what of this chunk is missing.
    /// </summary>
    private async Task SendToContainerAsync(string videoId, string resource, string path, ByteRange chunk, long size, TransferMeter meter, ChunkAnswers answers,
        CancellationToken cancellationToken)
    {
        var pending = new Queue<ByteRange>(new[] { chunk });
        await _http.Resilience.RunAsync(RetryKind.Transfer, async (attempt, ct) =>
            {
                if (attempt > 0)
                {
                    // After the wait: what arrived, so a chunk whose answer was lost is not sent twice.
                    var held = ApiVideoJson.ReceivedRanges(await Resilience.Unretried(GetStatusAsync(videoId, ct)).ConfigureAwait(false));
                    meter.Hold(held);
                    pending = new Queue<ByteRange>(ChunkPlan.MissingWithin(chunk, held));
                    if (pending.Count == 0) answers.Lost = true; // it arrived, but its answer did not
                }
                while (pending.Count > 0)
                {
                    answers.Last = await SendChunkAsync(resource, path, pending.Peek(), size, meter, null, authenticate: true, ct).ConfigureAwait(false);
                    pending.Dequeue();
                }
            },
            // A garbled answer (MalformedResponse) is as uncertain as a lost one, and as safe: the status says what arrived.
            ex => ex is VideoProviderException failed && (failed.IsTransient || failed.ErrorId == "MalformedResponse"),
            retry => $"Chunk bytes {(pending.Count > 0 ? pending.Peek() : chunk)}/{size} of '{path}' failed ({retry.Why}); asking api.video what it holds and resuming {retry.When}.",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uploads through a delegated token (<c>POST /upload?token=</c>): the first chunk creates the video, later ones
    /// name it with the <c>videoId</c> field. The token cannot read the upload status, so a failed chunk is resent
    /// and an "already received" answer to a resend counts as success. The first chunk is resent only after a 429,
    /// where the platform certainly created nothing: a lost answer to it could otherwise mean two videos.
    /// </summary>
    /// <remarks>
    /// With <paramref name="concurrency"/> above 1 the middle chunks go at once; the first goes alone (its answer names
    /// the video) and so does the last, after all others arrived: the token cannot read the video, so the answer to
    /// the chunk that completes the source is the video returned.
    /// </remarks>
    public async Task<JObject> UploadWithTokenAsync(string token, string path, long size, long chunkSize, int concurrency, TransferMeter meter, CancellationToken cancellationToken)
    {
        var chunks = ChunkPlan.Split(size, chunkSize);
        var last = await SendWithTokenAsync(token, null, path, chunks[0], size, meter, cancellationToken).ConfigureAwait(false);
        var videoId = JsonText.String(last, "videoId");
        // The first chunk created the video: from here a stopped run leaves it named in the journal.
        if (videoId is not null) meter.Checkpoint?.Created(videoId);
        if (chunks.Count == 1) return last;
        var middle = chunks.Skip(1).Take(chunks.Count - 2).ToList();
        await ConcurrentChunks.RunAsync(middle, concurrency, (chunk, ct) => SendWithTokenAsync(token, videoId, path, chunk, size, meter, ct), cancellationToken).ConfigureAwait(false);
        return await SendWithTokenAsync(token, videoId, path, chunks[^1], size, meter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One chunk through the token, resent after a failure; returns the video JSON of its answer (or of the last answer seen).</summary>
    private async Task<JObject> SendWithTokenAsync(string token, string? videoId, string path, ByteRange range, long size, TransferMeter meter, CancellationToken cancellationToken)
    {
        return await _http.Resilience.RunAsync(RetryKind.Transfer, async (attempt, ct) =>
            {
                try
                {
                    return await SendChunkAsync("upload", path, range, size, meter, request =>
                    {
                        request.AddQueryParameter("token", token);
                        if (videoId is not null) request.AddParameter("videoId", videoId, ParameterType.GetOrPost);
                    }, authenticate: false, ct).ConfigureAwait(false);
                }
                catch (VideoProviderException ex) when (attempt > 0 && videoId is not null && ex.StatusCode == 400 && IsAlreadyReceived(ex))
                {
                    OperationLog.Verbose($"api.video already had bytes {range}/{size} of '{path}' from an attempt whose answer was lost; going on.");
                    meter.Hold(new[] { range });
                    return new JObject { ["videoId"] = videoId };
                }
            },
            // The first chunk creates the video: it is resent only after a 429, where nothing was created.
            ex => ex is VideoProviderException failed && (failed.IsTransient || failed.ErrorId == "MalformedResponse")
                                                      && (videoId is not null || failed.Kind == ProviderErrorKind.RateLimited),
            retry => $"Chunk bytes {range}/{size} of '{path}' failed ({retry.Why}); sending it again {retry.When}.",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one chunk, streamed from disk; on success the meter holds its range. The bytes it has read count as in
    /// flight until it is answered, so progress with several chunks at once is the sum of them all.
    /// </summary>
    private async Task<JObject> SendChunkAsync(string resource, string path, ByteRange range, long size, TransferMeter meter, Action<RestRequest>? addToRequest,
        bool authenticate, CancellationToken cancellationToken)
    {
        long reported = 0;
        try
        {
            var response = await _http.SendStreamingAsync(touch =>
            {
                var request = ChunkRequest(resource, path, range, size, sent =>
                {
                    touch();
                    // A resent body starts again from 0: the difference is then negative, and the count stays exact.
                    meter.AddInFlight(sent - Interlocked.Exchange(ref reported, sent));
                });
                addToRequest?.Invoke(request);
                return request;
            }, RequestKind.NoRetry, cancellationToken, authenticate).ConfigureAwait(false);
            var answer = _http.ParseObject(response);
            meter.Hold(new[] { range }, Interlocked.Exchange(ref reported, 0));
            return answer;
        }
        finally
        {
            var left = Interlocked.Exchange(ref reported, 0);
            if (left != 0) meter.AddInFlight(-left);
        }
    }

    public Task<JObject> GetStatusAsync(string videoId, CancellationToken cancellationToken) =>
        _http.SendForJsonAsync(new RestRequest($"videos/{Uri.EscapeDataString(videoId)}/status"), RequestKind.Idempotent, cancellationToken);

    private static bool IsAlreadyReceived(VideoProviderException ex) =>
        ex.ProviderCode is { } code && (code.Contains("overlap", StringComparison.OrdinalIgnoreCase) || code.Contains("already", StringComparison.OrdinalIgnoreCase));

    private static RestRequest ChunkRequest(string resource, string path, ByteRange range, long size, Action<long> onSent)
    {
        // No overall deadline: SendStreamingAsync times the chunk out only when it stops moving.
        var request = new RestRequest(resource, Method.Post) { AlwaysMultipartFormData = true };
        request.Interceptors = new List<Interceptor> { new ContentHeaderInterceptor("Content-Range", $"bytes {range.First}-{range.Last}/{size}") };
        request.AddFile("file", () => new FileSliceStream(path, range.First, range.Length, onSent), Path.GetFileName(path), ContentType.Binary);
        return request;
    }

    /// <summary>The answers of one upload's chunks, written from several workers.</summary>
    private sealed class ChunkAnswers
    {
        private JObject? _last;
        private volatile bool _lost;

        public JObject? Last
        {
            get => Volatile.Read(ref _last);
            set => Volatile.Write(ref _last, value);
        }

        /// <summary>A chunk arrived but its answer was lost (the status said so).</summary>
        public bool Lost
        {
            get => _lost;
            set => _lost = value;
        }
    }
}

using Newtonsoft.Json.Linq;
using RestSharp.Interceptors;
using RestSharp;
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
    private readonly ApiVideoProvider _provider;

    public ApiVideoUploader(ProviderHttp http, ApiVideoProvider provider)
    {
        _http = http;
        _provider = provider;
    }

    /// <summary>Sends every chunk of the file into an existing video container; returns the video JSON once all arrived.</summary>
    /// <remarks>
    /// <paramref name="received"/>: what the platform already holds (a resumed run), so only the rest is sent.
    /// <paramref name="concurrency"/>: chunks in flight at once; api.video takes a video's chunks in any order
    /// (docs/platforms/apivideo.md#3-upload-protocol). Each chunk retries on its own.
    /// <paramref name="beforeLastChunk"/>: work that must be done before the file can complete (the content marker
    /// written beside the upload), started here: the chunk started last waits for it, so no video is ever complete
    /// without it. A chunk that fails for good stops it (and the wait), and it never outlives this call.
    /// </remarks>
    public async Task<JObject> UploadToContainerAsync(string videoId, string path, long size, long chunkSize, int concurrency, TransferMeter meter, CancellationToken cancellationToken,
        IReadOnlyList<ByteRange>? received = null, Func<CancellationToken, Task>? beforeLastChunk = null)
    {
        var resource = $"videos/{Uri.EscapeDataString(videoId)}/source";
        if (received is { Count: > 0 }) meter.Hold(received);
        var chunks = received is null ? ChunkPlan.Staggered(size, chunkSize, concurrency, _provider.ChunkSizes.Minimum) : ChunkPlan.Missing(size, chunkSize, received);
        var answers = new ChunkAnswers();
        // Workers take chunks in order, so the plan's last chunk starts after every other one.
        var lastToStart = chunks.Count > 0 ? chunks[^1] : default;
        using var markerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var marker = beforeLastChunk?.Invoke(markerStop.Token);
        try
        {
            await ConcurrentChunks.RunAsync(chunks, concurrency, async (chunk, token) =>
                {
                    if (marker is not null && chunk == lastToStart) await marker.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        await SendToContainerAsync(videoId, resource, path, chunk, size, meter, answers, token).ConfigureAwait(false);
                    }
                    catch
                    {
                        // Failed for good: no further chunk starts, so the marker is not needed; stop it and the wait for it.
                        markerStop.Cancel();
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            if (marker is not null) await marker.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (marker is not null)
            {
                markerStop.Cancel();
                try
                {
                    await marker.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or VideoProviderException)
                {
                    // Observed here; the upload's own failure (or the marker's, raised above) is what the caller sees.
                }
            }
        }
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

    // Send-Video on api.video (docs/platforms/apivideo.md#3-upload-protocol): create the video, send the chunks through
    // <see cref="ApiVideoUploader"/> (or with an upload token alone), resume an earlier run's upload, and report what a
    // failure left behind.

    public async Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var size = UploadSource.Inspect(request.FilePath);
        _provider.ValidateUpload(request);
        var chunkSize = _provider.ResolveChunkSize(request.ChunkSize);
        var isPublic = ApiVideoJson.FromPrivacy(request.Privacy);
        var meter = new TransferMeter(request.FilePath, size, progress, request.Checkpoint);
        var token = request.UploadToken ?? _provider.UploadToken;
        if (token is not null)
        {
            _http.Redactor.Add(token);
            if (request.ResumeVideoId is { } unfinished)
                OperationLog.Warning($"An upload token cannot ask api.video which bytes of video {unfinished} arrived, so '{request.FilePath}' is uploaded as a new video; the unfinished video {unfinished} stays until removed (Remove-Video -Id {unfinished}, with the API key).");
            return await UploadWithTokenAsync(request, token, size, chunkSize, isPublic, meter, cancellationToken).ConfigureAwait(false);
        }

        _provider.RequireKey("upload");
        if (request.ResumeVideoId is { } resumeId && await ResumeAsync(request, resumeId, size, chunkSize, meter, cancellationToken).ConfigureAwait(false) is { } resumed)
            return resumed;
        var create = new RestRequest("videos", Method.Post);
        var title = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath);
        // The content's hash, if still being computed: a file of one chunk waits for it (a moment) and the create
        // carries it; a larger one gets it written beside its chunks (WriteContentMarkerAsync).
        var metadata = request.Metadata;
        var pending = request.PendingSha256;
        if (pending is not null && size <= chunkSize)
        {
            metadata = ContentMarkers.Adding(metadata, (ContentMarkers.Sha256Key, await pending().WaitAsync(cancellationToken).ConfigureAwait(false)));
            pending = null;
        }
        ProviderHttp.AddJsonBody(create, new
        {
            title,
            description = request.Description,
            @public = isPublic,
            tags = request.Tags,
            metadata = ApiVideoJson.FromMetadata(metadata),
        });
        // Through the guard: a create whose answer was lost may have made an empty container (CreateGuard).
        var container = await _provider.Creates.CreateAsync(title, request.FilePath,
            token => _http.SendForJsonAsync(create, RequestKind.NonIdempotent, token), c => JsonText.String(c, "videoId"), cancellationToken, request.AttemptId).ConfigureAwait(false);
        var videoId = JsonText.String(container, "videoId")
            ?? throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "api.video created a video but its answer had no videoId.");
        request.Checkpoint?.Created(videoId);
        OperationLog.Verbose($"Created api.video video {videoId} for '{request.FilePath}'; uploading {ChunkPlan.Format(size)} in chunks of {ChunkPlan.Format(chunkSize)}.");
        try
        {
            Func<CancellationToken, Task>? marker = pending is null ? null : token => WriteContentMarkerAsync(videoId, metadata, pending, token);
            var video = await UploadToContainerAsync(videoId, request.FilePath, size, chunkSize, request.ChunkConcurrency ?? ApiVideoProvider.DefaultChunkConcurrency, meter, cancellationToken,
                beforeLastChunk: marker).ConfigureAwait(false);
            return (await UploadedAsync(videoId, video, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
        }
        catch (VideoProviderException ex)
        {
            throw await UploadFailedAsync(ex, request.FilePath, videoId, meter.Confirmed).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The video an upload ended with, from the last chunk's answer: a create and the chunks are all the requests a
    /// file costs, as with the api.video SDKs. The status is read only when that answer lacks the source.
    /// </summary>
    private async Task<Video> UploadedAsync(string videoId, JObject video, CancellationToken cancellationToken)
    {
        var status = ApiVideoJson.NeedsStatusRead(video) ? await GetStatusAsync(videoId, cancellationToken).ConfigureAwait(false) : null;
        return ApiVideoJson.ToUploadedVideo(video, status, _provider.Connection);
    }

    /// <summary>
    /// Finishes an upload an earlier run started into <paramref name="videoId"/>: asks which byte ranges api.video
    /// received (docs/platforms/apivideo.md#3-upload-protocol, /videos/{id}/status) and sends only the missing chunks into the same video. Null
    /// when the video is gone, so the caller uploads afresh.
    /// </summary>
    private async Task<Video?> ResumeAsync(UploadRequest request, string videoId, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken)
    {
        JObject status;
        try
        {
            status = await GetStatusAsync(videoId, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            OperationLog.Verbose($"The unfinished api.video video {videoId} for '{request.FilePath}' no longer exists; uploading the file as a new video.");
            request.Checkpoint?.Removed();
            return null;
        }
        var received = ApiVideoJson.ReceivedRanges(status);
        OperationLog.Verbose($"api.video video {videoId} holds {ChunkPlan.Format(received.Sum(r => r.Length))} of {ChunkPlan.Format(size)} of '{request.FilePath}'; sending the rest.");
        try
        {
            Func<CancellationToken, Task>? marker = request.PendingSha256 is { } pending ? token => EnsureContentMarkerAsync(videoId, pending, token) : null;
            var video = await UploadToContainerAsync(videoId, request.FilePath, size, chunkSize, request.ChunkConcurrency ?? ApiVideoProvider.DefaultChunkConcurrency, meter, cancellationToken, received,
                beforeLastChunk: marker).ConfigureAwait(false);
            return (await UploadedAsync(videoId, video, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
        }
        catch (VideoProviderException ex)
        {
            // confirmed > 0 here whenever anything arrived, so a video holding part of the file is never deleted.
            throw await UploadFailedAsync(ex, request.FilePath, videoId, Math.Max(meter.Confirmed, received.Sum(r => r.Length))).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the content's SHA-256 into the video's metadata once computed, beside the chunks. api.video replaces the
    /// metadata list whole, so the list sent is the one the create sent plus the hash; the PATCH is idempotent and
    /// retried, and the last chunk waits for it.
    /// </summary>
    private async Task WriteContentMarkerAsync(string videoId, IReadOnlyDictionary<string, string>? created, Func<Task<string>> sha256, CancellationToken cancellationToken)
    {
        var metadata = ContentMarkers.Adding(created, (ContentMarkers.Sha256Key, await sha256().WaitAsync(cancellationToken).ConfigureAwait(false)));
        var patch = new RestRequest($"videos/{Uri.EscapeDataString(videoId)}", Method.Patch);
        ProviderHttp.AddJsonBody(patch, new { metadata = ApiVideoJson.FromMetadata(metadata) });
        await _http.SendForJsonAsync(patch, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A resumed upload's marker: the run that created the video may have stopped before writing it. Read the video
    /// (as the chunks start) and, only when the marker is missing, hash the file and add it to what the video carries.
    /// </summary>
    private async Task EnsureContentMarkerAsync(string videoId, Func<Task<string>> sha256, CancellationToken cancellationToken)
    {
        var current = await _provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false);
        if (current.Metadata.ContainsKey(ContentMarkers.Sha256Key))
        {
            OperationLog.Verbose($"api.video video {videoId} already carries its content marker; the file is not read for its hash again.");
            return;
        }
        await WriteContentMarkerAsync(videoId, current.Metadata, sha256, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Video> UploadWithTokenAsync(UploadRequest request, string token, long size, long chunkSize, bool? isPublic, TransferMeter meter, CancellationToken cancellationToken)
    {
        JObject video;
        try
        {
            video = await UploadWithTokenAsync(token, request.FilePath, size, chunkSize, request.ChunkConcurrency ?? ApiVideoProvider.DefaultChunkConcurrency, meter, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode == 401)
        {
            throw ex.Reword("UploadTokenRejected",
                $"api.video refused the upload token for '{request.FilePath}': it is unknown, deleted or expired. Ask its owner for a new one (New-UploadToken).");
        }
        var videoId = JsonText.String(video, "videoId") ?? "";
        // A token upload can only name the video after the file. With the key as well, set what was asked for.
        var update = new VideoUpdate
        {
            Title = request.Title, Description = request.Description, Tags = request.Tags, Metadata = request.Metadata,
            Privacy = request.Privacy,
        };
        if (!update.IsEmpty)
        {
            if (!_provider.CanManageVideos)
                OperationLog.Warning($"Uploaded '{request.FilePath}' as api.video video {videoId}, but an upload token cannot set its title, description, tags, metadata or privacy; connect with the API key and run Set-Video to set them.");
            else
                return (await _provider.UpdateVideoAsync(videoId, update, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
        }
        return ApiVideoJson.ToUploadedVideo(video, null, _provider.Connection).WithPath(request.FilePath);
    }

    /// <summary>
    /// Nothing is left behind unreported: an empty container is deleted again, and one holding part of the file is
    /// named in the error with how much it holds.
    /// </summary>
    private async Task<UploadFailedException> UploadFailedAsync(VideoProviderException cause, string path, string videoId, long confirmed)
    {
        if (confirmed == 0)
        {
            try
            {
                using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _provider.DeleteVideoAsync(videoId, cleanup.Token).ConfigureAwait(false);
                return new UploadFailedException(cause, path,
                    $"Uploading '{path}' to api.video failed: {cause.Message} The empty video {videoId} created for it was deleted again, so nothing was left behind.",
                    videoId, 0, videoRemoved: true);
            }
            catch (Exception ex) when (ex is VideoProviderException or OperationCanceledException)
            {
                OperationLog.Verbose($"Could not delete the empty video {videoId}: {ex.Message}");
            }
        }
        return new UploadFailedException(cause, path,
            $"Uploading '{path}' to api.video failed: {cause.Message} The video {videoId} was created and holds {ChunkPlan.Format(confirmed)} of the file; remove it with Remove-Video -Id {videoId}, or upload again.",
            videoId, confirmed, videoRemoved: false);
    }
}

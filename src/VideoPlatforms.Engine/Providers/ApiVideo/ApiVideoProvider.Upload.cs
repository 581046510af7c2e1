using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>
/// Send-Video on api.video (docs/platforms/apivideo.md#3-upload-protocol): create the video, send the chunks through
/// <see cref="ApiVideoUploader"/> (or with an upload token alone), resume an earlier run's upload, and report what a
/// failure left behind.
/// </summary>
internal sealed partial class ApiVideoProvider
{
    public override async Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var size = UploadSource.Inspect(request.FilePath);
        ValidateUpload(request);
        var chunkSize = ResolveChunkSize(request.ChunkSize);
        var isPublic = ApiVideoJson.FromPrivacy(request.Privacy);
        var meter = new TransferMeter(request.FilePath, size, progress, request.Checkpoint);
        var token = request.UploadToken ?? _uploadToken;
        if (token is not null)
        {
            Http.Redactor.Add(token);
            if (request.ResumeVideoId is { } unfinished)
                OperationLog.Warning($"An upload token cannot ask api.video which bytes of video {unfinished} arrived, so '{request.FilePath}' is uploaded as a new video; the unfinished video {unfinished} stays until removed (Remove-Video -Id {unfinished}, with the API key).");
            return await UploadWithTokenAsync(request, token, size, chunkSize, isPublic, meter, cancellationToken).ConfigureAwait(false);
        }

        RequireKey("upload");
        if (request.ResumeVideoId is { } resumeId && await ResumeAsync(request, resumeId, size, chunkSize, meter, cancellationToken).ConfigureAwait(false) is { } resumed)
            return resumed;
        var create = new RestRequest("videos", Method.Post);
        var title = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath);
        ProviderHttp.AddJsonBody(create, new
        {
            title,
            description = request.Description,
            @public = isPublic,
            tags = request.Tags,
            metadata = ApiVideoJson.FromMetadata(request.Metadata),
        });
        // Through the guard: a create whose answer was lost may have made an empty container (CreateGuard).
        var container = await Creates.CreateAsync(title, request.FilePath,
            token => Http.SendForJsonAsync(create, RequestKind.NonIdempotent, token), c => JsonText.String(c, "videoId"), cancellationToken, request.AttemptId).ConfigureAwait(false);
        var videoId = JsonText.String(container, "videoId")
            ?? throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "api.video created a video but its answer had no videoId.");
        request.Checkpoint?.Created(videoId);
        OperationLog.Verbose($"Created api.video video {videoId} for '{request.FilePath}'; uploading {ChunkPlan.Format(size)} in chunks of {ChunkPlan.Format(chunkSize)}.");
        try
        {
            var video = await _uploader.UploadToContainerAsync(videoId, request.FilePath, size, chunkSize, request.ChunkConcurrency ?? DefaultChunkConcurrency, meter, cancellationToken).ConfigureAwait(false);
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
        var status = ApiVideoJson.NeedsStatusRead(video) ? await _uploader.GetStatusAsync(videoId, cancellationToken).ConfigureAwait(false) : null;
        return ApiVideoJson.ToUploadedVideo(video, status, Connection);
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
            status = await _uploader.GetStatusAsync(videoId, cancellationToken).ConfigureAwait(false);
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
            var video = await _uploader.UploadToContainerAsync(videoId, request.FilePath, size, chunkSize, request.ChunkConcurrency ?? DefaultChunkConcurrency, meter, cancellationToken, received).ConfigureAwait(false);
            return (await UploadedAsync(videoId, video, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
        }
        catch (VideoProviderException ex)
        {
            // confirmed > 0 here whenever anything arrived, so a video holding part of the file is never deleted.
            throw await UploadFailedAsync(ex, request.FilePath, videoId, Math.Max(meter.Confirmed, received.Sum(r => r.Length))).ConfigureAwait(false);
        }
    }

    private async Task<Video> UploadWithTokenAsync(UploadRequest request, string token, long size, long chunkSize, bool? isPublic, TransferMeter meter, CancellationToken cancellationToken)
    {
        JObject video;
        try
        {
            video = await _uploader.UploadWithTokenAsync(token, request.FilePath, size, chunkSize, request.ChunkConcurrency ?? DefaultChunkConcurrency, meter, cancellationToken).ConfigureAwait(false);
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
            if (_auth is null)
                OperationLog.Warning($"Uploaded '{request.FilePath}' as api.video video {videoId}, but an upload token cannot set its title, description, tags, metadata or privacy; connect with the API key and run Set-Video to set them.");
            else
                return (await UpdateVideoAsync(videoId, update, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
        }
        return ApiVideoJson.ToUploadedVideo(video, null, Connection).WithPath(request.FilePath);
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
                await DeleteVideoAsync(videoId, cleanup.Token).ConfigureAwait(false);
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

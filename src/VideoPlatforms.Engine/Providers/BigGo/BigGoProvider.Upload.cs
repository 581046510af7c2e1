using System.Globalization;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>
/// Send-Video on BigGo (docs/platforms/biggo.md#3-upload-protocol): the whole file in one request through <see
/// cref="BigGoUploader"/>, then the title, description and privacy set with a PATCH; resume an earlier run whose
/// parameters were not set; and delete, or name, a video whose parameters failed.
/// </summary>
internal sealed partial class BigGoProvider
{
    public override async Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ValidateUpload(request);
        var path = request.FilePath;
        var size = request.Body?.Length ?? UploadSource.Inspect(path);
        var meter = new TransferMeter(path, size, progress, request.Checkpoint);
        if (request.ResumeVideoId is { } storedId && await ResumeAsync(request, storedId, size, meter, cancellationToken).ConfigureAwait(false) is { } resumed)
            return resumed;
        RestRequest Build(Action touch)
        {
            // The whole file goes in one request, so no overall deadline: SendStreamingAsync times it out only when
            // it stops moving.
            var upload = new RestRequest("api/v1/video/", Method.Post) { AlwaysMultipartFormData = true };
            upload.AddHeader("File-Size", size.ToString(CultureInfo.InvariantCulture));
            // Streamed from disk through a factory: RestSharp opens the file when (and each time) it sends the body.
            void Sent(long sent)
            {
                touch();
                meter.InFlight(0, sent);
            }
            upload.AddFile("video", () => request.Body?.Open(Sent) ?? new FileSliceStream(path, 0, size, Sent), Path.GetFileName(path), ContentType.Binary);
            return upload;
        }

        OperationLog.Verbose($"Uploading '{path}' ({ChunkPlan.Format(size)}) to BigGo in one multipart request.");

        var (created, adopted) = await _uploader.SendUploadAsync(Build, path, cancellationToken).ConfigureAwait(false);
        var videoId = adopted ?? JsonText.String(created, "video_id");
        if (string.IsNullOrEmpty(videoId))
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                $"BigGo accepted '{path}' but its answer had no video_id, so the new video cannot be named. Look for it with Get-Video.");
        Creates.Know(videoId);
        // The video now holds the whole file: if this run dies before its parameters are set, -Resume sets them.
        request.Checkpoint?.Created(videoId);
        meter.SetConfirmed(size);
        OperationLog.Verbose($"BigGo stored '{path}' as video {videoId}; setting its title, description and privacy.");

        var update = new VideoUpdate
        {
            Title = request.Title ?? Path.GetFileNameWithoutExtension(path),
            Description = request.Description,
            Privacy = request.Privacy,
        };
        try
        {
            await PatchAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw await ParametersFailedAsync(ex, path, videoId, size).ConfigureAwait(false);
        }

        try
        {
            return (await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(path);
        }
        catch (VideoProviderException ex)
        {
            // The video exists with its parameters set; only reading it back failed. Report what is known.
            OperationLog.Warning($"Uploaded '{path}' as BigGo video {videoId}, but reading it back failed: {ex.Message}");
            return new Video("BigGo", videoId, Connection)
            {
                Title = update.Title, Description = update.Description, Privacy = update.Privacy, Status = VideoStatus.Processing,
            }.WithPath(path);
        }
    }

    /// <summary>
    /// BigGo takes a file in one request (docs/platforms/biggo.md#3-upload-protocol), so the journal only holds a video id once the whole file
    /// arrived; an earlier run that stopped before setting the title, description and privacy is finished by setting
    /// them now. Null when the video is gone, so the caller uploads afresh.
    /// </summary>
    private async Task<Video?> ResumeAsync(UploadRequest request, string videoId, long size, TransferMeter meter, CancellationToken cancellationToken)
    {
        try
        {
            await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            OperationLog.Verbose($"BigGo video {videoId}, stored by an earlier run for '{request.FilePath}', no longer exists; uploading the file again.");
            request.Checkpoint?.Removed();
            return null;
        }
        meter.SetConfirmed(size);
        var update = new VideoUpdate
        {
            Title = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath), Description = request.Description, Privacy = request.Privacy,
        };
        OperationLog.Verbose($"BigGo already holds '{request.FilePath}' as video {videoId} from an earlier run; setting its title, description and privacy.");
        try
        {
            await PatchAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw await ParametersFailedAsync(ex, request.FilePath, videoId, size).ConfigureAwait(false);
        }
        return (await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
    }

    /// <summary>
    /// The JS client's rule (video/index.ts <c>upload</c>): a video whose parameters could not be set is deleted
    /// again; if even that fails it is named in the error, so nothing is left behind unreported.
    /// </summary>
    private async Task<UploadFailedException> ParametersFailedAsync(VideoProviderException cause, string path, string videoId, long size)
    {
        try
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await DeleteVideoAsync(videoId, cleanup.Token).ConfigureAwait(false);
            return new UploadFailedException(cause, path,
                $"Uploading '{path}' to BigGo failed while setting its title, description and privacy: {cause.Message} The new video {videoId} was deleted again, so nothing was left behind; fix the cause and send the file again.",
                videoId, size, videoRemoved: true);
        }
        catch (Exception ex) when (ex is VideoProviderException or OperationCanceledException)
        {
            OperationLog.Verbose($"Could not delete BigGo video {videoId} after its parameters failed: {ex.Message}");
            return new UploadFailedException(cause, path,
                $"Uploading '{path}' to BigGo failed while setting its title, description and privacy: {cause.Message} The video {videoId} holds the whole file but has default parameters, and deleting it failed too ({ex.Message}); set them with Set-Video -Id {videoId}, or remove it with Remove-Video -Id {videoId}.",
                videoId, size, videoRemoved: false);
        }
    }
}

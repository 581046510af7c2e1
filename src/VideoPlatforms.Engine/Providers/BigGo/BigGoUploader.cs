using System.Globalization;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>
/// Sends the file to BigGo (docs/platforms/biggo.md#3-upload-protocol): one streamed multipart POST that creates the
/// video, with the upload's own retry rule, since that POST is not idempotent; then the video's title, description
/// and privacy are set with a PATCH (UploadAsync below), an earlier run whose parameters were not set is resumed, and a
/// video whose parameters failed is deleted or named.
/// </summary>
internal sealed class BigGoUploader
{
    private readonly BigGoProvider _provider;

    public BigGoUploader(ProviderHttp http, BigGoProvider provider)
    {
        Http = http;
        _provider = provider;
    }

    private ProviderHttp Http { get; }

    /// <summary>Finds a video an attempt whose answer was lost created (by title, since it started).</summary>
    private CreateGuard Creates => _provider.Creates;

    /// <summary>
    /// Sends the one upload request. It is not idempotent: the pipeline retries it only on 429, where nothing was
    /// created (a JWT_EXPIRED answer is renewed and repeated there too, a refused token creating nothing either).
    /// After a failure that leaves the outcome unknown (5xx, lost or garbled answer, timeout) it is sent again here,
    /// which cannot duplicate the video because BigGo refuses the same bytes twice (error 1002, docs/platforms/biggo.md#3-upload-protocol): a
    /// 1002 after such a failure means an earlier attempt landed, and that video is adopted (found by its title, the
    /// file name, which BigGo gives an upload; only an unambiguous match is taken). Returns the answer, or the
    /// adopted video's id.
    /// </summary>
    public async Task<(JObject? Created, string? Adopted)> SendUploadAsync(Func<Action, RestRequest> upload, string path, CancellationToken cancellationToken)
    {
        DateTimeOffset? uncertainSince = null;
        try
        {
            return (await Http.Resilience.RunAsync(RetryKind.Create, async (_, ct) =>
                {
                    var started = DateTimeOffset.UtcNow;
                    try
                    {
                        // Streamed, so it times out only when the transfer stalls (SendStreamingAsync).
                        // An answer that does not parse is as uncertain as a lost one (Checked throws MalformedResponse).
                        return Checked(await Http.SendStreamingAsync(upload, RequestKind.NonIdempotent, ct).ConfigureAwait(false));
                    }
                    catch (VideoProviderException ex) when (CreateGuard.IsUncertain(ex))
                    {
                        uncertainSince ??= started;
                        throw;
                    }
                },
                ex => ex is VideoProviderException failed && CreateGuard.IsUncertain(failed),
                retry => $"Uploading '{path}' to BigGo failed ({(retry.Error as VideoProviderException)?.ErrorId}) and may have landed; sending it again, which BigGo answers with 1002 if it did, {retry.When}.",
                cancellationToken).ConfigureAwait(false), null);
        }
        catch (VideoProviderException ex) when (ex.ErrorId == "VideoAlreadyExists" && uncertainSince is { } since)
        {
            if (await LandedAsync(path, since, cancellationToken).ConfigureAwait(false) is { } landed)
            {
                OperationLog.Verbose($"BigGo had received '{path}' on an attempt whose answer was lost (it refused the resend with 1002); going on with that video, {landed}.");
                return (null, landed);
            }
            throw new UploadFailedException(ex, path,
                $"BigGo received '{path}' on an attempt whose answer was lost (it refused the resend as a duplicate, error 1002), but the new video could not be told apart from others of the same name. Find it with Get-Video; do not send the file again.",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex.ErrorId == "VideoAlreadyExists")
        {
            throw new UploadFailedException(ex, path,
                $"BigGo already has a video with the content of '{path}' (error 1002): it refuses the same file twice, so nothing was uploaded. Find the existing video with Get-Video, or remove it first to upload again.",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex.IsTransient || CreateGuard.IsUncertain(ex))
        {
            // The retries ran out with the outcome unknown: an attempt may have landed (the mixed-fault suite met a lost
            // answer followed by garbled and failed resends, and the stored video was left unnamed). Ask the platform, as
            // after a 1002.
            if (uncertainSince is { } since && await LandedAsync(path, since, cancellationToken).ConfigureAwait(false) is { } landed)
            {
                OperationLog.Verbose($"BigGo had received '{path}' on an attempt whose answer was lost, though the resends failed ({ex.ErrorId}); going on with that video, {landed}.");
                return (null, landed);
            }
            throw new UploadFailedException(ex, path,
                $"Uploading '{path}' to BigGo failed: {ex.Message} It may have landed: check with Get-Video before sending it again (BigGo refuses a second copy of the same file with VideoAlreadyExists, so sending again cannot duplicate it).",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex is not UploadFailedException)
        {
            throw new UploadFailedException(ex, path, $"Uploading '{path}' to BigGo failed: {ex.Message}", null, 0, videoRemoved: false);
        }
    }

    /// <summary>
    /// The one video an attempt of this upload made since <paramref name="since"/> (by its title, unknown to this
    /// connection: CreateGuard.FindStraysAsync), or null when none or several match, or the listing fails.
    /// </summary>
    private async Task<string?> LandedAsync(string path, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            var landed = await Creates.FindStraysAsync(Path.GetFileNameWithoutExtension(path), since, cancellationToken).ConfigureAwait(false);
            return landed.Count == 1 ? landed[0].Id : null;
        }
        catch (VideoProviderException)
        {
            return null;
        }
    }

    /// <summary>A successful response's JSON, or BigGo's error when its body says result: false.</summary>
    private JObject Checked(RestResponse response)
    {
        var json = Http.ParseObject(response);
        if (json.Value<bool?>("result") == false)
            throw BigGoJson.FromBody(Http, response.Content, Http.Describe(response.Request), (int)response.StatusCode)
                  ?? new VideoProviderException(ProviderErrorKind.ProtocolError, "UnexpectedResponse", $"BigGo answered {Http.Describe(response.Request)} with result: false.");
        return json;
    }

    // Send-Video on BigGo (docs/platforms/biggo.md#3-upload-protocol): the whole file in one request through <see
    // cref="BigGoUploader"/>, then the title, description and privacy set with a PATCH; resume an earlier run whose
    // parameters were not set; and delete, or name, a video whose parameters failed.

    public async Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _provider.ValidateUpload(request);
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

        var (created, adopted) = await SendUploadAsync(Build, path, cancellationToken).ConfigureAwait(false);
        var videoId = adopted ?? JsonText.String(created, "video_id");
        if (string.IsNullOrEmpty(videoId))
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                $"BigGo accepted '{path}' but its answer had no video_id, so the new video cannot be named. Look for it with Get-Video.");
        _provider.Creates.Know(videoId);
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
            await _provider.PatchAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw await ParametersFailedAsync(ex, path, videoId, size).ConfigureAwait(false);
        }

        try
        {
            return (await _provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(path);
        }
        catch (VideoProviderException ex)
        {
            // The video exists with its parameters set; only reading it back failed. Report what is known.
            OperationLog.Warning($"Uploaded '{path}' as BigGo video {videoId}, but reading it back failed: {ex.Message}");
            return new Video("BigGo", videoId, _provider.Connection)
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
            await _provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false);
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
            await _provider.PatchAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw await ParametersFailedAsync(ex, request.FilePath, videoId, size).ConfigureAwait(false);
        }
        return (await _provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
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
            await _provider.DeleteVideoAsync(videoId, cleanup.Token).ConfigureAwait(false);
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

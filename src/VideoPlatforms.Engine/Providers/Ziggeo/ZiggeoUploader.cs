using Newtonsoft.Json.Linq;
using RestSharp;
using RestSharp.Interceptors;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Ziggeo's three-step signed upload (docs/platforms/ziggeo.md#3-upload-protocol): ask for a video and a pre-signed S3-style POST
/// (videos-upload-url), POST the file there as multipart with the signed fields first and the file last, then
/// confirm the stream. Ziggeo has no chunked or resumable protocol: a transient failure of the file POST sends
/// the whole file again (the SDKs do the same, up to their resilience factor), which cannot duplicate a video
/// because the video already exists and the POST only (re)writes its one object.
/// </summary>
internal sealed class ZiggeoUploader
{
    private readonly ProviderHttp _http;

    public ZiggeoUploader(ProviderHttp http) => _http = http;

    // guard: runs the create, so an uncertain failure is recovered without a second video (CreateGuard).
    public async Task<Video> UploadAsync(UploadRequest request, string data, VideoProviderConnection connection, IProgress<TransferProgress>? progress, CancellationToken cancellationToken,
        Func<Func<CancellationToken, Task<JObject>>, CancellationToken, Task<JObject>> guard)
    {
        var path = request.FilePath;
        var size = request.Body?.Length ?? UploadSource.Inspect(path);
        var body = request.Body;
        var extension = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (extension.Length == 0 || !extension.All(char.IsAsciiLetterOrDigit))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "FileTypeUnknown",
                $"The file '{path}' has no extension, and Ziggeo needs one to know the video type (video_type, e.g. mp4). Rename it with its type's extension, e.g. '{Path.GetFileName(path)}.mp4'.");
        var meter = new TransferMeter(path, size, progress, request.Checkpoint);
        if (request.ResumeVideoId is { } unfinished)
        {
            // A run stopped after Ziggeo confirmed the file (while reading the video back) left a finished video:
            // that one is the upload, not something to delete and send again.
            if (await FinishedAsync(unfinished, connection, cancellationToken).ConfigureAwait(false) is { } finished)
            {
                OperationLog.Verbose($"Ziggeo video {unfinished}, which an earlier run created for '{path}', already holds the file ({finished.Status}); nothing to send again.");
                request.Checkpoint?.Confirmed(size);
                return finished.WithPath(path);
            }
            await DiscardUnfinishedAsync(path, unfinished, request.Checkpoint).ConfigureAwait(false);
        }

        // Step 1. Creates the video: retried by the pipeline only on 429, where nothing was created; an uncertain
        // failure goes through the guard, which deletes what the attempt made before creating again.
        var create = new RestRequest("v1/videos-upload-url", Method.Post);
        create.AddParameter("video_type", extension);
        if (request.Tags is { Count: > 0 } tags) create.AddParameter("tags", string.Join(",", tags));
        create.AddParameter("data", data);
        // -SkipExisting's claim: Ziggeo keeps a key unique per application, so a second video of the content is refused.
        if (request.PlatformKey is { } key) create.AddParameter("key", key);
        var answer = await guard(token => _http.SendForJsonAsync(create, RequestKind.NonIdempotent, token), cancellationToken).ConfigureAwait(false);
        var video = answer["video"] as JObject;
        var videoToken = JsonText.String(video, "token");
        var streamToken = JsonText.String(video, "default_stream.token");
        var url = JsonText.String(answer, "url_data.url");
        var fields = answer.SelectToken("url_data.fields") as JObject;
        if (video is null || videoToken is null)
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                $"Ziggeo answered the upload request for '{path}' without the new video's token; nothing can be uploaded. Run the command again.");

        // The signed URL and every signed field (policy, signature, credential) open the bucket: never shown.
        _http.Redactor.Add(url);
        foreach (var field in fields?.Properties() ?? Enumerable.Empty<JProperty>()) _http.Redactor.Add(field.Value.ToString());

        request.Checkpoint?.Created(videoToken);
        OperationLog.Verbose($"Created Ziggeo video {videoToken} for '{path}'; sending its {ChunkPlan.Format(size)} to the signed upload URL.");
        var arrived = false;
        try
        {
            if (streamToken is null || url is null || fields is null || !Uri.TryCreate(url, UriKind.Absolute, out var target))
                throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                    "Ziggeo created the video but its answer had no usable url_data (url and fields) or default_stream token.");
            await PostFileAsync(target, fields, path, body, size, meter, cancellationToken).ConfigureAwait(false);
            arrived = true;
            meter.SetConfirmed(size);

            // Step 3. Confirming a stream twice is harmless, so a lost answer is simply asked again.
            var confirm = new RestRequest($"v1/videos/{Uri.EscapeDataString(videoToken)}/streams/{Uri.EscapeDataString(streamToken)}/confirm-video", Method.Post);
            // As the SDKs do: the confirm answer is the video's default stream now.
            video["default_stream"] = await _http.SendForJsonAsync(confirm, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw await UploadFailedAsync(ex, path, videoToken, arrived ? size : 0, request.Checkpoint).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user (Ctrl+C): the video has no confirmed file, so it is removed rather than left behind.
            if (await TryDeleteAsync(videoToken, request.Checkpoint).ConfigureAwait(false) is { } problem)
                OperationLog.Warning($"The upload of '{path}' was stopped; the Ziggeo video {videoToken} created for it could not be deleted ({problem}). Remove it with Remove-Video -Id {videoToken}.");
            else
                OperationLog.Verbose($"The upload of '{path}' was stopped; deleted the unfinished Ziggeo video {videoToken}.");
            throw;
        }

        // The video is complete from here on: a failure to read it back must not remove it.
        try
        {
            // The video's own state changed with the confirm too, so read it afresh.
            var refreshed = await _http.SendForJsonAsync(new RestRequest($"v1/videos/{Uri.EscapeDataString(videoToken)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            return ZiggeoJson.ToVideo(refreshed, connection).WithPath(path);
        }
        catch (VideoProviderException ex)
        {
            OperationLog.Warning($"Uploaded '{path}' as Ziggeo video {videoToken}, but reading it back failed ({ex.Message}); its status shown may be out of date (Get-Video -Id {videoToken} reads it again).");
            return ZiggeoJson.ToVideo(video, connection).WithPath(path);
        }
    }

    /// <summary>The earlier run's video if it already holds its file (processing or ready); null if not, or gone.</summary>
    private async Task<Video?> FinishedAsync(string videoToken, VideoProviderConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var json = await _http.SendForJsonAsync(new RestRequest($"v1/videos/{Uri.EscapeDataString(videoToken)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            var video = ZiggeoJson.ToVideo(json, connection);
            return video.Status is VideoStatus.Processing or VideoStatus.Ready ? video : null;
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Ziggeo has no resumable upload (docs/platforms/ziggeo.md#3-upload-protocol), and a signed URL from an earlier run is neither kept (it is
    /// a credential) nor reusable once expired. So a resumed file starts clean: the video the earlier run created
    /// (which never got a confirmed file) is deleted, and if that fails it is named, so it is never left unreported.
    /// </summary>
    private async Task DiscardUnfinishedAsync(string path, string videoToken, IUploadCheckpoint? checkpoint)
    {
        if (await TryDeleteAsync(videoToken, checkpoint).ConfigureAwait(false) is { } problem)
            OperationLog.Warning($"Ziggeo cannot resume an upload, so '{path}' is uploaded again as a new video; the unfinished video {videoToken} from the earlier run could not be deleted ({problem}). Remove it with Remove-Video -Id {videoToken}.");
        else
            OperationLog.Verbose($"Ziggeo cannot resume an upload: deleted the unfinished video {videoToken} an earlier run created for '{path}', and uploading the file again.");
    }

    /// <summary>Step 2: the multipart POST to the signed URL, without the Authorization header, retried whole.</summary>
    private async Task PostFileAsync(Uri target, JObject fields, string path, UploadBody? body, long size, TransferMeter meter, CancellationToken cancellationToken)
    {
        RestRequest Build(Action touch)
        {
            // No overall deadline for the whole file: SendStreamingAsync times it out only when it stops moving.
            var request = new RestRequest(target, Method.Post)
            {
                AlwaysMultipartFormData = true,
                Interceptors = new List<Interceptor> { new FileLastMultipartInterceptor() },
            };
            foreach (var field in fields.Properties()) request.AddParameter(field.Name, field.Value.ToString(), ParameterType.GetOrPost);
            // Streamed from disk through a factory: each attempt opens a fresh window on the file, nothing is buffered.
            void Sent(long sent)
            {
                touch();
                meter.InFlight(0, sent);
            }
            request.AddFile("file", () => body?.Open(Sent) ?? new FileSliceStream(path, 0, size, Sent), Path.GetFileName(path), ContentType.Binary);
            return request;
        }

        try
        {
            await _http.Resilience.RunAsync(RetryKind.Transfer, async (attempt, ct) =>
                {
                    // No bytes are kept by the signed URL: a retry sends the whole file again.
                    if (attempt > 0) meter.SetConfirmed(0);
                    await _http.SendStreamingAsync(Build, RequestKind.NoRetry, ct, authenticate: false).ConfigureAwait(false);
                },
                ex => ex is VideoProviderException { IsTransient: true },
                retry => $"Sending '{path}' to the signed upload URL failed ({retry.Why}); no bytes are kept by that URL, so the whole file is sent again {retry.When}.",
                cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 400 or 403 or 404 or 405 or 411 or 412)
        {
            // The bucket's own refusal (S3's XML error), not the application's credentials.
            throw ex.Reword("UploadUrlRejected",
                $"The signed upload URL Ziggeo gave for '{path}' refused the file with {ex.StatusCode}{(ex.ProviderCode is { } code ? " " + code : "")}: its signed policy was refused or has expired. Send the file again (a new upload gets a new URL).",
                ex.StatusCode == 403 ? ProviderErrorKind.Forbidden : ProviderErrorKind.ProtocolError);
        }
    }

    /// <summary>
    /// Nothing is left behind unreported: the video that was created for the file is deleted again, and if that
    /// fails it is named in the error.
    /// </summary>
    private async Task<UploadFailedException> UploadFailedAsync(VideoProviderException cause, string path, string videoToken, long arrived, IUploadCheckpoint? checkpoint)
    {
        var stage = arrived > 0 ? "confirming it" : "sending the file to the signed upload URL";
        if (await TryDeleteAsync(videoToken, checkpoint).ConfigureAwait(false) is not { } problem)
            return new UploadFailedException(cause, path,
                $"Uploading '{path}' to Ziggeo failed while {stage}: {cause.Message} The video {videoToken} created for it was deleted again, so nothing was left behind.",
                videoToken, arrived, videoRemoved: true);
        OperationLog.Verbose($"Could not delete the unfinished Ziggeo video {videoToken}: {problem}");
        return new UploadFailedException(cause, path,
            $"Uploading '{path}' to Ziggeo failed while {stage}: {cause.Message} The video {videoToken} was created for it and could not be deleted; remove it with Remove-Video -Id {videoToken}, or upload again.",
            videoToken, arrived, videoRemoved: false);
    }

    /// <summary>Deletes a video with a budget of its own (the upload's token may be cancelled); returns why it failed, or null.</summary>
    private async Task<string?> TryDeleteAsync(string videoToken, IUploadCheckpoint? checkpoint = null)
    {
        try
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _http.DeleteAsync(new RestRequest($"v1/videos/{Uri.EscapeDataString(videoToken)}", Method.Delete), cleanup.Token).ConfigureAwait(false);
            checkpoint?.Removed();
            return null;
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            checkpoint?.Removed();
            return null;
        }
        catch (Exception ex) when (ex is VideoProviderException or OperationCanceledException)
        {
            return ex.Message;
        }
    }
}

/// <summary>
/// Puts the file part of a multipart body after every other field. RestSharp writes files first, but an S3
/// browser-form POST must carry its policy fields before the file: S3 ignores any field after it, so the policy and
/// signature would be missing (docs/platforms/ziggeo.md#3-upload-protocol, step 2;
/// the Python SDK's MultiPartForm puts the file last). The parts themselves are not copied: the file still streams
/// from disk.
/// </summary>
internal sealed class FileLastMultipartInterceptor : Interceptor
{
    public override ValueTask BeforeHttpRequest(HttpRequestMessage requestMessage, CancellationToken cancellationToken)
    {
        if (requestMessage.Content is not MultipartFormDataContent original) return default;
        var contentType = original.Headers.ContentType;
        var boundary = contentType?.Parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        var reordered = boundary is null ? new MultipartFormDataContent() : new MultipartFormDataContent(boundary);
        var parts = original.ToList();
        foreach (var part in parts.Where(p => !IsFile(p)).Concat(parts.Where(IsFile))) reordered.Add(part);
        if (contentType is not null) reordered.Headers.ContentType = contentType;
        requestMessage.Content = reordered;
        return default;
    }

    private static bool IsFile(HttpContent part) =>
        part.Headers.ContentDisposition is { } disposition && (disposition.FileName is not null || disposition.FileNameStar is not null);
}

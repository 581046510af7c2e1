using System.Globalization;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Ziggeo's upload routes (docs/platforms/ziggeo.md#3-upload-protocol): videos-upload-url hands out the new video and a
/// signed POST for its file (taken by <see cref="ZiggeoS3Platform"/>); the stream's confirm-video finishes it.
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    /// <summary>POST /v1/videos-upload-url (docs/platforms/ziggeo.md#3-upload-protocol, step 1): the new video plus a signed POST for its file.</summary>
    private async Task<IResult> UploadUrlAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        if (!p.TryGetValue("video_type", out var type) || type.Length is 0 or > 10 || !type.All(char.IsAsciiLetterOrDigit))
        {
            return Error(400, "Bad Request: video_type (the file extension, e.g. mp4) is required.");
        }

        IResult? error = null;
        var video = state.Create(app.Token, type.ToLowerInvariant(), v => error = Apply(app, v, p, isNew: true));
        if (error is not null)
        {
            state.Delete(video);
            return error;
        }

        var upload = state.SignUpload(video, type.ToLowerInvariant());
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/ziggeo-s3/{ZiggeoState.Bucket}/";
        return SandboxJson.Json(new Dictionary<string, object?>
        {
            ["video"] = VideoJson(video),
            ["url_data"] = new Dictionary<string, object?>
            {
                ["url"] = url,
                ["fields"] = new Dictionary<string, string>
                {
                    ["key"] = upload.ObjectKey,
                    ["acl"] = "private",
                    ["x-amz-algorithm"] = "AWS4-HMAC-SHA256",
                    ["x-amz-credential"] = "SANDBOXKEY/" + state.Now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "/us-east-1/s3/aws4_request",
                    ["x-amz-date"] = state.Now.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture),
                    ["policy"] = upload.Policy,
                    ["x-amz-signature"] = upload.Signature,
                },
            },
        });
    }

    private IResult Confirm(HttpContext context, ZiggeoApplication app) => WithVideo(context, app, video =>
    {
        var streamToken = context.Request.RouteValues["stream"] as string ?? "";
        var stream = video.Streams.FirstOrDefault(s => s.Token == streamToken);
        if (stream is null)
        {
            return Error(404, $"Not Found: the video has no stream '{streamToken}'.");
        }

        if (stream.FilePath is null && video.OriginalStream != stream.Token)
        {
            return Error(412, "Precondition Failed: no file has been uploaded for this stream; POST it to the upload URL first.");
        }

        return SandboxJson.Json(StreamJson(state.Confirm(video, stream)));
    });
}

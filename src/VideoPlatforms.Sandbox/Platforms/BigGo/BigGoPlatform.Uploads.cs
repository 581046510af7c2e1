using System.Globalization;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// BigGo's upload route (docs/platforms/biggo.md#3-upload-protocol): one multipart POST, streamed to disk and hashed.
/// </summary>
internal sealed partial class BigGoPlatform
{
    /// <summary>POST /api/v1/video/: multipart with the file in "video", File-Size header; streamed to disk, SHA-256.</summary>
    private async Task<IResult> UploadAsync(HttpContext context)
    {
        if (Check(context, out var user, out var region) is { } refusal)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return refusal;
        }

        if (!context.Request.Headers.TryGetValue("File-Size", out var sizeHeader))
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.Api(BigGoErrors.MissingParameters, "MISSING_PARAMETERS: the File-Size header (the file's size in bytes) is required.");
        }

        if (!long.TryParse(sizeHeader.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) || declared <= 0)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"VIDEO_PARAMETER_INVALID: File-Size '{sizeHeader}' is not a positive number of bytes.");
        }

        using var upload = await MultipartUpload.ReadAsync(context.Request, storage, "video", MaxUploadBytes);
        switch (upload.Status)
        {
            case MultipartStatus.ConnectionLost:
                return Results.Empty;
            case MultipartStatus.NotMultipart or MultipartStatus.Malformed:
                return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: " + upload.Problem);
        }

        var file = upload.Files.FirstOrDefault();
        if (file is null)
        {
            return BigGoErrors.Api(BigGoErrors.MissingParameters,
                "MISSING_PARAMETERS: no file part named 'video' (this sandbox reads the Python clients' field name).");
        }

        if (file.File.TooLarge || file.File.Path is null)
        {
            return BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"VIDEO_PARAMETER_INVALID: the file is larger than the sandbox keeps ({MaxUploadBytes} bytes).");
        }

        if (file.File.Length != declared)
        {
            return BigGoErrors.Api(BigGoErrors.ParameterInvalid,
                $"VIDEO_PARAMETER_INVALID: File-Size says {declared} bytes but {file.File.Length} arrived.");
        }

        var (size, sha256) = await UploadStore.HashAsync([file.File.Path], CancellationToken.None);
        var videoId = state.AddUpload(user!.UserId, file.File.Path, file.FileName, size, sha256, declared, region);
        if (videoId is null)
        {
            return BigGoErrors.Api(BigGoErrors.VideoExists, "VIDEO_UPLOAD_VIDEO_EXIST: this video was already uploaded.");
        }

        file.Claimed = true;
        return SandboxJson.Json(new { result = true, video_id = videoId });
    }
}

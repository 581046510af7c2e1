using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// Source uploads: POST /videos/{videoId}/source (authenticated) and POST /upload?token= (delegated). Both
/// stream the file section to disk, check it against the video's other chunks under the state's lock, and keep
/// it as one chunk file. The source's SHA-256 is computed in order as its chunks arrive; the chunk that completes it
/// waits for the rest of that hash.
/// </summary>
internal sealed partial class ApiVideoPlatform
{
    private void MapUploads(PlatformRoutes routes)
    {
        routes.Map("POST", "/videos/{videoId}/source", UploadSourceAsync);
        routes.Map("POST", "/upload", UploadWithTokenAsync);
    }

    private async Task<IResult> UploadSourceAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return await RejectUnreadAsync(context, authError);
        }

        if (!ContentRange.TryParse(ContentRangeHeader(context), out var range))
        {
            return await RejectUnreadAsync(context, ApiVideoErrors.RangeMalformed());
        }

        var videoId = RouteValue(context, "videoId");
        if (state.PrecheckSource(account, videoId, range) is { } precheck)
        {
            return await RejectUnreadAsync(context, precheck);
        }

        using var upload = await MultipartUpload.ReadAsync(context.Request, storage, "file", SourceUploadRules.MaxRequestBytes);
        if (FileProblem(context, upload, SourceUploadRules.MaxRequestBytes, out var file) is { } problem)
        {
            return problem;
        }

        return await CommitAsync(context, account, videoId, range, file, newTitle: null, uploadToken: null);
    }

    private async Task<IResult> UploadWithTokenAsync(HttpContext context)
    {
        var token = context.Request.Query["token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return await RejectUnreadAsync(context, ApiVideoErrors.MissingUploadToken());
        }

        if (state.ValidateUploadToken(token, out var tokenProblem) is not { } account)
        {
            return await RejectUnreadAsync(context, ApiVideoErrors.InvalidUploadToken(tokenProblem));
        }

        if (!ContentRange.TryParse(ContentRangeHeader(context), out var range))
        {
            return await RejectUnreadAsync(context, ApiVideoErrors.RangeMalformed());
        }

        // The video is not known until the "videoId" field is read, which may come after the file: only the
        // header-only rules can be checked up front.
        if (SourceUploadRules.Check(new SourceUpload(), range) is { } headerProblem)
        {
            return await RejectUnreadAsync(context, headerProblem);
        }

        using var upload = await MultipartUpload.ReadAsync(context.Request, storage, "file", SourceUploadRules.MaxRequestBytes);
        if (FileProblem(context, upload, SourceUploadRules.MaxRequestBytes, out var file) is { } problem)
        {
            return problem;
        }

        var videoId = upload.Fields.TryGetValue("videoId", out var field) && !string.IsNullOrWhiteSpace(field) ? field.Trim() : null;
        if (videoId is null && range is ContentRange.Bytes { From: > 0 } or ContentRange.Part { Number: > 1 })
        {
            // Without videoId a later chunk would silently start a second video; the API needs it to continue.
            return ApiVideoErrors.AttributeRequired("videoId").ToResult();
        }

        var title = Path.GetFileNameWithoutExtension(file.FileName);
        return await CommitAsync(context, account, videoId, range, file, string.IsNullOrWhiteSpace(title) ? "file" : title, token);
    }

    private async Task<IResult> CommitAsync(HttpContext context, int account, string? videoId, ContentRange? range, SpooledFormFile file, string? newTitle, string? uploadToken)
    {
        var commit = state.CommitSource(account, videoId, range, file.File.Length, file.File.Path!, newTitle, uploadToken);
        if (commit.Error is not null)
        {
            return commit.Error.ToResult();
        }

        file.Claimed = true;
        var video = commit.Video!;
        if (commit.PathsToHash is not null)
        {
            try
            {
                // Not cancelled with the request: once the last chunk is accepted the source must end up complete.
                // The chunks before it were hashed as they arrived (OrderedHasher); this waits for the rest.
                var (size, sha256) = await video.Upload.Hasher.FinishAsync();
                state.FinishSource(video, size, sha256);
            }
            catch (IOException)
            {
                // Only a reset (or a delete of this video) running meanwhile removes chunk files: the video is gone.
                return ApiVideoErrors.NotFound("videoId").ToResult();
            }
        }

        return SandboxJson.Json(state.Json(video, AssetRoot(context)), StatusCodes.Status201Created);
    }

    private static string? ContentRangeHeader(HttpContext context) =>
        context.Request.Headers.TryGetValue("Content-Range", out var value) ? value.ToString() : null;
}

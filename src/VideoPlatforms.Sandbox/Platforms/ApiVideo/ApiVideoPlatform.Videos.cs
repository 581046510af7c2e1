using VideoPlatforms.Sandbox.RequestLog;
using System.Text.Json;
using System.Text.RegularExpressions;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>Video containers: create, read, list, update, delete, status and thumbnails.</summary>
internal sealed partial class ApiVideoPlatform
{
    private const long MaxThumbnailBytes = 8L * 1024 * 1024;

    private static readonly Regex Timecode = new(@"^(\d{1,2}:\d{2}:\d{2}([.:]\d{1,3})?|\d+(\.\d+)?)$", RegexOptions.CultureInvariant);
    private static readonly string[] SortableVideoFields = ["title", "createdAt", "publishedAt", "updatedAt"];
    private static readonly string[] ThumbnailExtensions = [".jpg", ".jpeg", ".png", ".webp"];
    private static readonly string[] ThumbnailTypes = ["image/jpeg", "image/jpg", "image/png", "image/webp"];

    private void MapVideos(PlatformRoutes routes)
    {
        routes.Map("POST", "/videos", CreateVideoAsync);
        routes.Map("GET", "/videos", ListVideosAsync);
        routes.Map("GET", "/videos/{videoId}", GetVideoAsync);
        routes.Map("PATCH", "/videos/{videoId}", UpdateVideoAsync);
        routes.Map("DELETE", "/videos/{videoId}", DeleteVideoAsync);
        routes.Map("GET", "/videos/{videoId}/status", GetStatusAsync);
        routes.Map("POST", "/videos/{videoId}/thumbnail", UploadThumbnailAsync);
        routes.Map("PATCH", "/videos/{videoId}/thumbnail", PickThumbnailAsync);
    }

    private async Task<IResult> CreateVideoAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return await RejectUnreadAsync(context, authError);
        }

        var (body, error) = await ReadJsonObjectAsync(context);
        if (error is not null)
        {
            return error.ToResult();
        }

        var payload = VideoPayload.Parse(body, creating: true, out var invalid);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        return SandboxJson.Json(state.CreateVideo(account, payload, AssetRoot(context)), StatusCodes.Status201Created);
    }

    private Task<IResult> ListVideosAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return Task.FromResult(authError.ToResult());
        }

        var query = context.Request.Query;
        var pagingError = ReadPaging(query, out var page, out var pageSize);
        var sortError = ReadSortOrder(query, out var descending);
        if (ApiVideoErrors.Combine(pagingError, sortError) is { } queryError)
        {
            return Task.FromResult(queryError.ToResult());
        }

        var sortBy = query.TryGetValue("sortBy", out var sortValue) ? sortValue.ToString() : "createdAt";
        if (!SortableVideoFields.Contains(sortBy, StringComparer.Ordinal))
        {
            return Task.FromResult(ApiVideoErrors.InvalidQuery("sortBy", "This value should be one of \"title\", \"createdAt\", \"publishedAt\", \"updatedAt\".").ToResult());
        }

        // Both "tags[]" (what the spec names) and "tags" (what some clients send) are accepted, repeatable.
        var tags = query["tags[]"].Concat(query["tags"]).OfType<string>().Where(t => t.Length > 0).ToList();
        var metadata = query
            .Where(q => q.Key.StartsWith("metadata[", StringComparison.Ordinal) && q.Key.EndsWith(']'))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key["metadata[".Length..^1], v ?? string.Empty)))
            .ToList();

        var filter = new VideoQuery(
            query.TryGetValue("title", out var title) ? title.ToString() : null,
            query.TryGetValue("description", out var description) ? description.ToString() : null,
            tags, metadata, sortBy, descending, page, pageSize);
        var (items, total) = state.ListVideos(account, filter, AssetRoot(context));
        var pagination = Paginate(context.Request, "/videos", page, pageSize, total, items.Count);
        return Task.FromResult(SandboxJson.Json(new ListJson<VideoJson>(items, pagination)));
    }

    private Task<IResult> GetVideoAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return Task.FromResult(authError.ToResult());
        }

        var video = state.GetVideoJson(account, RouteValue(context, "videoId"), AssetRoot(context));
        return Task.FromResult(video is null ? ApiVideoErrors.NotFound("videoId").ToResult() : SandboxJson.Json(video));
    }

    private async Task<IResult> UpdateVideoAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return await RejectUnreadAsync(context, authError);
        }

        var (body, error) = await ReadJsonObjectAsync(context);
        if (error is not null)
        {
            return error.ToResult();
        }

        var payload = VideoPayload.Parse(body, creating: false, out var invalid);
        if (invalid is not null)
        {
            return invalid.ToResult();
        }

        var video = state.UpdateVideo(account, RouteValue(context, "videoId"), payload, AssetRoot(context));
        return video is null ? ApiVideoErrors.NotFound("videoId").ToResult() : SandboxJson.Json(video);
    }

    private Task<IResult> DeleteVideoAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return Task.FromResult(authError.ToResult());
        }

        return Task.FromResult(state.DeleteVideo(account, RouteValue(context, "videoId"))
            ? Results.NoContent()
            : ApiVideoErrors.NotFound("videoId").ToResult());
    }

    private Task<IResult> GetStatusAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return Task.FromResult(authError.ToResult());
        }

        var status = state.GetStatus(account, RouteValue(context, "videoId"));
        return Task.FromResult(status is null ? ApiVideoErrors.NotFound("videoId").ToResult() : SandboxJson.Json(status));
    }

    private async Task<IResult> UploadThumbnailAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return await RejectUnreadAsync(context, authError);
        }

        var videoId = RouteValue(context, "videoId");
        if (!state.VideoExists(account, videoId))
        {
            return await RejectUnreadAsync(context, ApiVideoErrors.NotFound("videoId"));
        }

        using var upload = await MultipartUpload.ReadAsync(context.Request, storage, "file", MaxThumbnailBytes);
        if (FileProblem(context, upload, MaxThumbnailBytes, out var file) is { } problem)
        {
            return problem;
        }

        var extension = Path.GetExtension(file.FileName ?? string.Empty).ToLowerInvariant();
        var mediaType = (file.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (!ThumbnailExtensions.Contains(extension) && !ThumbnailTypes.Contains(mediaType))
        {
            return ApiVideoErrors.ThumbnailExtensionInvalid().ToResult();
        }

        var video = state.SetThumbnail(account, videoId, file.File.Path, timecode: null, AssetRoot(context));
        if (video is null)
        {
            return ApiVideoErrors.NotFound("videoId").ToResult();
        }

        file.Claimed = true;
        return SandboxJson.Json(video);
    }

    private async Task<IResult> PickThumbnailAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return await RejectUnreadAsync(context, authError);
        }

        var (body, error) = await ReadJsonObjectAsync(context);
        if (error is not null)
        {
            return error.ToResult();
        }

        if (!body.TryGetProperty("timecode", out var timecode) || timecode.ValueKind == JsonValueKind.Null)
        {
            return ApiVideoErrors.AttributeRequired("timecode").ToResult();
        }

        var text = timecode.ValueKind switch
        {
            JsonValueKind.String => timecode.GetString() ?? string.Empty,
            JsonValueKind.Number => timecode.GetRawText(),
            _ => string.Empty,
        };
        if (!Timecode.IsMatch(text))
        {
            return ApiVideoErrors.InvalidAttribute("timecode", "This attribute must be a timecode (hh:mm:ss.ms, hh:mm:ss:frame or seconds).").ToResult();
        }

        var video = state.SetThumbnail(account, RouteValue(context, "videoId"), path: null, text, AssetRoot(context));
        return video is null ? ApiVideoErrors.NotFound("videoId").ToResult() : SandboxJson.Json(video);
    }

    /// <summary>The file-section problems every api.video upload endpoint reports the same way.</summary>
    private static IResult? FileProblem(HttpContext context, MultipartUpload upload, long maxBytes, out SpooledFormFile file)
    {
        file = null!;
        switch (upload.Status)
        {
            case MultipartStatus.ConnectionLost:
                // Nobody to answer: the client went away mid-body. Nothing was kept.
                if (context.GetSandboxInfo() is { } info)
                {
                    info.Aborted = true;
                }

                context.AbortAnswered();
                return Results.Empty;
            case MultipartStatus.NotMultipart:
                return ApiVideoErrors.NoFile().ToResult();
            case MultipartStatus.Malformed:
                return ApiVideoErrors.InvalidPayload(upload.Problem).ToResult();
        }

        if (upload.Files.Count == 0)
        {
            return ApiVideoErrors.NoFile().ToResult();
        }

        if (upload.Files.Count > 1)
        {
            return ApiVideoErrors.MultipleFiles().ToResult();
        }

        file = upload.Files[0];
        if (file.File.TooLarge)
        {
            return ApiVideoErrors.FileTooLarge(maxBytes, maxBytes >= SourceUploadRules.MaxRequestBytes
                ? "Send larger files as a Content-Range (progressive) upload."
                : null).ToResult();
        }

        return file.File.Length == 0 ? ApiVideoErrors.EmptyFile().ToResult() : null;
    }
}

using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// The video's mp4 asset, as <c>assets.mp4</c> names it (<c>…/vod/{videoId}/mp4/source.mp4</c>, docs/platforms/apivideo.md#downloads and
/// the spec's video-assets example). On api.video that URL is a public CDN link that needs no API key; so here.
/// </summary>
internal sealed partial class ApiVideoPlatform
{
    private void MapDownloads(Hosting.PlatformRoutes routes)
    {
        routes.Map("GET", "/vod/{videoId}/mp4/source.mp4", DownloadMp4Async);
        routes.Map("HEAD", "/vod/{videoId}/mp4/source.mp4", DownloadMp4Async);
        routes.Map("GET", "/vod/{videoId}/thumbnail.jpg", ThumbnailAsync);
    }

    /// <summary>assets.thumbnail: a public link like the other assets; 404 where the sandbox has no image (no frames are made).</summary>
    private Task<IResult> ThumbnailAsync(HttpContext context)
    {
        var videoId = context.Request.RouteValues["videoId"] as string ?? "";
        return Task.FromResult(state.ThumbnailFile(videoId) is { } path
            ? Results.Bytes(File.ReadAllBytes(path), "image/jpeg")
            : ApiVideoErrors.UnrecognizedUrl().ToResult());
    }

    private Task<IResult> DownloadMp4Async(HttpContext context)
    {
        var videoId = context.Request.RouteValues["videoId"] as string ?? "";
        IResult result = state.DownloadSource(videoId) is { } source
            ? new RangeFileResult(source.Paths, source.Size, source.Sha256, "video/mp4")
            : ApiVideoErrors.UnrecognizedUrl().ToResult();
        return Task.FromResult(result);
    }
}

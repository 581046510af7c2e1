using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Video downloads (docs/platforms/ziggeo.md#downloads): <c>GET /v1/videos/{t}/video</c> (the default stream) and
/// <c>GET /v1/videos/{v}/streams/{s}/video</c>, with the same HTTP Basic credentials as the server API. Ziggeo serves
/// them from its video CDN host; the sandbox serves them under the region's own prefix.
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    private void MapDownloads(Hosting.PlatformRoutes routes)
    {
        foreach (var method in new[] { "GET", "HEAD" })
        {
            routes.Map(method, "/v1/videos/{video}/video", c => Authenticated(c, a => Task.FromResult(Download(c, a, stream: false))));
            routes.Map(method, "/v1/videos/{video}/streams/{stream}/video", c => Authenticated(c, a => Task.FromResult(Download(c, a, stream: true))));
        }
    }

    private IResult Download(HttpContext context, ZiggeoApplication app, bool stream) => WithVideo(context, app, video =>
    {
        var streamToken = stream ? context.Request.RouteValues["stream"] as string ?? "" : null;
        return state.DownloadSource(video, streamToken) is { } source
            ? new RangeFileResult(source.Paths, source.Size, source.Sha256, "video/mp4")
            : Error(404, stream
                ? $"Not Found: the video has no stream '{streamToken}' with a file."
                : "Not Found: the video has no file yet (upload and confirm it first).");
    });
}

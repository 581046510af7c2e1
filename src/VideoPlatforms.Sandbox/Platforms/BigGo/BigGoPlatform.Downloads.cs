using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// The file behind <c>meta.download.mp4</c> (<c>{root}/static/video/{id}.mp4</c> here). Like the cover and thumbnail
/// links beside it, it is a static link that carries no bearer token.
/// </summary>
internal sealed partial class BigGoPlatform
{
    private void MapDownloads(Hosting.PlatformRoutes routes)
    {
        routes.Map("GET", "/static/video/{file}", DownloadAsync);
        routes.Map("HEAD", "/static/video/{file}", DownloadAsync);
    }

    private Task<IResult> DownloadAsync(HttpContext context)
    {
        var file = context.Request.RouteValues["file"] as string ?? "";
        var id = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : "";
        IResult result = id.Length > 0 && state.DownloadSource(id) is { } source
            ? new RangeFileResult(source.Paths, source.Size, source.Sha256, "video/mp4")
            : Results.Text("Not found.", statusCode: StatusCodes.Status404NotFound);
        return Task.FromResult(result);
    }
}

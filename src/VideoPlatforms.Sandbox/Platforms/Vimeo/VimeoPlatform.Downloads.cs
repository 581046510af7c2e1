using System.Globalization;
using System.Text.Json.Nodes;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>
/// The <c>download</c> array of a video and the signed file host behind it. Vimeo lists a video's downloadable
/// files (<c>quality, rendition, type, width, height, expires, link, size, public_name</c>) only to its owner and
/// only with the <c>video_files</c> scope (api.yaml securitySchemes lists the scope; Vimeo's "Downloading videos"
/// guide says who sees the array). The sandbox does not transcode, so it offers the one file it holds: the source.
/// </summary>
internal sealed partial class VimeoPlatform
{
    private void MapDownloads(Hosting.PlatformRoutes routes)
    {
        routes.Map("GET", "/_download/{videoId}/source.mp4", DownloadAsync);
        routes.Map("HEAD", "/_download/{videoId}/source.mp4", DownloadAsync);
        routes.Map("GET", "/_pictures/{file}", PictureAsync);
    }

    /// <summary>
    /// A picture's image at the link pictures.sizes gives ({id}_640x360.jpg): the file uploaded for it, unscaled. 404 for
    /// the default frame (id 0): the sandbox does not decode video, so it has none (Sandbox choice).
    /// </summary>
    private Task<IResult> PictureAsync(HttpContext context)
    {
        var file = context.Request.RouteValues["file"] as string ?? "";
        var id = file.Split('_')[0];
        IResult result = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var pictureId)
            && state.FindPicture(pictureId) is { Size: not null } picture && File.Exists(state.PictureFile(picture))
            ? Results.Bytes(File.ReadAllBytes(state.PictureFile(picture)), "image/jpeg")
            : Results.StatusCode(404);
        return Task.FromResult(result);
    }

    /// <summary>Adds <c>download</c> to a video answer when the token may see it.</summary>
    private void AddDownloads(JsonObject json, VimeoVideo video, VimeoToken token, string root)
    {
        if (video.Account != token.Account || !token.Scopes.Contains("video_files") || state.DownloadSource(video.Id) is not { } source)
        {
            return;
        }

        var (expires, signature) = state.SignDownload(video.Id);
        json["download"] = new JsonArray(new JsonObject
        {
            ["quality"] = "source",
            ["rendition"] = "source",
            ["type"] = "source",
            ["width"] = 1920,
            ["height"] = 1080,
            ["expires"] = DateTimeOffset.FromUnixTimeSeconds(expires).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            ["link"] = $"{root}vimeo/_download/{video.Id}/source.mp4?expires={expires}&s={signature}",
            ["size"] = source.Size,
            ["public_name"] = "Original",
        });
    }

    private Task<IResult> DownloadAsync(HttpContext context)
    {
        IResult result;
        var expired = false;
        if (!long.TryParse(RouteValue(context, "videoId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !state.CheckDownload(id, context.Request.Query["expires"], context.Request.Query["s"], out expired))
        {
            // A file host refuses a bad signature without saying more; 410 tells an expired link apart.
            result = expired
                ? Results.Text("This link has expired.", statusCode: StatusCodes.Status410Gone)
                : Results.Text("Forbidden.", statusCode: StatusCodes.Status403Forbidden);
        }
        else
        {
            result = state.DownloadSource(id) is { } source
                ? new RangeFileResult(source.Paths, source.Size, source.Sha256, "video/mp4")
                : Results.Text("Not found.", statusCode: StatusCodes.Status404NotFound);
        }

        return Task.FromResult(result);
    }
}

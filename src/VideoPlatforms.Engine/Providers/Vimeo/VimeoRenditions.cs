using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>
/// Vimeo lists a video's downloadable files in its <c>download</c> array (<c>quality</c> source/hd/sd,
/// <c>rendition</c> e.g. 1080p, <c>width, height, size, type, link, expires, public_name</c>), shown only to the
/// video's owner and only with the <c>video_files</c> scope (api.yaml securitySchemes; Vimeo's "Downloading videos"
/// guide). The links are signed and expire, so they are fetched fresh for each download and never shown.
/// </summary>
internal sealed class VimeoRenditions
{
    private readonly VimeoProvider _provider;

    public VimeoRenditions(VimeoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private string Name => _provider.Name;

    private static string Escape(string id) => VimeoProvider.Escape(id);

    private VideoProviderException NothingToDownload(string id, string why) => _provider.NothingToDownload(id, why);

    private void RequireScope(string scope, string what) => _provider.RequireScope(scope, what);

    private static RestRequest Api(string resource, Method method = Method.Get) => VimeoProvider.Api(resource, method);

    private static VideoProviderException VideoNotFound(VideoProviderException ex, string id) => VimeoProvider.VideoNotFound(ex, id);

    public async Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken)
    {
        RequireScope("video_files", "downloading videos");
        var request = Api($"videos/{Escape(id)}");
        request.AddQueryParameter("fields", "uri,download,status");
        JObject video;
        try
        {
            video = await Http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }

        var renditions = new List<VideoRendition>();
        foreach (var file in (video["download"] as JArray ?? []).OfType<JObject>())
        {
            if (JsonText.Url(file, "link") is not { } link) continue;
            Http.Redactor.Add(link.ToString());
            Http.Redactor.Add(link.Query.TrimStart('?'));
            var quality = JsonText.String(file, "quality");
            var name = JsonText.String(file, "rendition") ?? quality ?? "file";
            var type = JsonText.String(file, "type");
            renditions.Add(new VideoRendition(Name, id, name, link, authenticated: false)
            {
                Width = (int?)file["width"],
                Height = (int?)file["height"],
                Size = (long?)file["size"],
                ContentType = type is not null && type.Contains('/', StringComparison.Ordinal) ? type : "video/mp4",
                IsSource = string.Equals(quality, "source", StringComparison.OrdinalIgnoreCase),
            });
        }

        if (renditions.Count == 0)
            throw NothingToDownload(id, $"Vimeo lists no download for it (status '{JsonText.String(video, "status")}'). Vimeo shows download links only to the video's owner, once the video is transcoded; check that the connection is the owner's and that Get-Video shows the video Ready.");
        return renditions;
    }
}

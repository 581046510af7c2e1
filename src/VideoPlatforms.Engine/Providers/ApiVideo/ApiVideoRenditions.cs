using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>
/// api.video's downloadable file is the video's <c>assets.mp4</c>: "Available only if mp4Support is enabled. Raw mp4
/// url." (oas_apivideo.yaml video-assets; docs/platforms/apivideo.md#downloads). It is a CDN link that needs no API key (for private
/// videos it carries a private token in its path), so it is treated as a secret link.
/// </summary>
internal sealed class ApiVideoRenditions
{
    private readonly ApiVideoProvider _provider;

    public ApiVideoRenditions(ApiVideoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private string Name => _provider.Name;

    private static string Escape(string id) => ApiVideoProvider.Escape(id);

    private VideoProviderException NothingToDownload(string id, string why) => _provider.NothingToDownload(id, why);

    private void RequireKey(string what) => _provider.RequireKey(what);

    private static VideoProviderException VideoNotFound(VideoProviderException ex, string id) => ApiVideoProvider.VideoNotFound(ex, id);

    public async Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken)
    {
        RequireKey("download videos");
        JObject video;
        try
        {
            video = await Http.SendForJsonAsync(new RestRequest($"videos/{Escape(id)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }

        if (JsonText.Url(video, "assets.mp4") is not { } mp4)
            throw NothingToDownload(id, (bool?)video["mp4Support"] == false
                ? "its mp4Support is off, so api.video makes no mp4 file of it (only HLS). Turn mp4Support on for the video in api.video's dashboard or API, then run the command again."
                : "it has no mp4 file yet (its source is still uploading or encoding). Wait until Get-Video shows it Ready, then run the command again.");
        Http.Redactor.Add(mp4.ToString());
        // A private video's link carries its private token as a path segment (…/vod/{id}/token/{token}/mp4/…).
        var segments = mp4.AbsolutePath.Split('/');
        var at = Array.IndexOf(segments, "token");
        if (at >= 0 && at + 1 < segments.Length) Http.Redactor.Add(segments[at + 1]);
        return [new VideoRendition(Name, id, "mp4", mp4, authenticated: false) { ContentType = "video/mp4" }];
    }
}

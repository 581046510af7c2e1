using Newtonsoft.Json.Linq;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Ziggeo downloads a video's default stream with <c>GET /v1/videos/{token}/video</c> and any stream with
/// <c>GET /v1/videos/{v}/streams/{s}/video</c>, on the video CDN host, with the server API's Basic credentials
/// (docs/platforms/ziggeo.md#downloads). The video object names its <c>default_stream</c> (transcoded) and <c>original_stream</c>
/// (the upload), which become the renditions "default" and "original".
/// </summary>
internal sealed class ZiggeoRenditions
{
    private readonly ZiggeoProvider _provider;

    public ZiggeoRenditions(ZiggeoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private string Name => _provider.Name;

    private static string Escape(string id) => ZiggeoProvider.Escape(id);

    private VideoProviderException NothingToDownload(string id, string why) => _provider.NothingToDownload(id, why);

    private Task<JObject> GetVideoJsonAsync(string id, CancellationToken cancellationToken) => _provider.GetVideoJsonAsync(id, cancellationToken);

    public async Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken)
    {
        var video = await GetVideoJsonAsync(id, cancellationToken).ConfigureAwait(false);
        var token = JsonText.String(video, "token") ?? id;
        var cdn = VideoCdn(Http.BaseUri);
        var renditions = new List<VideoRendition>();
        void Add(string quality, JObject? stream, string path, bool isSource)
        {
            if (stream is null || !string.Equals(JsonText.String(stream, "state_string"), "READY", StringComparison.OrdinalIgnoreCase)) return;
            var type = JsonText.String(stream, "video_type") ?? "mp4";
            renditions.Add(new VideoRendition(Name, id, quality, new Uri(cdn, path), authenticated: true)
            {
                Width = (int?)stream["video_width"],
                Height = (int?)stream["video_height"],
                Size = (long?)stream["video_size"],
                ContentType = "video/" + type,
                IsSource = isSource,
            });
        }

        var original = video["original_stream"] as JObject;
        var defaultStream = video["default_stream"] as JObject;
        Add("default", defaultStream, $"v1/videos/{Escape(token)}/video", isSource: JsonText.String(defaultStream, "token") == JsonText.String(original, "token"));
        if (JsonText.String(original, "token") is { } originalToken && originalToken != JsonText.String(defaultStream, "token"))
            Add("original", original, $"v1/videos/{Escape(token)}/streams/{Escape(originalToken)}/video", isSource: true);
        if (renditions.Count == 0)
            throw NothingToDownload(id, $"none of its streams is ready (state '{JsonText.String(video, "state_string")}'). Wait until Get-Video shows it Ready, then run the command again.");
        return renditions;
    }

    /// <summary>
    /// Ziggeo serves files from its video CDN host: srv-api[-region].ziggeo.com becomes video-cdn[-region].ziggeo.com
    /// (docs/platforms/ziggeo.md#2-endpoints). Any other base (the Sandbox, a proxy) serves them itself.
    /// </summary>
    internal static Uri VideoCdn(Uri serverApi) =>
        serverApi.Host.StartsWith("srv-api", StringComparison.OrdinalIgnoreCase) && serverApi.Host.EndsWith(".ziggeo.com", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(serverApi) { Host = "video-cdn" + serverApi.Host["srv-api".Length..] }.Uri
            : serverApi;
}

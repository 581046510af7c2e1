using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>
/// BigGo lists one downloadable file per video: <c>meta.download.mp4</c>, or <c>download: []</c> while there is none
/// (BigGoVideo.meta in the Python and JS clients, docs/platforms/biggo.md#downloads). It is a static link without the bearer token.
/// </summary>
internal sealed class BigGoRenditions
{
    private readonly BigGoProvider _provider;

    public BigGoRenditions(BigGoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private string Name => _provider.Name;

    private static string Escape(string id) => BigGoProvider.Escape(id);

    private VideoProviderException NothingToDownload(string id, string why) => _provider.NothingToDownload(id, why);

    private Task<JObject> CallAsync(RestRequest request, RequestKind kind, CancellationToken cancellationToken) => _provider.CallAsync(request, kind, cancellationToken);

    private static VideoProviderException ForVideo(VideoProviderException ex, string id, string verb) => BigGoProvider.ForVideo(ex, id, verb);

    public async Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken)
    {
        JObject json;
        try
        {
            json = await CallAsync(new RestRequest($"api/v1/video/{Escape(id)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw ForVideo(ex, id, "read");
        }

        var video = (json["video"] as JArray)?.FirstOrDefault() as JObject;
        if (JsonText.Url(video, "meta.download.mp4") is not { } mp4)
            throw NothingToDownload(id, "BigGo lists no download for it yet (it is still processing, or the owner's settings keep it from download). Wait until Get-Video shows it Ready, then run the command again.");
        Http.Redactor.Add(mp4.Query.TrimStart('?'));
        return [new VideoRendition(Name, id, "mp4", mp4, authenticated: false) { ContentType = "video/mp4" }];
    }
}

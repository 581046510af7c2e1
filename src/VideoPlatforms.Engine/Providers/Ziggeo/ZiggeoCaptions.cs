using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Subtitles attached to a video's stream (docs/platforms/ziggeo.md#subtitles-and-stream-images): POST
/// /v1/videos/{video}/streams/{stream}/subtitle with the form fields lang, label and data (the file's text). Ziggeo
/// has no call that lists or removes them, so Get-VideoCaption and Remove-VideoCaption are refused on Ziggeo.
/// </summary>
internal sealed class ZiggeoCaptions
{
    private readonly ZiggeoProvider _provider;

    public ZiggeoCaptions(ZiggeoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private VideoProviderConnection Connection => _provider.Connection;

    private string Name => _provider.Name;

    private static string Escape(string id) => ZiggeoProvider.Escape(id);

    private static VideoProviderException VideoNotFound(VideoProviderException ex, string id) => ZiggeoProvider.VideoNotFound(ex, id);

    private Task<JObject> GetVideoJsonAsync(string id, CancellationToken cancellationToken) => _provider.GetVideoJsonAsync(id, cancellationToken);

    public async Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken)
    {
        var video = await GetVideoJsonAsync(videoId, cancellationToken).ConfigureAwait(false);
        // The default stream is the one players show (docs/platforms/ziggeo.md#video-object-and-status).
        var stream = JsonText.String(video, "default_stream.token")
            ?? throw new VideoProviderException(ProviderErrorKind.InvalidData, "NoStream",
                $"Ziggeo video '{videoId}' has no stream yet to attach subtitles to. Wait until its upload is done (Wait-Video), then try again.");
        var label = request.Label ?? request.Language;
        var attach = new RestRequest($"v1/videos/{Escape(videoId)}/streams/{Escape(stream)}/subtitle", Method.Post);
        attach.AddParameter("lang", request.Language);
        attach.AddParameter("label", label);
        attach.AddParameter("data", await File.ReadAllTextAsync(request.FilePath, cancellationToken).ConfigureAwait(false));
        JObject answer;
        try
        {
            // Not retried after a lost answer: nothing documents whether a second POST adds a second subtitle.
            answer = await Http.SendForJsonAsync(attach, RequestKind.NonIdempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, videoId);
        }

        OperationLog.Verbose($"Attached subtitles '{request.FilePath}' ({request.Language}) to stream {stream} of Ziggeo video {videoId}.");
        return new VideoCaption(Name, videoId, request.Language, CaptionKind.Subtitles, Connection)
        {
            Label = label,
            TrackId = stream,
            Raw = JsonText.ToDictionary(answer),
        };
    }

    /// <summary>
    /// The thumbnail: an image attached to the video's default stream, multipart field "file"
    /// (docs/platforms/ziggeo.md#subtitles-and-stream-images). Attaching it again replaces it, so it is retried.
    /// </summary>
    public Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken) => throw NoSubtitleIndex();

    public Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken) => throw NoSubtitleIndex();

    private static VideoProviderException NoSubtitleIndex() => new(ProviderErrorKind.NotSupported, "CaptionListingNotSupported",
        "Ziggeo's server API attaches subtitles to a stream but has no call that lists or removes them, so Get-VideoCaption and Remove-VideoCaption cannot work on a Ziggeo connection. Keep the .vtt files you attached; to replace a subtitle, attach it again with Add-VideoCaption.");
}

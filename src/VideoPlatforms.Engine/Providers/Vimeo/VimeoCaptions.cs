using Newtonsoft.Json.Linq;
using RestSharp;
using RestSharp.Interceptors;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>
/// Text tracks (docs/platforms/vimeo.md#text-tracks): POST /videos/{id}/texttracks with type, language and name gives
/// an empty track and a signed link; the file is PUT to the link; PATCH {active: true} shows it in the player.
/// </summary>
internal sealed class VimeoCaptions
{
    private readonly VimeoProvider _provider;

    public VimeoCaptions(VimeoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private VideoProviderConnection Connection => _provider.Connection;

    private string Name => _provider.Name;

    private static string Escape(string id) => VimeoProvider.Escape(id);

    private static VideoProviderException VideoNotFound(VideoProviderException ex, string id) => VimeoProvider.VideoNotFound(ex, id);

    private const string AcceptHeader = VimeoProvider.AcceptHeader;

    private static RestRequest Api(string resource, Method method = Method.Get) => VimeoProvider.Api(resource, method);

    /// <summary>The request media type api.yaml gives create_text_track and edit_text_track.</summary>
    private const string TextTrackMediaType = "application/vnd.vimeo.video.texttrack+json";

    public async Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken)
    {
        var kind = request.Kind ?? CaptionKind.Captions;
        var create = Api($"videos/{Escape(videoId)}/texttracks", Method.Post);
        ProviderHttp.AddJsonBody(create, new { type = kind.ToString().ToLowerInvariant(), language = request.Language, name = request.Label ?? request.Language }, TextTrackMediaType);
        JObject track;
        try
        {
            // Each POST makes another track: not retried after a lost answer (a duplicate would show twice in the player).
            track = await Http.SendForJsonAsync(create, RequestKind.NonIdempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, videoId);
        }

        var uri = JsonText.String(track, "uri");
        if (JsonText.String(track, "link") is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var link) || uri is null)
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "Vimeo's answer to creating a text track had no uri or upload link.");
        _provider.Uploader.Protect(link, pathIsSecret: false);

        var length = new FileInfo(request.FilePath).Length;
        var put = new RestRequest(link.ToString(), Method.Put);
        put.AddHeader("Accept", AcceptHeader);
        put.Interceptors = new List<Interceptor> { new StreamBodyInterceptor(() => new FileSliceStream(request.FilePath, 0, length), "text/vtt") };
        // The link is signed: no Authorization header goes to it. PUT replaces the file, so a retry is safe.
        await Http.SendAsync(put, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false);

        var activate = Api(uri.TrimStart('/'), Method.Patch);
        ProviderHttp.AddJsonBody(activate, new { active = true }, TextTrackMediaType);
        var active = await Http.SendForJsonAsync(activate, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        OperationLog.Verbose($"Attached {kind.ToString().ToLowerInvariant()} '{request.FilePath}' ({request.Language}) to Vimeo video {videoId} as text track {uri}.");
        return ToCaption(videoId, active) ?? ToCaption(videoId, track)!;
    }

    public async Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken)
    {
        var tracks = new List<VideoCaption>();
        // get_text_tracks declares no query parameters: the first page as it comes, then paging.next.
        string? next = $"videos/{Escape(videoId)}/texttracks";
        try
        {
            while (next is not null)
            {
                var response = await Http.SendAsync(Api(next), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
                var json = JsonText.Parse(response.Content);
                // The spec's 200 is an array; the live listing is a page object with data (docs/platforms/vimeo.md#text-tracks). Both are read.
                var items = json as JArray ?? json["data"] as JArray ?? new JArray();
                foreach (var item in items.OfType<JObject>())
                {
                    if (ToCaption(videoId, item) is { } caption) tracks.Add(caption);
                    else OperationLog.Verbose($"Vimeo video {videoId} has a text track of type '{JsonText.String(item, "type")}', which is not captions, subtitles or chapters; it is not listed.");
                }

                next = JsonText.String(json, "paging.next")?.TrimStart('/');
            }
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, videoId);
        }

        return tracks;
    }

    public async Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken)
    {
        var id = caption.TrackId ?? throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "TrackIdMissing",
            $"A Vimeo text track is removed by its id; this one has none. Pipe it from Get-VideoCaption -Video {caption.VideoId}.");
        try
        {
            await Http.SendAsync(Api($"videos/{Escape(caption.VideoId)}/texttracks/{Escape(id)}", Method.Delete), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw ex.Reword("CaptionNotFound", $"Vimeo video '{caption.VideoId}' has no text track {id} (or no such video). Get-VideoCaption -Video {caption.VideoId} lists what it has.");
        }
    }

    /// <summary>A text track as a caption; null for the types the module has no kind for (descriptions, metadata).</summary>
    private VideoCaption? ToCaption(string videoId, JObject track)
    {
        CaptionKind? kind = JsonText.String(track, "type") switch
        {
            "captions" => CaptionKind.Captions,
            "subtitles" => CaptionKind.Subtitles,
            "chapters" => CaptionKind.Chapters,
            _ => null,
        };
        if (kind is null) return null;
        // The track's link is signed (whoever holds it can replace the file), so it is kept out of the object.
        var shown = (JObject)track.DeepClone();
        shown.Remove("link");
        shown.Remove("hls_link");
        return new VideoCaption(Name, videoId, JsonText.String(track, "language") ?? "", kind.Value, Connection)
        {
            Label = JsonText.String(track, "name"),
            Default = track.Value<bool?>("active") ?? false,
            TrackId = JsonText.String(track, "uri")?.Split('/').LastOrDefault(),
            // Read by Save-Video -IncludeCaptions and Copy-Video; the download registers it with the redactor first.
            FileLocation = JsonText.Url(track, "link"),
            Raw = JsonText.ToDictionary(shown),
        };
    }
}

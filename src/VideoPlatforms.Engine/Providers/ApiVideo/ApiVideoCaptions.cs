using System.Globalization;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>
/// Captions and chapters (docs/platforms/apivideo.md#captions-and-chapters): one WebVTT file per language and kind at
/// /videos/{videoId}/captions/{language} and /chapters/{language}, uploaded as multipart field "file"; a caption is
/// made the default with PATCH {"default": true}.
/// </summary>
internal sealed class ApiVideoCaptions
{
    private readonly ApiVideoProvider _provider;

    public ApiVideoCaptions(ApiVideoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private VideoProviderConnection Connection => _provider.Connection;

    private string Name => _provider.Name;

    private void RequireKey(string what) => _provider.RequireKey(what);

    private static string Escape(string id) => ApiVideoProvider.Escape(id);

    private static VideoProviderException VideoNotFound(VideoProviderException ex, string id) => ApiVideoProvider.VideoNotFound(ex, id);

    public void ValidateCaption(CaptionRequest request)
    {
        if (request.Default && request.Kind == CaptionKind.Chapters)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "DefaultNotForChapters",
                "api.video has a default caption but no default chapters: leave -Default out with -Kind Chapters.");
    }

    public async Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken)
    {
        RequireKey("add captions");
        var kind = request.Kind ?? CaptionKind.Captions;
        var path = $"videos/{Escape(videoId)}/{Segment(kind)}/{Escape(request.Language)}";
        var upload = new RestRequest(path, Method.Post) { AlwaysMultipartFormData = true };
        var length = new FileInfo(request.FilePath).Length;
        upload.AddFile("file", () => new FileSliceStream(request.FilePath, 0, length), Path.GetFileName(request.FilePath), "text/vtt");
        try
        {
            // One file per language and kind: posting it again replaces it, so a retry cannot make a second track.
            var json = await Http.SendForJsonAsync(upload, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            if (request.Default)
            {
                var patch = new RestRequest(path, Method.Patch);
                ProviderHttp.AddJsonBody(patch, new { @default = true });
                json = await Http.SendForJsonAsync(patch, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            }

            OperationLog.Verbose($"Attached {kind.ToString().ToLowerInvariant()} '{request.FilePath}' ({request.Language}) to api.video video {videoId}.");
            return ToCaption(videoId, kind, json);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, videoId);
        }
    }

    public async Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken)
    {
        RequireKey("read captions");
        var tracks = new List<VideoCaption>();
        try
        {
            foreach (var kind in new[] { CaptionKind.Captions, CaptionKind.Chapters })
            {
                // Paged like every api.video listing (docs/platforms/apivideo.md#4-listing-and-paging); 100 is the largest page.
                for (var page = 1; ; page++)
                {
                    var list = new RestRequest($"videos/{Escape(videoId)}/{Segment(kind)}");
                    list.AddQueryParameter("currentPage", page.ToString(CultureInfo.InvariantCulture));
                    list.AddQueryParameter("pageSize", "100");
                    var json = await Http.SendForJsonAsync(list, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
                    foreach (var item in (json["data"] as JArray ?? new JArray()).OfType<JObject>())
                        tracks.Add(ToCaption(videoId, kind, item));
                    var pagesTotal = (int?)json.SelectToken("pagination.pagesTotal") ?? 1;
                    if (page >= pagesTotal) break;
                }
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
        RequireKey("remove captions");
        var kind = caption.Kind == CaptionKind.Chapters ? CaptionKind.Chapters : CaptionKind.Captions;
        try
        {
            await Http.SendAsync(new RestRequest($"videos/{Escape(caption.VideoId)}/{Segment(kind)}/{Escape(caption.Language)}", Method.Delete),
                RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw ex.Reword("CaptionNotFound", $"api.video video '{caption.VideoId}' has no {Segment(kind)} in '{caption.Language}' (or no such video). Get-VideoCaption -Video {caption.VideoId} lists what it has.");
        }
    }

    private static string Segment(CaptionKind kind) => kind == CaptionKind.Chapters ? "chapters" : "captions";

    /// <summary>A caption object (uri, src, srclang, languageName, default) or a chapter object (uri, src, language).</summary>
    private VideoCaption ToCaption(string videoId, CaptionKind kind, JObject json) =>
        new(Name, videoId, JsonText.String(json, "srclang") ?? JsonText.String(json, "language") ?? "", kind, Connection)
        {
            Label = JsonText.String(json, "languageName"),
            Default = json.Value<bool?>("default") ?? false,
            Url = JsonText.Url(json, "src"),
            FileLocation = JsonText.Url(json, "src"),
            Raw = JsonText.ToDictionary(json),
        };
}

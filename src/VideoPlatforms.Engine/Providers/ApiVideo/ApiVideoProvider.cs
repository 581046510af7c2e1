using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>api.video (https://ws.api.video), per docs/platforms/apivideo.md.</summary>
internal sealed partial class ApiVideoProvider : VideoProviderBase
{
    public static readonly ProviderDescriptor Descriptor = new(
        "ApiVideo", "api.video",
        new Dictionary<string, Uri>
        {
            ["Production"] = new("https://ws.api.video/"),
            ["Sandbox"] = new("https://sandbox.api.video/"),
        },
        "Production",
        "api.video takes -ApiKey (or -Credential whose password is the API key), or -UploadToken for an upload-only connection.",
        context => new ApiVideoProvider(context))
    {
        Capabilities = DeclareCapabilities(),
    };

    // The SDKs' limits: the API takes 5 MiB to 200 MiB per chunk; the official clients clamp to 128 MiB.
    private static readonly ChunkSizeLimits Limits = new(5L << 20, 128L << 20, 50L << 20);

    /// <summary>
    /// Chunks of one file in flight when -ChunkConcurrency is not given. Chosen from the bench's link emulator
    /// (bench/README.md, scenario 7): with a 4 MiB window one connection carries a third of a 1 Gbit/s link at 100 ms
    /// of round trip, and four chunks at once carry about 2.1 to 2.9 times one stream there; where one stream already
    /// fills the link (200 Mbit/s) four cost nothing and gain up to about 10%. Eight gained little more in most runs, for
    /// twice the connections per file (and per -ThrottleLimit slot).
    /// </summary>
    internal const int DefaultChunkConcurrency = 4;

    internal const int MaxPageSize = 100;

    private readonly ApiVideoAuthenticator? _auth;
    private readonly string? _uploadToken;

    /// <summary>The upload token this connection was made with, if any (not the API key).</summary>
    internal string? UploadToken => _uploadToken;
    private readonly ApiVideoUploader _uploader;
    private readonly ApiVideoRenditions _renditions;
    private readonly ApiVideoUploadTokens _uploadTokens;
    private readonly ApiVideoCaptions _captions;

    private ApiVideoProvider(ProviderContext context) : base(context, "api.video")
    {
        var request = context.Request;
        if (request.AccessToken is not null || !string.IsNullOrEmpty(request.UserName) && request.Secret is null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported", Descriptor.CredentialHelp);
        var key = request.ApiKey ?? request.Secret;
        if (key is not null && request.UploadToken is not null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported",
                "Give either an API key or an upload token to connect to api.video, not both.");
        if (key is not null)
        {
            _auth = new ApiVideoAuthenticator(Http, Reveal(key));
            Http.Authenticator = _auth;
        }
        else if (request.UploadToken is not null)
        {
            _uploadToken = Reveal(request.UploadToken);
        }
        else
        {
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialMissing", Descriptor.CredentialHelp);
        }
        Http.ErrorMapper = (response, what) => ApiVideoJson.MapError(Http, response, what);
        _uploader = new ApiVideoUploader(Http, this);
        _renditions = new ApiVideoRenditions(this);
        _uploadTokens = new ApiVideoUploadTokens(this);
        _captions = new ApiVideoCaptions(this);
    }

    public override string Name => "ApiVideo";

    public override DateTimeOffset? CredentialExpiresAt => _auth?.ExpiresAt;

    public override bool CanManageVideos => _auth is not null;

    public override ChunkSizeLimits ChunkSizes => Limits;

    public override void ValidateUpload(UploadRequest request)
    {
        base.ValidateUpload(request);
        ApiVideoJson.FromPrivacy(request.Privacy);
    }

    // Captions and chapters: ApiVideoCaptions (docs/platforms/apivideo.md#captions-and-chapters).
    public override void ValidateCaption(CaptionRequest request) => _captions.ValidateCaption(request);

    public override Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken) =>
        _captions.AddCaptionAsync(videoId, request, cancellationToken);

    public override Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken) =>
        _captions.GetCaptionsAsync(videoId, cancellationToken);

    public override Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken) => _captions.RemoveCaptionAsync(caption, cancellationToken);

    public override void ValidateUpdate(VideoUpdate update)
    {
        ApiVideoJson.FromPrivacy(update.Privacy);
        if (update.ThumbnailPath is not null && update.ThumbnailAt is not null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ThumbnailTwice",
                "-ThumbnailPath and -ThumbnailAt both set the thumbnail: give one of them.");
        if (update.ThumbnailAt is { } at && at < TimeSpan.Zero)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ThumbnailAtNegative", $"-ThumbnailAt {at} is before the video starts. Give a time such as 00:00:05.");
        if (update.ThumbnailPath is { } path)
        {
            // POST /videos/{id}/thumbnail takes JPEG, PNG or WebP up to 8 MiB (docs/platforms/apivideo.md#7-limits).
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new VideoProviderException(ProviderErrorKind.NotFound, "ThumbnailNotFound", $"The image file '{path}' does not exist. Check -ThumbnailPath and run the command again.");
            if (info.Length == 0 || info.Length > MaxThumbnailBytes || !ThumbnailExtensions.Contains(info.Extension.ToLowerInvariant()))
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ThumbnailInvalid",
                    $"api.video takes a JPEG, PNG or WebP thumbnail of at most 8 MiB; '{path}' is {ChunkPlan.Format(info.Length)} with extension '{info.Extension}'.");
        }
    }

    private const long MaxThumbnailBytes = 8L << 20;

    private static readonly string[] ThumbnailExtensions = { ".jpg", ".jpeg", ".png", ".webp" };

    // Send-Video: ApiVideoUploader (docs/platforms/apivideo.md#3-upload-protocol).
    public override Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        _uploader.UploadAsync(request, progress, cancellationToken);

    // Save-Video's files: ApiVideoRenditions (docs/platforms/apivideo.md#downloads).
    public override Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken) =>
        _renditions.GetRenditionsAsync(id, cancellationToken);

    // Upload tokens: ApiVideoUploadTokens (docs/platforms/apivideo.md#1-authentication).
    public override Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken) =>
        _uploadTokens.NewUploadTokenAsync(request, cancellationToken);

    public override Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken) =>
        _uploadTokens.GetUploadTokenAsync(token, cancellationToken);

    public override IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken) =>
        _uploadTokens.ListUploadTokensAsync(cancellationToken);

    public override Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken) => _uploadTokens.DeleteUploadTokenAsync(token, cancellationToken);

    public override async Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken)
    {
        RequireKey("read videos");
        var path = $"videos/{Escape(id)}";
        try
        {
            // The video and its status are separate resources on api.video; fetch both at once.
            var video = Http.SendForJsonAsync(new RestRequest(path), RequestKind.Idempotent, cancellationToken);
            var status = _uploader.GetStatusAsync(id, cancellationToken);
            await Task.WhenAll(video, status).ConfigureAwait(false);
            return ApiVideoJson.ToVideo(video.Result, status.Result, Connection);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    public override IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        RequireKey("list videos");
        var pageSize = Math.Clamp(query.PageSize ?? MaxPageSize, 1, MaxPageSize);
        return StablePager.ListAsync((offset, token) => FetchPageAsync("videos", offset, pageSize, request =>
        {
            // Oldest first, so videos created while the listing runs land at the end instead of shifting what is left.
            request.AddQueryParameter("sortBy", "createdAt");
            request.AddQueryParameter("sortOrder", "asc");
            if (!string.IsNullOrEmpty(query.Title)) request.AddQueryParameter("title", query.Title);
            foreach (var tag in query.Tags ?? Array.Empty<string>()) request.AddQueryParameter("tags[]", tag);
            foreach (var (key, value) in query.Metadata ?? new Dictionary<string, string>()) request.AddQueryParameter($"metadata[{key}]", value);
        }, v => ApiVideoJson.ToVideo(v, null, Connection), token), v => v.Id, query.Skip, cancellationToken, readAheadPageSize: pageSize);
    }

    /// <summary>
    /// The items from <paramref name="offset"/> to the end of the page holding it. api.video pages by number, so an
    /// offset becomes a page and a number of items to drop from its start.
    /// </summary>
    internal async Task<PageSlice<T>> FetchPageAsync<T>(string resource, long offset, int pageSize, Action<RestRequest> filters,
        Func<JObject, T> map, CancellationToken cancellationToken)
    {
        var page = offset / pageSize + 1;
        var request = new RestRequest(resource);
        request.AddQueryParameter("currentPage", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.AddQueryParameter("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        filters(request);
        var json = await Http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        var data = (json["data"] as JArray ?? new JArray()).OfType<JObject>().ToList();
        var pagesTotal = json.SelectToken("pagination.pagesTotal")?.Value<long?>() ?? page;
        var items = data.Skip((int)(offset % pageSize)).Select(map).ToList();
        return new PageSlice<T>(items, json.SelectToken("pagination.itemsTotal")?.Value<long?>(), data.Count > 0 && page < pagesTotal);
    }

    public override async Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken)
    {
        RequireKey("update videos");
        // api.video replaces the metadata list whole: read the video first so the module's markers stay on it.
        var metadata = update.Metadata is null ? null
            : Upload.ContentMarkers.KeepMarkers(update.Metadata, (await GetVideoAsync(id, cancellationToken).ConfigureAwait(false)).Metadata);
        var request = new RestRequest($"videos/{Escape(id)}", Method.Patch);
        ProviderHttp.AddJsonBody(request, new
        {
            title = update.Title,
            description = update.Description,
            @public = ApiVideoJson.FromPrivacy(update.Privacy),
            tags = update.Tags,
            metadata = ApiVideoJson.FromMetadata(metadata),
        });
        try
        {
            JObject? video = null;
            if (update.Title is not null || update.Description is not null || update.Privacy is not null || update.Tags is not null || update.Metadata is not null)
                video = await Http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            if (update.ThumbnailPath is { } thumbnail)
            {
                // Multipart field "file", streamed from disk; replacing the image twice is harmless, so it is retried.
                var upload = new RestRequest($"videos/{Escape(id)}/thumbnail", Method.Post) { AlwaysMultipartFormData = true };
                var length = new FileInfo(thumbnail).Length;
                upload.AddFile("file", () => new FileSliceStream(thumbnail, 0, length), Path.GetFileName(thumbnail),
                    Path.GetExtension(thumbnail).ToLowerInvariant() switch { ".png" => "image/png", ".webp" => "image/webp", _ => "image/jpeg" });
                video = await Http.SendForJsonAsync(upload, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            }
            if (update.ThumbnailAt is { } at)
            {
                // PATCH /videos/{id}/thumbnail with a timecode: api.video takes that frame (docs/platforms/apivideo.md#2-endpoints).
                var pick = new RestRequest($"videos/{Escape(id)}/thumbnail", Method.Patch);
                ProviderHttp.AddJsonBody(pick, new { timecode = Timecode(at) });
                video = await Http.SendForJsonAsync(pick, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            }
            return ApiVideoJson.ToVideo(video!, null, Connection);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    public override async Task DeleteVideoAsync(string id, CancellationToken cancellationToken)
    {
        RequireKey("delete videos");
        try
        {
            await Http.DeleteAsync(new RestRequest($"videos/{Escape(id)}", Method.Delete), cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    public override Task<ProviderResponse> InvokeAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        RequireKey("call the API");
        return base.InvokeAsync(request, cancellationToken);
    }

    internal void RequireKey(string what)
    {
        if (_auth is null)
            throw new VideoProviderException(ProviderErrorKind.Forbidden, "UploadOnlyConnection",
                $"The connection '{Connection.Name}' holds only an upload token, which cannot {what}. Connect with -ApiKey to {what}.");
    }

    internal static string Escape(string id) => Uri.EscapeDataString(id);

    /// <summary>hh:mm:ss.ms, the spec's timecode form.</summary>
    private static string Timecode(TimeSpan at) =>
        $"{(int)at.TotalHours:00}:{at.Minutes:00}:{at.Seconds:00}.{at.Milliseconds:000}";

    internal static VideoProviderException VideoNotFound(VideoProviderException ex, string id) =>
        ex.Reword("VideoNotFound", $"api.video has no video '{id}' in this account. Check the id (Get-Video lists them).");
}

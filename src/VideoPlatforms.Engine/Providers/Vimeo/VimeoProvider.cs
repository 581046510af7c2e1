using System.Globalization;
using Newtonsoft.Json.Linq;
using RestSharp;
using RestSharp.Interceptors;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>Vimeo API 3.4 (https://api.vimeo.com), per docs/platforms/vimeo.md.</summary>
internal sealed partial class VimeoProvider : VideoProviderBase
{
    public static readonly ProviderDescriptor Descriptor = new(
        "Vimeo", "Vimeo",
        new Dictionary<string, Uri> { ["Production"] = new("https://api.vimeo.com/") },
        "Production",
        "Vimeo takes -AccessToken (a personal access token), or -ClientCredential (client id as user name, client secret as password) for an app-only token, "
        + "adding -AuthorizationCode, -State and -RedirectUri to act for a user who granted access (see Get-VideoProviderAuthorizationUrl).",
        context => new VimeoProvider(context))
    {
        Authorize = VimeoConnector.BuildAuthorization,
        Capabilities = DeclareCapabilities(),
    };

    /// <summary>
    /// The versioned media type, sent on every call (the upload hosts' too, where it is harmless): it pins API 3.4
    /// (docs/platforms/vimeo.md#8-readings-where-the-sources-disagree: the vimeo.js/vimeo.php form with +json, not PyVimeo's).
    /// </summary>
    internal const string AcceptHeader = "application/vnd.vimeo.*+json;version=3.4";

    // Chunk sizes. Vimeo's tus host sets no per-PATCH limit, and the SDKs differ (PyVimeo 200 MiB, vimeo.php 100 MiB,
    // vimeo.js one PATCH for the whole file). 128 MiB by default keeps a lost PATCH cheap to re-send while a 10 GiB
    // file still needs only 80 requests; below 1 MiB the per-request overhead dominates, and above 1 GiB a single
    // failure costs minutes of re-sending. PyVimeo also caps an upload at 1024 chunks because many chunks raise tus
    // error rates (vimeo.py upload_test): a chunk size that would need more is raised to fit (see ChunkFor).
    private static readonly ChunkSizeLimits Limits = new(1L << 20, 1L << 30, 128L << 20);
    internal const int MaxChunks = 1024;
    private const int MaxPageSize = 100;
    private const int MaxTags = 20;

    private readonly VimeoUploader _uploader;
    private readonly VimeoRenditions _renditions;
    private readonly VimeoCaptions _captions;
    private readonly VimeoConnector _connector;

    internal VimeoUploader Uploader => _uploader;

    private VimeoProvider(ProviderContext context) : base(context, "Vimeo")
    {
        var request = context.Request;
        _connector = new VimeoConnector(this, request);
        Http.ErrorMapper = (response, what) => VimeoJson.MapError(Http, response, what);
        _uploader = new VimeoUploader(Http, this);
        _renditions = new VimeoRenditions(this);
        _captions = new VimeoCaptions(this);
    }

    public override string Name => "Vimeo";

    // Connecting: VimeoConnector (docs/platforms/vimeo.md#1-authentication).
    public override Task ConnectAsync(CancellationToken cancellationToken) => _connector.ConnectAsync(cancellationToken);

    /// <summary>The user the token acts for (or app-only for a client-credentials token) and the scopes granted.</summary>
    public override string? Account => _connector.Token is null ? null
        : $"{_connector.UserName ?? "app-only"} (scopes: {string.Join(' ', _connector.Granted.OrderBy(s => s, StringComparer.Ordinal))})";

    /// <summary>The user's id (123 of /users/123): a second token of the same user, with other scopes, is the same account.</summary>
    public override string? AccountId => _connector.Token is null ? null : _connector.UserUri is null ? "app-only" : VimeoJson.IdFromUri(_connector.UserUri);

    public override ChunkSizeLimits ChunkSizes => Limits;

    // ------------------------------------------------------------------------------------------------------------
    // Checks before any request
    // ------------------------------------------------------------------------------------------------------------

    public override void ValidateUpload(UploadRequest request)
    {
        base.ValidateUpload(request);
        if (request.Tags is { Count: > MaxTags }) throw TooManyTags(request.Tags.Count);
        if (request.ReplaceVideoId is { } id && string.IsNullOrWhiteSpace(id))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "VideoIdEmpty", "-ReplaceVideoId is blank. Give the id of the video whose source to replace (Get-Video lists them).");
        RequireUser("upload videos");
        RequireScope("upload", "uploading");
        if (request.Tags is not null || request.ReplaceVideoId is not null && (request.Title is not null || request.Description is not null || request.Privacy is not null))
            RequireScope("edit", "setting tags or details");
    }

    public override void ValidateUpdate(VideoUpdate update)
    {
        if (update.Tags is { Count: > MaxTags }) throw TooManyTags(update.Tags.Count);
        RequireUser("change videos");
        RequireScope("edit", "changing a video");
        if (update.ThumbnailPath is { } path)
        {
            RequireScope("upload", "uploading a thumbnail");
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new VideoProviderException(ProviderErrorKind.NotFound, "ThumbnailNotFound", $"The image file '{path}' does not exist. Check -ThumbnailPath and run the command again.");
            if (info.Length == 0)
                throw new VideoProviderException(ProviderErrorKind.InvalidData, "ThumbnailEmpty", $"The image file '{path}' is empty (0 bytes). Give a JPEG, PNG or GIF image.");
        }
    }

    /// <summary>The scopes come from /oauth/verify, so a missing one is named here instead of by a 403 from the API.</summary>
    internal void RequireScope(string scope, string what)
    {
        if (!_connector.Granted.Contains(scope))
            throw new VideoProviderException(ProviderErrorKind.Forbidden, "ScopeMissing",
                $"The Vimeo token of connection '{Connection.Name}' was not granted the '{scope}' scope, which {what} needs (it has: {string.Join(' ', _connector.Granted.OrderBy(s => s, StringComparer.Ordinal))}). "
                + $"Connect with a token that has it: a personal access token with '{scope}' ticked, or the authorization-code flow with -Scope including {scope}.")
            { RecommendedAction = $"Connect again with a token granted the '{scope}' scope." };
    }

    private void RequireUser(string what)
    {
        if (_connector.UserUri is null)
            throw new VideoProviderException(ProviderErrorKind.Forbidden, "AuthenticatedUserRequired",
                $"The connection '{Connection.Name}' holds an app-only Vimeo token (client credentials), which has no user and cannot {what}. Connect with -AccessToken (a personal access token) or with the authorization-code flow (Get-VideoProviderAuthorizationUrl, then -AuthorizationCode).");
    }

    private static VideoProviderException TooManyTags(int count) => new(ProviderErrorKind.InvalidArgument, "TooManyTags",
        $"Vimeo allows at most {MaxTags} tags on a video; {count} were given. Give {MaxTags} or fewer.");

    // ------------------------------------------------------------------------------------------------------------
    // Videos
    // ------------------------------------------------------------------------------------------------------------

    // Send-Video: VimeoUploader (docs/platforms/vimeo.md#3-upload-protocol).
    public override Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        _uploader.UploadAsync(request, progress, cancellationToken);

    // Save-Video's files: VimeoRenditions (docs/platforms/vimeo.md#downloads).
    public override Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken) =>
        _renditions.GetRenditionsAsync(id, cancellationToken);

    public override async Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken)
    {
        var request = Api($"videos/{Escape(id)}");
        request.AddQueryParameter("fields", VimeoJson.VideoFields);
        try
        {
            return VimeoJson.ToVideo(await Http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false), Connection);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    public override IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        RequireUser("list the account's videos");
        var pageSize = Math.Clamp(query.PageSize ?? MaxPageSize, 1, MaxPageSize);
        // Pages are asked for by number rather than by following paging.next's links: StablePager needs to choose the
        // offset itself, to step back when videos are deleted behind it (Get-Video | Remove-Video). paging.next still
        // says whether there is more, so the listing stops exactly where Vimeo says it ends.
        return StablePager.ListAsync(async (offset, token) =>
        {
            var page = offset / pageSize + 1;
            var request = Api("me/videos");
            request.AddQueryParameter("page", page.ToString(CultureInfo.InvariantCulture));
            request.AddQueryParameter("per_page", pageSize.ToString(CultureInfo.InvariantCulture));
            // Oldest first, so videos created while the listing runs land at the end instead of shifting what is left.
            request.AddQueryParameter("sort", "date");
            request.AddQueryParameter("direction", "asc");
            if (!string.IsNullOrEmpty(query.Title)) request.AddQueryParameter("query", query.Title);
            // On a collection the filter applies to each item of data; total and paging always come.
            request.AddQueryParameter("fields", VimeoJson.VideoFields);
            var json = await Http.SendForJsonAsync(request, RequestKind.Idempotent, token).ConfigureAwait(false);
            var data = (json["data"] as JArray ?? new JArray()).OfType<JObject>().ToList();
            var items = data.Skip((int)(offset % pageSize)).Select(v => VimeoJson.ToVideo(v, Connection)).ToList();
            var more = data.Count > 0 && !string.IsNullOrEmpty(JsonText.String(json, "paging.next"));
            return new PageSlice<Video>(items, json.Value<long?>("total"), more);
        }, v => v.Id, query.Skip, cancellationToken, readAheadPageSize: pageSize);
    }

    public override async Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken)
    {
        ValidateUpdate(update);
        try
        {
            if (update.Title is not null || update.Description is not null || update.Privacy is not null)
            {
                var patch = Api($"videos/{Escape(id)}", Method.Patch);
                var view = VimeoJson.FromPrivacy(update.Privacy);
                ProviderHttp.AddJsonBody(patch, new { name = update.Title, description = update.Description, privacy = view is null ? null : new { view } });
                patch.AddQueryParameter("fields", "uri");
                await Http.SendAsync(patch, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            }
            if (update.Tags is { } tags)
            {
                var current = await GetVideoAsync(id, cancellationToken).ConfigureAwait(false);
                await ReplaceTagsAsync(id, tags, current.Tags, cancellationToken).ConfigureAwait(false);
            }
            if (update.ThumbnailPath is { } thumbnail)
                await SetThumbnailAsync(id, thumbnail, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound && ex.ErrorId != "VideoNotFound")
        {
            throw VideoNotFound(ex, id);
        }
        return await GetVideoAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Vimeo's PUT /videos/{id}/tags adds (api.yaml add_video_tags); a tag goes with DELETE .../tags/{word}. So
    /// replacing the list deletes what is no longer wanted and adds what is new, in one batch.
    /// </summary>
    internal async Task ReplaceTagsAsync(string id, IReadOnlyList<string> wanted, IReadOnlyList<string> current, CancellationToken cancellationToken)
    {
        foreach (var word in current.Where(c => !wanted.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            try
            {
                await Http.DeleteAsync(Api($"videos/{Escape(id)}/tags/{Escape(word)}", Method.Delete), cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
            {
                // Already gone (a retried DELETE whose first answer was lost): the wanted state holds. A missing
                // video is still reported, by the calls that follow.
                OperationLog.Verbose($"Vimeo video {id} no longer had the tag '{word}'.");
            }
        }
        var added = wanted.Where(w => !current.Contains(w, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (added.Count == 0) return;
        var put = Api($"videos/{Escape(id)}/tags", Method.Put);
        ProviderHttp.AddJsonBody(put, added.Select(name => new { name }).ToArray());
        await Http.SendAsync(put, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST a picture slot, PUT the image to its signed link, then make it active (docs/platforms/vimeo.md#2-endpoints).</summary>
    private async Task SetThumbnailAsync(string id, string path, CancellationToken cancellationToken)
    {
        var slot = Api($"videos/{Escape(id)}/pictures", Method.Post);
        ProviderHttp.AddJsonBody(slot, new { });
        var picture = await Http.SendForJsonAsync(slot, RequestKind.NonIdempotent, cancellationToken).ConfigureAwait(false);
        var pictureUri = JsonText.String(picture, "uri");
        if (JsonText.String(picture, "link") is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var link) || pictureUri is null)
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "Vimeo's answer to creating a picture had no uri or upload link.");
        _uploader.Protect(link, pathIsSecret: false);

        var length = new FileInfo(path).Length;
        var put = new RestRequest(link.ToString(), Method.Put) { Timeout = Http.Retry.RequestTimeout + TimeSpan.FromSeconds(length / (256.0 * 1024)) };
        put.AddHeader("Accept", AcceptHeader);
        put.Interceptors = new List<Interceptor> { new StreamBodyInterceptor(() => new FileSliceStream(path, 0, length), ImageType(path)) };
        // The link is signed: no Authorization header goes to it. PUT replaces the image, so a retry is safe.
        await Http.SendAsync(put, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false);

        var activate = Api(pictureUri.TrimStart('/'), Method.Patch);
        ProviderHttp.AddJsonBody(activate, new { active = true });
        await Http.SendAsync(activate, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        OperationLog.Verbose($"Set the thumbnail of Vimeo video {id} from '{path}'.");
    }

    private static string ImageType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    // Text tracks: VimeoCaptions (docs/platforms/vimeo.md#text-tracks).
    public override Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken) =>
        _captions.AddCaptionAsync(videoId, request, cancellationToken);

    public override Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken) =>
        _captions.GetCaptionsAsync(videoId, cancellationToken);

    public override Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken) => _captions.RemoveCaptionAsync(caption, cancellationToken);

    public override async Task DeleteVideoAsync(string id, CancellationToken cancellationToken)
    {
        RequireUser("delete videos");
        RequireScope("delete", "deleting a video");
        try
        {
            await Http.DeleteAsync(Api($"videos/{Escape(id)}", Method.Delete), cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    protected override RestRequest CreateRawRequest(string resource, Method method) => Api(resource, method);

    /// <summary>Every API request carries the versioned Accept header.</summary>
    internal static RestRequest Api(string resource, Method method = Method.Get)
    {
        var request = new RestRequest(resource, method);
        request.AddHeader("Accept", AcceptHeader);
        return request;
    }

    internal static string Escape(string id) => Uri.EscapeDataString(id);

    internal static VideoProviderException VideoNotFound(VideoProviderException ex, string id) =>
        ex.Reword("VideoNotFound", $"Vimeo has no video '{id}' that this account can see. Check the id (Get-Video lists them).");
}

using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Ziggeo's server API (https://srv-api.ziggeo.com), per docs/platforms/ziggeo.md: HTTP Basic
/// application token : private key on every call, form-encoded POST parameters, the host chosen by the token's
/// region prefix, videos addressed by token or by "_key".
/// </summary>
internal sealed partial class ZiggeoProvider : VideoProviderBase
{
    public static readonly ProviderDescriptor Descriptor = new(
        "Ziggeo", "Ziggeo",
        new Dictionary<string, Uri> { ["Production"] = new("https://srv-api.ziggeo.com/") },
        "Production",
        "Ziggeo takes -ApplicationToken with -PrivateKey (a SecureString), or -Credential whose user name is the application token and whose password is the private key.",
        context => new ZiggeoProvider(context))
    {
        // An r1... application lives on the eu-west-1 servers (docs/platforms/ziggeo.md#1-authentication); see ZiggeoRegions.ForRegion.
        CredentialBaseUri = (request, baseUri) =>
            ZiggeoRegions.RegionOf(request.UserName) is { } region ? ZiggeoRegions.ForRegion(baseUri, region) : baseUri,
        Capabilities = DeclareCapabilities(),
    };

    /// <summary>The index takes at most 100 videos per request (docs/platforms/ziggeo.md#4-listing-and-paging).</summary>
    internal const int MaxPageSize = 100;

    private readonly string _applicationToken;
    private readonly ZiggeoUploader _uploader;
    private readonly ZiggeoRenditions _renditions;
    private readonly ZiggeoUploadTokens _uploadTokens;
    private readonly ZiggeoCaptions _captions;
    private string? _applicationName;

    private ZiggeoProvider(ProviderContext context) : base(context, "Ziggeo")
    {
        var request = context.Request;
        if (request.ApiKey is not null || request.AccessToken is not null || request.UploadToken is not null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported", Descriptor.CredentialHelp);
        if (string.IsNullOrWhiteSpace(request.UserName) || request.Secret is null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialMissing", Descriptor.CredentialHelp);
        _applicationToken = request.UserName.Trim();
        var privateKey = Reveal(request.Secret);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_applicationToken}:{privateKey}"));
        Http.Redactor.Add(basic);
        Http.Authenticator = new ZiggeoAuthenticator(basic);
        Http.ErrorMapper = (response, what) => ZiggeoJson.MapError(Http, response, what);
        _uploader = new ZiggeoUploader(Http);
        _renditions = new ZiggeoRenditions(this);
        _uploadTokens = new ZiggeoUploadTokens(this);
        _captions = new ZiggeoCaptions(this);
    }

    public override string Name => "Ziggeo";

    /// <summary>The application's name, as Ziggeo reports it at connect time.</summary>
    public override string? Account => _applicationName;

    public override ChunkSizeLimits ChunkSizes => ChunkSizeLimits.WholeFile;

    public override void ValidateUpload(UploadRequest request)
    {
        CheckTags(request.Tags);
    }

    public override void ValidateUpdate(VideoUpdate update)
    {
        CheckTags(update.Tags);
        if (update.Key is { Length: > 0 } key && key.StartsWith('_'))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "KeyStartsWithUnderscore",
                $"-Key '{key}' starts with '_', which Ziggeo reads as 'address by key'. Give the key without the leading underscore.");
        if (update.ThumbnailPath is { } path)
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new VideoProviderException(ProviderErrorKind.NotFound, "ThumbnailNotFound", $"The image file '{path}' does not exist. Check -ThumbnailPath and run the command again.");
            if (info.Length == 0 || info.Extension.ToLowerInvariant() is not (".jpg" or ".jpeg" or ".png"))
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ThumbnailInvalid",
                    $"The module attaches a JPEG or PNG image to a Ziggeo stream; '{path}' is {Upload.ChunkPlan.Format(info.Length)} with extension '{info.Extension}'.");
        }
    }

    // Send-Video: the title, description and metadata go in the video's data; ZiggeoUploader creates the video through
    // the create guard and posts the file to its signed form (docs/platforms/ziggeo.md#3-upload-protocol).
    public override Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ValidateUpload(request);
        var title = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath);
        var data = ZiggeoJson.MergeData(null, title, request.Description, request.Metadata);
        return _uploader.UploadAsync(request, data, Connection, progress, cancellationToken,
            (create, token) => Creates.CreateAsync(title, request.FilePath, create, j => JsonText.String(j, "video.token"), token, request.AttemptId));
    }

    // Save-Video's files: ZiggeoRenditions (docs/platforms/ziggeo.md#downloads).
    public override Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken) =>
        _renditions.GetRenditionsAsync(id, cancellationToken);

    // Upload tokens: ZiggeoUploadTokens (docs/platforms/ziggeo.md#2-endpoints).
    public override Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken) =>
        _uploadTokens.NewUploadTokenAsync(request, cancellationToken);

    public override Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken) =>
        _uploadTokens.GetUploadTokenAsync(token, cancellationToken);

    public override IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken) =>
        _uploadTokens.ListUploadTokensAsync(cancellationToken);

    public override Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken) => _uploadTokens.DeleteUploadTokenAsync(token, cancellationToken);

    public override async Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken)
    {
        var video = await GetVideoJsonAsync(id, cancellationToken).ConfigureAwait(false);
        return ZiggeoJson.ToVideo(video, Connection);
    }

    internal async Task<JObject> GetVideoJsonAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await Http.SendForJsonAsync(new RestRequest($"v1/videos/{Escape(id)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    public override IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        // Title and metadata filters are declared refused (ZiggeoProvider.Capabilities.cs); tags go comma-separated.
        CheckTags(query.Tags);
        return ListAsync(query, cancellationToken);
    }

    /// <summary>
    /// Ziggeo pages by skip/limit with no total in the answer, so each page also asks /v1/videos/count for the same
    /// filters (docs/platforms/ziggeo.md#4-listing-and-paging). The count is what lets StablePager notice videos deleted behind the cursor
    /// (Get-Video | Remove-Video) and step back instead of skipping the ones that moved up; it also answers
    /// -IncludeTotalCount.
    /// </summary>
    /// <remarks>
    /// The count is asked only after the page has come back, never at the same time. The pager reads a total that
    /// did not drop since the previous one as "nothing moved while this page was read"; that holds only if the count
    /// was taken after the page. Sent together, the count could be answered first, and a delete landing between the
    /// two (the pipeline deletes the previous page while this one is prefetched) would shift the page without showing
    /// in the count: one video passed over. The price is a second round trip per page of 100.
    /// </remarks>
    private IAsyncEnumerable<Page<Video>> ListAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.PageSize ?? MaxPageSize, 1, MaxPageSize);
        var states = ZiggeoJson.ToStates(query.Statuses);
        var tags = query.Tags is { Count: > 0 } t ? string.Join(",", t) : null;
        return StablePager.ListAsync(async (offset, token) =>
        {
            var request = new RestRequest("v1/videos/");
            request.AddQueryParameter("limit", limit.ToString(CultureInfo.InvariantCulture));
            request.AddQueryParameter("skip", offset.ToString(CultureInfo.InvariantCulture));
            request.AddQueryParameter("states", states);
            if (tags is not null) request.AddQueryParameter("tags", tags);
            var count = new RestRequest("v1/videos/count");
            count.AddQueryParameter("states", states);
            if (tags is not null) count.AddQueryParameter("tags", tags);
            // Parsed inside the send, so a page whose JSON arrived garbled is asked for again.
            var page = await Http.SendForParsedAsync(request, RequestKind.Idempotent, ParseArray, token).ConfigureAwait(false);
            var total = (await Http.SendForJsonAsync(count, RequestKind.Idempotent, token).ConfigureAwait(false)).Value<long?>("count");
            // The SDK demo pages until an empty array comes back (docs/platforms/ziggeo.md#4-listing-and-paging): a short page is not proof of the end.
            return new PageSlice<Video>(page.Select(v => ZiggeoJson.ToVideo(v, Connection)).ToList(), total, page.Count > 0);
        }, v => v.Id, query.Skip, cancellationToken);
    }

    public override async Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken)
    {
        ValidateUpdate(update);
        // Update is POST /v1/videos/{token_or_key} with form fields (docs/platforms/ziggeo.md#2-endpoints). It sets values, so
        // repeating it after a lost answer changes nothing further: retried like an idempotent call.
        var request = new RestRequest($"v1/videos/{Escape(id)}", Method.Post);
        if (update.Tags is not null) request.AddParameter("tags", string.Join(",", update.Tags));
        if (update.Key is not null) request.AddParameter("key", update.Key);
        if (update.ExpiresOn is { } expires) request.AddParameter("expire_on", expires.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (update.Title is not null || update.Description is not null || update.Metadata is not null)
        {
            // data is replaced whole by the platform: read it first so one field changes and the others stay.
            var current = await GetVideoJsonAsync(id, cancellationToken).ConfigureAwait(false);
            request.AddParameter("data", ZiggeoJson.MergeData(current["data"] as JObject, update.Title, update.Description, update.Metadata));
        }
        try
        {
            var fields = update.Tags is not null || update.Key is not null || update.ExpiresOn is not null || update.Title is not null || update.Description is not null || update.Metadata is not null;
            var video = fields ? await Http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false) : null;
            if (update.ThumbnailPath is { } thumbnail)
            {
                await AttachImageAsync(id, thumbnail, cancellationToken).ConfigureAwait(false);
                video = await GetVideoJsonAsync(id, cancellationToken).ConfigureAwait(false);
            }
            return ZiggeoJson.ToVideo(video!, Connection);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    public override async Task DeleteVideoAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            // A real DELETE, as the C#, PHP and Node SDKs send (docs/platforms/ziggeo.md#2-endpoints).
            await Http.DeleteAsync(new RestRequest($"v1/videos/{Escape(id)}", Method.Delete), cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, id);
        }
    }

    /// <summary>
    /// Ziggeo takes POST parameters form-encoded, and structured values (grants, data, tags) as JSON strings
    /// (docs/platforms/ziggeo.md#2-endpoints), so a hashtable body becomes form fields rather than JSON.
    /// </summary>
    protected override void AddRawBody(RestRequest rest, ProviderRequest request)
    {
        if (request.BodyText is not null)
        {
            rest.AddStringBody(request.BodyText, request.ContentType ?? ContentType.FormUrlEncoded);
            return;
        }
        if (request.Body is not IEnumerable<KeyValuePair<string, object?>> fields)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "BodyNotForm",
                "Ziggeo takes form fields: give -Body as a hashtable of fields (e.g. -Body @{ tags = 'a,b' }), or as a ready-made form string.");
        foreach (var (name, value) in fields) rest.AddParameter(name, FormField(value), ParameterType.GetOrPost);
    }

    private List<JObject> ParseArray(RestResponse response)
    {
        try
        {
            if (JsonText.Parse(response.Content) is JArray array) return array.OfType<JObject>().ToList();
        }
        catch (JsonException)
        {
        }
        throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
            $"Ziggeo answered {Http.Describe(response.Request)} with a body that is not the JSON array of videos expected. Run the command again; if it persists, the endpoint at {Http.BaseUri} may not be Ziggeo's server API.")
        {
            StatusCode = (int)response.StatusCode, Request = Http.Describe(response.Request),
        };
    }

    // Subtitles: ZiggeoCaptions (docs/platforms/ziggeo.md#subtitles-and-stream-images).
    public override Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken) =>
        _captions.AddCaptionAsync(videoId, request, cancellationToken);

    public override Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken) =>
        _captions.GetCaptionsAsync(videoId, cancellationToken);

    public override Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken) => _captions.RemoveCaptionAsync(caption, cancellationToken);

    private async Task AttachImageAsync(string videoId, string path, CancellationToken cancellationToken)
    {
        var video = await GetVideoJsonAsync(videoId, cancellationToken).ConfigureAwait(false);
        var stream = JsonText.String(video, "default_stream.token")
            ?? throw new VideoProviderException(ProviderErrorKind.InvalidData, "NoStream",
                $"Ziggeo video '{videoId}' has no stream yet to attach a thumbnail to. Wait until its upload is done (Wait-Video), then try again.");
        var attach = new RestRequest($"v1/videos/{Escape(videoId)}/streams/{Escape(stream)}/image", Method.Post) { AlwaysMultipartFormData = true };
        var length = new FileInfo(path).Length;
        attach.AddFile("file", () => new Upload.FileSliceStream(path, 0, length), Path.GetFileName(path),
            Path.GetExtension(path).ToLowerInvariant() == ".png" ? "image/png" : "image/jpeg");
        await Http.SendAsync(attach, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        OperationLog.Verbose($"Attached '{path}' as the image of stream {stream} of Ziggeo video {videoId}.");
    }

    /// <summary>Tags go comma-separated on the wire (docs/platforms/ziggeo.md#2-endpoints), so a tag cannot hold a comma.</summary>
    private static void CheckTags(IReadOnlyList<string>? tags)
    {
        if (tags?.FirstOrDefault(t => t.Contains(',', StringComparison.Ordinal)) is { } bad)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "TagHasComma",
                $"The tag '{bad}' contains a comma, which Ziggeo reads as a tag separator. Give it as separate tags: -Tag {string.Join(", ", bad.Split(',').Select(t => $"'{t.Trim()}'"))}.");
    }

    /// <summary>Keys are addressed with a leading underscore (docs/platforms/ziggeo.md#2-endpoints): -Id _mykey reaches the video whose key is mykey.</summary>
    internal static string Escape(string id) => Uri.EscapeDataString(id);

    internal static VideoProviderException VideoNotFound(VideoProviderException ex, string id) =>
        ex.Reword("VideoNotFound", $"Ziggeo has no video '{id}' in this application. Check the token, or give a key with a leading underscore (-Id _mykey); Get-Video lists the videos.");
}

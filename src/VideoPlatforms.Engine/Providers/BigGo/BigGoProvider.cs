using System.Globalization;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>
/// BigGo's video API (https://api.biggo.com), per docs/platforms/biggo.md.
/// </summary>
/// <remarks>
/// The two official clients (Funmula-Corp/biggo-api-python-client 0.2.0, biggo-api-js-client 0.4.x) disagree in
/// places; this module reads the contract as follows, and the Sandbox holds the same reading:
/// <list type="bullet">
/// <item>Upload multipart field: <c>video</c> (both Python clients; JS sends <c>file</c>), with <c>File-Size</c>.
/// No thumbnail time is sent (no <c>X-Bgo-Thumbnail-TS</c>): Send-Video has no such parameter.</item>
/// <item>Parameters after the upload and Set-Video: <c>PATCH video/{id}</c> with only the fields given (Python
/// <c>exclude_none</c>); the title is always sent on upload (the file name by default). The full <c>POST</c>
/// update needs every field, which would overwrite what was not asked for.</item>
/// <item><c>access</c>: the Python integers 0 public, 1 private, 2 unlisted (which JS's VideoVisibility also is).</item>
/// <item>Status: only process_status 13 (COMPLETE) is common to both enums; Ready = not processing and 13,
/// anything else is Processing (Python INQUEUE = 0, JS IN_QUEUE = 1 are both "in queue").</item>
/// <item>Title: read from <c>title</c>; the models' <c>name</c> is the uploader's name, never shown as a title.</item>
/// <item>Region: a <c>region</c> header on every API call (Python), none on the token call; the account's region
/// is read from <c>video_auth/self</c>.</item>
/// <item>Expired token: API error code 4 (JWT_EXPIRED) in any HTTP status (the Sandbox answers 401) re-runs the
/// grant and repeats the call, at most 3 times in a row (JS RETRY_LIMIT); code 3 (JWT_INVALID) is not renewed.</item>
/// </list>
/// </remarks>
internal sealed partial class BigGoProvider : VideoProviderBase
{
    public static readonly ProviderDescriptor Descriptor = new(
        "BigGo", "BigGo",
        new Dictionary<string, Uri> { ["Production"] = new("https://api.biggo.com/") },
        "Production",
        "BigGo takes -ClientCredential (a PSCredential: client id as user name, client secret as password, from account.biggo.com > Certificate), and optionally -Region (e.g. tw).",
        context => new BigGoProvider(context))
    {
        Capabilities = DeclareCapabilities(),
    };

    /// <summary>Python docstring "20 videos in one page"; JS APICollect.DEF_PAGE_SIZE = 20. The API takes no page size.</summary>
    internal const int PageSize = 20;

    private readonly BigGoAuthenticator _auth;
    private readonly BigGoUploader _uploader;
    private readonly BigGoRenditions _renditions;
    private readonly string? _requestedRegion;
    private string? _account;
    private string? _region;

    private BigGoProvider(ProviderContext context) : base(context, "BigGo")
    {
        var request = context.Request;
        if (request.ApiKey is not null || request.AccessToken is not null || request.UploadToken is not null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported", Descriptor.CredentialHelp);
        if (string.IsNullOrWhiteSpace(request.UserName) || request.Secret is null || request.Secret.Length == 0)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialMissing",
                "BigGo needs a client id and a client secret: -ClientCredential (Get-Credential) with the client id as user name and the secret as password. " + Descriptor.CredentialHelp);
        _requestedRegion = string.IsNullOrWhiteSpace(request.Region) ? null : request.Region.Trim();
        _auth = new BigGoAuthenticator(Http, request.UserName.Trim(), Reveal(request.Secret), _requestedRegion);
        Http.Authenticator = _auth;
        Http.ErrorMapper = (response, what) => BigGoJson.MapError(Http, response, what);
        _uploader = new BigGoUploader(Http, this);
        _renditions = new BigGoRenditions(this);
    }

    public override string Name => "BigGo";

    public override string? Account => _account;

    public override string? Region => _region ?? _requestedRegion;

    public override DateTimeOffset? CredentialExpiresAt => _auth.ExpiresAt;

    public override ChunkSizeLimits ChunkSizes => ChunkSizeLimits.WholeFile;

    protected override VideoProviderException NoUploadTokens() => new(ProviderErrorKind.NotSupported, "UploadTokensNotSupported",
        "BigGo has no delegated upload tokens: every upload is made with the account's own client credentials (a single multipart POST). " +
        "To let someone else upload, give them a certificate of their own from account.biggo.com > Certificate, and have them run Connect-VideoProvider -Provider BigGo -ClientCredential.");

    // Send-Video: BigGoUploader (docs/platforms/biggo.md#3-upload-protocol).
    public override Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        _uploader.UploadAsync(request, progress, cancellationToken);

    // Save-Video's files: BigGoRenditions (docs/platforms/biggo.md#downloads).
    public override Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken) =>
        _renditions.GetRenditionsAsync(id, cancellationToken);

    public override async Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var json = await CallAsync(new RestRequest($"api/v1/video/{Escape(id)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            // The one video comes as the only element of "video" (docs/platforms/biggo.md#2-endpoints).
            if ((json["video"] as JArray)?.FirstOrDefault() is not JObject video)
                throw new VideoProviderException(ProviderErrorKind.NotFound, "VideoNotFound",
                    $"BigGo answered for video '{id}' without the video. Check the id (Get-Video lists the account's videos).");
            return BigGoJson.ToVideo(video, Connection);
        }
        catch (VideoProviderException ex) when (ex.ErrorId == "TranscodeFailed")
        {
            // BigGo has no failed process_status: reading a video whose transcode failed answers error 1001 instead
            // (docs/platforms/biggo.md#video-object-and-status). In the common vocabulary that is a video whose
            // Status is Failed, so Get-Video, Wait-Video and Get-Video -Status read it like any platform's failed one.
            return new Video(Name, id, Connection) { Status = VideoStatus.Failed };
        }
        catch (VideoProviderException ex)
        {
            throw ForVideo(ex, id, "read");
        }
    }

    /// <summary>
    /// <c>GET user/self/video/?p=N</c> (or <c>user/{userid}/video/</c> with -User): 20 per page, 1-based, with
    /// <c>user_video.size</c> the total. -Skip passes over whole pages without fetching them.
    /// </summary>
    public override IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(query.User) ? "self" : query.User.Trim();
        var resource = $"api/v1/user/{Escape(user)}/video/";
        // StablePager keeps the listing whole while the caller deletes what it was given (Get-Video | Remove-Video).
        return StablePager.ListAsync(async (offset, token) =>
        {
            var page = offset / PageSize + 1;
            var request = new RestRequest(resource);
            request.AddQueryParameter("p", page.ToString(CultureInfo.InvariantCulture));
            JObject json;
            try
            {
                json = await CallAsync(request, RequestKind.Idempotent, token).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (ex.ErrorId == "UserNotFound")
            {
                throw ex.Reword("UserNotFound", $"BigGo has no user '{user}'. Give the user's id (userid), not the @name shown on the channel.");
            }
            var data = (json.SelectToken("user_video.data") as JArray ?? new JArray()).OfType<JObject>().ToList();
            var total = json.SelectToken("user_video.size") is JValue { Type: JTokenType.Integer } size ? size.Value<long>() : (long?)null;
            var items = data.Skip((int)(offset % PageSize)).Select(v => BigGoJson.ToVideo(v, Connection)).ToList();
            // Past the last page "data" is []; the total, when given, saves that extra round trip.
            return new PageSlice<Video>(items, total, data.Count > 0 && (total is not { } t || page * PageSize < t));
        }, v => v.Id, query.Skip, cancellationToken, readAheadPageSize: PageSize);
    }

    /// <summary>
    /// Only a read of the video itself says that its transcode failed (error 1001,
    /// docs/platforms/biggo.md#video-object-and-status); the listing shows such a video with the process_status it
    /// had, complete included. So for -Status every listed video is read on its own.
    /// </summary>
    internal override async Task<Video?> ExactStatusAsync(Video listed, CancellationToken cancellationToken)
    {
        try
        {
            var read = await GetVideoAsync(listed.Id, cancellationToken).ConfigureAwait(false);
            return read.Status == listed.Status ? listed : new Video(listed.Provider, listed.Id, listed.Connection)
            {
                Title = listed.Title, Description = listed.Description, Privacy = listed.Privacy, Tags = listed.Tags,
                Metadata = listed.Metadata, Status = read.Status, Duration = listed.Duration, CreatedAt = listed.CreatedAt,
                Url = listed.Url, ThumbnailUrl = listed.ThumbnailUrl, Raw = listed.Raw,
            };
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            // Deleted since it was listed: it is in no state any more.
            return null;
        }
    }

    public override async Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken)
    {
        ValidateUpdate(update);
        try
        {
            await PatchAsync(id, update, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw ForVideo(ex, id, "change");
        }
        // PATCH answers {result:true, data:[]}: read the video back to return what it now is.
        return await GetVideoAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Partial update: only the fields given are in the body (the Python client's exclude_none).</summary>
    internal async Task PatchAsync(string id, VideoUpdate update, CancellationToken cancellationToken)
    {
        var request = new RestRequest($"api/v1/video/{Escape(id)}", Method.Patch);
        ProviderHttp.AddJsonBody(request, new
        {
            title = update.Title,
            description = update.Description,
            access = BigGoJson.FromPrivacy(update.Privacy),
        });
        await CallAsync(request, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    public override async Task DeleteVideoAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(new RestRequest($"api/v1/video/{Escape(id)}", Method.Delete), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (Http.IsGoneAsAsked(ex))
        {
            // An earlier attempt deleted it and lost its answer (BigGo then says 1005, deleted): done, as asked.
        }
        catch (VideoProviderException ex)
        {
            throw ForVideo(ex, id, "delete");
        }
    }

    protected override string RawPathPrefix => "api/v1/";

    /// <summary>Invoke-VideoProviderRequest's answer, with a 2xx <c>result: false</c> raised as the error it is.</summary>
    protected override ProviderResponse ReadRawResponse(RestResponse response)
    {
        var answer = base.ReadRawResponse(response);
        if (answer.Content is System.Collections.IDictionary body && body["result"] is false)
            throw BigGoJson.FromBody(Http, response.Content, Http.Describe(response.Request), (int)response.StatusCode)
                  ?? new VideoProviderException(ProviderErrorKind.ProtocolError, "UnexpectedResponse", $"BigGo answered {Http.Describe(response.Request)} with result: false.");
        return answer;
    }

    /// <summary>Sends a call and treats a 2xx answer with <c>result: false</c> as the failure it is (as the Python client does).</summary>
    internal async Task<JObject> CallAsync(RestRequest request, RequestKind kind, CancellationToken cancellationToken)
    {
        // SendForJsonAsync, not SendAsync + ParseObject: it repeats an idempotent call whose answer did not parse.
        var json = await Http.SendForJsonAsync(request, kind, cancellationToken).ConfigureAwait(false);
        if (json.Value<bool?>("result") == false)
            throw BigGoJson.FromBody(Http, json.ToString(Newtonsoft.Json.Formatting.None), Http.Describe(request), 200)
                  ?? new VideoProviderException(ProviderErrorKind.ProtocolError, "UnexpectedResponse", $"BigGo answered {Http.Describe(request)} with result: false.");
        return json;
    }

    /// <summary>Rewords video errors to name the video and say what to do.</summary>
    internal static VideoProviderException ForVideo(VideoProviderException ex, string id, string verb) => ex.ErrorId switch
    {
        "VideoNotFound" => ex.Reword("VideoNotFound",
            $"BigGo has no video '{id}'{(ex.ProviderCode == "1005" ? " (it was deleted)" : "")}. Check the id: Get-Video lists the account's videos."),
        "AccessDenied" => ex.Reword("AccessDenied",
            $"BigGo refused to {verb} video '{id}': it belongs to another user (error 1003). Only its owner can {verb} it{(verb == "read" ? " while it is private" : "")}."),
        "InvalidArgument" => ex.Reword("InvalidArgument",
            $"BigGo refused the values for video '{id}': {(ex as BigGoApiException)?.PlatformMessage ?? ex.Message}. Check -Title, -Description and -Privacy."),
        _ => ex,
    };

    internal static string Escape(string id) => Uri.EscapeDataString(id);
}

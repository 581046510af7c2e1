using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

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
    }

    public override string Name => "BigGo";

    public override string? Account => _account;

    public override string? Region => _region ?? _requestedRegion;

    public override DateTimeOffset? CredentialExpiresAt => _auth.ExpiresAt;

    public override ChunkSizeLimits ChunkSizes => ChunkSizeLimits.WholeFile;

    protected override VideoProviderException NoUploadTokens() => new(ProviderErrorKind.NotSupported, "UploadTokensNotSupported",
        "BigGo has no delegated upload tokens: every upload is made with the account's own client credentials (a single multipart POST). " +
        "To let someone else upload, give them a certificate of their own from account.biggo.com > Certificate, and have them run Connect-VideoProvider -Provider BigGo -ClientCredential.");

    /// <summary>Runs the grant, then asks <c>video_auth/self</c> whether the account may upload and who it is.</summary>
    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _auth.SignInAsync(cancellationToken).ConfigureAwait(false);
        JObject self;
        try
        {
            self = await CallAsync(new RestRequest("api/v1/video_auth/self", Method.Post), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (_requestedRegion is not null && ex.Kind == ProviderErrorKind.InvalidArgument)
        {
            throw ex.Reword("UnknownRegion",
                $"BigGo refused the region '{_requestedRegion}': {(ex as BigGoApiException)?.PlatformMessage ?? ex.Message} Give the account's region (e.g. -Region tw), or leave -Region out to use the account's own.");
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.Forbidden)
        {
            throw ex.Reword("UploadNotPermitted",
                $"BigGo says the account of these client credentials may not upload videos: {ex.Message} Check the account at account.biggo.com.");
        }
        _account = JsonText.String(self, "userid");
        _region = JsonText.String(self, "region") ?? _requestedRegion;
        if (_requestedRegion is not null && _region is not null && !string.Equals(_requestedRegion, _region, StringComparison.OrdinalIgnoreCase))
            OperationLog.Warning($"-Region '{_requestedRegion}' was given, but the BigGo account {_account} is in region '{_region}'. Requests carry region '{_requestedRegion}' as asked.");
        OperationLog.Verbose($"Connected to BigGo as user {_account ?? "(unknown)"} ({JsonText.String(self, "at_userid")}), region {_region ?? "(not said)"}; the account may upload.");
    }

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

    public override async Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ValidateUpload(request);
        var path = request.FilePath;
        var size = request.Body?.Length ?? UploadSource.Inspect(path);
        var meter = new TransferMeter(path, size, progress, request.Checkpoint);
        if (request.ResumeVideoId is { } storedId && await ResumeAsync(request, storedId, size, meter, cancellationToken).ConfigureAwait(false) is { } resumed)
            return resumed;
        RestRequest Build(Action touch)
        {
            // The whole file goes in one request, so no overall deadline: SendStreamingAsync times it out only when
            // it stops moving.
            var upload = new RestRequest("api/v1/video/", Method.Post) { AlwaysMultipartFormData = true };
            upload.AddHeader("File-Size", size.ToString(CultureInfo.InvariantCulture));
            // Streamed from disk through a factory: RestSharp opens the file when (and each time) it sends the body.
            void Sent(long sent)
            {
                touch();
                meter.InFlight(0, sent);
            }
            upload.AddFile("video", () => request.Body?.Open(Sent) ?? new FileSliceStream(path, 0, size, Sent), Path.GetFileName(path), ContentType.Binary);
            return upload;
        }

        OperationLog.Verbose($"Uploading '{path}' ({ChunkPlan.Format(size)}) to BigGo in one multipart request.");

        var (created, adopted) = await SendUploadAsync(Build, path, cancellationToken).ConfigureAwait(false);
        var videoId = adopted ?? JsonText.String(created, "video_id");
        if (string.IsNullOrEmpty(videoId))
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                $"BigGo accepted '{path}' but its answer had no video_id, so the new video cannot be named. Look for it with Get-Video.");
        Creates.Know(videoId);
        // The video now holds the whole file: if this run dies before its parameters are set, -Resume sets them.
        request.Checkpoint?.Created(videoId);
        meter.SetConfirmed(size);
        OperationLog.Verbose($"BigGo stored '{path}' as video {videoId}; setting its title, description and privacy.");

        var update = new VideoUpdate
        {
            Title = request.Title ?? Path.GetFileNameWithoutExtension(path),
            Description = request.Description,
            Privacy = request.Privacy,
        };
        try
        {
            await PatchAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw await ParametersFailedAsync(ex, path, videoId, size).ConfigureAwait(false);
        }

        try
        {
            return (await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(path);
        }
        catch (VideoProviderException ex)
        {
            // The video exists with its parameters set; only reading it back failed. Report what is known.
            OperationLog.Warning($"Uploaded '{path}' as BigGo video {videoId}, but reading it back failed: {ex.Message}");
            return new Video("BigGo", videoId, Connection)
            {
                Title = update.Title, Description = update.Description, Privacy = update.Privacy, Status = VideoStatus.Processing,
            }.WithPath(path);
        }
    }

    /// <summary>
    /// BigGo takes a file in one request (docs/platforms/biggo.md#3-upload-protocol), so the journal only holds a video id once the whole file
    /// arrived; an earlier run that stopped before setting the title, description and privacy is finished by setting
    /// them now. Null when the video is gone, so the caller uploads afresh.
    /// </summary>
    private async Task<Video?> ResumeAsync(UploadRequest request, string videoId, long size, TransferMeter meter, CancellationToken cancellationToken)
    {
        try
        {
            await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            OperationLog.Verbose($"BigGo video {videoId}, stored by an earlier run for '{request.FilePath}', no longer exists; uploading the file again.");
            request.Checkpoint?.Removed();
            return null;
        }
        meter.SetConfirmed(size);
        var update = new VideoUpdate
        {
            Title = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath), Description = request.Description, Privacy = request.Privacy,
        };
        OperationLog.Verbose($"BigGo already holds '{request.FilePath}' as video {videoId} from an earlier run; setting its title, description and privacy.");
        try
        {
            await PatchAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw await ParametersFailedAsync(ex, request.FilePath, videoId, size).ConfigureAwait(false);
        }
        return (await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
    }

    /// <summary>
    /// The JS client's rule (video/index.ts <c>upload</c>): a video whose parameters could not be set is deleted
    /// again; if even that fails it is named in the error, so nothing is left behind unreported.
    /// </summary>
    private async Task<UploadFailedException> ParametersFailedAsync(VideoProviderException cause, string path, string videoId, long size)
    {
        try
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await DeleteVideoAsync(videoId, cleanup.Token).ConfigureAwait(false);
            return new UploadFailedException(cause, path,
                $"Uploading '{path}' to BigGo failed while setting its title, description and privacy: {cause.Message} The new video {videoId} was deleted again, so nothing was left behind; fix the cause and send the file again.",
                videoId, size, videoRemoved: true);
        }
        catch (Exception ex) when (ex is VideoProviderException or OperationCanceledException)
        {
            OperationLog.Verbose($"Could not delete BigGo video {videoId} after its parameters failed: {ex.Message}");
            return new UploadFailedException(cause, path,
                $"Uploading '{path}' to BigGo failed while setting its title, description and privacy: {cause.Message} The video {videoId} holds the whole file but has default parameters, and deleting it failed too ({ex.Message}); set them with Set-Video -Id {videoId}, or remove it with Remove-Video -Id {videoId}.",
                videoId, size, videoRemoved: false);
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
    private async Task PatchAsync(string id, VideoUpdate update, CancellationToken cancellationToken)
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

    /// <summary>
    /// Sends the one upload request. It is not idempotent: the pipeline retries it only on 429, where nothing was
    /// created (a JWT_EXPIRED answer is renewed and repeated there too, a refused token creating nothing either).
    /// After a failure that leaves the outcome unknown (5xx, lost or garbled answer, timeout) it is sent again here,
    /// which cannot duplicate the video because BigGo refuses the same bytes twice (error 1002, docs/platforms/biggo.md#3-upload-protocol): a
    /// 1002 after such a failure means an earlier attempt landed, and that video is adopted (found by its title, the
    /// file name, which BigGo gives an upload; only an unambiguous match is taken). Returns the answer, or the
    /// adopted video's id.
    /// </summary>
    private async Task<(JObject? Created, string? Adopted)> SendUploadAsync(Func<Action, RestRequest> upload, string path, CancellationToken cancellationToken)
    {
        DateTimeOffset? uncertainSince = null;
        try
        {
            return (await Http.Resilience.RunAsync(RetryKind.Create, async (_, ct) =>
                {
                    var started = DateTimeOffset.UtcNow;
                    try
                    {
                        // Streamed, so it times out only when the transfer stalls (SendStreamingAsync).
                        // An answer that does not parse is as uncertain as a lost one (Checked throws MalformedResponse).
                        return Checked(await Http.SendStreamingAsync(upload, RequestKind.NonIdempotent, ct).ConfigureAwait(false));
                    }
                    catch (VideoProviderException ex) when (CreateGuard.IsUncertain(ex))
                    {
                        uncertainSince ??= started;
                        throw;
                    }
                },
                ex => ex is VideoProviderException failed && CreateGuard.IsUncertain(failed),
                retry => $"Uploading '{path}' to BigGo failed ({(retry.Error as VideoProviderException)?.ErrorId}) and may have landed; sending it again, which BigGo answers with 1002 if it did, {retry.When}.",
                cancellationToken).ConfigureAwait(false), null);
        }
        catch (VideoProviderException ex) when (ex.ErrorId == "VideoAlreadyExists" && uncertainSince is { } since)
        {
            List<Video> landed;
            try
            {
                landed = await Creates.FindStraysAsync(Path.GetFileNameWithoutExtension(path), since, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException)
            {
                landed = [];
            }
            if (landed.Count == 1)
            {
                OperationLog.Verbose($"BigGo had received '{path}' on an attempt whose answer was lost (it refused the resend with 1002); going on with that video, {landed[0].Id}.");
                return (null, landed[0].Id);
            }
            throw new UploadFailedException(ex, path,
                $"BigGo received '{path}' on an attempt whose answer was lost (it refused the resend as a duplicate, error 1002), but the new video could not be told apart from others of the same name. Find it with Get-Video; do not send the file again.",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex.ErrorId == "VideoAlreadyExists")
        {
            throw new UploadFailedException(ex, path,
                $"BigGo already has a video with the content of '{path}' (error 1002): it refuses the same file twice, so nothing was uploaded. Find the existing video with Get-Video, or remove it first to upload again.",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex.IsTransient || CreateGuard.IsUncertain(ex))
        {
            throw new UploadFailedException(ex, path,
                $"Uploading '{path}' to BigGo failed: {ex.Message} It may have landed: check with Get-Video before sending it again (BigGo refuses a second copy of the same file with VideoAlreadyExists, so sending again cannot duplicate it).",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex is not UploadFailedException)
        {
            throw new UploadFailedException(ex, path, $"Uploading '{path}' to BigGo failed: {ex.Message}", null, 0, videoRemoved: false);
        }
    }

    /// <summary>Sends a call and treats a 2xx answer with <c>result: false</c> as the failure it is (as the Python client does).</summary>
    private async Task<JObject> CallAsync(RestRequest request, RequestKind kind, CancellationToken cancellationToken)
    {
        // SendForJsonAsync, not SendAsync + ParseObject: it repeats an idempotent call whose answer did not parse.
        var json = await Http.SendForJsonAsync(request, kind, cancellationToken).ConfigureAwait(false);
        if (json.Value<bool?>("result") == false)
            throw BigGoJson.FromBody(Http, json.ToString(Newtonsoft.Json.Formatting.None), Http.Describe(request), 200)
                  ?? new VideoProviderException(ProviderErrorKind.ProtocolError, "UnexpectedResponse", $"BigGo answered {Http.Describe(request)} with result: false.");
        return json;
    }

    /// <summary>A successful response's JSON, or BigGo's error when its body says result: false.</summary>
    private JObject Checked(RestResponse response)
    {
        var json = Http.ParseObject(response);
        if (json.Value<bool?>("result") == false)
            throw BigGoJson.FromBody(Http, response.Content, Http.Describe(response.Request), (int)response.StatusCode)
                  ?? new VideoProviderException(ProviderErrorKind.ProtocolError, "UnexpectedResponse", $"BigGo answered {Http.Describe(response.Request)} with result: false.");
        return json;
    }

    /// <summary>Rewords video errors to name the video and say what to do.</summary>
    private static VideoProviderException ForVideo(VideoProviderException ex, string id, string verb) => ex.ErrorId switch
    {
        "VideoNotFound" => ex.Reword("VideoNotFound",
            $"BigGo has no video '{id}'{(ex.ProviderCode == "1005" ? " (it was deleted)" : "")}. Check the id: Get-Video lists the account's videos."),
        "AccessDenied" => ex.Reword("AccessDenied",
            $"BigGo refused to {verb} video '{id}': it belongs to another user (error 1003). Only its owner can {verb} it{(verb == "read" ? " while it is private" : "")}."),
        "InvalidArgument" => ex.Reword("InvalidArgument",
            $"BigGo refused the values for video '{id}': {(ex as BigGoApiException)?.PlatformMessage ?? ex.Message}. Check -Title, -Description and -Privacy."),
        _ => ex,
    };

    private static string Escape(string id) => Uri.EscapeDataString(id);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
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
        Authorize = BuildAuthorization,
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
    private const int MaxChunks = 1024;
    private const int MaxPageSize = 100;
    private const int MaxTags = 20;
    private static readonly string[] DefaultScope = { "public" };

    private readonly VimeoUploader _uploader;
    private readonly string? _clientId;
    private readonly string? _clientSecret;
    private readonly string? _code;
    private readonly IReadOnlyList<string>? _scope;
    private string? _token;
    private HashSet<string> _granted = new(StringComparer.Ordinal);
    private string? _userName;
    private string? _userUri;

    private VimeoProvider(ProviderContext context) : base(context, "Vimeo")
    {
        var request = context.Request;
        if (request.ApiKey is not null || request.UploadToken is not null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported", Descriptor.CredentialHelp);
        if (request.Scope is { } scope && scope.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ')))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidScope",
                "-Scope takes one Vimeo scope per item, without spaces, e.g. -Scope public, private, upload, edit, delete.");
        _scope = request.Scope;
        if (request.AccessToken is not null)
        {
            if (request.Secret is not null || request.AuthorizationCode is not null)
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialNotSupported",
                    "Give either -AccessToken or -ClientCredential to connect to Vimeo, not both.");
            _token = Reveal(request.AccessToken);
        }
        else if (!string.IsNullOrEmpty(request.UserName) && request.Secret is not null)
        {
            _clientId = request.UserName;
            _clientSecret = Reveal(request.Secret);
            if (request.AuthorizationCode is not null)
            {
                if (request.RedirectUri is null)
                    throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "RedirectUriMissing",
                        "-AuthorizationCode needs -RedirectUri: the same redirect URI the authorization URL was made with (Vimeo checks they match).");
                _code = Reveal(request.AuthorizationCode);
            }
        }
        else
        {
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CredentialMissing", Descriptor.CredentialHelp);
        }
        Http.ErrorMapper = (response, what) => VimeoJson.MapError(Http, response, what);
        _uploader = new VimeoUploader(Http);
    }

    public override string Name => "Vimeo";

    /// <summary>The user the token acts for (or app-only for a client-credentials token) and the scopes granted.</summary>
    public override string? Account => _token is null ? null
        : $"{_userName ?? "app-only"} (scopes: {string.Join(' ', _granted.OrderBy(s => s, StringComparer.Ordinal))})";

    /// <summary>The user's id (123 of /users/123): a second token of the same user, with other scopes, is the same account.</summary>
    public override string? AccountId => _token is null ? null : _userUri is null ? "app-only" : VimeoJson.IdFromUri(_userUri);

    public override ChunkSizeLimits ChunkSizes => Limits;

    // ------------------------------------------------------------------------------------------------------------
    // Connecting
    // ------------------------------------------------------------------------------------------------------------

    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_token is null)
        {
            var json = _code is not null ? await ExchangeCodeAsync(cancellationToken).ConfigureAwait(false)
                : await ClientCredentialsAsync(cancellationToken).ConfigureAwait(false);
            _token = JsonText.String(json, "access_token") is { Length: > 0 } token ? token
                : throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", $"Vimeo's token endpoint at {Http.BaseUri} answered without an access_token.");
            Http.Redactor.Add(_token);
        }
        Http.Authenticator = new BearerAuthenticator(this);
        await VerifyAsync(cancellationToken).ConfigureAwait(false);
        if (Request.AccessToken is not null && _scope is not null)
            foreach (var scope in _scope) RequireScope(scope, "this connection (-Scope)");
        OperationLog.Verbose($"Vimeo token verified: {Account}.");
    }

    /// <summary>GET /oauth/verify: a wrong or revoked token fails here, and the user and scopes become known.</summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        JObject json;
        try
        {
            json = await Http.SendForJsonAsync(Api("oauth/verify"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 401 or 403)
        {
            throw ex.Reword("AuthenticationFailed",
                $"Vimeo refused the access token ({ex.StatusCode}): it is wrong, revoked or expired. Check it in your app's page at developer.vimeo.com (or generate a new personal access token) and connect again.",
                ProviderErrorKind.Unauthorized);
        }
        _granted = (JsonText.String(json, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        _userName = JsonText.String(json, "user.name");
        _userUri = JsonText.String(json, "user.uri");
    }

    /// <summary>POST /oauth/authorize/client with Basic client auth: an app-only token (no user).</summary>
    private async Task<JObject> ClientCredentialsAsync(CancellationToken cancellationToken)
    {
        var request = TokenRequest("oauth/authorize/client");
        request.AddParameter("grant_type", "client_credentials");
        request.AddParameter("scope", string.Join(' ', _scope ?? DefaultScope));
        try
        {
            // Minting a second app token is harmless, so transient faults are retried.
            return await Http.SendForJsonAsync(request, RequestKind.Idempotent, cancellationToken, authenticate: false).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            throw ex.Reword("AuthenticationFailed",
                $"Vimeo refused the client credentials of '{_clientId}' ({ex.StatusCode}): {InnerReason(ex)} Check the client id (user name) and secret (password) on your app's page at developer.vimeo.com, and that -Scope names only Vimeo scopes.",
                ProviderErrorKind.Unauthorized);
        }
    }

    /// <summary>POST /oauth/access_token: step 2 of the authorization-code flow. A code works once, so no blind retry.</summary>
    private async Task<JObject> ExchangeCodeAsync(CancellationToken cancellationToken)
    {
        var request = TokenRequest("oauth/access_token");
        request.AddParameter("grant_type", "authorization_code");
        request.AddParameter("code", _code!);
        request.AddParameter("redirect_uri", Request.RedirectUri!.ToString());
        try
        {
            return await Http.SendForJsonAsync(request, RequestKind.NonIdempotent, cancellationToken, authenticate: false).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            throw ex.Reword("AuthenticationFailed",
                $"Vimeo refused to exchange the authorization code ({ex.StatusCode}): {InnerReason(ex)} A code works once and only with the same -RedirectUri and client it was issued for; get a new one with Get-VideoProviderAuthorizationUrl.",
                ProviderErrorKind.Unauthorized);
        }
        catch (VideoProviderException ex) when (ex.MayHaveActed)
        {
            throw ex.NotingWhatMayExist("the authorization code may have been used up (a code works once): if connecting again with it fails, get a new one with Get-VideoProviderAuthorizationUrl.");
        }
    }

    private static string InnerReason(VideoProviderException ex)
    {
        var colon = ex.Message.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? "" : ex.Message[(colon + 2)..].Split(". ")[0].TrimEnd('.') + ".";
    }

    private RestRequest TokenRequest(string resource)
    {
        var request = Api(resource, Method.Post);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_clientId}:{_clientSecret}"));
        Http.Redactor.Add(basic);
        request.AddHeader("Authorization", "Basic " + basic);
        return request;
    }

    /// <summary>Step 1 of the authorization-code flow: the consent URL with a fresh random state (docs/platforms/vimeo.md#1-authentication).</summary>
    private static ProviderAuthorization BuildAuthorization(AuthorizationRequest request, Uri baseUri)
    {
        if (string.IsNullOrWhiteSpace(request.ClientId))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ClientIdMissing", "-ClientId is empty. Give your Vimeo app's client identifier (developer.vimeo.com/apps).");
        if (!request.RedirectUri.IsAbsoluteUri || request.RedirectUri.Scheme is not ("http" or "https"))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidRedirectUri",
                $"-RedirectUri '{request.RedirectUri}' is not an absolute http(s) URL. Give one of the callback URLs registered for your app.");
        var scope = request.Scope is { Count: > 0 } s ? s : DefaultScope;
        if (scope.Any(x => string.IsNullOrWhiteSpace(x) || x.Contains(' ')))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidScope", "-Scope takes one Vimeo scope per item, without spaces.");
        // 128 bits from a CSPRNG: unguessable, so a forged redirect cannot carry a matching state.
        var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var query = string.Join("&",
            "response_type=code",
            "client_id=" + Uri.EscapeDataString(request.ClientId),
            "redirect_uri=" + Uri.EscapeDataString(request.RedirectUri.ToString()),
            "scope=" + Uri.EscapeDataString(string.Join(' ', scope)),
            "state=" + state);
        return new ProviderAuthorization("Vimeo", new Uri(baseUri, "oauth/authorize?" + query), state, request.ClientId, request.RedirectUri, scope);
    }

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
    private void RequireScope(string scope, string what)
    {
        if (!_granted.Contains(scope))
            throw new VideoProviderException(ProviderErrorKind.Forbidden, "ScopeMissing",
                $"The Vimeo token of connection '{Connection.Name}' was not granted the '{scope}' scope, which {what} needs (it has: {string.Join(' ', _granted.OrderBy(s => s, StringComparer.Ordinal))}). "
                + $"Connect with a token that has it: a personal access token with '{scope}' ticked, or the authorization-code flow with -Scope including {scope}.")
            { RecommendedAction = $"Connect again with a token granted the '{scope}' scope." };
    }

    private void RequireUser(string what)
    {
        if (_userUri is null)
            throw new VideoProviderException(ProviderErrorKind.Forbidden, "AuthenticatedUserRequired",
                $"The connection '{Connection.Name}' holds an app-only Vimeo token (client credentials), which has no user and cannot {what}. Connect with -AccessToken (a personal access token) or with the authorization-code flow (Get-VideoProviderAuthorizationUrl, then -AuthorizationCode).");
    }

    private static VideoProviderException TooManyTags(int count) => new(ProviderErrorKind.InvalidArgument, "TooManyTags",
        $"Vimeo allows at most {MaxTags} tags on a video; {count} were given. Give {MaxTags} or fewer.");

    // ------------------------------------------------------------------------------------------------------------
    // Videos
    // ------------------------------------------------------------------------------------------------------------

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

    public override async Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ValidateUpload(request);
        var size = UploadSource.Inspect(request.FilePath);
        var chunkSize = ChunkFor(size, ResolveChunkSize(request.ChunkSize));
        var meter = new TransferMeter(request.FilePath, size, progress, request.Checkpoint);
        if (request.ReplaceVideoId is { } replace)
            return await ReplaceAsync(request, replace, size, chunkSize, meter, cancellationToken).ConfigureAwait(false);
        if (request.ResumeVideoId is { } resumeId && await ResumeAsync(request, resumeId, size, chunkSize, meter, cancellationToken).ConfigureAwait(false) is { } resumed)
            return resumed;

        var create = Api("me/videos", Method.Post);
        create.AddQueryParameter("fields", "uri,upload");
        var view = VimeoJson.FromPrivacy(request.Privacy);
        var name = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath);
        ProviderHttp.AddJsonBody(create, new
        {
            upload = new { approach = "tus", size },
            name,
            description = request.Description,
            privacy = view is null ? null : new { view },
        });
        // NonIdempotent: retried only on 429, where nothing was created, so a retry never makes a second video; an
        // uncertain failure (5xx, lost answer) goes through the guard, which deletes what it made before creating again.
        var json = await Creates.CreateAsync(name, request.FilePath,
            token => Http.SendForJsonAsync(create, RequestKind.NonIdempotent, token), j => VimeoJson.IdFromUri(JsonText.String(j, "uri")), cancellationToken).ConfigureAwait(false);
        var link = UploadLink(json);
        var videoId = VimeoJson.IdFromUri(JsonText.String(json, "uri"));
        if (videoId.Length == 0)
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "Vimeo created an upload but its answer had no video uri.");
        request.Checkpoint?.Created(videoId);
        OperationLog.Verbose($"Created Vimeo video {videoId} for '{request.FilePath}'; sending {ChunkPlan.Format(size)} with tus in PATCHes of up to {ChunkPlan.Format(chunkSize)}.");
        try
        {
            await _uploader.SendAsync(link, request.FilePath, size, chunkSize, meter, cancellationToken).ConfigureAwait(false);
            if (request.Tags is { Count: > 0 } tags) await ReplaceTagsAsync(videoId, tags, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
            return (await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
        }
        catch (VideoProviderException ex)
        {
            throw await UploadFailedAsync(ex, request.FilePath, videoId, meter.Confirmed, size).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finishes an upload an earlier run started into <paramref name="videoId"/>. The upload link is a credential,
    /// so the journal never kept it: GET /videos/{id}?fields=uri,upload gives it back while the upload is pending,
    /// then HEAD says how far the tus server got and the PATCHes go on from there (docs/platforms/vimeo.md#3-upload-protocol, steps 3-4).
    /// Null when the video is gone or its upload can no longer be continued, so the caller uploads afresh.
    /// </summary>
    private async Task<Video?> ResumeAsync(UploadRequest request, string videoId, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken)
    {
        var read = Api($"videos/{Escape(videoId)}");
        read.AddQueryParameter("fields", "uri,upload");
        JObject json;
        try
        {
            json = await Http.SendForJsonAsync(read, RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            OperationLog.Verbose($"The unfinished Vimeo video {videoId} for '{request.FilePath}' no longer exists; uploading the file as a new video.");
            request.Checkpoint?.Removed();
            return null;
        }
        long offset;
        if (JsonText.String(json, "upload.status") == "complete")
        {
            offset = size;
            meter.SetConfirmed(size);
            OperationLog.Verbose($"Vimeo video {videoId} already holds all of '{request.FilePath}'; finishing it.");
        }
        else
        {
            if (JsonText.String(json, "upload.upload_link") is null)
            {
                OperationLog.Warning($"Vimeo no longer offers an upload link for the unfinished video {videoId}, so '{request.FilePath}' is uploaded as a new video; remove the unfinished one with Remove-Video -Id {videoId}.");
                return null;
            }
            var link = UploadLink(json);
            try
            {
                offset = await _uploader.HeadOffsetAsync(link, size, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (!ex.IsTransient)
            {
                // A link the tus server no longer knows (expired, 404/410): retrying would fail the same way on every
                // -Resume, so start afresh and name the unfinished video.
                OperationLog.Warning($"The Vimeo upload server no longer accepts the upload of the unfinished video {videoId} ({ex.Message}), so '{request.FilePath}' is uploaded as a new video; remove the unfinished one with Remove-Video -Id {videoId}.");
                return null;
            }
            meter.SetConfirmed(offset);
            OperationLog.Verbose($"The Vimeo upload server holds {ChunkPlan.Format(offset)} of {ChunkPlan.Format(size)} of '{request.FilePath}' (video {videoId}); sending the rest.");
            try
            {
                await _uploader.SendAsync(link, request.FilePath, size, chunkSize, meter, cancellationToken, offset).ConfigureAwait(false);
            }
            catch (VideoProviderException ex)
            {
                throw await UploadFailedAsync(ex, request.FilePath, videoId, Math.Max(offset, meter.Confirmed), size).ConfigureAwait(false);
            }
        }
        if (request.Tags is { Count: > 0 } tags) await ReplaceTagsAsync(videoId, tags, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
        return (await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)).WithPath(request.FilePath);
    }

    /// <summary>POST /videos/{id}/versions, then the same tus PATCHes (docs/platforms/vimeo.md#3-upload-protocol).</summary>
    private async Task<Video> ReplaceAsync(UploadRequest request, string videoId, long size, long chunkSize, TransferMeter meter, CancellationToken cancellationToken)
    {
        var create = Api($"videos/{Escape(videoId)}/versions", Method.Post);
        create.AddQueryParameter("fields", "uri,upload");
        ProviderHttp.AddJsonBody(create, new { file_name = Path.GetFileName(request.FilePath), upload = new { approach = "tus", size } });
        JObject json;
        try
        {
            json = await Http.SendForJsonAsync(create, RequestKind.NonIdempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw VideoNotFound(ex, videoId);
        }
        var link = UploadLink(json);
        OperationLog.Verbose($"Replacing the source of Vimeo video {videoId} with '{request.FilePath}' ({ChunkPlan.Format(size)}).");
        try
        {
            await _uploader.SendAsync(link, request.FilePath, size, chunkSize, meter, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw new UploadFailedException(ex, request.FilePath,
                $"Replacing the source of Vimeo video {videoId} with '{request.FilePath}' failed: {ex.Message} The video keeps its previous source; run Send-Video -ReplaceVideoId {videoId} again to retry.",
                videoId, meter.Confirmed, videoRemoved: false);
        }
        var update = new VideoUpdate { Title = request.Title, Description = request.Description, Privacy = request.Privacy, Tags = request.Tags };
        var video = update.IsEmpty ? await GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false)
            : await UpdateVideoAsync(videoId, update, cancellationToken).ConfigureAwait(false);
        return video.WithPath(request.FilePath);
    }

    private Uri UploadLink(JObject json)
    {
        if (JsonText.String(json, "upload.upload_link") is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var link))
            throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse", "Vimeo's answer to the upload request had no upload.upload_link.");
        _uploader.Protect(link);
        return link;
    }

    /// <summary>Keeps an upload within <see cref="MaxChunks"/> PATCHes by raising the chunk size when needed.</summary>
    internal static long ChunkFor(long size, long chunkSize)
    {
        var needed = (size + MaxChunks - 1) / MaxChunks;
        if (chunkSize >= needed) return chunkSize;
        OperationLog.Verbose($"A chunk size of {ChunkPlan.Format(chunkSize)} would need more than {MaxChunks} PATCHes for {ChunkPlan.Format(size)}; using {ChunkPlan.Format(needed)} instead.");
        return needed;
    }

    /// <summary>
    /// Nothing is left behind unreported: a video that received no byte is deleted again; one holding part of the
    /// file is named in the error with how much it holds.
    /// </summary>
    private async Task<UploadFailedException> UploadFailedAsync(VideoProviderException cause, string path, string videoId, long confirmed, long size)
    {
        if (confirmed == 0)
        {
            try
            {
                using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await DeleteVideoAsync(videoId, cleanup.Token).ConfigureAwait(false);
                return new UploadFailedException(cause, path,
                    $"Uploading '{path}' to Vimeo failed: {cause.Message} The empty video {videoId} created for it was deleted again, so nothing was left behind.",
                    videoId, 0, videoRemoved: true);
            }
            catch (Exception ex) when (ex is VideoProviderException or OperationCanceledException)
            {
                OperationLog.Verbose($"Could not delete the empty video {videoId}: {ex.Message}");
            }
        }
        var holds = confirmed >= size ? "holds the whole file" : $"holds {ChunkPlan.Format(confirmed)} of the file";
        return new UploadFailedException(cause, path,
            $"Uploading '{path}' to Vimeo failed: {cause.Message} The video {videoId} was created and {holds}; remove it with Remove-Video -Id {videoId}, or replace its source with Send-Video -ReplaceVideoId {videoId}.",
            videoId, confirmed, videoRemoved: false);
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
    private async Task ReplaceTagsAsync(string id, IReadOnlyList<string> wanted, IReadOnlyList<string> current, CancellationToken cancellationToken)
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
    private static RestRequest Api(string resource, Method method = Method.Get)
    {
        var request = new RestRequest(resource, method);
        request.AddHeader("Accept", AcceptHeader);
        return request;
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static VideoProviderException VideoNotFound(VideoProviderException ex, string id) =>
        ex.Reword("VideoNotFound", $"Vimeo has no video '{id}' that this account can see. Check the id (Get-Video lists them).");

    /// <summary>Vimeo tokens do not expire and have no refresh token (docs/platforms/vimeo.md#1-authentication): a 401 is final.</summary>
    private sealed class BearerAuthenticator : IRequestAuthenticator
    {
        private readonly VimeoProvider _owner;

        public BearerAuthenticator(VimeoProvider owner) => _owner = owner;

        public Task ApplyAsync(RestRequest request, CancellationToken cancellationToken)
        {
            request.AddOrUpdateHeader("Authorization", "Bearer " + _owner._token);
            return Task.CompletedTask;
        }

        public Task<bool> TryRenewAsync(CancellationToken cancellationToken) => Task.FromResult(false);
    }
}

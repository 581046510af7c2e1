using System.Globalization;
using System.Text;
using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// BigGo (api.biggo.com) under /biggo: the token endpoint at <c>/biggo/auth/v1/token</c>, the API under
/// <c>/biggo/api/v1/</c>. Written from docs/platforms/biggo.md, with these readings where the official clients
/// disagree (the same the module's provider states):
/// <list type="bullet">
/// <item>the upload's file part is named <c>video</c> (the Python clients), with a <c>File-Size</c> header that must
/// equal the bytes received;</item>
/// <item><c>access</c> is an integer: 0 public, 1 private, 2 unlisted (strings are refused with 1006);</item>
/// <item><c>status.process_status</c> is 0 (in queue, the Python value) while processing and 13 when complete;</item>
/// <item>the video object carries the uploader's <c>name</c> (as the SDK models do) and the video's <c>title</c>;</item>
/// <item><c>thumbnail_time</c> is in milliseconds (the JS type comment);</item>
/// <item>an expired token is 401 with error code 4 (JWT_EXPIRED); an unknown one 401 with code 3 (JWT_INVALID);</item>
/// <item>the <c>region</c> header, when sent, must be a known region (else 1006); video_auth/self returns the account's.</item>
/// </list>
/// </summary>
internal sealed partial class BigGoPlatform(BigGoState state, UploadStore storage) : ISandboxPlatform
{
    private const int PageSize = 20;
    private const int MaxJsonBodyBytes = 1024 * 1024;

    /// <summary>The largest upload kept; BigGo publishes no limit, this only keeps a runaway client off the disk.</summary>
    internal const long MaxUploadBytes = 8L << 30;

    public string Name => "biggo";

    public PathString Prefix { get; } = new("/biggo");

    public IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri)
    {
        yield return $"BigGo       base URI  {new Uri(sandboxBaseUri, "biggo/")}";
        yield return $"            client    id {SandboxCredentials.BigGoClientId}, secret {SandboxCredentials.BigGoClientSecret} (user {SandboxCredentials.BigGoUserId}, region tw)";
        yield return $"            -User     {SandboxCredentials.BigGoOtherUserId} has {BigGoState.CreatorPublicVideos} public videos";
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix.Value!);
        var routes = new PlatformRoutes(group);
        routes.Map("POST", "/auth/v1/token", TokenAsync);
        routes.Map("POST", "/api/v1/video_auth/self", context => Authenticated(context, (user, region) =>
            Task.FromResult(SandboxJson.Json(new { result = true, at_userid = user.AtUserId, region = user.Region, userid = user.UserId }))));
        routes.Map("POST", "/api/v1/video", UploadAsync);
        routes.Map("GET", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => GetVideoAsync(context, user)));
        routes.Map("POST", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => UpdateAsync(context, user, full: true)));
        routes.Map("PATCH", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => UpdateAsync(context, user, full: false)));
        routes.Map("DELETE", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => DeleteAsync(context, user)));
        routes.Map("GET", "/api/v1/user/{userid}/video", context => Authenticated(context, (user, _) => ListAsync(context, user)));
        MapDownloads(routes);

        group.Map("{**path}", (RequestDelegate)(async context =>
        {
            await RequestBody.DrainQuietlyAsync(context);
            var path = context.GetSandboxInfo()?.PlatformPath ?? "/";
            var methods = routes.MethodsFor(path.TrimEnd('/'));
            if (methods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                await BigGoErrors.Api(BigGoErrors.ErrorMethod, $"{context.Request.Method} is not allowed here; use {string.Join(" or ", methods)}.").ExecuteAsync(context);
            }
            else
            {
                await SandboxJson.Json(new { result = false, error = new { code = 0, message = $"No such endpoint: {path}. The API lives under /api/v1/, the token endpoint at /auth/v1/token." } }, 404).ExecuteAsync(context);
            }
        }));
    }

    public ValueTask<bool> BeforeRequestAsync(HttpContext context) => ValueTask.FromResult(true);

    public string ErrorBody(int status) => BigGoErrors.Generic(status);

    public void Reset() => state.Reset();

    // --- auth ---------------------------------------------------------------------------------------------------

    /// <summary>POST /auth/v1/token: Basic client_id:client_secret, form grant_type=client_credentials.</summary>
    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.OAuth("invalid_request", "Client authentication must be HTTP Basic client_id:client_secret.", 400);
        }

        string clientId, secret;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            clientId = colon < 0 ? decoded : decoded[..colon];
            secret = colon < 0 ? string.Empty : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.OAuth("invalid_request", "The Basic credentials are not base64.", 400);
        }

        if (!context.Request.HasFormContentType)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.OAuth("invalid_request", "The body must be application/x-www-form-urlencoded with grant_type.", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grant = form["grant_type"].ToString();
        if (string.IsNullOrEmpty(grant))
        {
            return BigGoErrors.OAuth("invalid_request", "grant_type is missing.", 400);
        }

        if (grant != "client_credentials")
        {
            return BigGoErrors.OAuth("unsupported_grant_type", $"Only client_credentials is supported, not '{grant}'.", 400);
        }

        if (clientId.Length == 0)
        {
            return BigGoErrors.Auth(1001, "MISSING_PARAMETER: client_id", 400);
        }

        if (!string.Equals(clientId, SandboxCredentials.BigGoClientId, StringComparison.Ordinal))
        {
            return BigGoErrors.Auth(1003, "APP_KEY_NOT_EXIST", 400);
        }

        if (!string.Equals(secret, SandboxCredentials.BigGoClientSecret, StringComparison.Ordinal))
        {
            return BigGoErrors.OAuth("invalid_client", "Client authentication failed.", 401);
        }

        var (token, lifetime) = state.IssueToken(BigGoState.Owner.UserId);
        return SandboxJson.Json(new { access_token = token, token_type = "bearer", expires_in = lifetime });
    }

    /// <summary>
    /// Checks the bearer token and the region header, then runs <paramref name="handler"/>. Refusals drain an unread
    /// body first so the client sees the answer instead of a reset.
    /// </summary>
    private async Task<IResult> Authenticated(HttpContext context, Func<BigGoUser, string?, Task<IResult>> handler)
    {
        var refusal = Check(context, out var user, out var region);
        if (refusal is not null)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return refusal;
        }

        return await handler(user!, region);
    }

    private IResult? Check(HttpContext context, out BigGoUser? user, out string? region)
    {
        user = null;
        region = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return BigGoErrors.Api(BigGoErrors.JwtInvalid, "JWT_INVALID: send Authorization: Bearer <access_token> from /auth/v1/token.");
        }

        var (userId, code, message) = state.UseToken(header["Bearer ".Length..].Trim());
        if (userId is null)
        {
            return BigGoErrors.Api(code, (code == BigGoErrors.JwtExpired ? "JWT_EXPIRED: " : "JWT_INVALID: ") + message);
        }

        if (context.Request.Headers.TryGetValue("region", out var sent))
        {
            var value = sent.ToString().Trim();
            if (!BigGoState.Regions.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                return BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"Unknown region '{value}'. Known regions: {string.Join(", ", BigGoState.Regions)}.");
            }

            region = value.ToLowerInvariant();
        }

        user = BigGoState.User(userId);
        return null;
    }

    // --- videos -------------------------------------------------------------------------------------------------

    /// <summary>POST /api/v1/video/: multipart with the file in "video", File-Size header; streamed to disk, SHA-256.</summary>
    private async Task<IResult> UploadAsync(HttpContext context)
    {
        if (Check(context, out var user, out var region) is { } refusal)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return refusal;
        }

        if (!context.Request.Headers.TryGetValue("File-Size", out var sizeHeader))
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.Api(BigGoErrors.MissingParameters, "MISSING_PARAMETERS: the File-Size header (the file's size in bytes) is required.");
        }

        if (!long.TryParse(sizeHeader.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) || declared <= 0)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"VIDEO_PARAMETER_INVALID: File-Size '{sizeHeader}' is not a positive number of bytes.");
        }

        using var upload = await MultipartUpload.ReadAsync(context.Request, storage, "video", MaxUploadBytes);
        switch (upload.Status)
        {
            case MultipartStatus.ConnectionLost:
                return Results.Empty;
            case MultipartStatus.NotMultipart or MultipartStatus.Malformed:
                return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: " + upload.Problem);
        }

        var file = upload.Files.FirstOrDefault();
        if (file is null)
        {
            return BigGoErrors.Api(BigGoErrors.MissingParameters,
                "MISSING_PARAMETERS: no file part named 'video' (this sandbox reads the Python clients' field name).");
        }

        if (file.File.TooLarge || file.File.Path is null)
        {
            return BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"VIDEO_PARAMETER_INVALID: the file is larger than the sandbox keeps ({MaxUploadBytes} bytes).");
        }

        if (file.File.Length != declared)
        {
            return BigGoErrors.Api(BigGoErrors.ParameterInvalid,
                $"VIDEO_PARAMETER_INVALID: File-Size says {declared} bytes but {file.File.Length} arrived.");
        }

        var (size, sha256) = await UploadStore.HashAsync([file.File.Path], CancellationToken.None);
        var videoId = state.AddUpload(user!.UserId, file.File.Path, file.FileName, size, sha256, declared, region);
        if (videoId is null)
        {
            return BigGoErrors.Api(BigGoErrors.VideoExists, "VIDEO_UPLOAD_VIDEO_EXIST: this video was already uploaded.");
        }

        file.Claimed = true;
        return SandboxJson.Json(new { result = true, video_id = videoId });
    }

    private Task<IResult> GetVideoAsync(HttpContext context, BigGoUser user)
    {
        var video = state.Find(RouteValue(context, "videoId"));
        // A deleted video reads as 1004, as the Python tests expect after a delete.
        if (video is null || video.Deleted)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.VideoNotExist, "VIDEO_NOT_EXIST"));
        }

        if (video.UserId != user.UserId && video.Access == 1)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.DifferentUser, "VIDEO_DIFFERENT_USER: the video is private to its owner."));
        }

        // The SDKs name no failed process_status; a failed transcode is API error 1001 (docs/platforms/biggo.md#5-errors).
        if (video.TranscodeFailed)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.TranscodeError, "VIDEO_UPLOAD_TRANSCODE_ERROR: the video could not be transcoded."));
        }

        var owner = BigGoState.User(video.UserId)!;
        return Task.FromResult(SandboxJson.Json(new
        {
            result = true,
            user = UserInfo(owner, user),
            video = new[] { VideoJson(context, video, user) },
            size = 1,
        }));
    }

    /// <summary>POST (full: title, description and access required) or PATCH (only what is sent) of /video/{id}.</summary>
    private async Task<IResult> UpdateAsync(HttpContext context, BigGoUser user, bool full)
    {
        var (body, problem) = await ReadJsonObjectAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var video = state.Find(RouteValue(context, "videoId"));
        if (video is null)
        {
            return BigGoErrors.Api(BigGoErrors.VideoNotExist, "VIDEO_NOT_EXIST");
        }

        if (video.Deleted)
        {
            return BigGoErrors.Api(BigGoErrors.VideoDeleted, "VIDEO_DELETED");
        }

        if (video.UserId != user.UserId)
        {
            return BigGoErrors.Api(BigGoErrors.DifferentUser, "VIDEO_DIFFERENT_USER: only the owner can change a video.");
        }

        string? title = null, description = null;
        int? access = null, thumbnail = null;
        var given = 0;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "title":
                    if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()) || value.GetString()!.Length > 100)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: title must be a non-blank string of at most 100 characters.");
                    }

                    title = value.GetString();
                    given++;
                    break;
                case "description":
                    if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length > 5000)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: description must be a string of at most 5000 characters.");
                    }

                    description = value.GetString();
                    given++;
                    break;
                case "access":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var a) || a is < 0 or > 2)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: access must be 0 (public), 1 (private) or 2 (unlisted).");
                    }

                    access = a;
                    given++;
                    break;
                case "thumbnail_time":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var t) || t < 0)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: thumbnail_time must be a non-negative number of milliseconds.");
                    }

                    thumbnail = t;
                    given++;
                    break;
                case "product_list":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: product_list must be an array of {nindex, oid}.");
                    }

                    if (value.GetArrayLength() > 10)
                    {
                        return BigGoErrors.Api(BigGoErrors.ProductListOverLimit, "VIDEO_UPLOAD_PRODUCT_LIST_OVER_LIMIT: at most 10 products.");
                    }

                    if (value.GetArrayLength() > 0)
                    {
                        // The sandbox has no product catalogue: any product named is one that does not exist.
                        return BigGoErrors.Api(BigGoErrors.ProductNotExist, "VIDEO_UPLOAD_PRODUCT_IS_NOT_EXIST");
                    }

                    given++;
                    break;
            }
        }

        if (full && (title is null || description is null || access is null))
        {
            return BigGoErrors.Api(BigGoErrors.MissingParameters, "MISSING_PARAMETERS: a full update (POST) needs title, description and access; use PATCH to change some of them.");
        }

        if (given == 0)
        {
            return BigGoErrors.Api(BigGoErrors.MissingParameters, "MISSING_PARAMETERS: nothing to update; send at least one of title, description, access, thumbnail_time, product_list.");
        }

        state.Update(video, title, description, access, thumbnail);
        return SandboxJson.Json(new { result = true, data = Array.Empty<object>() });
    }

    private Task<IResult> DeleteAsync(HttpContext context, BigGoUser user)
    {
        var video = state.Find(RouteValue(context, "videoId"));
        IResult result = video switch
        {
            null => BigGoErrors.Api(BigGoErrors.VideoNotExist, "VIDEO_NOT_EXIST"),
            { Deleted: true } => BigGoErrors.Api(BigGoErrors.VideoDeleted, "VIDEO_DELETED"),
            _ when video.UserId != user.UserId => BigGoErrors.Api(BigGoErrors.DifferentUser, "VIDEO_DIFFERENT_USER: only the owner can delete a video."),
            _ => Deleted(video),
        };
        return Task.FromResult(result);

        IResult Deleted(BigGoVideoRecord v)
        {
            state.Delete(v);
            return SandboxJson.Json(new { result = true });
        }
    }

    /// <summary>GET /api/v1/user/{userid|self}/video/?p=N: 20 per page, oldest first; others see only public videos.</summary>
    private Task<IResult> ListAsync(HttpContext context, BigGoUser caller)
    {
        var requested = RouteValue(context, "userid");
        var owner = requested == "self" ? caller : BigGoState.User(requested);
        if (owner is null)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.UserNotExist, $"USER_NOT_EXIST: no user '{requested}'."));
        }

        var page = 1;
        if (context.Request.Query.TryGetValue("p", out var p)
            && (!int.TryParse(p.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: p must be a page number from 1."));
        }

        var isOwner = owner.UserId == caller.UserId;
        var (items, total) = state.ListUser(owner.UserId, publicOnly: !isOwner, page, PageSize);
        return Task.FromResult(SandboxJson.Json(new
        {
            result = true,
            is_owner = isOwner,
            user = UserInfo(owner, caller),
            user_video_count = total,
            user_video = new { data = items.Select(v => VideoJson(context, v, caller)).ToArray(), size = total },
        }));
    }

    // --- wire shapes ---------------------------------------------------------------------------------------------

    private object VideoJson(HttpContext context, BigGoVideoRecord v, BigGoUser viewer)
    {
        var owner = BigGoState.User(v.UserId)!;
        var ready = state.Now >= v.ReadyAt;
        var root = $"{context.Request.Scheme}://{context.Request.Host}{Prefix}";
        // The sandbox cannot decode video; a length derived from the size keeps durations stable and non-zero.
        var length = Math.Round(Math.Max(1.0, v.Size / 100_000.0), 3);
        return new
        {
            video_id = v.VideoId,
            userid = v.UserId,
            at_userid = owner.AtUserId,
            name = owner.Name,
            profileimg = $"{root}/static/profile/{owner.UserId}.jpg",
            title = v.Title,
            description = v.Description,
            access = v.Access,
            limit = v.Access,
            is_private = v.Access == 1,
            created_at = v.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            timestamp = v.CreatedAt.ToUnixTimeSeconds(),
            str_datetime = v.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            url = $"{root}/watch/{v.VideoId}",
            status = new
            {
                processing = !ready,
                process_status = ready ? 13 : 0,
                process_status_kw = ready ? new[] { "complete" } : ["inqueue"],
            },
            meta = new
            {
                cover_image = $"{root}/static/cover/{v.VideoId}.jpg",
                length,
                iso8601_length = System.Xml.XmlConvert.ToString(TimeSpan.FromSeconds(length)),
                thumbnails = new[] { $"{root}/static/thumb/{v.VideoId}-1.jpg" },
                aspect_ratio = "16:9",
                download = ready ? (object)new { mp4 = $"{root}/static/video/{v.VideoId}.mp4" } : Array.Empty<object>(),
            },
            thumbnail_time = v.ThumbnailTime,
            video_comment_count = 0,
            video_like_count = 0,
            view_count = 0,
            hasProduct = false,
            product_count = 0,
            product_list = Array.Empty<object>(),
            is_edited = v.IsEdited,
            is_myvideo = v.UserId == viewer.UserId,
            is_like = false,
            is_follow = false,
            isVerifyEComm = false,
            isVerifyUser = true,
            like_list = Array.Empty<string>(),
        };
    }

    private static object UserInfo(BigGoUser user, BigGoUser viewer) => new
    {
        userid = user.UserId,
        at_userid = user.AtUserId,
        name = user.Name,
        profileimg = string.Empty,
        description = string.Empty,
        personal_url = Array.Empty<string>(),
        isVerifyEComm = false,
        isVerifyUser = true,
        follower_count = 0,
        follow_count = 0,
        all_like_count = 0,
        is_follow = false,
        is_myvideo = user.UserId == viewer.UserId,
    };

    private static string RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? string.Empty;

    private static async Task<(JsonElement Root, IResult? Problem)> ReadJsonObjectAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxJsonBodyBytes)
            {
                await RequestBody.DrainQuietlyAsync(context);
                return (default, BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"VIDEO_PARAMETER_INVALID: JSON bodies are limited to {MaxJsonBodyBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (default, BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: the body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (default, BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: the body is not JSON: " + ex.Message));
        }
    }

    // --- admin ----------------------------------------------------------------------------------------------------

    private sealed record ConfigUpdate(int? AccessTokenLifetimeSeconds, int? AccessTokenRequestLimit, int? ProcessingDelayMs);

    private sealed record SeedRequest(string? Userid, int? Count, string? TitlePrefix, int? Access);

    public void MapAdminEndpoints(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/videos", () => SandboxJson.Json(state.GetVideos()));
        admin.MapGet("/videos/{videoId}", (string videoId) => state.GetVideo(videoId) is { } video
            ? SandboxJson.Json(video)
            : Admin.AdminResults.Error(404, $"No BigGo video '{videoId}'."));
        admin.MapPost("/videos/{videoId}/fail-processing", (string videoId) => state.FailTranscode(videoId)
            ? SandboxJson.Json(state.GetVideo(videoId))
            : Admin.AdminResults.Error(404, $"No BigGo video '{videoId}'."));
        admin.MapGet("/secrets", () => SandboxJson.Json(state.GetSecrets()));
        admin.MapPost("/expire-tokens", () => SandboxJson.Json(new { expired = state.ExpireAccessTokens() }));
        admin.MapGet("/config", () => SandboxJson.Json(state.Config));
        admin.MapPut("/config", Admin.AdminResults.ApplyJson<ConfigUpdate>(update =>
        {
            var current = state.Config;
            state.Config = current with
            {
                AccessTokenLifetimeSeconds = update!.AccessTokenLifetimeSeconds ?? current.AccessTokenLifetimeSeconds,
                AccessTokenRequestLimit = update.AccessTokenRequestLimit ?? current.AccessTokenRequestLimit,
                ProcessingDelayMs = update.ProcessingDelayMs ?? current.ProcessingDelayMs,
            };

            return SandboxJson.Json(state.Config);
        }));
        admin.MapPost("/seed", Admin.AdminResults.ApplyJson<SeedRequest>(request =>
        {
            return SandboxJson.Json(state.Seed(request!.Userid ?? BigGoState.Owner.UserId, request.Count ?? 0, request.TitlePrefix ?? "Seed", request.Access ?? 0),
                StatusCodes.Status201Created);
        }));
    }
}

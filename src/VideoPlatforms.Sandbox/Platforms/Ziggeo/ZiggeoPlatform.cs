using System.Globalization;
using System.Text;
using System.Text.Json;
using VideoPlatforms.Sandbox.Admin;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Ziggeo's server API (srv-api.ziggeo.com, docs/platforms/ziggeo.md) for one region: the default region under
/// /ziggeo, eu-west-1 under /ziggeo-eu-west-1, sharing one <see cref="ZiggeoState"/>. Each region knows only its
/// own applications, as the real hosts do, so a client that picks the wrong host for an r1 token gets 401.
/// Paths inside the prefix are exactly the server API's (/v1/...). HTTP Basic token:private_key on every call.
/// </summary>
internal sealed partial class ZiggeoPlatform(ZiggeoState state, string region) : ISandboxPlatform
{
    private const int MaxLimit = 100;

    public string Name => region == ZiggeoState.DefaultRegion ? "ziggeo" : "ziggeo-" + region;

    public PathString Prefix => new("/" + Name);

    public IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri)
    {
        var app = ZiggeoState.Applications.First(a => a.Region == region);
        yield return $"Ziggeo      base URI  {new Uri(sandboxBaseUri, Name + "/")} ({region} region)";
        yield return $"            token     {app.Token}  private key {app.PrivateKey}";
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix.Value!);
        var routes = new PlatformRoutes(group);
        routes.Map("GET", "/v1/application", c => Authenticated(c, a => Task.FromResult(SandboxJson.Json(new Dictionary<string, object?>
        {
            ["volatile"] = false, ["token"] = a.Token, ["name"] = a.Name, ["region"] = region,
            ["auth_token_required_for_create"] = false, ["created"] = 1700000000L, ["owned"] = true,
        }))));
        routes.Map("GET", "/v1/videos", c => Authenticated(c, a => Task.FromResult(Index(c, a))));
        routes.Map("POST", "/v1/videos", c => Authenticated(c, a => CreateAsync(c, a)));
        routes.Map("GET", "/v1/videos/count", c => Authenticated(c, a => Task.FromResult(Count(c, a))));
        routes.Map("POST", "/v1/videos-upload-url", c => Authenticated(c, a => UploadUrlAsync(c, a)));
        routes.Map("GET", "/v1/videos/{video}", c => Authenticated(c, a => Task.FromResult(WithVideo(c, a, v => SandboxJson.Json(VideoJson(v))))));
        routes.Map("POST", "/v1/videos/{video}", c => Authenticated(c, a => UpdateOrPostDeleteAsync(c, a)));
        routes.Map("DELETE", "/v1/videos/{video}", c => Authenticated(c, a => Task.FromResult(DeleteVideo(c, a))));
        routes.Map("GET", "/v1/videos/{video}/streams", c => Authenticated(c, a => Task.FromResult(
            WithVideo(c, a, v => SandboxJson.Json(v.Streams.Select(StreamJson).ToList())))));
        MapDownloads(routes);
        routes.Map("POST", "/v1/videos/{video}/streams/{stream}/image", c => Authenticated(c, a => AttachImageAsync(c, a)));
        routes.Map("POST", "/v1/videos/{video}/streams/{stream}/subtitle", c => Authenticated(c, a => AttachSubtitleAsync(c, a)));
        routes.Map("POST", "/v1/videos/{video}/streams/{stream}/confirm-video", c => Authenticated(c, a => Task.FromResult(Confirm(c, a))));
        routes.Map("POST", "/v1/authtokens", c => Authenticated(c, a => CreateAuthTokenAsync(c, a)));
        routes.Map("GET", "/v1/authtokens/{token}", c => Authenticated(c, a => Task.FromResult(WithAuthToken(c, a, t => SandboxJson.Json(AuthTokenJson(t))))));
        routes.Map("POST", "/v1/authtokens/{token}", c => Authenticated(c, a => UpdateAuthTokenAsync(c, a)));
        routes.Map("DELETE", "/v1/authtokens/{token}", c => Authenticated(c, a => Task.FromResult(WithAuthToken(c, a, t =>
        {
            state.DeleteAuthToken(t);
            return Results.Ok();
        }))));

        group.Map("{**path}", (RequestDelegate)(async context =>
        {
            await RequestBody.DrainQuietlyAsync(context);
            var methods = routes.MethodsFor(context.GetSandboxInfo()?.PlatformPath ?? "/");
            if (methods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                await Error(405, "Method Not Allowed").ExecuteAsync(context);
            }
            else
            {
                await Error(404, "Not Found: the server API has no such path.").ExecuteAsync(context);
            }
        }));
    }

    /// <summary>Only the default region's instance maps the admin surface; it shows both regions.</summary>
    public void MapAdminEndpoints(IEndpointRouteBuilder admin)
    {
        if (region == ZiggeoState.DefaultRegion)
        {
            ZiggeoAdmin.Map(admin, state);
        }
    }

    public ValueTask<bool> BeforeRequestAsync(HttpContext context) => ValueTask.FromResult(true);

    /// <summary>
    /// No Ziggeo error-body format is documented (docs/platforms/ziggeo.md#5-errors); the sandbox answers the shape the Python SDK
    /// synthesises for failures, {"code": "&lt;status&gt;", "msg": "&lt;reason&gt;"}.
    /// </summary>
    public string ErrorBody(int status) => JsonSerializer.Serialize(new { code = status.ToString(CultureInfo.InvariantCulture), msg = ReasonPhrase(status) });

    public void Reset() => state.Reset();

    internal static IResult Error(int status, string message) =>
        SandboxJson.Json(new { code = status.ToString(CultureInfo.InvariantCulture), msg = message }, status);

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error";

    // --- authentication ------------------------------------------------------------------------------------------

    private async Task<IResult> Authenticated(HttpContext context, Func<ZiggeoApplication, Task<IResult>> handler)
    {
        var header = context.Request.Headers.Authorization.ToString();
        ZiggeoApplication? app = null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    app = ZiggeoState.Authenticate(region, decoded[..colon], decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
            }
        }

        if (app is null)
        {
            await RequestBody.DrainQuietlyAsync(context);
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Ziggeo\"";
            return Error(401, $"Unauthorized: unknown application token or wrong private key for the {region} region.");
        }

        return await handler(app);
    }

    // --- videos --------------------------------------------------------------------------------------------------

    private static Dictionary<string, string> Params(HttpContext context, IFormCollection? form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in context.Request.Query)
        {
            values[k] = v.ToString();
        }

        foreach (var (k, v) in form ?? FormCollection.Empty)
        {
            values[k] = v.ToString();
        }

        return values;
    }

    private static async Task<IFormCollection?> FormAsync(HttpContext context) =>
        context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;

    private IResult WithVideo(HttpContext context, ZiggeoApplication app, Func<ZiggeoVideo, IResult> found)
    {
        var id = context.Request.RouteValues["video"] as string ?? "";
        return state.Find(app.Token, id) is { } video ? found(video) : Error(404, $"Not Found: no video with token or key '{id}'.");
    }

    /// <summary>states: "all" or comma-separated state names (ready, processing, empty, failed); tags: all must match.</summary>
    private (List<ZiggeoVideo>? Videos, IResult? Error) Filter(HttpContext context, ZiggeoApplication app)
    {
        var query = context.Request.Query;
        IEnumerable<ZiggeoVideo> videos = state.VideosOf(app.Token);
        var states = query["states"].ToString();
        if (states.Length > 0 && !states.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            var wanted = states.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToHashSet();
            var known = new[] { "EMPTY", "PROCESSING", "READY", "FAILED" };
            if (wanted.FirstOrDefault(w => !known.Contains(w)) is { } unknown)
            {
                return (null, Error(400, $"Bad Request: unknown state '{unknown}' in states (use all, or any of {string.Join(", ", known.Select(k => k.ToLowerInvariant()))})."));
            }

            videos = videos.Where(v => wanted.Contains(state.StateOf(v)));
        }

        var tags = query["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tags.Length > 0)
        {
            videos = videos.Where(v => v.Tags is { } t && tags.All(t.Contains));
        }

        return ([.. videos], null);
    }

    private IResult Index(HttpContext context, ZiggeoApplication app)
    {
        var query = context.Request.Query;
        var limit = 50;
        var skip = 0;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Error(400, $"Bad Request: limit must be between 1 and {MaxLimit}.");
        }

        if (query.ContainsKey("skip") && (!int.TryParse(query["skip"], NumberStyles.Integer, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            return Error(400, "Bad Request: skip must be 0 or more.");
        }

        var (videos, error) = Filter(context, app);
        if (error is not null)
        {
            return error;
        }

        if (query["reverse"].ToString() is "true" or "1")
        {
            videos!.Reverse();
        }

        return SandboxJson.Json(videos!.Skip(skip).Take(limit).Select(VideoJson).ToList());
    }

    private IResult Count(HttpContext context, ZiggeoApplication app)
    {
        var (videos, error) = Filter(context, app);
        return error ?? SandboxJson.Json(new { count = videos!.Count });
    }

    /// <summary>Tags arrive comma-separated (Python/C# SDKs) or as a JSON array string (PHP json_encodes arrays).</summary>
    private static List<string>? ParseTags(string value)
    {
        value = value.Trim();
        if (value.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<List<string>>(value)?.Where(t => t.Length > 0).ToList();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>Applies the create/update fields (docs/platforms/ziggeo.md#2-endpoints, Set-Video); returns an error for a bad value.</summary>
    private IResult? Apply(ZiggeoApplication app, ZiggeoVideo video, Dictionary<string, string> p, bool isNew)
    {
        if (p.TryGetValue("tags", out var tags))
        {
            var parsed = ParseTags(tags);
            if (parsed is null)
            {
                return Error(400, "Bad Request: tags must be comma-separated or a JSON array of strings.");
            }

            video.Tags = parsed.Count > 0 ? parsed : null;
        }

        if (p.TryGetValue("key", out var key))
        {
            if (key.Length > 0 && state.KeyInUse(app.Token, key, isNew ? null : video))
            {
                return Error(400, $"Bad Request: the key '{key}' is already used by another video of this application.");
            }

            video.Key = key.Length > 0 ? key : null;
        }

        foreach (var (name, set) in new (string, Action<int?>)[] { ("min_duration", v => video.MinDuration = v), ("max_duration", v => video.MaxDuration = v) })
        {
            if (p.TryGetValue(name, out var text))
            {
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < 0)
                {
                    return Error(400, $"Bad Request: {name} must be a whole number of seconds.");
                }

                set(number);
            }
        }

        if (p.TryGetValue("volatile", out var vol))
        {
            video.Volatile = vol is "true" or "1" or "TRUE";
        }

        if (p.TryGetValue("expire_on", out var expireOn))
        {
            if (expireOn.Length > 0 && !DateOnly.TryParseExact(expireOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return Error(400, "Bad Request: expire_on must be a date as YYYY-MM-DD.");
            }

            video.ExpireOn = expireOn.Length > 0 ? expireOn : null;
        }

        if (p.TryGetValue("expiration_days", out var days))
        {
            if (!int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) || d < 1)
            {
                return Error(400, "Bad Request: expiration_days must be a whole number of days, 1 or more.");
            }

            video.ExpireOn = DateOnly.FromDateTime(state.Now.UtcDateTime.AddDays(d)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (p.TryGetValue("data", out var data))
        {
            if (!IsJsonObject(data))
            {
                return Error(400, "Bad Request: data must be a JSON object.");
            }

            video.Data = data;
        }

        return null;
    }

    /// <summary>Whether a form field holds a JSON object (data, grants), as the API demands.</summary>
    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<IResult> CreateAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        IResult? error = null;
        var video = state.Create(app.Token, "mp4", v => error = Apply(app, v, p, isNew: true));
        if (error is not null)
        {
            state.Delete(video);
            return error;
        }

        return SandboxJson.Json(VideoJson(video), StatusCodes.Status201Created);
    }

    /// <summary>POST /v1/videos-upload-url (docs/platforms/ziggeo.md#3-upload-protocol, step 1): the new video plus a signed POST for its file.</summary>
    private async Task<IResult> UploadUrlAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        if (!p.TryGetValue("video_type", out var type) || type.Length is 0 or > 10 || !type.All(char.IsAsciiLetterOrDigit))
        {
            return Error(400, "Bad Request: video_type (the file extension, e.g. mp4) is required.");
        }

        IResult? error = null;
        var video = state.Create(app.Token, type.ToLowerInvariant(), v => error = Apply(app, v, p, isNew: true));
        if (error is not null)
        {
            state.Delete(video);
            return error;
        }

        var upload = state.SignUpload(video, type.ToLowerInvariant());
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/ziggeo-s3/{ZiggeoState.Bucket}/";
        return SandboxJson.Json(new Dictionary<string, object?>
        {
            ["video"] = VideoJson(video),
            ["url_data"] = new Dictionary<string, object?>
            {
                ["url"] = url,
                ["fields"] = new Dictionary<string, string>
                {
                    ["key"] = upload.ObjectKey,
                    ["acl"] = "private",
                    ["x-amz-algorithm"] = "AWS4-HMAC-SHA256",
                    ["x-amz-credential"] = "SANDBOXKEY/" + state.Now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "/us-east-1/s3/aws4_request",
                    ["x-amz-date"] = state.Now.UtcDateTime.ToString("yyyyMMddTHHmmssZ", CultureInfo.InvariantCulture),
                    ["policy"] = upload.Policy,
                    ["x-amz-signature"] = upload.Signature,
                },
            },
        });
    }

    private async Task<IResult> UpdateOrPostDeleteAsync(HttpContext context, ZiggeoApplication app)
    {
        // The Python SDK deletes with POST ?_method=DELETE (docs/platforms/ziggeo.md#2-endpoints).
        if (string.Equals(context.Request.Query["_method"], "DELETE", StringComparison.OrdinalIgnoreCase))
        {
            await RequestBody.DrainQuietlyAsync(context);
            return DeleteVideo(context, app);
        }

        var p = Params(context, await FormAsync(context));
        return WithVideo(context, app, video =>
        {
            lock (state.Sync)
            {
                return Apply(app, video, p, isNew: false) ?? SandboxJson.Json(VideoJson(video));
            }
        });
    }

    private IResult DeleteVideo(HttpContext context, ZiggeoApplication app) =>
        WithVideo(context, app, video => state.Delete(video) ? Results.Ok() : Error(404, "Not Found: the video is gone."));

    private IResult Confirm(HttpContext context, ZiggeoApplication app) => WithVideo(context, app, video =>
    {
        var streamToken = context.Request.RouteValues["stream"] as string ?? "";
        var stream = video.Streams.FirstOrDefault(s => s.Token == streamToken);
        if (stream is null)
        {
            return Error(404, $"Not Found: the video has no stream '{streamToken}'.");
        }

        if (stream.FilePath is null && video.OriginalStream != stream.Token)
        {
            return Error(412, "Precondition Failed: no file has been uploaded for this stream; POST it to the upload URL first.");
        }

        return SandboxJson.Json(StreamJson(state.Confirm(video, stream)));
    });

    // --- auth tokens ---------------------------------------------------------------------------------------------

    private IResult WithAuthToken(HttpContext context, ZiggeoApplication app, Func<ZiggeoAuthToken, IResult> found)
    {
        var token = context.Request.RouteValues["token"] as string ?? "";
        return state.FindAuthToken(app.Token, token) is { } t ? found(t) : Error(404, "Not Found: no such auth token.");
    }

    private static IResult? ApplyAuthToken(ZiggeoAuthToken token, Dictionary<string, string> p)
    {
        foreach (var (name, set) in new (string, Action<long?>)[]
                 {
                     ("expiration_date", v => token.ExpirationDate = v), ("usage_expiration_time", v => token.UsageExpirationTime = v),
                     ("session_limit", v => token.SessionLimit = (int?)v),
                 })
        {
            if (p.TryGetValue(name, out var text))
            {
                if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0 || (name == "session_limit" && value > int.MaxValue))
                {
                    return Error(400, $"Bad Request: {name} must be a whole number, 0 or more.");
                }

                set(value == 0 ? null : value);
            }
        }

        if (p.TryGetValue("volatile", out var vol))
        {
            token.Volatile = vol is "true" or "1" or "TRUE";
        }

        if (p.TryGetValue("hidden", out var hidden))
        {
            token.Hidden = hidden is "true" or "1" or "TRUE";
        }

        if (p.TryGetValue("grants", out var grants))
        {
            if (!IsJsonObject(grants))
            {
                return Error(400, "Bad Request: grants must be a JSON object such as {\"read\":\"all\"}.");
            }

            token.Grants = grants;
        }

        return null;
    }

    private async Task<IResult> CreateAuthTokenAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        var probe = new ZiggeoAuthToken { AppToken = app.Token, Token = "probe" };
        if (ApplyAuthToken(probe, p) is { } error)
        {
            return error;
        }

        var token = state.AddAuthToken(app.Token, t => ApplyAuthToken(t, p));
        return SandboxJson.Json(AuthTokenJson(token), StatusCodes.Status201Created);
    }

    private async Task<IResult> UpdateAuthTokenAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        return WithAuthToken(context, app, token =>
        {
            lock (state.Sync)
            {
                return ApplyAuthToken(token, p) ?? SandboxJson.Json(AuthTokenJson(token));
            }
        });
    }

    // --- wire shapes ---------------------------------------------------------------------------------------------

    private static readonly Dictionary<string, int> StateNumbers = new() { ["EMPTY"] = 0, ["UPLOADED"] = 3, ["PROCESSING"] = 4, ["READY"] = 5, ["FAILED"] = 6 };

    internal Dictionary<string, object?> VideoJson(ZiggeoVideo video)
    {
        lock (state.Sync)
        {
            var stateString = state.StateOf(video);
            var streams = video.Streams.Select(StreamJson).ToList();
            object? data = null;
            if (video.Data is { } text)
            {
                data = JsonSerializer.Deserialize<JsonElement>(text);
            }

            return new Dictionary<string, object?>
            {
                ["volatile"] = video.Volatile,
                ["token"] = video.Token,
                ["key"] = video.Key,
                ["state"] = StateNumbers[stateString],
                ["state_string"] = stateString,
                ["min_duration"] = video.MinDuration,
                ["max_duration"] = video.MaxDuration,
                ["duration"] = stateString is "READY" or "PROCESSING" ? video.Duration : null,
                ["tags"] = video.Tags,
                ["data"] = data,
                ["expire_on"] = video.ExpireOn,
                ["submission_date"] = video.SubmissionDate,
                ["resubmission_date"] = null,
                ["stream_submission_date"] = video.SubmissionDate,
                ["delete_old_streams"] = false,
                ["type"] = "ApiVideo",
                ["created"] = video.Created,
                ["owned"] = true,
                ["streams"] = streams,
                ["original_stream"] = video.OriginalStream is { } o ? StreamJson(video.Streams.First(s => s.Token == o)) : null,
                ["default_stream"] = video.DefaultStream is { } d ? StreamJson(video.Streams.First(s => s.Token == d)) : null,
            };
        }
    }

    internal static Dictionary<string, object?> StreamJson(ZiggeoStream stream) => new()
    {
        ["volatile"] = false,
        ["token"] = stream.Token,
        ["key"] = null,
        ["creation_type"] = stream.CreationType == "TRANSCODED" ? 2 : 1,
        ["creation_type_string"] = stream.CreationType,
        ["state"] = StateNumbers.GetValueOrDefault(stream.State),
        ["state_string"] = stream.State,
        ["streamable"] = stream.Streamable switch { "YES" => 2, "DEGRADED" => 1, _ => 0 },
        ["streamable_string"] = stream.Streamable,
        ["video_type"] = stream.VideoType,
        ["video_size"] = stream.VideoSize,
        ["duration"] = stream.Duration,
        ["has_video"] = stream.FilePath is not null || stream.CreationType == "TRANSCODED",
        ["has_image"] = stream.Image is not null,
        ["image_size"] = stream.Image?.LongLength,
        // Sandbox choice: no source shows how a stream lists its subtitles; the Sandbox shows what it was given, so a
        // test can see it. The module does not read this field.
        ["subtitles"] = stream.Subtitles.Select(t => new Dictionary<string, object?> { ["lang"] = t.Lang, ["label"] = t.Label }).ToList(),
        ["submission_date"] = stream.SubmissionDate,
        ["type"] = "ApiVideoStream",
        ["created"] = stream.Created,
        ["owned"] = true,
    };

    internal static Dictionary<string, object?> AuthTokenJson(ZiggeoAuthToken token) => new()
    {
        ["volatile"] = token.Volatile,
        ["token"] = token.Token,
        ["hidden"] = token.Hidden,
        ["expiration_date"] = token.ExpirationDate,
        ["usage_expiration_time"] = token.UsageExpirationTime,
        ["session_limit"] = token.SessionLimit,
        ["grants"] = JsonSerializer.Deserialize<JsonElement>(token.Grants),
        ["created"] = token.Created,
    };
}

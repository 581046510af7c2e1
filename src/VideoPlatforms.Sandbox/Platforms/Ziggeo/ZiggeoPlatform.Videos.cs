using System.Globalization;
using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Ziggeo's video routes: the index with its filters, count, create, update (also as POST ?_method=DELETE) and delete.
/// </summary>
internal sealed partial class ZiggeoPlatform
{
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
}

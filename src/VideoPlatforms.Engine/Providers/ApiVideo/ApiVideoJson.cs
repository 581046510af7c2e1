using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>api.video's JSON to and from the common objects.</summary>
internal static class ApiVideoJson
{
    public static Video ToVideo(JObject video, JObject? status, VideoProviderConnection connection, bool uploaded = false) =>
        new("ApiVideo", JsonText.String(video, "videoId") ?? "", connection)
        {
            Title = JsonText.String(video, "title"),
            Description = JsonText.String(video, "description"),
            Privacy = video.Value<bool?>("public") switch { true => VideoPrivacy.Public, false => VideoPrivacy.Private, null => null },
            Tags = video["tags"] is JArray tags ? tags.Select(t => t.ToString()).ToArray() : Array.Empty<string>(),
            Metadata = ToMetadata(video["metadata"] as JArray),
            // Older bodies (and the published examples of the listing) carry only publishedAt, which the OpenAPI
            // document describes as "the date and time the API created the video".
            CreatedAt = JsonText.Date(video, "createdAt") ?? JsonText.Date(video, "publishedAt"),
            Url = JsonText.Url(video, "assets.player"),
            ThumbnailUrl = JsonText.Url(video, "assets.thumbnail"),
            Status = status is not null ? ToStatus(status) : HasNoSource(video) ? VideoStatus.Uploading : uploaded ? VideoStatus.Processing : null,
            Duration = status?.SelectToken("encoding.metadata.duration") is JValue { Type: JTokenType.Integer or JTokenType.Float } d
                ? TimeSpan.FromSeconds(d.Value<double>()) : null,
            Raw = JsonText.ToDictionary(video),
        };

    /// <summary>
    /// The video an upload's last answer describes. That answer is the video object, without the status; but once it
    /// shows the source, every byte is in and encoding has just begun, so the video is Processing, which is all a
    /// status read at this moment would add (the duration is known only after encoding: Wait-Video or Get-Video
    /// tell it). An answer without the source (none should) leaves the status to a read: <paramref name="status"/>.
    /// </summary>
    public static Video ToUploadedVideo(JObject video, JObject? status, VideoProviderConnection connection) =>
        ToVideo(video, status, connection, uploaded: true);

    /// <summary>Whether an upload's answer leaves the status unknown, so it must be read (<see cref="ToUploadedVideo"/>).</summary>
    public static bool NeedsStatusRead(JObject uploadAnswer) => HasNoSource(uploadAnswer);

    /// <summary>
    /// The listing carries no status, but a video without a source is certainly still waiting for its upload.
    /// </summary>
    private static bool HasNoSource(JObject video) => video["source"] is not JObject source || source["uri"] is null;

    /// <summary>Maps <c>/videos/{id}/status</c>: ingest says whether the bytes are in, encoding whether it plays.</summary>
    public static VideoStatus ToStatus(JObject status)
    {
        var ingest = JsonText.String(status, "ingest.status");
        if (ingest is null or "uploading") return VideoStatus.Uploading;
        if (status.SelectToken("encoding.playable")?.Value<bool?>() == true) return VideoStatus.Ready;
        var qualities = status.SelectToken("encoding.qualities") as JArray;
        if (qualities is { Count: > 0 } && qualities.All(q => JsonText.String(q, "status") == "failed")) return VideoStatus.Failed;
        return VideoStatus.Processing;
    }

    public static IReadOnlyDictionary<string, string> ToMetadata(JArray? metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in metadata?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
            if (JsonText.String(item, "key") is { } key) result[key] = JsonText.String(item, "value") ?? "";
        return result;
    }

    public static object[]? FromMetadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata?.Select(kv => (object)new { key = kv.Key, value = kv.Value }).ToArray();

    /// <summary>api.video has only public (true) and private (false); Unlisted is refused before anything is sent.</summary>
    public static bool? FromPrivacy(VideoPrivacy? privacy) => privacy switch
    {
        null => null,
        VideoPrivacy.Public => true,
        VideoPrivacy.Private => false,
        _ => throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "PrivacyNotSupported",
            $"api.video has no '{privacy}' privacy: a video is either Public or Private (watchable with a private token). Use -Privacy Public or -Privacy Private."),
    };

    public static UploadToken ToUploadToken(JObject token, VideoProviderConnection connection) =>
        new("ApiVideo", JsonText.String(token, "token") ?? "", connection)
        {
            CreatedAt = JsonText.Date(token, "createdAt"),
            ExpiresAt = JsonText.Date(token, "expiresAt"),
            TimeToLive = token.Value<long?>("ttl") is long ttl and > 0 ? TimeSpan.FromSeconds(ttl) : null,
            Raw = JsonText.ToDictionary(token),
        };

    /// <summary>The ranges <c>ingest.receivedBytes</c> says the platform holds.</summary>
    public static IReadOnlyList<ByteRange> ReceivedRanges(JObject status) =>
        (status.SelectToken("ingest.receivedBytes") as JArray)?.OfType<JObject>()
            .Select(r => new ByteRange(r.Value<long>("from"), r.Value<long>("to"))).ToList()
        ?? (IReadOnlyList<ByteRange>)Array.Empty<ByteRange>();

    /// <summary>
    /// api.video errors are RFC 7807-like: <c>type</c> (a docs URL whose last segment names the error), <c>title</c>,
    /// <c>name</c> (the offending field), <c>detail</c>, <c>range</c> ({min,max} of an out-of-range value) and, when
    /// several fields are wrong, <c>problems</c>: one entry per field with the same members, the first repeated at the
    /// top level (the published OpenAPI document's 400 examples). Every field named is kept, with its allowed range.
    /// A 404 whose type is <c>unrecognized-request-url</c>, or that is not an api.video error body at all, means the
    /// route does not exist, not that a video is missing.
    /// </summary>
    public static VideoProviderException MapError(ProviderHttp http, RestResponse response, string what)
    {
        string? message = null, code = null;
        try
        {
            if (JsonText.Parse(response.Content) is JObject body)
            {
                code = JsonText.String(body, "type")?.Split('/').LastOrDefault();
                var entries = new List<JObject>();
                var problems = (body["problems"] as JArray)?.OfType<JObject>().ToList() ?? new List<JObject>();
                // The top level repeats the first problem; it is listed on its own only when it is not among them.
                if (problems.Count == 0 || !problems.Any(p => SameProblem(p, body))) entries.Add(body);
                entries.AddRange(problems);
                message = string.Join(" ", entries.Select(DescribeProblem).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal));
            }
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status line alone still says enough.
        }
        // api.video's own 404s name the missing resource (type resource-not-found, name videoId). One marked
        // unrecognized-request-url, or one without api.video's error body at all (a proxy's page, a wrong base URI),
        // says the route is unknown, not that the video is gone.
        if ((int)response.StatusCode == 404 && code is null or "unrecognized-request-url")
            return http.EndpointNotFound(response, what, message, code);
        return http.GenericFailure(response, what, string.IsNullOrEmpty(message) ? null : message, code);
    }

    private static bool SameProblem(JObject a, JObject b) =>
        JsonText.String(a, "name") == JsonText.String(b, "name") && JsonText.String(a, "title") == JsonText.String(b, "title");

    /// <summary>One problem as "'field': title detail (allowed: 1 to 100)".</summary>
    private static string DescribeProblem(JObject problem)
    {
        var name = JsonText.String(problem, "name");
        var text = string.Join(" ", new[] { JsonText.String(problem, "title"), JsonText.String(problem, "detail") }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (problem["range"] is JObject range)
        {
            var (min, max) = (JsonText.String(range, "min"), JsonText.String(range, "max"));
            var allowed = (min, max) switch
            {
                (not null, not null) => $"{min} to {max}",
                (not null, null) => $"at least {min}",
                (null, not null) => $"at most {max}",
                _ => null,
            };
            if (allowed is not null) text += $" (allowed: {allowed})";
        }
        return string.IsNullOrEmpty(name) ? text : $"'{name}': {text}";
    }
}

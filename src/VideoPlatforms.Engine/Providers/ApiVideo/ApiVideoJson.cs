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
            CreatedAt = JsonText.Date(video, "createdAt"),
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
    /// api.video errors are RFC 7807-like: <c>type</c> (a docs URL whose last segment names the error),
    /// <c>title</c>, <c>name</c> (the offending field), <c>detail</c>, and sometimes <c>problems</c>.
    /// </summary>
    public static VideoProviderException MapError(ProviderHttp http, RestResponse response, string what)
    {
        string? message = null, code = null;
        try
        {
            if (JsonText.Parse(response.Content) is JObject body)
            {
                code = JsonText.String(body, "type")?.Split('/').LastOrDefault();
                var title = JsonText.String(body, "title");
                var field = JsonText.String(body, "name");
                var detail = JsonText.String(body, "detail");
                var problems = (body["problems"] as JArray)?.OfType<JObject>()
                    .Select(p => JsonText.String(p, "title")).Where(t => t is not null).ToArray();
                message = title;
                if (!string.IsNullOrEmpty(field)) message += $" (field '{field}')";
                if (!string.IsNullOrEmpty(detail)) message += " " + detail;
                if (problems is { Length: > 0 }) message += " " + string.Join(" ", problems);
            }
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status line alone still says enough.
        }
        return http.GenericFailure(response, what, message, code);
    }
}

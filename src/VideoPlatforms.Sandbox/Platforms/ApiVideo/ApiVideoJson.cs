using System.Globalization;
using System.Text.Json.Serialization;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

// The api.video wire shapes. Property order follows the API's examples; names are camelCase except the
// access-token response, which the API sends in snake_case.

internal sealed record AccessTokenJson(
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

internal sealed record MetadataJson(string Key, string Value);

internal sealed record VideoSourceJson(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Uri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type);

internal sealed record VideoAssetsJson(
    string Iframe,
    string Player,
    string Hls,
    string Thumbnail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Mp4);

internal sealed record VideoJson
{
    public required string VideoId { get; init; }
    public required string CreatedAt { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string PublishedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public string? DiscardedAt { get; init; }
    public string? DeletesAt { get; init; }
    public bool Discarded { get; init; }
    public required string? Language { get; init; }
    public required string? LanguageOrigin { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<MetadataJson> Metadata { get; init; }
    public required VideoSourceJson Source { get; init; }
    public required VideoAssetsJson Assets { get; init; }
    public required string? PlayerId { get; init; }
    public required bool Public { get; init; }
    public required bool Panoramic { get; init; }
    public required bool Mp4Support { get; init; }
}

internal sealed record UploadTokenJson(string Token, long Ttl, string CreatedAt, string? ExpiresAt);

internal sealed record PaginationLinkJson(string Rel, string Uri);

internal sealed record PaginationJson(int CurrentPage, int CurrentPageItems, int PageSize, int PagesTotal, int ItemsTotal, IReadOnlyList<PaginationLinkJson> Links);

internal sealed record ListJson<T>(IReadOnlyList<T> Data, PaginationJson Pagination);

internal sealed record BytesRangeJson(long From, long To, long Total);

internal sealed record ReceivedPartsJson(IReadOnlyList<long> Parts, long? Total);

internal sealed record IngestJson(string Status, long? Filesize, IReadOnlyList<BytesRangeJson> ReceivedBytes, ReceivedPartsJson ReceivedParts);

internal sealed record QualityJson(string Type, string Quality, string Status);

internal sealed record EncodingMetadataJson(
    int? Width, int? Height, double? Bitrate, long? Duration, int? Framerate, int? Samplerate, string? VideoCodec, string? AudioCodec, string? AspectRatio)
{
    public static readonly EncodingMetadataJson Unknown = new(null, null, null, null, null, null, null, null, null);
}

internal sealed record EncodingJson(bool Playable, IReadOnlyList<QualityJson> Qualities, EncodingMetadataJson Metadata);

internal sealed record VideoStatusJson(IngestJson? Ingest, EncodingJson Encoding);

internal static class ApiVideoJson
{
    /// <summary>ATOM/ISO 8601 with an explicit +00:00 offset and whole seconds, as the API writes dates.</summary>
    public static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static string? Date(DateTimeOffset? value) => value is { } v ? Date(v) : null;

    /// <summary>
    /// The video object. <paramref name="assetRoot"/> is the sandbox origin the client used (e.g.
    /// "http://127.0.0.1:5080/"), so asset URLs point back at this sandbox.
    /// </summary>
    public static VideoJson Video(VideoRecord video, string assetRoot)
    {
        var vod = $"{assetRoot}apivideo/vod/{video.VideoId}";
        return new VideoJson
        {
            VideoId = video.VideoId,
            CreatedAt = Date(video.CreatedAt),
            Title = video.Title,
            Description = video.Description,
            PublishedAt = Date(video.PublishedAt),
            UpdatedAt = Date(video.UpdatedAt),
            Language = video.Language,
            LanguageOrigin = video.LanguageOrigin,
            Tags = [.. video.Tags],
            Metadata = [.. video.Metadata.Select(m => new MetadataJson(m.Key, m.Value))],
            Source = video.Upload.Started
                ? new VideoSourceJson($"/videos/{video.VideoId}/source", "upload")
                : new VideoSourceJson(null, null),
            Assets = new VideoAssetsJson(
                $"<iframe src=\"{vod}/player\" width=\"100%\" height=\"100%\" frameborder=\"0\" scrolling=\"no\" allowfullscreen=\"\"></iframe>",
                $"{vod}/player",
                $"{vod}/hls/manifest.m3u8",
                $"{vod}/thumbnail.jpg",
                video.Mp4Support ? $"{vod}/mp4/source.mp4" : null),
            PlayerId = video.PlayerId,
            Public = video.Public,
            Panoramic = video.Panoramic,
            Mp4Support = video.Mp4Support,
        };
    }

    public static UploadTokenJson Token(UploadTokenRecord token) =>
        new(token.Token, token.Ttl, Date(token.CreatedAt), Date(token.ExpiresAt));
}

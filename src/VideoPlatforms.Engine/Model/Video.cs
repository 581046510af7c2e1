using System.Collections.Specialized;

namespace VideoPlatforms;

/// <summary>
/// A video on one platform, as the pipeline carries it. Every platform's JSON is mapped to these properties;
/// what has no common name stays reachable through <see cref="Raw"/>.
/// </summary>
/// <remarks>
/// <see cref="Id"/> and <see cref="Connection"/> bind by property name to every cmdlet that takes a video, so
/// <c>Get-Video | Remove-Video</c> goes back to the account the video came from even with several connected.
/// </remarks>
public sealed class Video
{
    public Video(string provider, string id, VideoProviderConnection? connection)
    {
        Provider = provider;
        Id = id;
        Connection = connection;
    }

    /// <summary>The platform's registry name (-Provider).</summary>
    public string Provider { get; }

    /// <summary>The platform's identifier of the video.</summary>
    public string Id { get; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public VideoPrivacy? Privacy { get; init; }

    public string[] Tags { get; init; } = Array.Empty<string>();

    /// <summary>Key/value metadata where the platform has it (case-insensitive keys).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    /// <summary>Null where the platform's answer did not say (api.video's listing carries no status).</summary>
    public VideoStatus? Status { get; init; }

    public TimeSpan? Duration { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The page where a person watches the video.</summary>
    public Uri? Url { get; init; }

    public Uri? ThumbnailUrl { get; init; }

    /// <summary>The local file a <c>Send-Video</c> result was uploaded from; null otherwise.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// The platform's own JSON for this video as nested ordered dictionaries (case-insensitive keys) and arrays,
    /// so PowerShell reads it with dot notation: <c>$video.Raw.assets.player</c>.
    /// </summary>
    public OrderedDictionary Raw { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The connection the video came from; cmdlets that take this video use it.</summary>
    public VideoProviderConnection? Connection { get; }

    /// <summary>Returns a copy of this video carrying the local path it was uploaded from.</summary>
    public Video WithPath(string? path) => new(Provider, Id, Connection)
    {
        Title = Title, Description = Description, Privacy = Privacy, Tags = Tags, Metadata = Metadata,
        Status = Status, Duration = Duration, CreatedAt = CreatedAt, Url = Url, ThumbnailUrl = ThumbnailUrl,
        Path = path, Raw = Raw,
    };

    public override string ToString() => $"{Provider}/{Id}";

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

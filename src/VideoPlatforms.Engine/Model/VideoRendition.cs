namespace VideoPlatforms;

/// <summary>
/// One downloadable file of a video as the platform offers it: the source, or an encoded quality. Its address is
/// often a signed link that works as a credential on its own, so it is kept internal and never printed.
/// </summary>
public sealed class VideoRendition
{
    internal VideoRendition(string provider, string videoId, string quality, Uri location, bool authenticated)
    {
        Provider = provider;
        VideoId = videoId;
        Quality = quality;
        Location = location;
        Authenticated = authenticated;
    }

    public string Provider { get; }

    public string VideoId { get; }

    /// <summary>The platform's name for the rendition, e.g. source, 1080p, original; what -Quality matches.</summary>
    public string Quality { get; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>Bytes, where the platform says before the download.</summary>
    public long? Size { get; init; }

    public string? ContentType { get; init; }

    /// <summary>True for the file as it was uploaded (not re-encoded).</summary>
    public bool IsSource { get; init; }

    /// <summary>Where the bytes are. Possibly signed: register it with the redactor, never show it whole.</summary>
    internal Uri Location { get; }

    /// <summary>Whether the request needs the connection's credentials (a download endpoint behind the API's own authentication) rather than being a link on its own.</summary>
    internal bool Authenticated { get; }

    /// <summary>The file extension to save it with, from the content type or the link.</summary>
    internal string Extension
    {
        get
        {
            var fromPath = System.IO.Path.GetExtension(Location.AbsolutePath);
            if (fromPath is { Length: > 1 and <= 5 }) return fromPath.ToLowerInvariant();
            return ContentType switch
            {
                "video/webm" => ".webm",
                "video/quicktime" => ".mov",
                _ => ".mp4",
            };
        }
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Width is > 0 && Height is > 0) parts.Add($"{Width}x{Height}");
        else if (Height is > 0) parts.Add($"{Height}p");
        if (Size is { } size) parts.Add(Upload.ChunkPlan.Format(size));
        return parts.Count == 0 ? Quality : $"{Quality} ({string.Join(", ", parts)})";
    }
}

namespace VideoPlatforms;

/// <summary>A video saved to a local file by Save-Video.</summary>
public sealed class VideoDownloadResult
{
    internal VideoDownloadResult(VideoRendition rendition, string path, long length, string sha256, long resumedFrom)
    {
        Provider = rendition.Provider;
        Id = rendition.VideoId;
        Quality = rendition.Quality;
        Path = path;
        Length = length;
        Sha256 = sha256;
        ResumedFrom = resumedFrom;
    }

    public string Provider { get; }

    /// <summary>The video's id on its platform.</summary>
    public string Id { get; }

    public string? Title { get; init; }

    /// <summary>The rendition saved (source, 1080p...).</summary>
    public string Quality { get; }

    /// <summary>The full path of the saved file.</summary>
    public string Path { get; }

    /// <summary>Bytes in the file.</summary>
    public long Length { get; }

    /// <summary>Lowercase hex SHA-256 of the file, computed while it was written.</summary>
    public string Sha256 { get; }

    /// <summary>The caption, subtitle and chapter files saved beside the video (Save-Video -IncludeCaptions); empty otherwise.</summary>
    public IReadOnlyList<string> Captions { get; init; } = [];

    /// <summary>Bytes that were already on disk from an earlier, interrupted run (0 for a fresh download).</summary>
    public long ResumedFrom { get; }

    public override string ToString() => Path;
}

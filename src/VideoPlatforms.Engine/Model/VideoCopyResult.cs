namespace VideoPlatforms;

/// <summary>One video copied by Copy-Video: where from, where to, and what was moved.</summary>
public sealed class VideoCopyResult
{
    internal VideoCopyResult(string sourceProvider, string sourceId, string destinationProvider, string destinationId, long bytes, string sha256, bool alreadyCopied, Video? video)
    {
        SourceProvider = sourceProvider;
        SourceId = sourceId;
        DestinationProvider = destinationProvider;
        DestinationId = destinationId;
        Bytes = bytes;
        Sha256 = sha256;
        AlreadyCopied = alreadyCopied;
        Video = video;
    }

    public string SourceProvider { get; }

    public string SourceId { get; }

    public string DestinationProvider { get; }

    public string DestinationId { get; }

    /// <summary>Bytes of the file moved.</summary>
    public long Bytes { get; }

    /// <summary>Lowercase hex SHA-256 of the bytes downloaded from the source and uploaded to the destination.</summary>
    public string Sha256 { get; }

    /// <summary>True when an earlier run had already copied this video and nothing was transferred now.</summary>
    public bool AlreadyCopied { get; }

    /// <summary>The destination video.</summary>
    public Video? Video { get; internal set; }

    /// <summary>
    /// How many caption, subtitle and chapter tracks of the source the copy has, carried by this run or an earlier one;
    /// each one the destination could not take was a warning naming it.
    /// </summary>
    public int CaptionsCopied { get; internal set; }

    /// <summary>True when the source's thumbnail image was carried to the copy (by this run or an earlier one).</summary>
    public bool ThumbnailCopied { get; internal set; }

    /// <summary>Tracks or the thumbnail that failed on the way: the cmdlet writes each as an error; a re-run carries them.</summary>
    internal List<VideoProviderException> Failures { get; } = [];

    public override string ToString() => $"{SourceProvider}/{SourceId} -> {DestinationProvider}/{DestinationId}";
}

using System.Collections.Specialized;

namespace VideoPlatforms;

/// <summary>What a text track is for: captions (the words and sounds, for viewers who cannot hear), subtitles (a translation), or chapters (titled sections).</summary>
public enum CaptionKind
{
    Captions,
    Subtitles,
    Chapters,
}

/// <summary>
/// A caption, subtitle or chapters track of a video. <see cref="VideoId"/>, <see cref="Language"/>, <see cref="Kind"/>
/// and <see cref="Connection"/> bind by property name, so <c>Get-VideoCaption | Remove-VideoCaption</c> removes exactly
/// the tracks listed, on the account they came from. It has no <c>Id</c> property on purpose: that name binds to the
/// video's id across the cmdlets, and a track's own id is <see cref="TrackId"/>.
/// </summary>
public sealed class VideoCaption
{
    public VideoCaption(string provider, string videoId, string language, CaptionKind kind, VideoProviderConnection? connection)
    {
        Provider = provider;
        VideoId = videoId;
        Language = language;
        Kind = kind;
        Connection = connection;
    }

    /// <summary>The platform's registry name (-Provider).</summary>
    public string Provider { get; }

    /// <summary>The video the track belongs to.</summary>
    public string VideoId { get; }

    /// <summary>The IETF language tag, e.g. <c>en</c> or <c>pt-BR</c>.</summary>
    public string Language { get; }

    public CaptionKind Kind { get; }

    /// <summary>The name a player shows for the track, where the platform keeps one (a track name, a label or a language name).</summary>
    public string? Label { get; init; }

    /// <summary>The track a player turns on by itself (a default caption, or an active track).</summary>
    public bool Default { get; init; }

    /// <summary>Where the WebVTT file can be read, when the platform gives a public link; signed links are kept out.</summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// Where the module reads the track's file: the public link (a track's src), or a signed one that is a credential
    /// on its own, which is why it is internal and never shown.
    /// </summary>
    internal Uri? FileLocation { get; init; }

    /// <summary>The platform's own id of the track, where it has one (a text track id).</summary>
    public string? TrackId { get; init; }

    /// <summary>The platform's own JSON for the track, readable with dot notation.</summary>
    public OrderedDictionary Raw { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The connection the track came from.</summary>
    public VideoProviderConnection? Connection { get; }

    public override string ToString() => $"{Provider}/{VideoId}/{Kind.ToString().ToLowerInvariant()}/{Language}";
}

/// <summary>A WebVTT file to attach to a video, and how to describe it.</summary>
public sealed class CaptionRequest
{
    public CaptionRequest(string filePath, string language)
    {
        FilePath = filePath;
        Language = language;
    }

    /// <summary>The full path of a local .vtt file.</summary>
    public string FilePath { get; }

    /// <summary>The IETF language tag, e.g. <c>en</c>.</summary>
    public string Language { get; }

    /// <summary>The name a player shows; null for the platform's default (the language's name).</summary>
    public string? Label { get; init; }

    /// <summary>What the track is; null for the platform's usual kind (captions, or subtitles where the platform has only those).</summary>
    public CaptionKind? Kind { get; init; }

    /// <summary>Make it the track the player turns on by itself.</summary>
    public bool Default { get; init; }
}

namespace VideoPlatforms.Captions;

/// <summary>
/// The name a track is saved under beside its video (Save-Video -IncludeCaptions): the video file's name without its
/// extension, the language, the kind unless it is captions, and .vtt, e.g. talk.en.vtt, talk.fr.subtitles.vtt,
/// talk.en.chapters.vtt. The same names Send-Video -CaptionPath reads the language from.
/// </summary>
internal static class CaptionFileName
{
    /// <param name="videoFile">The full path of the saved video.</param>
    /// <param name="track">The track.</param>
    /// <param name="taken">Whether a name is already used by another track of this run (a second track of one kind
    /// and language, which some platforms allow, then gets its track id in the name).</param>
    public static string Beside(string videoFile, VideoCaption track, Func<string, bool> taken)
    {
        var folder = Path.GetDirectoryName(videoFile) ?? "";
        var stem = Path.GetFileNameWithoutExtension(videoFile);
        // The language comes from the platform: keep only what is safe in a file name (a tag is letters, digits and -).
        var language = new string(track.Language.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray());
        if (language.Length == 0) language = "und";
        var kind = track.Kind == CaptionKind.Captions ? "" : "." + track.Kind.ToString().ToLowerInvariant();
        var path = Path.Combine(folder, $"{stem}.{language}{kind}.vtt");
        if (taken(path) && track.TrackId is { Length: > 0 } trackId)
            path = Path.Combine(folder, $"{stem}.{language}{kind}.{Download.SafeFileName.From(trackId, "track")}.vtt");
        return path;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VideoPlatforms.Captions;

/// <summary>
/// Checks a caption file before any request, so a bad file is refused naming the file and the line instead of being
/// sent and answered with a platform's 400 (or, worse, accepted and shown broken). The rules are those of the W3C
/// WebVTT format (docs/platforms/apivideo.md#captions-and-chapters cites it): UTF-8; a first line "WEBVTT"; blocks
/// separated by blank lines; each cue a timing line "start --> end" (hh:mm:ss.ttt or mm:ss.ttt, end after start),
/// optionally after an identifier line; NOTE, STYLE and REGION blocks are skipped. Chapters need a title per cue.
/// </summary>
public static partial class WebVttFile
{
    /// <summary>The cues of the file, or an error naming the file and the first bad line.</summary>
    public static int Validate(string path, CaptionKind kind = CaptionKind.Captions)
    {
        if (!File.Exists(path))
            throw new VideoProviderException(ProviderErrorKind.NotFound, "CaptionFileNotFound", $"The caption file '{path}' does not exist. Check -Path and run the command again.");
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(path, null, "it is not UTF-8 text, which WebVTT requires. Save it as UTF-8 and try again");
        }

        return Validate(path, text, kind);
    }

    /// <summary>As <see cref="Validate(string, CaptionKind)"/>, for text already read; <paramref name="path"/> only names it.</summary>
    public static int Validate(string path, string text, CaptionKind kind)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        if (!Header().IsMatch(lines[0]))
            throw Invalid(path, 1, "a WebVTT file starts with the line WEBVTT (is it an .srt file? Convert it to WebVTT first)");

        var i = 1;
        // The header block runs to the first blank line.
        while (i < lines.Length && lines[i].Length > 0)
        {
            if (lines[i].Contains("-->", StringComparison.Ordinal))
                throw Invalid(path, i + 1, "a blank line must separate the WEBVTT line from the first cue");
            i++;
        }

        var cues = 0;
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }

            var start = i;
            var end = i;
            while (end < lines.Length && lines[end].Trim().Length > 0) end++;
            var first = lines[start];
            if (!first.Contains("-->", StringComparison.Ordinal) && (first.StartsWith("NOTE", StringComparison.Ordinal) || first.StartsWith("STYLE", StringComparison.Ordinal) || first.StartsWith("REGION", StringComparison.Ordinal)))
            {
                i = end;
                continue;
            }

            var timing = first.Contains("-->", StringComparison.Ordinal) ? start : start + 1;
            if (timing >= end || !lines[timing].Contains("-->", StringComparison.Ordinal))
                throw Invalid(path, start + 1, "expected a cue timing such as 00:00:01.000 --> 00:00:04.000 (or a blank line before this text)");
            CheckTiming(path, timing + 1, lines[timing]);
            if (kind == CaptionKind.Chapters && timing + 1 >= end)
                throw Invalid(path, timing + 1, "a chapter needs its title on the line after its timing");
            for (var line = timing + 1; line < end; line++)
            {
                if (lines[line].Contains("-->", StringComparison.Ordinal))
                    throw Invalid(path, line + 1, "a cue's text cannot contain -->; put a blank line between cues");
            }

            cues++;
            i = end;
        }

        if (cues == 0)
            throw Invalid(path, null, "it has no cues. Add at least one cue (a timing line such as 00:00:01.000 --> 00:00:04.000 and its text)");
        return cues;
    }

    private static void CheckTiming(string path, int lineNumber, string line)
    {
        var match = Timing().Match(line);
        if (!match.Success)
            throw Invalid(path, lineNumber, $"'{line.Trim()}' is not a cue timing; write it as 00:00:01.000 --> 00:00:04.000 (hours optional, a dot before the milliseconds)");
        var from = Time(path, lineNumber, match.Groups["from"].Value);
        var to = Time(path, lineNumber, match.Groups["to"].Value);
        if (to <= from)
            throw Invalid(path, lineNumber, $"the cue ends ({match.Groups["to"].Value}) before or when it starts ({match.Groups["from"].Value})");
    }

    private static TimeSpan Time(string path, int lineNumber, string value)
    {
        var parts = value.Split(':');
        var hours = parts.Length == 3 ? long.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        var minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var secondsAndMillis = parts[^1].Split('.');
        var seconds = int.Parse(secondsAndMillis[0], CultureInfo.InvariantCulture);
        if (minutes > 59 || seconds > 59)
            throw Invalid(path, lineNumber, $"'{value}' has minutes or seconds above 59");
        return TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds)
            + TimeSpan.FromMilliseconds(int.Parse(secondsAndMillis[1], CultureInfo.InvariantCulture));
    }

    private static VideoProviderException Invalid(string path, int? line, string why) => new(ProviderErrorKind.InvalidArgument, "CaptionFileInvalid",
        line is { } n ? $"'{path}' line {n} is not valid WebVTT: {why}." : $"'{path}' is not a valid WebVTT file: {why}.");

    [GeneratedRegex("^WEBVTT([ \t].*)?$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?<from>(\d{2,}:)?\d{2}:\d{2}\.\d{3})[ \t]+-->[ \t]+(?<to>(\d{2,}:)?\d{2}:\d{2}\.\d{3})([ \t].*)?$")]
    private static partial Regex Timing();
}

using System.Text;
using System.Text.RegularExpressions;

namespace VideoPlatforms.Sandbox.Hosting;

/// <summary>
/// What the emulated platforms check of a text track (captions, subtitles, chapters): that the file is WebVTT and the
/// language a tag they know. The platforms publish no exact rules; the Sandbox checks what their documents state
/// (a VTT file, an IETF language tag with dashes) and no more, so a client that sends garbage sees the platform's 400.
/// </summary>
internal static partial class TextTracks
{
    /// <summary>ISO 639-1 primary language subtags: the languages the emulated platforms know (Sandbox choice).</summary>
    private static readonly HashSet<string> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn", "bo", "br", "bs",
        "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa",
        "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
        "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko",
        "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn",
        "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa",
        "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so",
        "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty",
        "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
    };

    /// <summary>Letters and dashes only, like api.video's "Invalid language formatting" 400.</summary>
    public static bool IsWellFormedLanguage(string tag) => LettersAndDashes().IsMatch(tag);

    /// <summary>A well-formed tag whose primary subtag is a known language and whose other subtags are 2 to 8 characters.</summary>
    public static bool IsKnownLanguage(string tag)
    {
        if (!IsWellFormedLanguage(tag)) return false;
        var parts = tag.Split('-');
        return Languages.Contains(parts[0]) && parts.Skip(1).All(p => p.Length is >= 2 and <= 8);
    }

    /// <summary>The file is WebVTT: it starts (after an optional BOM) with "WEBVTT" followed by a space, a tab or a line end.</summary>
    public static bool IsWebVtt(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        return text.StartsWith("WEBVTT", StringComparison.Ordinal)
            && (text.Length == 6 || text[6] is ' ' or '\t' or '\r' or '\n');
    }

    /// <summary>As <see cref="IsWebVtt(byte[])"/>, for a track sent as text (a form field's value).</summary>
    public static bool IsWebVtt(string content) => IsWebVtt(Encoding.UTF8.GetBytes(content));

    [GeneratedRegex("^[A-Za-z]+(-[A-Za-z0-9]+)*$")]
    private static partial Regex LettersAndDashes();
}

using System.Text.RegularExpressions;

namespace VideoPlatforms.Captions;

/// <summary>
/// Checks a caption's language tag before any request. The platforms take IETF (BCP 47) tags with dashes
/// (docs/platforms/apivideo.md#captions-and-chapters: "only accepts dashes for separators", and an unknown language
/// is a 400; docs/platforms/vimeo.md#text-tracks and docs/platforms/ziggeo.md#subtitles-and-stream-images take the
/// same codes), so the module accepts a known ISO 639-1 language, optionally followed by a script (4 letters) and a
/// region (2 letters or 3 digits): en, fr-CA, zh-Hans-CN, es-419.
/// </summary>
public static partial class LanguageTag
{
    /// <summary>The ISO 639-1 two-letter language codes.</summary>
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

    /// <summary>Throws InvalidLanguage, naming the tag and saying what a tag looks like, unless it is one the platforms take.</summary>
    public static void Validate(string tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
            throw Invalid(tag, "it is empty");
        var match = Shape().Match(tag);
        if (!match.Success)
            throw Invalid(tag, tag.Contains('_') ? "the platforms only take dashes between its parts (en-US, not en_US)" : "it is not a language tag");
        if (!Languages.Contains(match.Groups["language"].Value))
            throw Invalid(tag, $"'{match.Groups["language"].Value}' is not an ISO 639-1 language code");
    }

    /// <summary>Whether <paramref name="tag"/> passes <see cref="Validate"/>.</summary>
    public static bool IsValid(string tag)
    {
        var match = Shape().Match(tag ?? "");
        return match.Success && Languages.Contains(match.Groups["language"].Value);
    }

    private static VideoProviderException Invalid(string tag, string why) => new(ProviderErrorKind.InvalidArgument, "InvalidLanguage",
        $"-Language '{tag}' is not a language tag the platforms take: {why}. Give an IETF language tag such as en, fr-CA or pt-BR.");

    [GeneratedRegex("^(?<language>[A-Za-z]{2})(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$")]
    private static partial Regex Shape();
}

using System.Globalization;
using System.Text;

namespace VideoPlatforms.Download;

/// <summary>
/// A file name made from whatever title a platform returns, valid on Windows, macOS and Linux alike, because a
/// folder of downloads is often copied between them: characters Windows refuses (<c>&lt;&gt;:"/\|?*</c> and control
/// characters) become <c>_</c>, trailing dots and spaces go, the reserved device names (CON, PRN, AUX, NUL, COM1-9,
/// LPT1-9, with or without an extension) get a leading <c>_</c>, the name is cut to a length every file system
/// takes, and a title with nothing usable left falls back to the video's id.
/// </summary>
internal static class SafeFileName
{
    // 255 is the limit of most file systems in UTF-16 units (NTFS) or bytes (ext4); leave room for the extension,
    // ".partial.json" and a " (id)" suffix.
    public const int MaxStemLength = 120;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string From(string? title, string fallback)
    {
        var stem = Clean(title);
        if (stem.Length == 0) stem = Clean(fallback);
        if (stem.Length == 0) stem = "video";
        return stem;
    }

    /// <summary>
    /// The file a video is saved to in <paramref name="folder"/>: named after its title (<see cref="From"/>), with
    /// the id added when this run already wrote that name (<paramref name="taken"/>: same-titled videos in one folder).
    /// </summary>
    public static string InFolder(string folder, string? title, string id, string extension, Func<string, bool> taken)
    {
        var stem = From(title, id);
        var target = Path.Combine(folder, stem + extension);
        if (taken(target))
            target = Path.Combine(folder, $"{stem} ({From(id, "video")}){extension}");
        return target;
    }

    private static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
            builder.Append(c < 32 || c == 127 || "<>:\"/\\|?*".Contains(c) ? '_' : c);
        var name = builder.ToString().Trim();
        name = Cut(name, MaxStemLength).TrimEnd('.', ' ').TrimStart(' ');
        // Only underscores left (a title of "???") says nothing: better the id.
        if (name.All(c => c == '_' || c == '.')) return string.Empty;
        var dot = name.IndexOf('.');
        var device = dot < 0 ? name : name[..dot];
        if (Reserved.Contains(device.TrimEnd(' '))) name = "_" + name;
        return name;
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never splitting a character (surrogate pair or combining mark).</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        var length = 0;
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            if (length + element.Length > max) break;
            length += element.Length;
        }
        return text[..length];
    }
}

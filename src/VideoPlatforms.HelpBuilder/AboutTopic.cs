using System.Text;

namespace VideoPlatforms.HelpBuilder;

/// <summary>
/// Turns about_*.md into the about_*.help.txt layout Get-Help expects: TOPIC at line 1 column 1, the topic name
/// indented four spaces, section headings in capitals at column 0, text indented four spaces and wrapped at 80.
/// </summary>
internal static class AboutTopic
{
    public static string Convert(string markdown)
    {
        var output = new StringBuilder();
        var paragraph = new List<string>();
        var inFence = false;

        void FlushParagraph()
        {
            if (paragraph.Count == 0) return;
            foreach (var line in Wrap(string.Join(" ", paragraph).Replace("`", ""), 76)) output.Append("    ").AppendLine(line);
            output.AppendLine();
            paragraph.Clear();
        }

        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.StartsWith("```")) { FlushParagraph(); inFence = !inFence; continue; }
            if (inFence || raw.StartsWith("    "))
            {
                FlushParagraph();
                output.Append("        ").AppendLine(raw.StartsWith("    ") && !inFence ? raw[4..] : raw);
                continue;
            }
            if (raw.StartsWith("# "))
            {
                output.AppendLine("TOPIC").Append("    ").AppendLine(raw[2..].Trim()).AppendLine();
            }
            else if (raw.StartsWith("## "))
            {
                FlushParagraph();
                output.AppendLine(raw[3..].Trim().ToUpperInvariant());
            }
            else if (raw.StartsWith("### "))
            {
                FlushParagraph();
                var title = raw[4..].Trim();
                output.Append("  ").AppendLine(title.ToUpperInvariant()).AppendLine();
            }
            else if (string.IsNullOrWhiteSpace(raw))
            {
                FlushParagraph();
                if (output.Length > 0 && !output.ToString().EndsWith("\n\n", StringComparison.Ordinal)) output.AppendLine();
            }
            else
            {
                paragraph.Add(raw.Trim());
            }
        }
        FlushParagraph();
        return output.ToString().TrimEnd() + "\n";
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}

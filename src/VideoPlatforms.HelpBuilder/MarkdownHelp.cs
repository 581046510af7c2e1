using System.Text.RegularExpressions;

namespace VideoPlatforms.HelpBuilder;

/// <summary>One cmdlet's help as written in docs/en-US/&lt;Cmdlet&gt;.md (platyPS layout).</summary>
internal sealed class CommandDoc
{
    public string Synopsis { get; set; } = "";
    public List<string> Description { get; } = new();
    public List<ExampleDoc> Examples { get; } = new();
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<(string Type, string Description)> Inputs { get; } = new();
    public List<(string Type, string Description)> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<(string Text, string Uri)> Links { get; } = new();
}

internal sealed record ExampleDoc(string Title, string Code, List<string> Remarks);

/// <summary>
/// Reads the platyPS markdown layout: "## SECTION" headings, "### Example n: title" with a fenced code block and
/// remarks, "### -Parameter" with its description (any yaml block after it is ignored: the cmdlet's metadata wins).
/// </summary>
internal static partial class MarkdownHelp
{
    public static CommandDoc Parse(string text)
    {
        var doc = new CommandDoc();
        string? section = null;
        string? sub = null;
        var buffer = new List<string>();
        var lines = StripFrontMatter(text.Replace("\r\n", "\n")).Split('\n');

        void Flush()
        {
            var paragraphs = Paragraphs(buffer);
            switch (section)
            {
                case "SYNOPSIS": doc.Synopsis = string.Join(" ", paragraphs); break;
                case "DESCRIPTION": doc.Description.AddRange(paragraphs); break;
                case "NOTES": doc.Notes.AddRange(paragraphs); break;
                case "EXAMPLES" when sub is not null: doc.Examples.Add(Example(sub, buffer)); break;
                case "PARAMETERS" when sub is not null && sub.StartsWith('-'):
                    doc.Parameters[sub.TrimStart('-')] = string.Join("\n\n", paragraphs); break;
                case "INPUTS" when sub is not null: doc.Inputs.Add((sub, string.Join(" ", paragraphs))); break;
                case "OUTPUTS" when sub is not null: doc.Outputs.Add((sub, string.Join(" ", paragraphs))); break;
                case "RELATED LINKS":
                    foreach (var line in buffer)
                        if (LinkPattern().Match(line) is { Success: true } m) doc.Links.Add((m.Groups[1].Value, m.Groups[2].Value));
                    break;
            }
            buffer.Clear();
        }

        var inFence = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```")) inFence = !inFence;
            if (!inFence && line.StartsWith("## "))
            {
                Flush();
                section = line[3..].Trim().ToUpperInvariant();
                sub = null;
            }
            else if (!inFence && line.StartsWith("### "))
            {
                Flush();
                sub = line[4..].Trim();
            }
            else if (!inFence && line.StartsWith("# "))
            {
                // The title: the command's name.
            }
            else
            {
                buffer.Add(line);
            }
        }
        Flush();
        return doc;
    }

    private static ExampleDoc Example(string title, List<string> lines)
    {
        var code = new List<string>();
        var rest = new List<string>();
        var fence = 0;
        foreach (var line in lines)
        {
            if (line.StartsWith("```")) { fence++; continue; }
            if (fence == 1) code.Add(line);
            else if (fence >= 2) rest.Add(line);
        }
        return new ExampleDoc(title, string.Join("\n", code).Trim('\n'), Paragraphs(rest));
    }

    /// <summary>
    /// Blank-line separated paragraphs, each joined to one line; yaml and other fences dropped. A list item ("- ")
    /// starts a paragraph of its own, so a Markdown list stays one item per paragraph in Get-Help instead of running
    /// into one block.
    /// </summary>
    private static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var result = new List<string>();
        var current = new List<string>();
        var inFence = false;
        foreach (var raw in lines)
        {
            if (raw.StartsWith("```")) { inFence = !inFence; continue; }
            if (inFence) continue;
            if (string.IsNullOrWhiteSpace(raw))
            {
                if (current.Count > 0) result.Add(string.Join(" ", current));
                current.Clear();
            }
            else
            {
                if (raw.StartsWith("- ", StringComparison.Ordinal) && current.Count > 0)
                {
                    result.Add(string.Join(" ", current));
                    current.Clear();
                }
                current.Add(raw.Trim());
            }
        }
        if (current.Count > 0) result.Add(string.Join(" ", current));
        return result.Select(p => InlineCode().Replace(p, "$1")).ToList();
    }

    private static string StripFrontMatter(string text)
    {
        if (!text.StartsWith("---\n")) return text;
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        return end < 0 ? text : text[(end + 5)..];
    }

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();
}

using System.Text;
using System.Text.RegularExpressions;

namespace VideoPlatforms.Tests.Module;

/// <summary>
/// The repository stands on its own: no file points outside it, and every citation of a platform contract
/// (<c>docs/platforms/&lt;platform&gt;.md#&lt;section&gt;</c>) names a file and a heading that exist, so someone who clones
/// the project can follow every reference. Reads the source tree; needs no Sandbox and no PowerShell.
/// </summary>
public sealed partial class RepositoryTests
{
    /// <summary>Where the repository's own text lives; build output and tool folders are not scanned.</summary>
    private static readonly string[] ScannedRoots = ["src", "tests", "docs", "bench", "examples", ".ci"];

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "out", "TestResults", ".vs", ".git" };

    /// <summary>
    /// Names of places outside the repository. Written in pieces so this file can be scanned like every other.
    /// </summary>
    private static readonly string[] OutsideReferences =
    [
        "PROVIDERS" + ".md",        // the contracts' old home, outside the repository: cite docs/platforms/ instead
        ".." + "/shared",           // a sibling folder of the checkout
        "shared" + "/reference",
        "/" + "work/",              // an absolute path on the machine the code was written on
    ];

    [Fact]
    public void No_file_points_outside_the_repository()
    {
        var found = new List<string>();
        foreach (var (path, text) in TextFiles())
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
                foreach (var outside in OutsideReferences.Where(o => lines[i].Contains(o, StringComparison.OrdinalIgnoreCase)))
                    found.Add($"{Relative(path)}:{i + 1} names '{outside}': {lines[i].Trim()}");
        }
        Assert.True(found.Count == 0,
            "These lines point outside the repository; cite docs/platforms/<platform>.md#<section> or a file in the repository instead:\n"
            + string.Join("\n", found));
    }

    [Fact]
    public void Every_platform_contract_citation_names_an_existing_file_and_section()
    {
        var platforms = Path.Combine(Root, "docs", "platforms");
        var anchors = Directory.GetFiles(platforms, "*.md")
            .ToDictionary(f => Path.GetFileName(f), f => Anchors(File.ReadAllText(f)), StringComparer.Ordinal);
        var cited = 0;
        var broken = new List<string>();
        foreach (var (path, text) in TextFiles())
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in Citation().Matches(lines[i]))
                {
                    cited++;
                    var problem = Check(anchors, m.Groups["file"].Value, m.Groups["anchor"].Success ? m.Groups["anchor"].Value : null);
                    if (problem is not null) broken.Add($"{Relative(path)}:{i + 1} cites {m.Value}: {problem}");
                }
                // Links between and inside the contract files themselves: (#anchor) and (other.md#anchor).
                if (Path.GetDirectoryName(path) == Path.GetFullPath(platforms))
                    foreach (Match m in LocalLink().Matches(lines[i]))
                    {
                        var file = m.Groups["file"].Success && m.Groups["file"].Value.Length > 0 ? m.Groups["file"].Value : Path.GetFileName(path);
                        var problem = Check(anchors, file, m.Groups["anchor"].Success ? m.Groups["anchor"].Value : null);
                        if (problem is not null) broken.Add($"{Relative(path)}:{i + 1} links {m.Value}: {problem}");
                    }
            }
        }
        Assert.True(cited > 0, "no citation of docs/platforms/ was found at all: the scan itself is broken");
        Assert.True(broken.Count == 0, "Citations of the platform contracts that lead nowhere:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_platform_contract_has_the_same_sections()
    {
        var files = Directory.GetFiles(Path.Combine(Root, "docs", "platforms"), "*.md").Where(f => Path.GetFileName(f) != "README.md").ToList();
        Assert.True(files.Count >= 4, $"expected a contract per platform in docs/platforms, found {files.Count}");
        var layouts = files.ToDictionary(f => Path.GetFileName(f), f => string.Join(" | ", Headings(File.ReadAllText(f)).Where(h => h.Level == 2).Select(h => h.Text)));
        var expected = layouts.Values.GroupBy(l => l).OrderByDescending(g => g.Count()).First().Key;
        var different = layouts.Where(kv => kv.Value != expected).Select(kv => $"{kv.Key}: {kv.Value}").ToList();
        Assert.True(different.Count == 0, $"Every platform file should have the sections '{expected}'; these differ:\n" + string.Join("\n", different));
    }

    [Theory]
    [InlineData("## 3. Upload protocol", "3-upload-protocol")]
    [InlineData("### Video object and status", "video-object-and-status")]
    [InlineData("## 8. Readings where the sources disagree", "8-readings-where-the-sources-disagree")]
    [InlineData("## `Content-Range` (bytes/part)", "content-range-bytespart")]
    [InlineData("## Rate limits & retries", "rate-limits--retries")]
    public void Anchors_follow_GitHubs_rules(string heading, string anchor) => Assert.Contains(anchor, Anchors(heading));

    /// <summary>Null when the file exists and has the anchor (or no anchor was asked for); otherwise what is wrong.</summary>
    private static string? Check(Dictionary<string, HashSet<string>> anchors, string file, string? anchor)
    {
        if (!anchors.TryGetValue(file, out var known)) return $"docs/platforms/{file} does not exist";
        if (anchor is not null && !known.Contains(anchor))
            return $"docs/platforms/{file} has no heading with the anchor #{anchor} (it has: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(a => "#" + a))})";
        return null;
    }

    /// <summary>
    /// The anchors GitHub gives a file's headings: lower case, punctuation dropped, each space a '-'; a repeated
    /// heading gets -1, -2, ... Fenced code blocks hold no headings.
    /// </summary>
    internal static HashSet<string> Anchors(string markdown)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, text) in Headings(markdown))
        {
            var slug = new StringBuilder();
            foreach (var c in text.ToLowerInvariant())
                if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
                else if (c == ' ') slug.Append('-');
            var anchor = slug.ToString();
            if (seen.TryGetValue(anchor, out var count))
            {
                seen[anchor] = count + 1;
                anchor = $"{anchor}-{count}";
            }
            else
            {
                seen[anchor] = 1;
            }
            result.Add(anchor);
        }
        return result;
    }

    private static IEnumerable<(int Level, string Text)> Headings(string markdown)
    {
        var fenced = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced || HeadingLine().Match(line) is not { Success: true } m) continue;
            yield return (m.Groups["hashes"].Value.Length, m.Groups["text"].Value.Trim().TrimEnd('#').Trim());
        }
    }

    /// <summary>
    /// Every tracked text file: the files git tracks (so local build output and benchmark results are left alone),
    /// or, without git, every file at the top level and under the scanned roots.
    /// </summary>
    private static IEnumerable<(string Path, string Text)> TextFiles()
    {
        var files = TrackedFiles();
        if (files is null)
        {
            files = Directory.GetFiles(Root).ToList();
            foreach (var top in ScannedRoots.Select(r => Path.Combine(Root, r)).Where(Directory.Exists))
                files.AddRange(FilesUnder(top));
        }
        foreach (var file in files.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            // Binary files (images, archives) are not text: a NUL byte early on says so.
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0)) continue;
            yield return (file, Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>The files git tracks in the checkout, or null when git cannot say (not installed, not a clone).</summary>
    private static List<string>? TrackedFiles()
    {
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("git", "ls-files -z")
            {
                WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var git = System.Diagnostics.Process.Start(start);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode != 0) return null;
            var files = output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(f => Path.GetFullPath(Path.Combine(Root, f))).ToList();
            return files.Count > 0 ? files : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    private static IEnumerable<string> FilesUnder(string folder)
    {
        foreach (var file in Directory.GetFiles(folder)) yield return file;
        foreach (var sub in Directory.GetDirectories(folder).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
            foreach (var file in FilesUnder(sub)) yield return file;
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>The checkout's root: the folder above the test binaries that holds VideoPlatforms.slnx.</summary>
    private static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VideoPlatforms.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (the folder holding VideoPlatforms.slnx) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"docs/platforms/(?<file>[A-Za-z0-9_.-]+\.md)(?:#(?<anchor>[A-Za-z0-9_-]+))?")]
    private static partial Regex Citation();

    [GeneratedRegex(@"\]\((?<file>[A-Za-z0-9_.-]+\.md)?#(?<anchor>[A-Za-z0-9_-]+)\)")]
    private static partial Regex LocalLink();

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.+)$")]
    private static partial Regex HeadingLine();
}

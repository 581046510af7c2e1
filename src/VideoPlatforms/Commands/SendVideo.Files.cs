using System.Collections.ObjectModel;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

// Send-Video's inputs: the files named by -Path or -LiteralPath, and the -CaptionPath files, resolved on the pipeline
// thread (PowerShell's providers and current directory are only reachable there).
public sealed partial class SendVideoCommand
{
    /// <summary>
    /// The -CaptionPath files as caption requests, the language read from each name (talk.en.vtt is en). ProcessFiles
    /// checks them before any upload: the platform takes captions, the file is WebVTT.
    /// </summary>
    private IReadOnlyList<CaptionRequest>? Captions()
    {
        if (CaptionPath is null) return null;
        var captions = new List<CaptionRequest>();
        foreach (var given in CaptionPath)
        {
            var full = GetUnresolvedProviderPathFromPSPath(given);
            var name = System.IO.Path.GetFileNameWithoutExtension(full);
            var language = name.Contains('.') ? name[(name.LastIndexOf('.') + 1)..] : "";
            if (!VideoPlatforms.Captions.LanguageTag.IsValid(language))
                Fail("CaptionLanguageUnknown", ErrorCategory.InvalidArgument,
                    $"-CaptionPath '{given}': the language is read from the file name, just before .vtt, and '{name}' names none the platforms take. Rename it like talk.en.vtt or talk.pt-BR.vtt, or attach it with Add-VideoCaption -Language.", given);
            captions.Add(new CaptionRequest(full, language));
        }
        return captions;
    }

    /// <summary>Full file-system paths of this record's files; unresolvable ones are written as errors.</summary>
    private IEnumerable<string> ResolveFiles()
    {
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (var literal in LiteralPath!)
            {
                string? full = null;
                try
                {
                    full = GetUnresolvedProviderPathFromPSPath(literal);
                }
                catch (Exception ex) when (ex is ItemNotFoundException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
                {
                    WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, literal));
                }
                if (full is not null) yield return full;
            }
            yield break;
        }

        foreach (var path in Path!)
        {
            Collection<string>? resolved = null;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{path}' is on the {provider.Name} provider; Send-Video uploads files from the file system."),
                        "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
                    continue;
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"The file '{path}' does not exist. Check the path and run the command again.", ex),
                    "FileNotFound", ErrorCategory.ObjectNotFound, path));
                continue;
            }
            if (resolved.Count == 0)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No file matches '{path}'. Check the pattern and the current directory."),
                    "NoFileMatched", ErrorCategory.ObjectNotFound, path));
                continue;
            }
            var wildcard = WildcardPattern.ContainsWildcardCharacters(path);
            foreach (var file in resolved)
            {
                // A pattern such as * also matches folders; skipping those is what the person meant. A folder named
                // outright is still an error (Inspect says so).
                if (wildcard && Directory.Exists(file))
                {
                    WriteVerbose($"Skipping the directory '{file}', matched by '{path}'.");
                    continue;
                }
                yield return file;
            }
        }
    }
}

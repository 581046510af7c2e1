using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VideoPlatforms.Commands;

/// <summary>Completes -Provider from the provider registry.</summary>
public sealed class ProviderNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(ProviderRegistry.All.Select(d => (d.Name, $"{d.DisplayName}: {d.CredentialHelp}")), wordToComplete);
}

/// <summary>Completes -Environment with the environments of the provider already typed.</summary>
public sealed class EnvironmentCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var provider = fakeBoundParameters["Provider"] as string;
        var descriptors = provider is null ? ProviderRegistry.All : ProviderRegistry.All.Where(d => string.Equals(d.Name, provider, StringComparison.OrdinalIgnoreCase));
        return Completions.Matching(descriptors.SelectMany(d => d.Environments.Select(e => (e.Key, $"{d.DisplayName} {e.Key}: {e.Value}")))
            .DistinctBy(e => e.Key), wordToComplete);
    }
}

/// <summary>Completes connection names of this runspace.</summary>
public sealed class ConnectionNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(ConnectionStore.Current.All.Select(c => (c.Name, $"{c.Provider} at {c.BaseUri}")), wordToComplete);
}

/// <summary>
/// Completes video ids with the videos this session has seen on the connection in use (-Connection, else the
/// default): the word matches the start of an id or any part of a title, and the title is the tooltip.
/// </summary>
public sealed class VideoIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = Completions.TargetConnection(fakeBoundParameters);
        if (connection is null || connection.IsDisposed) return Array.Empty<CompletionResult>();
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var titlePattern = WildcardPattern.Get("*" + word + "*", WildcardOptions.IgnoreCase);
        return connection.RecentVideos
            .Where(v => v.Id.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (v.Title is not null && titlePattern.IsMatch(v.Title)))
            .Select(v => new CompletionResult(v.Id, string.IsNullOrEmpty(v.Title) ? v.Id : $"{v.Id} ({v.Title})", CompletionResultType.ParameterValue,
                string.IsNullOrEmpty(v.Title) ? v.Id : v.Title));
    }
}

/// <summary>Completes -Quality with Best and the quality names the four platforms use.</summary>
public sealed class QualityCompleter : IArgumentCompleter
{
    private static readonly string[] Names = { "Best", "source", "mp4", "original", "default", "1080p", "720p", "540p", "360p" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
        Names.Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}

/// <summary>
/// Completes -Language with the languages already on the video named by -Video (asked of the platform, at most a few
/// seconds), so Remove-VideoCaption and Get-VideoCaption offer what is there and Add-VideoCaption what it would replace.
/// </summary>
public sealed class CaptionLanguageCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = Completions.TargetConnection(fakeBoundParameters);
        var video = new[] { "Video", "Id", "VideoId" }.Select(k => fakeBoundParameters[k]).FirstOrDefault(v => v is not null);
        var id = (video is PSObject wrapped ? wrapped.BaseObject : video) switch
        {
            string text => text,
            string[] { Length: > 0 } many => many[0],
            Video v => v.Id,
            _ => null,
        };
        if (connection is null || connection.IsDisposed || string.IsNullOrEmpty(id)) return Array.Empty<CompletionResult>();
        try
        {
            using var stop = new CancellationTokenSource(Patience);
            var captions = connection.Client.GetCaptionsAsync(id, stop.Token).GetAwaiter().GetResult();
            return Completions.Matching(captions.GroupBy(c => c.Language, StringComparer.OrdinalIgnoreCase)
                .Select(g => (g.Key, string.Join(", ", g.Select(c => c.Label is { Length: > 0 } label ? $"{c.Kind} ({label})" : c.Kind.ToString())))), wordToComplete);
        }
        catch (Exception ex) when (ex is VideoProviderException or OperationCanceledException)
        {
            // Completion never fails loudly: no suggestions is the answer when the platform cannot say.
            return Array.Empty<CompletionResult>();
        }
    }
}

internal static class Completions
{
    /// <summary>
    /// The connection the command on the line would use: its -Connection argument where PowerShell could work it out
    /// (a variable), else the runspace's default. Null when there is none, or when -Connection is given as something
    /// completion cannot evaluate (a command in parentheses): then the target is not known.
    /// </summary>
    public static VideoProviderConnection? TargetConnection(IDictionary fakeBoundParameters)
    {
        if (!fakeBoundParameters.Contains("Connection")) return ConnectionStore.Current.Default;
        var bound = fakeBoundParameters["Connection"];
        return (bound is PSObject ps ? ps.BaseObject : bound) as VideoProviderConnection;
    }

    /// <summary>The platform-dependent option a command's parameter is; a module-qualified name (VideoPlatforms\Send-Video) counts as the command's own.</summary>
    public static OptionInfo? Option(string commandName, string parameterName) =>
        PlatformOptions.Find(commandName[(commandName.LastIndexOf('\\') + 1)..], parameterName);

    /// <summary>
    /// The platform whose declaration decides what <paramref name="option"/> may take on the line being completed:
    /// Connect-VideoProvider's -Provider, else the platform of <see cref="TargetConnection"/>. Null when not known.
    /// </summary>
    public static ProviderDescriptor? TargetPlatform(OptionInfo option, IDictionary fakeBoundParameters)
    {
        if (string.Equals(option.Command, "Connect-VideoProvider", StringComparison.OrdinalIgnoreCase))
            return fakeBoundParameters["Provider"] is string provider ? ProviderRegistry.Find(provider) : null;
        return TargetConnection(fakeBoundParameters) is { } connection ? ProviderRegistry.Find(connection.Provider) : null;
    }

    public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Value, string Tooltip)> candidates, string wordToComplete)
    {
        var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        foreach (var (value, tooltip) in candidates.Where(c => pattern.IsMatch(c.Value)).OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase))
            yield return new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, tooltip);
    }

    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || "'\"`$;,(){}@#&|<>".Contains(c)) ? "'" + value.Replace("'", "''") + "'" : value;
}

/// <summary>Refuses a -Provider value the registry does not know, listing the ones it does.</summary>
public sealed class ValidateProviderAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var name = arguments?.ToString() ?? string.Empty;
        if (ProviderRegistry.Find(name) is null)
            throw new ValidationMetadataException($"'{name}' is not a provider this module knows. Use one of: {string.Join(", ", ProviderRegistry.Names)}.");
    }
}

/// <summary>
/// Reads a bare number as seconds. PowerShell would otherwise turn 3600 into 3600 ticks (0.36 ms), which is never
/// what someone typing -TimeToLive 3600 means.
/// </summary>
public sealed class SecondsToTimeSpanAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
        (inputData is PSObject ps ? ps.BaseObject : inputData) switch
        {
            int i => TimeSpan.FromSeconds(i),
            long l => TimeSpan.FromSeconds(l),
            double d => TimeSpan.FromSeconds(d),
            decimal m => TimeSpan.FromSeconds((double)m),
            var other => other,
        };
}

/// <summary>
/// Accepts an upload token in each form a secret comes in, where a token string is expected: a string, an
/// UploadToken (-UploadToken (New-UploadToken)), a SecureString (Read-Host -AsSecureString) or a PSCredential whose
/// password is the token, as every other secret of the module may be given.
/// </summary>
public sealed class UploadTokenTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject ps ? ps.BaseObject : inputData) switch
        {
            object[] many => many.Select(o => One(o) is var token && token is string or null ? token : token.ToString()).ToArray(),
            _ => One(inputData),
        };

    private static object? One(object? input) => (input is PSObject ps ? ps.BaseObject : input) switch
    {
        UploadToken token => token.Token,
        System.Security.SecureString secure => new System.Net.NetworkCredential(string.Empty, secure).Password,
        PSCredential credential => credential.GetNetworkCredential().Password,
        IDictionary => throw new ArgumentTransformationMetadataException(
            "A hashtable is not an upload token (PowerShell never binds a hashtable's keys as parameters). Give the token as a string, SecureString or PSCredential, or pipe UploadToken objects (Get-UploadToken)."),
        var other => other,
    };
}

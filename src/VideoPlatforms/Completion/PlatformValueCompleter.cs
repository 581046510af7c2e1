using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace VideoPlatforms.Commands;

/// <summary>
/// Completes a parameter whose values depend on the platform (declared as <see cref="PlatformValue{TEnum}"/>) from the
/// providers' declarations, the same ones the engine refuses from and help describes: the values the target
/// connection's platform takes (-Connection on the line, else the default connection), nothing where the platform
/// refuses the parameter, and every value, each saying which platforms take it, when no connection is known.
/// </summary>
/// <remarks>
/// The option is found by the command and parameter name (<see cref="PlatformOptions.Find"/>), so a new declaration
/// entry, or a new value in one, changes completion without touching this class.
/// </remarks>
public sealed class PlatformValueCompleter<TEnum> : IArgumentCompleter where TEnum : struct, Enum
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var names = Enum.GetNames<TEnum>();
        var option = Completions.Option(commandName, parameterName);
        if (option is null) return Completions.Matching(names.Select(n => (n, n)), wordToComplete);

        var platform = Completions.TargetPlatform(option, fakeBoundParameters);
        if (platform is null)
        {
            return Completions.Matching(names.Select(n => (n, $"{n}: {TakenBy(option.Option, n)}")), wordToComplete);
        }

        // Where the platform refuses the parameter nothing is offered (not even file names): Get-Video -Status on a
        // platform whose listing has no status would only be refused.
        var support = platform.Capabilities[option.Option];
        var how = support.How == Support.Client ? " (filtered by the module)" : "";
        return Completions.Matching(names.Where(support.Accepts)
            .Select(n => (n, $"{n}: {platform.DisplayName} takes it{how}.{(support.Note.Length > 0 ? " " + support.Note : "")}")), wordToComplete);
    }

    /// <summary>Which platforms take <paramref name="value"/> for <paramref name="option"/>, from their declarations.</summary>
    private static string TakenBy(PlatformOption option, string value)
    {
        var platforms = ProviderRegistry.All.Where(d => d.Capabilities[option].Accepts(value)).Select(d => d.DisplayName).ToList();
        return platforms.Count == 0 ? "no platform takes it." : $"taken by {string.Join(", ", platforms)}.";
    }
}

/// <summary>
/// Completes the other parameters that depend on the platform (free text, paths, numbers, hashtables): where the target
/// platform refuses the parameter nothing is offered, so Tab does not suggest file names for a parameter that would
/// only be refused; where it honours it, a declaration that lists values offers them, and otherwise PowerShell
/// completes as it always does.
/// </summary>
public sealed class PlatformParameterCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult>? CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        // Null lets PowerShell complete as it would without this completer.
        var option = Completions.Option(commandName, parameterName);
        if (option is null || Completions.TargetPlatform(option, fakeBoundParameters) is not { } platform) return null;
        var support = platform.Capabilities[option.Option];
        if (!support.IsHonoured) return Array.Empty<CompletionResult>();
        return support.Values is { } values
            ? Completions.Matching(values.Select(v => (v, $"{v}: {platform.DisplayName} takes it.")), wordToComplete)
            : null;
    }
}

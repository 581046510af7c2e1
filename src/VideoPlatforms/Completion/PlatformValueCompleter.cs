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
        // PowerShell passes the command's own name; a module-qualified one (VideoPlatforms\Send-Video) is cut to it.
        var option = PlatformOptions.Find(commandName[(commandName.LastIndexOf('\\') + 1)..], parameterName);
        if (option is null) return Completions.Matching(names.Select(n => (n, n)), wordToComplete);

        var platform = Completions.TargetConnection(fakeBoundParameters) is { } connection ? ProviderRegistry.Find(connection.Provider) : null;
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

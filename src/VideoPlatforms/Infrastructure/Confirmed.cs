using System.Management.Automation;
using System.Management.Automation.Host;

namespace VideoPlatforms.Commands;

/// <summary>ShouldProcess with -Force: -WhatIf still only reports, -Confirm still asks, otherwise -Force skips the prompt.</summary>
internal static class Confirmed
{
    /// <param name="cmdlet">The command asking.</param>
    /// <param name="force">Its -Force.</param>
    /// <param name="target">What the prompt and -WhatIf name.</param>
    /// <param name="action">What would be done, e.g. "Delete video".</param>
    /// <param name="item">The input an error names as its target when no prompt can be shown (default: <paramref name="target"/>).</param>
    public static bool ShouldProcess(PSCmdlet cmdlet, bool force, string target, string action, object? item = null)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        var confirmAsked = bound.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter { IsPresent: true };
        if (force && !confirmAsked && !WhatIfActive(cmdlet))
        {
            cmdlet.WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
            return true;
        }
        try
        {
            return cmdlet.ShouldProcess(target, action);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException or NotImplementedException or NotSupportedException)
        {
            // The prompt could not be shown: pwsh -NonInteractive, a scheduled job or a host without a UI. PowerShell's
            // own error ("Read and Prompt functionality is not available") does not say how to go on; this does.
            var command = cmdlet.MyInvocation.MyCommand.Name;
            cmdlet.ThrowTerminatingError(new ErrorRecord(
                new PSInvalidOperationException(
                    $"{command} asks for confirmation before it does \"{action}\" on {target}, but this session cannot prompt (it is non-interactive, e.g. pwsh -NonInteractive, a job or a runbook). Add -Force or -Confirm:$false to {char.ToLowerInvariant(action[0])}{action[1..]} without asking, or -WhatIf to see what it would do.",
                    ex),
                "ConfirmationNotPossible", ErrorCategory.InvalidOperation, item ?? target));
            return false;
        }
    }

    private static bool WhatIfActive(PSCmdlet cmdlet)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf))
            return whatIf is SwitchParameter { IsPresent: true };
        return LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));
    }
}

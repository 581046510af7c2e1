using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>ShouldProcess with -Force: -WhatIf still only reports, -Confirm still asks, otherwise -Force skips the prompt.</summary>
internal static class Confirmed
{
    public static bool ShouldProcess(PSCmdlet cmdlet, bool force, string target, string action)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        var confirmAsked = bound.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter { IsPresent: true };
        if (force && !confirmAsked && !WhatIfActive(cmdlet))
        {
            cmdlet.WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\".");
            return true;
        }
        return cmdlet.ShouldProcess(target, action);
    }

    private static bool WhatIfActive(PSCmdlet cmdlet)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf))
            return whatIf is SwitchParameter { IsPresent: true };
        return LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));
    }
}

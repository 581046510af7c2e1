using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Deletes upload tokens, so they can no longer be used to upload.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "UploadToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveUploadTokenCommand : ConnectedCmdlet
{
    /// <summary><para type="description">The tokens to delete. Accepts UploadToken objects from the pipeline.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [UploadTokenTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? Token { get; set; }

    /// <summary><para type="description">Deletes without asking for confirmation, even when $ConfirmPreference asks for it. -WhatIf still only reports.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        foreach (var value in Token!)
        {
            // Show enough of the token to tell it apart, not enough to use it.
            var shown = value.Length > 8 ? value[..4] + "..." + value[^2..] : "***";
            if (!Confirmed.ShouldProcess(this, Force, $"{connection.Provider} upload token {shown}", "Delete upload token")) continue;
            try
            {
                Run(token => connection.Client.DeleteUploadTokenAsync(value, token));
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, shown);
            }
        }
    }
}

using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Deletes upload tokens, so they can no longer be used to upload. Asks for confirmation unless -Force or -Confirm:$false.</para>
/// </summary>
// ConfirmImpact High, as Remove-Video's: a revoked token cannot be restored, and whoever was handed it can no longer upload.
[Cmdlet(VerbsCommon.Remove, "UploadToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveUploadTokenCommand : ConnectedCmdlet
{
    /// <summary><para type="description">The tokens to delete. Accepts UploadToken objects from the pipeline.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [UploadTokenTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? Token { get; set; }

    /// <summary><para type="description">Deletes without asking for confirmation. -WhatIf still only reports.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        foreach (var value in Token!)
        {
            var shown = MaskedToken.Of(value);
            if (!Confirmed.ShouldProcess(this, Force, $"{connection.Provider} upload token {shown}", "Delete upload token", shown)) continue;
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

using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Deletes videos from the platform. Asks for confirmation unless -Force or -Confirm:$false.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "Video", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveVideoCommand : ConnectedCmdlet
{
    /// <summary><para type="description">Ids of the videos to delete. Accepts Video objects from the pipeline.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    [PipelineProperty("Id", "VideoId")]
    public string[]? Id { get; set; }

    /// <summary><para type="description">Deletes without asking for confirmation. -WhatIf still only reports.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        foreach (var id in Id!)
        {
            if (!Confirmed.ShouldProcess(this, Force, $"{connection.Provider} video {id} ({connection.Name})", "Delete video", id)) continue;
            try
            {
                Run(token => connection.Client.DeleteVideoAsync(id, token));
                WriteVerbose($"Deleted {connection.Provider} video {id}.");
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, id);
            }
        }
    }
}

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

    /// <summary>
    /// <para type="description">The title of a video piped in, bound from its Title property; not meant to be typed. It names the video in the confirmation prompt and -WhatIf.</para>
    /// </summary>
    // A prompt that only says "delete vi4k0jvEUuaTdRAEjQ4Jfrgz?" asks a person to confirm something they cannot
    // recognise. The piped Video already carries its title, so no request is made to read it.
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [Alias("Title")]
    public string? ItemTitle { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        foreach (var id in Id!)
        {
            if (!Confirmed.ShouldProcess(this, Force, DescribeTarget(connection, id), "Delete video", id)) continue;
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

    /// <summary>
    /// What the prompt names: the video's title and id, and the connection. The title comes from the Video piped in,
    /// or else from the videos this session has seen on the connection (Get-Video, Send-Video...); with an id never
    /// seen, the id alone, rather than a GET per video just to word the question.
    /// </summary>
    private string DescribeTarget(VideoProviderConnection connection, string id)
    {
        var title = Id!.Length == 1 && !string.IsNullOrEmpty(ItemTitle)
            ? ItemTitle
            : connection.RecentVideos.FirstOrDefault(video => video.Id == id).Title;
        return string.IsNullOrEmpty(title)
            ? $"{connection.Provider} video {id} ({connection.Name})"
            : $"{connection.Provider} video '{title}' ({id}, {connection.Name})";
    }
}

using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Lists the captions, subtitles and chapters of videos.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "VideoCaption")]
[OutputType(typeof(VideoCaption))]
public sealed class GetVideoCaptionCommand : ConnectedCmdlet
{
    /// <summary><para type="description">The videos, as Video objects from the pipeline or their ids.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "VideoId")]
    [PipelineProperty("Id", "VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Video { get; set; }

    /// <summary><para type="description">Only the tracks in these languages (wildcards allowed, e.g. en*).</para></summary>
    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(CaptionLanguageCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Language { get; set; }

    /// <summary><para type="description">Only the tracks of this kind: Captions, Subtitles or Chapters.</para></summary>
    [Parameter]
    public CaptionKind? Kind { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        var languages = Language?.Select(l => WildcardPattern.Get(l, WildcardOptions.IgnoreCase)).ToList();
        foreach (var id in Video!)
        {
            try
            {
                var captions = Run(token => connection.Client.GetCaptionsAsync(id, token));
                foreach (var caption in captions)
                {
                    if (Kind is { } kind && caption.Kind != kind) continue;
                    if (languages is not null && !languages.Any(p => p.IsMatch(caption.Language))) continue;
                    WriteObject(caption);
                }
            }
            catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotSupported)
            {
                // The platform cannot list tracks at all: the same for every video, so once is enough.
                Fail(ex, connection);
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, id);
            }
        }
    }
}

using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Attaches a WebVTT caption, subtitle or chapters file to a video.</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "VideoCaption", SupportsShouldProcess = true)]
[OutputType(typeof(VideoCaption))]
public sealed class AddVideoCaptionCommand : ConnectedCmdlet
{
    /// <summary><para type="description">The video, as a Video object from the pipeline or its id.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "VideoId")]
    [PipelineProperty("Id", "VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Video { get; set; }

    /// <summary><para type="description">The WebVTT (.vtt) file. With videos from the pipeline, a script block computes it per video: -Path { "./captions/$($_.Title).en.vtt" }.</para></summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary><para type="description">The IETF language tag of the file, such as en, fr-CA or pt-BR.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(CaptionLanguageCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Language { get; set; }

    /// <summary><para type="description">The name the player shows for the track (Vimeo, Ziggeo). The language tag when left out.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.AddCaptionLabel)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string? Label { get; set; }

    /// <summary><para type="description">What the file is: Captions, Subtitles or Chapters, as far as the platform has them. Left out, the platform's usual kind (captions; subtitles on Ziggeo).</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DependsOnPlatform(PlatformOption.AddCaptionKind)]
    [PlatformValueTransformation(typeof(CaptionKind))]
    [ArgumentCompleter(typeof(PlatformValueCompleter<CaptionKind>))]
    public PlatformValue<CaptionKind>? Kind { get; set; }

    /// <summary><para type="description">Makes the captions the ones the player turns on by itself (api.video).</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.AddCaptionDefault)]
    public SwitchParameter Default { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        var request = new CaptionRequest(GetUnresolvedProviderPathFromPSPath(Path!), Language!)
        {
            Label = Label,
            Kind = Kind?.Value,
            Default = Default,
        };
        try
        {
            // Before any request: the options against the platform, the language tag, the file as WebVTT.
            connection.Client.ValidateCaption(request);
        }
        catch (ParameterNotSupportedException ex)
        {
            Fail(ex, connection);
        }
        catch (VideoProviderException ex)
        {
            // A bad file or tag is this item's error; the next video (with its own -Path) may be fine.
            WriteFailure(ex, ex.ErrorId == "InvalidLanguage" ? Language : Path);
            return;
        }

        var what = $"{Kind?.ToString().ToLowerInvariant() ?? "captions"} '{request.FilePath}' ({request.Language})";
        if (!ShouldProcess($"{connection.Provider} video {Video}", $"Attach {what}")) return;
        try
        {
            var caption = Run(token => connection.Client.AddCaptionAsync(Video!, request, token));
            WriteObject(caption);
        }
        catch (VideoProviderException ex)
        {
            WriteFailure(ex, Video);
        }
    }
}

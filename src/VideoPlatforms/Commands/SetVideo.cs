using System.Collections;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Changes a video's title, description, tags, privacy or metadata. Only the values given change.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "Video", SupportsShouldProcess = true)]
[OutputType(typeof(Video))]
public sealed class SetVideoCommand : ConnectedCmdlet
{
    /// <summary><para type="description">Ids of the videos to change. Accepts Video objects from the pipeline.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    [PipelineProperty("Id", "VideoId")]
    public string[]? Id { get; set; }

    /// <summary><para type="description">The new title.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary><para type="description">The new description. An empty string clears it.</para></summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary><para type="description">The new tags; they replace all current tags. @() clears them.</para></summary>
    [Parameter]
    [Alias("Tags")]
    [AllowEmptyCollection]
    [DependsOnPlatform(PlatformOption.UpdateTag)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string[]? Tag { get; set; }

    /// <summary><para type="description">Who can watch the video: Public, Unlisted or Private (as far as the platform has them).</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.UpdatePrivacy)]
    [PlatformValueTransformation(typeof(VideoPrivacy))]
    [ArgumentCompleter(typeof(PlatformValueCompleter<VideoPrivacy>))]
    public PlatformValue<VideoPrivacy>? Privacy { get; set; }

    /// <summary><para type="description">The new metadata, as a hashtable; it replaces all current metadata. @{} clears it.</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.UpdateMetadata)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public Hashtable? Metadata { get; set; }

    /// <summary><para type="description">The video's key, a second id of your choosing (Ziggeo; address it later as -Id _key). An empty string removes it.</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.UpdateKey)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string? Key { get; set; }

    /// <summary><para type="description">The day the platform deletes the video (Ziggeo's expiration date).</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.UpdateExpiresOn)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public DateTime? ExpiresOn { get; set; }
    /// <summary><para type="description">An image file to make the video's thumbnail (Vimeo: JPEG, PNG or GIF; api.video: JPEG, PNG or WebP up to 8 MiB; Ziggeo: JPEG or PNG, attached to the video's stream).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.UpdateThumbnail)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string? ThumbnailPath { get; set; }

    /// <summary><para type="description">Makes the frame at this time of the video its thumbnail, picked by the platform (api.video), e.g. -ThumbnailAt 00:00:05 or -ThumbnailAt (New-TimeSpan -Seconds 90).</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.UpdateThumbnailAt)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public TimeSpan? ThumbnailAt { get; set; }

    /// <summary><para type="description">Returns the changed video.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private VideoUpdate _update = new();

    protected override void BeginProcessing()
    {
        if (Title is not null && string.IsNullOrWhiteSpace(Title))
            Fail("TitleEmpty", ErrorCategory.InvalidArgument, "-Title is blank. Give a title with visible characters.", Title);
        RefuseReservedMetadata(Metadata);
        _update = new VideoUpdate
        {
            Title = Title,
            Description = Description,
            Tags = Tag,
            Privacy = Privacy?.Value,
            Metadata = ToMetadata(Metadata),
            Key = Key,
            ExpiresOn = ExpiresOn is { } day ? new DateTimeOffset(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc)) : null,
            ThumbnailPath = ThumbnailPath is null ? null : GetUnresolvedProviderPathFromPSPath(ThumbnailPath),
            ThumbnailAt = ThumbnailAt,
        };
        if (_update.IsEmpty)
            Fail("NothingToUpdate", ErrorCategory.InvalidArgument,
                "Set-Video was given nothing to change. Give at least one of -Title, -Description, -Tag, -Privacy, -Metadata, -ThumbnailPath, -ThumbnailAt, -Key or -ExpiresOn.", null);
    }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        try
        {
            connection.Client.ValidateUpdate(_update);
        }
        catch (VideoProviderException ex)
        {
            // The offending argument is the target, as in PowerShell's own parameter errors.
            Fail(ex, ex.ErrorId.StartsWith("Privacy", StringComparison.Ordinal) ? Privacy?.Value : connection);
        }
        var changes = string.Join(", ", MyInvocation.BoundParameters.Keys.Where(k => k is "Title" or "Description" or "Tag" or "Privacy" or "Metadata" or "ThumbnailPath" or "ThumbnailAt" or "Key" or "ExpiresOn"));
        foreach (var id in Id!)
        {
            if (!ShouldProcess($"{connection.Provider} video {id}", $"Set {changes}")) continue;
            try
            {
                var video = Run(token => connection.Client.UpdateVideoAsync(id, _update, token));
                if (PassThru) WriteVideo(video);
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, id);
            }
        }
    }
}

using System.Collections;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Uploads video files and emits a Video for each one as it finishes.</para>
/// </summary>
// LiteralPath is the default set on purpose: when piped objects also carry Title or Tag, PowerShell resolves the
// set with the default first, and with Path as default it would coerce a whole object to a string and bind it to
// -Path. Strings still bind -Path by value, and a positional argument still goes to -Path.
[Cmdlet(VerbsCommunications.Send, "Video", DefaultParameterSetName = LiteralPathSet, SupportsShouldProcess = true)]
[OutputType(typeof(Video))]
public sealed partial class SendVideoCommand : ConnectedCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary><para type="description">Files to upload. Wildcards are allowed.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [PipelineProperty("Path")]
    public string[]? Path { get; set; }

    /// <summary><para type="description">Files to upload, taken exactly as written (no wildcards). Binds FullName and PSPath from Get-ChildItem output.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "FullName", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary><para type="description">The video's title. Default: the file's name without its extension.</para></summary>
    [PSDefaultValue(Help = "The file's name without its extension")]
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary><para type="description">The video's description.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary><para type="description">Tags for the video.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Tags")]
    [DependsOnPlatform(PlatformOption.UploadTag)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string[]? Tag { get; set; }

    /// <summary><para type="description">Who can watch the video: Public, Unlisted or Private (as far as the platform has them). Default: the platform's default.</para></summary>
    [PSDefaultValue(Help = "The platform's default")]
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DependsOnPlatform(PlatformOption.UploadPrivacy)]
    [PlatformValueTransformation(typeof(VideoPrivacy))]
    [ArgumentCompleter(typeof(PlatformValueCompleter<VideoPrivacy>))]
    public PlatformValue<VideoPrivacy>? Privacy { get; set; }

    /// <summary><para type="description">Key/value metadata for the video, as a hashtable: @{ campaign = 'spring' }.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DependsOnPlatform(PlatformOption.UploadMetadata)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public Hashtable? Metadata { get; set; }

    /// <summary><para type="description">Bytes per upload request, within the platform's limits (api.video: 5MB to 128MB, default 50MB).</para></summary>
    [PSDefaultValue(Help = "api.video 50MB, Vimeo 128MB; Ziggeo and BigGo send the file in one request")]
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    [DependsOnPlatform(PlatformOption.UploadChunkSize)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public long? ChunkSize { get; set; }

    /// <summary><para type="description">Chunks of each file sent at once (api.video, 1 to 16, default 4). On a link with a long round trip one connection cannot fill it; several chunks in flight can. -ChunkConcurrency 1 sends one chunk at a time. Resume, retries and progress stay exact: a failed chunk is retried on its own.</para></summary>
    [PSDefaultValue(Help = "4 on api.video (chunks of one file at once)")]
    [Parameter]
    [ValidateRange(1, UploadRequest.MaximumChunkConcurrency)]
    [DependsOnPlatform(PlatformOption.UploadChunkConcurrency)]
    public int? ChunkConcurrency { get; set; }

    /// <summary><para type="description">Uploads through a delegated upload token (an UploadToken from New-UploadToken, a SecureString such as Read-Host -AsSecureString gives, a PSCredential whose password is the token, or a string) instead of the connection's key.</para></summary>
    [Parameter]
    [UploadTokenTransformation]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.UploadWithToken)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string? UploadToken { get; set; }

    /// <summary><para type="description">Replaces the source file of this existing video instead of creating a new video (Vimeo). Its id, title and privacy stay; give -Title and the like to change them as well.</para></summary>
    // Deliberately not bound from the pipeline: a piped Video must never turn an upload into a replacement.
    [Parameter]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.UploadReplace)]
    public string? ReplaceVideoId { get; set; }

    /// <summary><para type="description">WebVTT caption files to attach to the video once it is uploaded, each named with its language before .vtt (talk.en.vtt, talk.pt-BR.vtt). Checked before the upload starts; recorded in the upload journal, so -Resume attaches each one once. With files from the pipeline, a script block computes them per file: -CaptionPath { $_.FullName -replace '\.mp4$', '.en.vtt' }.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.UploadCaptions)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string[]? CaptionPath { get; set; }

    /// <summary><para type="description">Does not upload a file whose content the account already holds (the same SHA-256, found on the platform, not in the local journal, so it works in a fresh sandbox and across machines): the existing video is written instead, with a verbose line saying why. The hash is read in one streaming pass before the upload. See about_VideoPlatforms for how each platform finds it.</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.UploadSkipExisting)]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary><para type="description">How many files upload at once, from a work queue: a large file never holds back the small ones. Results are written as each file finishes, so with more than 1 their order is the order they finish in. Default 1.</para></summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    /// <summary><para type="description">Finishes what an earlier run left: a file the upload journal records as uploaded is skipped (its Video is written again, after checking it still exists), and a partial upload continues into the same video from what the platform holds. See about_VideoPlatforms for where the journal lives.</para></summary>
    [Parameter]
    public SwitchParameter Resume { get; set; }
}

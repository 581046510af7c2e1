using System.Management.Automation;
using VideoPlatforms.Download;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Downloads videos to local files, streamed, resumable, never overwriting without -Force.</para>
/// </summary>
[Cmdlet(VerbsData.Save, "Video", SupportsShouldProcess = true)]
[OutputType(typeof(VideoDownloadResult))]
public sealed class SaveVideoCommand : ConnectedCmdlet
{
    /// <summary><para type="description">Ids of the videos to download. Accepts Video objects from the pipeline (their Id and Connection bind).</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    [PipelineProperty("Id", "VideoId")]
    public string[]? Id { get; set; }

    /// <summary><para type="description">A folder to save into (the file is named after the video's title), or the full path of the file. Default: the current folder.</para></summary>
    [PSDefaultValue(Help = "The current folder")]
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary><para type="description">Which rendition to download: Best (the default: the source file where the platform offers it, else the tallest), or a quality the platform names (source, mp4, original, default, 1080p...).</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(QualityCompleter))]
    [ValidateNotNullOrEmpty]
    public string Quality { get; set; } = RenditionChooser.Best;

    /// <summary><para type="description">Overwrites an existing file. Without it, an existing file is an error and nothing is downloaded.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary><para type="description">Also saves the video's captions, subtitles and chapters beside it, as WebVTT files named after the video file with the language, and the kind unless it is captions: talk.mp4 gets talk.en.vtt, talk.fr.subtitles.vtt, talk.en.chapters.vtt. An existing file is not overwritten without -Force. Refused on a platform whose tracks cannot be listed or read (Ziggeo, BigGo).</para></summary>
    [Parameter]
    [DependsOnPlatform(PlatformOption.DownloadCaptions)]
    public SwitchParameter IncludeCaptions { get; set; }

    private const int ActivityId = 1;

    // Files written by this command so far: two videos never land on one file, and same-titled videos in one
    // folder get their ids added instead.
    private readonly HashSet<string> _written = new(StringComparer.OrdinalIgnoreCase);

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        try
        {
            // Before any request: a platform that cannot read its tracks refuses -IncludeCaptions (ParameterNotSupported).
            connection.Client.ValidateDownload(new DownloadRequest { IncludeCaptions = IncludeCaptions });
        }
        catch (VideoProviderException ex)
        {
            Fail(ex, connection);
        }
        foreach (var id in Id!)
        {
            (Video Video, VideoRendition Rendition) found;
            try
            {
                found = Run(async token =>
                {
                    var video = await connection.Client.GetVideoAsync(id, token).ConfigureAwait(false);
                    var renditions = await connection.Client.GetRenditionsAsync(id, token).ConfigureAwait(false);
                    return (video, RenditionChooser.Choose(renditions, Quality, connection.Provider, id));
                });
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, id);
                continue;
            }

            var target = Target(found.Video, found.Rendition);
            if (target is null) continue;
            if (_written.Contains(target))
            {
                WriteError(new ErrorRecord(new IOException($"'{target}' was already written by this command for another video. Give -Path a folder, so each video gets its own file."),
                    "SameTargetFile", ErrorCategory.ResourceExists, target));
                continue;
            }
            if (File.Exists(target) && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"The file '{target}' already exists, so {connection.Provider} video {id} was not downloaded. Give -Force to overwrite it, or another -Path."),
                    "FileExists", ErrorCategory.ResourceExists, target));
                continue;
            }
            if (!ShouldProcess(target, $"Save the {found.Rendition.Quality} rendition of {connection.Provider} video {id} ({connection.Name})")) continue;

            var view = new ProgressView(ActivityId, $"Saving {connection.Provider} video {id}");
            try
            {
                var saved = Run(token => connection.Client.DownloadAsync(found.Rendition, target, Force, view, token), view);
                _written.Add(target);
                if (saved.ResumedFrom > 0) WriteVerbose($"Resumed '{target}' from {ProgressView.Size(saved.ResumedFrom)} left by an earlier run.");
                var captions = IncludeCaptions ? SaveCaptions(connection, id, target) : [];
                WriteObject(new VideoDownloadResult(found.Rendition, saved.Path, saved.Length, saved.Sha256, saved.ResumedFrom) { Title = found.Video.Title, Captions = captions });
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, id);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "FileWriteFailed", ErrorCategory.WriteError, target));
            }
            finally
            {
                view.Complete(this);
            }
        }
    }

    /// <summary>
    /// Saves the video's tracks beside <paramref name="videoFile"/> (<see cref="Captions.CaptionFileName"/>), each one
    /// that fails or would overwrite a file without -Force its own error; returns the files written.
    /// </summary>
    private string[] SaveCaptions(VideoProviderConnection connection, string id, string videoFile)
    {
        IReadOnlyList<VideoCaption> tracks;
        try
        {
            tracks = Run(token => connection.Client.GetCaptionsAsync(id, token));
        }
        catch (VideoProviderException ex)
        {
            WriteFailure(ex, id);
            return [];
        }

        var saved = new List<string>();
        foreach (var track in tracks)
        {
            var target = VideoPlatforms.Captions.CaptionFileName.Beside(videoFile, track, _written.Contains);
            if (File.Exists(target) && !Force)
            {
                WriteError(new ErrorRecord(new IOException($"The file '{target}' already exists, so the {track.Kind.ToString().ToLowerInvariant()} ({track.Language}) of {connection.Provider} video {id} were not saved. Give -Force to overwrite it, or another -Path."),
                    "FileExists", ErrorCategory.ResourceExists, target));
                continue;
            }
            try
            {
                saved.Add(Run(token => connection.Client.DownloadCaptionAsync(track, target, Force, token)));
                _written.Add(target);
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, id);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "FileWriteFailed", ErrorCategory.WriteError, target));
            }
        }
        return [.. saved];
    }

    /// <summary>The full path to save to, or null after writing an error about -Path.</summary>
    private string? Target(Video video, VideoRendition rendition)
    {
        string full;
        try
        {
            full = Path is null ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : GetUnresolvedProviderPathFromPSPath(Path);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderInvocationException)
        {
            WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, Path));
            return null;
        }

        var isFolder = Directory.Exists(full) || Path is not null && (Path.EndsWith('/') || Path.EndsWith('\\'));
        if (!isFolder)
        {
            var parent = System.IO.Path.GetDirectoryName(full);
            if (parent is not null && !Directory.Exists(parent))
            {
                WriteError(new ErrorRecord(new DirectoryNotFoundException($"The folder '{parent}' does not exist. Create it first, or give -Path an existing folder."),
                    "DirectoryNotFound", ErrorCategory.ObjectNotFound, Path));
                return null;
            }
            return full;
        }
        if (!Directory.Exists(full))
        {
            WriteError(new ErrorRecord(new DirectoryNotFoundException($"The folder '{full}' does not exist. Create it first, or give -Path an existing folder."),
                "DirectoryNotFound", ErrorCategory.ObjectNotFound, Path));
            return null;
        }

        return SafeFileName.InFolder(full, video.Title, video.Id, rendition.Extension, _written.Contains);
    }
}

using System.Management.Automation;
using VideoPlatforms.Copy;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Copies videos with their metadata from one connection to another, and reports each copy.</para>
/// </summary>
[Cmdlet(VerbsCommon.Copy, "Video", SupportsShouldProcess = true)]
[OutputType(typeof(VideoCopyResult))]
public sealed class CopyVideoCommand : ConnectedCmdlet
{
    /// <summary><para type="description">Ids of the videos to copy, on the source connection (-Connection, or the one the piped videos came from).</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    [PipelineProperty("Id", "VideoId")]
    public string[]? Id { get; set; }

    /// <summary><para type="description">The connection to copy to: a connection object, or the name of one of this session's connections.</para></summary>
    // Deliberately not bound from the pipeline: a piped video's Connection is its source, never the destination.
    [Parameter(Mandatory = true, Position = 1)]
    [ConnectionTransformation]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    [ValidateNotNull]
    public VideoProviderConnection? Destination { get; set; }

    /// <summary><para type="description">Copies even into the account the video already lives on (the same connection, or another connection to the same account), which makes a second copy of it there. Without it such a copy is refused with CopyToSameAccount.</para></summary>
    [Parameter]
    public SwitchParameter AllowDuplicate { get; set; }

    private const int DownloadActivityId = 1;
    private const int UploadActivityId = 2;

    protected override void ProcessRecord()
    {
        var source = ResolveConnection();
        if (Destination!.IsDisposed)
            Fail("ConnectionClosed", ErrorCategory.InvalidOperation,
                $"The destination connection '{Destination.Name}' was disconnected. Connect again with Connect-VideoProvider.", Destination);
        foreach (var id in Id!)
        {
            if (!ShouldProcess($"{source.Provider} video {id} ({source.Name})", $"Copy to {Destination.Provider} ({Destination.Name})")) continue;
            var download = new ProgressView(DownloadActivityId, $"Downloading {source.Provider} video {id}");
            var upload = new ProgressView(UploadActivityId, $"Uploading {source.Provider} video {id} to {Destination.Provider}");
            var views = new[] { download, upload };
            try
            {
                var video = new Video(source.Provider, id, source);
                var task = Start(token => VideoCopier.CopyAsync(video, Destination, download, upload, token, AllowDuplicate.IsPresent));
                while (!task.IsCompleted) Pump(views);
                Drain();
                var copied = Result(task);
                if (copied.Video is { } destinationVideo) Destination.RememberVideo(destinationVideo.Id, destinationVideo.Title);
                WriteObject(copied);
                // The video is copied; a track that failed on the way is its own error, and a re-run carries it.
                foreach (var failure in copied.Failures) WriteFailure(failure, id);
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, id);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "SpoolFileFailed", ErrorCategory.WriteError, id));
            }
            finally
            {
                download.Complete(this);
                upload.Complete(this);
            }
        }
    }
}

/// <summary>Lets a parameter typed as a connection take the name of one of the session's connections.</summary>
public sealed class ConnectionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is not string name) return value;
        var match = ConnectionStore.Current.All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new ArgumentTransformationMetadataException(
            $"There is no connection named '{name}' in this session. Get-VideoProvider lists them; connect one with Connect-VideoProvider -Name '{name}'.");
    }
}

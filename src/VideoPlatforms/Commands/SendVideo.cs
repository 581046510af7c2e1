using System.Collections;
using System.Collections.ObjectModel;
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

    private Upload.UploadJournal? _journal;
    private VideoProviderConnection? _connection;
    private readonly List<string> _finished = new();
    private readonly List<string> _unfinished = new();
    private bool _stopReported;

    // Activity ids: the batch bar, then one per upload slot, reused as slots free up.
    private const int BatchActivityId = 1;

    private readonly List<ActiveUpload> _active = new();
    private BatchProgressView? _batch;
    private int _done;
    private int _failed;
    private long _bytesFinished;
    private long _bytesKnown;

    private sealed record ActiveUpload(string File, long Size, int ActivityId, ProgressView View, Task<Video> Task, List<VideoProviderException> CaptionFailures);

    private IReadOnlyList<CaptionRequest>? _captions;

    protected override void ProcessRecord()
    {
        try
        {
            ProcessFiles();
        }
        catch (PipelineStoppedException)
        {
            ReportStopped();
            throw;
        }
    }

    private void ProcessFiles()
    {
        if (Title is not null && string.IsNullOrWhiteSpace(Title))
            Fail("TitleEmpty", ErrorCategory.InvalidArgument, "-Title is blank. Give a title with visible characters, or leave -Title out to use the file name.", Title);
        RefuseReservedMetadata(Metadata);
        var connection = ResolveConnection();
        _connection = connection;
        if (_journal is null)
        {
            _journal = JournalLocation.Open(this);
            TryPrune(_journal);
        }
        _captions = Captions();
        try
        {
            connection.Client.ValidateUpload(Options(null));
        }
        catch (VideoProviderException ex)
        {
            // The offending argument is the target, as in PowerShell's own parameter errors.
            Fail(ex, ex.ErrorId.StartsWith("ChunkSize", StringComparison.Ordinal) ? ChunkSize
                : ex.ErrorId.StartsWith("ChunkConcurrency", StringComparison.Ordinal) ? ChunkConcurrency
                : ex.ErrorId.StartsWith("Privacy", StringComparison.Ordinal) ? Privacy?.Value : connection);
        }
        foreach (var caption in _captions ?? Array.Empty<CaptionRequest>())
        {
            try
            {
                connection.Client.ValidateCaption(caption);
            }
            catch (VideoProviderException ex)
            {
                Fail(ex, caption.FilePath);
            }
        }
        _batch ??= new BatchProgressView(BatchActivityId, $"Uploading to {connection.Provider}");
        StartWaits(connection);

        foreach (var file in ResolveFiles())
        {
            long size;
            try
            {
                size = Upload.UploadSource.Inspect(file);
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, file);
                continue;
            }
            var action = ReplaceVideoId is null ? $"Upload to {connection.Provider} ({connection.Name})"
                : $"Replace the source of {connection.Provider} video {ReplaceVideoId} ({connection.Name})";
            if (!ShouldProcess(file, action)) continue;

            // The work queue: wait for a free slot, writing finished uploads and progress meanwhile.
            WaitUntil(() => _active.Count < ThrottleLimit);
            var activityId = Enumerable.Range(BatchActivityId + 1, ThrottleLimit).First(id => _active.All(a => a.ActivityId != id));
            var view = new ProgressView(activityId, $"Uploading {System.IO.Path.GetFileName(file)}", BatchActivityId);
            var request = Options(file);
            var journal = _journal;
            var resume = Resume.IsPresent;
            var captionFailures = new List<VideoProviderException>();
            _active.Add(new ActiveUpload(file, size, activityId, view,
                Start(token => Upload.JournaledUpload.RunAsync(connection, journal, request, resume, view, token, captionFailures)), captionFailures));
            _bytesKnown += size;
            _unfinished.Add(file);
        }
        Harvest();
    }

    protected override void EndProcessing()
    {
        try
        {
            WaitUntil(() => _active.Count == 0 && WaitsDone);
        }
        catch (PipelineStoppedException)
        {
            ReportStopped();
            throw;
        }
        _batch?.Complete(this);
    }

    /// <summary>Pumps messages and progress until <paramref name="enough"/> holds, writing each upload as it finishes.</summary>
    private void WaitUntil(Func<bool> enough)
    {
        while (true)
        {
            Harvest();
            HarvestWaits();
            if (enough()) return;
            Pump(_active.Select(a => a.View));
            DrawBatch();
        }
    }

    /// <summary>Writes the result of every finished upload: its Video, or an error naming its file.</summary>
    private void Harvest()
    {
        foreach (var upload in _active.Where(a => a.Task.IsCompleted).ToList())
        {
            _active.Remove(upload);
            Drain();
            upload.View.Complete(this);
            _bytesFinished += upload.Size;
            try
            {
                var video = Result(upload.Task);
                _unfinished.Remove(upload.File);
                _finished.Add($"'{upload.File}' as {video.Id}");
                EmitOrWait(video);
                foreach (var failure in upload.CaptionFailures) WriteFailure(failure, upload.File);
                _done++;
            }
            catch (VideoProviderException ex)
            {
                _unfinished.Remove(upload.File);
                WriteFailure(ex, upload.File);
                _failed++;
            }
            DrawBatch();
        }
    }

    private void DrawBatch()
    {
        var inFlight = _active.Sum(a => a.View.Latest?.BytesTransferred ?? 0);
        _batch?.Write(this, TimeSpan.FromMilliseconds(250), _done, _failed, _active.Count, _bytesFinished + inFlight, _bytesKnown);
    }

    private UploadRequest Options(string? file) => new(file ?? string.Empty)
    {
        Title = Title,
        Description = Description,
        Tags = Tag,
        Privacy = Privacy?.Value,
        Metadata = ToMetadata(Metadata),
        ChunkSize = ChunkSize,
        ChunkConcurrency = ChunkConcurrency,
        UploadToken = UploadToken,
        ReplaceVideoId = ReplaceVideoId,
        Captions = _captions,
        SkipExisting = SkipExisting.IsPresent,
    };

    /// <summary>
    /// The -CaptionPath files as caption requests, the language read from each name (talk.en.vtt is en). ProcessFiles
    /// checks them before any upload: the platform takes captions, the file is WebVTT.
    /// </summary>
    private IReadOnlyList<CaptionRequest>? Captions()
    {
        if (CaptionPath is null) return null;
        var captions = new List<CaptionRequest>();
        foreach (var given in CaptionPath)
        {
            var full = GetUnresolvedProviderPathFromPSPath(given);
            var name = System.IO.Path.GetFileNameWithoutExtension(full);
            var language = name.Contains('.') ? name[(name.LastIndexOf('.') + 1)..] : "";
            if (!VideoPlatforms.Captions.LanguageTag.IsValid(language))
                Fail("CaptionLanguageUnknown", ErrorCategory.InvalidArgument,
                    $"-CaptionPath '{given}': the language is read from the file name, just before .vtt, and '{name}' names none the platforms take. Rename it like talk.en.vtt or talk.pt-BR.vtt, or attach it with Add-VideoCaption -Language.", given);
            captions.Add(new CaptionRequest(full, language));
        }
        return captions;
    }

    /// <summary>Full file-system paths of this record's files; unresolvable ones are written as errors.</summary>
    private IEnumerable<string> ResolveFiles()
    {
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (var literal in LiteralPath!)
            {
                string? full = null;
                try
                {
                    full = GetUnresolvedProviderPathFromPSPath(literal);
                }
                catch (Exception ex) when (ex is ItemNotFoundException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
                {
                    WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, literal));
                }
                if (full is not null) yield return full;
            }
            yield break;
        }

        foreach (var path in Path!)
        {
            Collection<string>? resolved = null;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    WriteError(new ErrorRecord(new ArgumentException($"'{path}' is on the {provider.Name} provider; Send-Video uploads files from the file system."),
                        "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
                    continue;
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"The file '{path}' does not exist. Check the path and run the command again.", ex),
                    "FileNotFound", ErrorCategory.ObjectNotFound, path));
                continue;
            }
            if (resolved.Count == 0)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No file matches '{path}'. Check the pattern and the current directory."),
                    "NoFileMatched", ErrorCategory.ObjectNotFound, path));
                continue;
            }
            var wildcard = WildcardPattern.ContainsWildcardCharacters(path);
            foreach (var file in resolved)
            {
                // A pattern such as * also matches folders; skipping those is what the person meant. A folder named
                // outright is still an error (Inspect says so).
                if (wildcard && Directory.Exists(file))
                {
                    WriteVerbose($"Skipping the directory '{file}', matched by '{path}'.");
                    continue;
                }
                yield return file;
            }
        }
    }
}

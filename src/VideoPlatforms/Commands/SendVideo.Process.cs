using System.Management.Automation;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Commands;

// Send-Video's run: checks the parameters once, asks ShouldProcess per file, hands each file to the engine's
// UploadScheduler (the -ThrottleLimit work queue) and writes each upload's result as it ends, on the pipeline thread.
public sealed partial class SendVideoCommand
{
    // Activity ids: the batch bar, then one per upload slot (UploadBatchView), reused as slots free up.
    private const int BatchActivityId = 1;

    private UploadJournal? _journal;
    private VideoProviderConnection? _connection;
    private UploadScheduler<Video>? _scheduler;
    private UploadBatchView<Video>? _view;
    private readonly Dictionary<ScheduledUpload<Video>, List<VideoProviderException>> _captionFailures = new();
    private readonly List<string> _finished = new();
    private readonly List<string> _unfinished = new();
    private bool _stopReported;
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
        ValidateFor(connection);
        _scheduler ??= new UploadScheduler<Video>(ThrottleLimit, StopToken, Start);
        _view ??= new UploadBatchView<Video>(_scheduler, BatchActivityId, $"Uploading to {connection.Provider}");
        StartWaits(connection);

        foreach (var file in ResolveFiles())
        {
            long size;
            try
            {
                size = UploadSource.Inspect(file);
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, file);
                continue;
            }
            var action = ReplaceVideoId is null ? $"Upload to {connection.Provider} ({connection.Name})"
                : $"Replace the source of {connection.Provider} video {ReplaceVideoId} ({connection.Name})";
            if (!ShouldProcess(file, action)) continue;

            // Wait for a free slot, writing finished uploads and progress meanwhile: the pipeline upstream is held
            // back no further than -ThrottleLimit files.
            WaitUntil(() => _scheduler.HasFreeSlot);
            var request = Options(file);
            var journal = _journal;
            var resume = Resume.IsPresent;
            var captionFailures = new List<VideoProviderException>();
            var upload = _scheduler.Add(file, size, (progress, token) => JournaledUpload.RunAsync(connection, journal, request, resume, progress, token, captionFailures));
            _captionFailures[upload] = captionFailures;
            _view.BytesKnown += size;
            _unfinished.Add(file);
        }
        Harvest();
    }

    /// <summary>Refuses, before any upload, what the platform cannot do with these parameters and caption files.</summary>
    private void ValidateFor(VideoProviderConnection connection)
    {
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
    }

    protected override void EndProcessing()
    {
        try
        {
            WaitUntil(() => (_scheduler?.Pending ?? 0) == 0 && WaitsDone);
        }
        catch (PipelineStoppedException)
        {
            ReportStopped();
            throw;
        }
        _view?.Complete(this);
    }

    /// <summary>Pumps messages and progress until <paramref name="enough"/> holds, writing each upload as it finishes.</summary>
    private void WaitUntil(Func<bool> enough)
    {
        while (true)
        {
            Harvest();
            HarvestWaits();
            if (enough()) return;
            Pump(_view?.Views ?? Array.Empty<ProgressView>());
            _view?.Draw(this);
        }
    }

    /// <summary>Writes the result of every finished upload: its Video, or an error naming its file.</summary>
    private void Harvest()
    {
        if (_view is null) return;
        Drain();
        foreach (var upload in _view.TakeEnded(this))
        {
            _captionFailures.Remove(upload, out var captionFailures);
            try
            {
                var video = Result(upload.Task!);
                _unfinished.Remove(upload.File);
                _finished.Add($"'{upload.File}' as {video.Id}");
                EmitOrWait(video);
                foreach (var failure in captionFailures ?? []) WriteFailure(failure, upload.File);
                _view.Done++;
            }
            catch (VideoProviderException ex)
            {
                _unfinished.Remove(upload.File);
                WriteFailure(ex, upload.File);
                _view.Failed++;
            }
            _view.Draw(this);
        }
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
}

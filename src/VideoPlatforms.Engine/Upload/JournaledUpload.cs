namespace VideoPlatforms.Upload;

/// <summary>What a provider tells the resume journal while it uploads. Called from upload threads.</summary>
internal interface IUploadCheckpoint
{
    /// <summary>The platform created this video for the file: from now on a failed run leaves it to be resumed.</summary>
    void Created(string videoId);

    /// <summary>The platform confirmed it holds this many bytes.</summary>
    void Confirmed(long bytes);

    /// <summary>The created video was deleted again: there is nothing left to resume.</summary>
    void Removed();
}

/// <summary>
/// Runs one upload with the resume journal around it: skips a file the journal says is complete (after checking
/// the video still exists), resumes a partial one into the video an earlier run created, and keeps the entry
/// current, so whatever stops this run, the next <c>Send-Video -Resume</c> knows where it stood.
/// </summary>
internal static class JournaledUpload
{
    public static async Task<Video> RunAsync(VideoProviderConnection connection, UploadJournal journal, UploadRequest request, bool resume,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken, ICollection<VideoProviderException>? captionFailures = null)
    {
        var client = connection.Client;
        // A replacement writes into an existing video chosen by the user: nothing to journal or resume.
        if (request.ReplaceVideoId is not null)
        {
            var replaced = await client.UploadAsync(request, progress, cancellationToken).ConfigureAwait(false);
            await AttachCaptionsAsync(client, replaced.Id, request, new HashSet<string>(), _ => { }, captionFailures, cancellationToken).ConfigureAwait(false);
            return replaced;
        }

        // Checked again here: the file may have gone while it waited for a free slot, and that is one file's error
        // (FileNotFound), not an I/O exception that would end the whole batch.
        UploadSource.Inspect(request.FilePath);
        var entry = UploadJournal.NewEntry(connection, request.FilePath);
        var earlier = journal.Find(entry);
        string? resumeId = null;
        if (earlier is { State: UploadJournalState.Complete, VideoId: { } doneId })
        {
            if (resume)
            {
                try
                {
                    var existing = await client.GetVideoAsync(doneId, cancellationToken).ConfigureAwait(false);
                    OperationLog.Verbose($"Skipping '{request.FilePath}': the upload journal says it was uploaded as {connection.Provider} video {doneId} on {earlier.UpdatedAt:u}, and the video still exists.");
                    // The captions an earlier run did not get to are attached now; those it recorded are not attached twice.
                    await AttachCaptionsAsync(client, doneId, request, new HashSet<string>(earlier.CaptionsAttached), key =>
                    {
                        earlier.CaptionsAttached.Add(key);
                        journal.Save(earlier);
                    }, captionFailures, cancellationToken).ConfigureAwait(false);
                    return existing.WithPath(request.FilePath);
                }
                catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
                {
                    OperationLog.Verbose($"The upload journal says '{request.FilePath}' was uploaded as {connection.Provider} video {doneId}, but that video no longer exists; uploading the file again.");
                }
            }
            else
            {
                OperationLog.Verbose($"'{request.FilePath}' was uploaded before as {connection.Provider} video {doneId}; uploading it again as asked (with -Resume it would be skipped).");
            }
        }
        else if (earlier is { State: UploadJournalState.Uploading, VideoId: { } partialId })
        {
            if (resume)
            {
                resumeId = partialId;
                entry.VideoId = partialId;
                entry.BytesConfirmed = earlier.BytesConfirmed;
                entry.State = UploadJournalState.Uploading;
                OperationLog.Verbose($"Resuming '{request.FilePath}' into {connection.Provider} video {partialId}, which an earlier run created ({ChunkPlan.Format(earlier.BytesConfirmed)} of {ChunkPlan.Format(earlier.Size)} confirmed then); asking the platform what it holds.");
            }
            else
            {
                OperationLog.Warning($"'{request.FilePath}' has an unfinished upload from an earlier run: {connection.Provider} video {partialId} holds {ChunkPlan.Format(earlier.BytesConfirmed)} of {ChunkPlan.Format(earlier.Size)}. Send-Video -Resume would have finished it; uploading it as a new video now, so remove the unfinished one with Remove-Video -Id {partialId}.");
            }
        }

        // Uploading a finished file again (without -Resume, or its video gone): its Complete entry is the record of the
        // earlier video, so it is only replaced once a new video exists, and put back if this attempt makes none.
        var replacing = earlier is { State: UploadJournalState.Complete } ? earlier : null;
        var checkpoint = new JournalCheckpoint(journal, entry, replacing);

        // The platform holds the truth (docs/exactly-once.md): a new video carries its content's SHA-256 and this
        // attempt's id where the platform keeps metadata, and -SkipExisting asks the platform, not the journal,
        // whether the content is already there.
        string? sha256 = null;
        // A plain upload on a platform whose uploader writes the marker before the file completes hashes beside the
        // upload, on another core, instead of in a pass before the create (0.6 s per GiB here, before the first byte).
        // A resumed upload may too: the run that created its video may have stopped before its marker was written, so
        // its uploader starts the hash only if the video lacks it.
        using var hashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Lazy<Task<string>>? pendingSha256 = null;
        // A resume with -SkipExisting (every Sync-Video) takes this path too: the check before an upload is only for new videos.
        if ((resumeId is not null || !request.SkipExisting) && request.UploadToken is null && ContentMarkers.Recorded(connection) && ContentMarkers.WrittenDuringUpload(connection))
        {
            var path = request.FilePath;
            pendingSha256 = new Lazy<Task<string>>(() =>
            {
                OperationLog.Verbose($"Computing the SHA-256 of '{path}' beside the upload, for its content marker.");
                return ContentMarkers.HashFileBesideAsync(path, hashing.Token);
            });
            var hash = pendingSha256;
            if (resumeId is null)
            {
                _ = hash.Value;
                request = request.WithPendingMarkers(() => hash.Value, ContentMarkers.NewAttemptId());
            }
            else request = request.WithPendingSha256(() => hash.Value);
        }
        // An upload through an upload token carries no markers: the token's upload makes the video without metadata,
        // and setting it afterwards would need the key (a token-only session would warn on every file).
        else if (resumeId is null && ContentMarkers.Recorded(connection) && (request.UploadToken is null || request.SkipExisting))
        {
            sha256 = await ContentMarkers.HashFileAsync(request.FilePath, cancellationToken).ConfigureAwait(false);
            if (request.UploadToken is null)
                request = request.WithMarkers(sha256, ContentMarkers.NewAttemptId(),
                    request.SkipExisting && ContentMarkers.Identity(connection) == ContentIdentity.UniqueKey ? ContentMarkers.ContentKey(sha256) : null);
            if (request.SkipExisting && await ContentLookup.FindAsync(connection, sha256, cancellationToken).ConfigureAwait(false) is { } held)
                return Skipped(connection, checkpoint, entry, request.FilePath, held, $"its content (SHA-256 {sha256}) is already on the account");
        }

        if (replacing is null) checkpoint.Save();
        Video video;
        var uploading = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            video = await UploadOrSkipAsync(connection, request.With(resumeId, checkpoint), sha256, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (SkippedException skipped)
        {
            if (checkpoint.VideoId is null) checkpoint.Forget();
            return Skipped(connection, checkpoint, entry, request.FilePath, skipped.Video, skipped.Reason);
        }
        catch (UploadFailedException ex)
        {
            // A video that still holds part of the file stays in the journal, so -Resume can finish it.
            if (ex.VideoRemoved || (ex.VideoId ?? checkpoint.VideoId) is null) checkpoint.Forget();
            throw;
        }
        catch (VideoProviderException)
        {
            if (checkpoint.VideoId is null) checkpoint.Forget();
            throw;
        }
        catch (OperationCanceledException)
        {
            // Stopped: the entry stays as it is, for -Resume (or forgotten if no video was created).
            if (checkpoint.VideoId is null) checkpoint.Forget();
            throw;
        }
        finally
        {
            // A hash the upload no longer needs (it failed before the marker) stops reading the file; its fault is observed here.
            if (pendingSha256 is { IsValueCreated: true })
            {
                hashing.Cancel();
                try { await pendingSha256.Value.ConfigureAwait(false); } catch (Exception ex) when (ex is OperationCanceledException or VideoProviderException) { }
            }
        }
        // api.video keeps nothing unique, so two workers that checked at once may both have uploaded: the check after
        // the upload picks one winner the same way in every worker, and the others remove their own video.
        if (request.SkipExisting && sha256 is not null && ContentMarkers.Identity(connection) == ContentIdentity.SearchableMarker
            && await ContentLookup.EarlierClaimAsync(connection, sha256, video.Id, ContentLookup.ClaimPatience(uploading.Elapsed), cancellationToken).ConfigureAwait(false) is { } winner)
        {
            try
            {
                await client.DeleteVideoAsync(video.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
            {
                // Already gone: what was wanted.
            }
            return Skipped(connection, checkpoint, entry, request.FilePath, winner,
                $"another upload of the same content (SHA-256 {sha256}) was created first, so this run's video {video.Id} was deleted again");
        }
        checkpoint.Complete(video.Id, entry.Size);
        await AttachCaptionsAsync(client, video.Id, request, new HashSet<string>(), checkpoint.CaptionAttached, captionFailures, cancellationToken).ConfigureAwait(false);
        return video;
    }

    /// <summary>
    /// The upload, or with -SkipExisting the tie-break when the platform refused it for holding the content already.
    /// A refusal whose claim went away while this worker waited for it (see <see cref="SkipAfterRefusalAsync"/>) leaves
    /// the content unclaimed, so the upload is tried again, a few times at most.
    /// </summary>
    private static async Task<Video> UploadOrSkipAsync(VideoProviderConnection connection, UploadRequest request, string? sha256,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var claimsGone = 0; ; claimsGone++)
        {
            try
            {
                return await connection.Client.UploadAsync(request, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (request.SkipExisting && request.ResumeVideoId is null)
            {
                var verdict = await SkipAfterRefusalAsync(connection, request, sha256, ex, started.Elapsed, cancellationToken).ConfigureAwait(false);
                if (verdict is { Error: { } error }) throw error;
                if (verdict is { Held: { } other, Reason: { } reason }) throw new SkippedException(other, reason);
                if (verdict is { ClaimGone: true } && claimsGone < MaxClaimsGone)
                {
                    OperationLog.Verbose($"'{request.FilePath}': the upload that had claimed its content went away before it held the file; claiming it again (try {claimsGone + 2}).");
                    continue;
                }
                throw;
            }
        }
    }

    /// <summary>How many times an upload claims content again after the claim that refused it went away.</summary>
    private const int MaxClaimsGone = 3;

    /// <summary>What a refusal of an upload under -SkipExisting means: the content is held (by <see cref="Held"/>), or the claim that refused it went away.</summary>
    private sealed record RefusalVerdict(Video? Held, string? Reason, bool ClaimGone, VideoProviderException? Error = null);

    /// <summary>Carries a tie-break's verdict out of the upload's error handling: the content is on the account as this video.</summary>
    private sealed class SkippedException(Video video, string reason) : Exception(reason)
    {
        public Video Video { get; } = video;

        public string Reason { get; } = reason;
    }

    /// <summary>A file not uploaded because the account holds its content: the journal records the video, as after an upload.</summary>
    private static Video Skipped(VideoProviderConnection connection, JournalCheckpoint checkpoint, UploadJournalEntry entry, string path, Video held, string reason)
    {
        OperationLog.Verbose($"Skipping '{path}' (-SkipExisting): {reason}, as {connection.Provider} video {held.Id}; not uploading it again.");
        checkpoint.Complete(held.Id, entry.Size);
        return held.WithPath(path);
    }

    /// <summary>
    /// The tie-break of -SkipExisting when the platform refused this upload because another upload holds the
    /// content: a UniqueKey platform's key (another worker claimed it first: its video is the one once it holds the file; if
    /// it goes away instead, the key is free again) and a RefusesDuplicates platform's refusal of the same bytes (the account's
    /// video of that title). Null when the refusal was something else.
    /// </summary>
    private static async Task<RefusalVerdict?> SkipAfterRefusalAsync(VideoProviderConnection connection, UploadRequest request, string? sha256,
        VideoProviderException failure, TimeSpan uploadTook, CancellationToken cancellationToken)
    {
        try
        {
            if (ContentMarkers.Identity(connection) == ContentIdentity.UniqueKey && sha256 is not null && failure.Kind is not (ProviderErrorKind.Network or ProviderErrorKind.Timeout))
            {
                var key = ContentMarkers.ContentKey(sha256);
                var (claimed, vanished) = await ContentLookup.SettledClaimAsync(connection, key, ContentLookup.ClaimPatience(uploadTook), cancellationToken).ConfigureAwait(false);
                if (vanished) return new RefusalVerdict(null, null, ClaimGone: true);
                // Nobody holds the key now. A refusal that names the key was about it: the video that held it went away
                // between the refusal and this read (another worker's create recovery deleting the stray of a create
                // whose answer it lost; ManyWorkers with lost create answers failed on it now and then), so the key is
                // claimed again. Any other refusal stands.
                if (claimed is null) return ContentLookup.RefusalNamesKey(failure, key) ? new RefusalVerdict(null, null, ClaimGone: true) : null;
                if (claimed.Metadata.TryGetValue(ContentMarkers.AttemptKey, out var attempt) && attempt == request.AttemptId) return null;
                // A claim that never got its file is not the content on the account: naming it as the file's video would
                // be a silently wrong answer. The key stays taken, so this file cannot be uploaded beside it either.
                if (claimed.Status == VideoStatus.Uploading)
                    return new RefusalVerdict(null, null, false, new VideoProviderException(ProviderErrorKind.Conflict, "ContentClaimUnfinished",
                        $"'{request.FilePath}' was not uploaded: its content's key {key} is held by {connection.Provider} video {claimed.Id}, which has not received its file{(claimed.CreatedAt is { } made ? $" (made {made:u})" : "")}: an upload that stopped. Finish it with Send-Video -Resume where that upload ran, or remove it with Remove-Video -Id {claimed.Id}, and send the file again."));
                return new RefusalVerdict(claimed, $"another upload claimed its content (SHA-256 {sha256}, {connection.Provider} key {key}) first", false);
            }
            if (ContentMarkers.Identity(connection) == ContentIdentity.RefusesDuplicates && failure.ErrorId == "VideoAlreadyExists")
            {
                var title = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath);
                if (await ContentLookup.FindRefusedDuplicateAsync(connection, title, cancellationToken).ConfigureAwait(false) is { } held)
                    return new RefusalVerdict(held, $"{connection.Provider} refused its content as already on the account ({failure.ErrorId})", false);
            }
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            // Nobody holds the key: the refusal was something else, and stands.
        }
        return null;
    }

    /// <summary>
    /// Attaches the request's caption files to the uploaded video, skipping those <paramref name="attached"/> already
    /// holds and telling <paramref name="record"/> each one attached (the journal entry, so a resumed run does not
    /// attach a file twice). A caption that fails is this caption's error, in <paramref name="failures"/>: the video
    /// is uploaded, and -Resume or Add-VideoCaption can attach it later.
    /// </summary>
    private static async Task AttachCaptionsAsync(IVideoProvider client, string videoId, UploadRequest request, ISet<string> attached,
        Action<string> record, ICollection<VideoProviderException>? failures, CancellationToken cancellationToken)
    {
        foreach (var caption in request.Captions ?? Array.Empty<CaptionRequest>())
        {
            var key = $"{caption.Kind?.ToString() ?? "Default"}|{caption.Language}|{Path.GetFileName(caption.FilePath)}";
            if (attached.Contains(key))
            {
                OperationLog.Verbose($"'{caption.FilePath}' ({caption.Language}) was attached to video {videoId} by an earlier run; not attaching it twice.");
                continue;
            }
            try
            {
                await client.AddCaptionAsync(videoId, caption, cancellationToken).ConfigureAwait(false);
                record(key);
            }
            catch (VideoProviderException ex)
            {
                var failure = ex.Reword(ex.ErrorId, $"The video was uploaded as {videoId}, but the captions '{caption.FilePath}' ({caption.Language}) were not attached: {ex.Message} Send-Video -Resume, or Add-VideoCaption, attaches them.");
                if (failures is null) throw failure;
                lock (failures) failures.Add(failure);
            }
        }
    }

    /// <summary>Writes each change of one upload to its journal entry.</summary>
    private sealed class JournalCheckpoint : IUploadCheckpoint
    {
        private readonly UploadJournal _journal;
        private readonly UploadJournalEntry _entry;
        private readonly object _gate = new();
        private readonly UploadJournalEntry? _replacing;
        private bool _forgotten;

        public JournalCheckpoint(UploadJournal journal, UploadJournalEntry entry, UploadJournalEntry? replacing)
        {
            _journal = journal;
            _entry = entry;
            _replacing = replacing;
        }

        public string? VideoId
        {
            get { lock (_gate) return _entry.VideoId; }
        }

        public void Save()
        {
            lock (_gate)
            {
                if (_forgotten) return;
                Guard(() => _journal.Save(_entry));
            }
        }

        /// <summary>
        /// A journal that cannot be written (full disk, read-only folder) must not fail an upload that is working:
        /// it is said once, and the upload goes on without a resume record.
        /// </summary>
        private void Guard(Action write)
        {
            try
            {
                write();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (_warned) return;
                _warned = true;
                OperationLog.Warning($"Could not write the upload journal in '{_journal.Directory}' ({ex.Message}); '{_entry.Path}' uploads on, but -Resume will not know about it if this run stops.");
            }
        }

        private bool _warned;

        public void Created(string videoId)
        {
            lock (_gate)
            {
                // A new video exists from now on, whatever was forgotten before (a resume that found its video gone).
                _forgotten = false;
                _entry.VideoId = videoId;
                _entry.BytesConfirmed = 0;
                _entry.State = UploadJournalState.Uploading;
            }
            Save();
        }

        public void Confirmed(long bytes)
        {
            lock (_gate)
            {
                if (_entry.VideoId is null || _entry.BytesConfirmed == bytes) return;
                _entry.BytesConfirmed = bytes;
            }
            Save();
        }

        public void Removed() => Forget();

        public void CaptionAttached(string key)
        {
            lock (_gate)
            {
                _entry.CaptionsAttached.Add(key);
            }
            Save();
        }

        public void Forget()
        {
            lock (_gate)
            {
                _forgotten = true;
                _entry.VideoId = null;
                Guard(() =>
                {
                    if (_replacing is not null) _journal.Save(_replacing);
                    else _journal.Remove(_entry);
                });
            }
        }

        public void Complete(string videoId, long size)
        {
            lock (_gate)
            {
                _forgotten = false;
                _entry.VideoId = videoId;
                _entry.BytesConfirmed = size;
                _entry.State = UploadJournalState.Complete;
            }
            Save();
        }
    }
}

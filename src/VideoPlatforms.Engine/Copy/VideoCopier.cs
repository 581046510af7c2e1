using System.Security.Cryptography;
using System.Text;
using VideoPlatforms.Download;

namespace VideoPlatforms.Copy;

/// <summary>
/// Moves one video with its metadata from one connection to another. A record of the finished copy makes a re-run
/// find it instead of copying twice.
/// </summary>
/// <remarks>
/// The bytes travel one of two ways. To a platform that takes the whole file in one request, they are piped:
/// the download's body is the upload's body (<see cref="RenditionStream"/>), with no temporary copy; a drop on the
/// download side is resumed with a range request under the upload, and an upload that has to be sent again reads
/// the rendition again. To one that uploads in chunks they go through a spool file in the user's state folder (hashed on
/// the way): their uploads slice the file into chunks and read a chunk again when it is retried, which a one-pass
/// stream cannot do. The spool is kept after a failed upload and reused by the next run, and removed after a
/// success.
/// </remarks>
internal static class VideoCopier
{
    public static string SpoolDirectory
    {
        get
        {
            // Next to the copy records in the user's own state folder, not in a shared /tmp where another user could
            // create the folder first or plant a file under a predictable name.
            var path = Path.Combine(Path.GetDirectoryName(CopyRecords.Directory)!, "spool");
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
            else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/>. A copy into the account the video already
    /// lives on would only duplicate it, so it is refused unless <paramref name="allowDuplicate"/> asks for that.
    /// </summary>
    public static async Task<VideoCopyResult> CopyAsync(Video source, VideoProviderConnection destination,
        IProgress<TransferProgress>? downloadProgress, IProgress<TransferProgress>? uploadProgress, CancellationToken cancellationToken,
        bool allowDuplicate = false)
    {
        if (!allowDuplicate && CopyRecords.SameAccount(source.Connection!, destination))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "CopyToSameAccount",
                $"{source.Provider} video {source.Id} already lives in the account of '{destination.Name}'{(ReferenceEquals(source.Connection, destination) ? "" : $" (the same account as '{source.Connection!.Name}')")}: copying it there would only make a duplicate, so nothing was copied. Give -Destination a connection to another account, or add -AllowDuplicate to make the duplicate on purpose.")
            {
                RecommendedAction = "Give -Destination a connection to another account, or add -AllowDuplicate to make a duplicate on purpose.",
            };
        var from = source.Connection!.Client;
        var to = destination.Client;
        var key = CopyRecords.PairKey(source, destination);
        if (CopyRecords.Find(key) is { } earlier)
        {
            Video? existing = null;
            try
            {
                existing = await to.GetVideoAsync(earlier.DestinationId, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
            {
                OperationLog.Warning($"{source.Provider} video {source.Id} was copied to {destination.Provider} as {earlier.DestinationId} before, but that video is gone; copying it again.");
                CopyRecords.Forget(key);
            }
            if (existing is not null)
            {
                OperationLog.Verbose(earlier.ExtrasFinished
                    ? $"{source.Provider} video {source.Id} was already copied to {destination.Provider} as {earlier.DestinationId}; nothing to do."
                    : $"{source.Provider} video {source.Id} was already copied to {destination.Provider} as {earlier.DestinationId}; carrying what the earlier run did not.");
                var again = new VideoCopyResult(source.Provider, source.Id, destination.Provider, earlier.DestinationId, earlier.Bytes, earlier.Sha256, alreadyCopied: true, existing);
                Video? read = earlier.ExtrasFinished ? null : await from.GetVideoAsync(source.Id, cancellationToken).ConfigureAwait(false);
                return await WithExtrasAsync(again, source, read, destination, earlier, key, checkDestination: true, cancellationToken).ConfigureAwait(false);
            }
        }

        var current = await from.GetVideoAsync(source.Id, cancellationToken).ConfigureAwait(false);
        // Settle what the destination takes before moving any bytes, so a refusal costs nothing.
        var marker = Marker(source);
        var marked = Describe(to, destination.Provider, current, string.Empty, marker).Metadata?.ContainsKey(MarkerKey) == true;
        // The record is written after the upload; a crash in between would leave a copy the record does not know, and
        // a run in a fresh sandbox has no record at all. Where the copy carries the marker, the destination says:
        // a SearchableMarker platform lists by metadata; a UniqueKey one cannot, but the copy claims the unique key derived from the marker,
        // read back with one request.
        var copyKey = marked && Upload.ContentMarkers.KeepsUniqueKeys(destination) ? Upload.ContentMarkers.CopyKey(marker) : null;
        if (marked && (copyKey is null ? await FindMarkedAsync(to, marker, cancellationToken).ConfigureAwait(false)
                : await FindKeyedAsync(to, copyKey, cancellationToken).ConfigureAwait(false)) is { } found)
        {
            OperationLog.Verbose($"{destination.Provider} video {found.Id} carries {MarkerKey}={marker}: {source.Provider} video {source.Id} was already copied there.");
            var (byMarker, markerRecord) = FoundByMarker(source, destination, key, found);
            return await WithExtrasAsync(byMarker, source, current, destination, markerRecord, key, checkDestination: true, cancellationToken).ConfigureAwait(false);
        }
        var rendition = RenditionChooser.Choose(await from.GetRenditionsAsync(source.Id, cancellationToken).ConfigureAwait(false), null, source.Provider, source.Id);
        var spool = Path.Combine(SpoolDirectory, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant()[..32] + rendition.Extension);
        var hashFile = spool + ".sha256";
        if (to.ChunkSizes == ChunkSizeLimits.WholeFile && CapabilityGuard.Unwrap(from) is Providers.VideoProviderBase readable && !File.Exists(spool))
        {
            var piped = await PipeAsync(readable, to, rendition, current, source, destination, marker, copyKey, uploadProgress, cancellationToken).ConfigureAwait(false);
            // The bytes' hash is known only once the pipe has read them all, after the create: it goes on in a second
            // request. Lost, it leaves a copy still found by its marker, only without the hash.
            if (marked)
            {
                try
                {
                    await RecordHashAsync(to, piped, cancellationToken).ConfigureAwait(false);
                }
                catch (VideoProviderException ex)
                {
                    // The copy is whole and found again by its marker: a lost hash is not a failed copy. Reporting it
                    // as one, and not saving the record, made the copy look missing.
                    OperationLog.Warning($"{source.Provider} video {source.Id} was copied to {destination.Provider} as {piped.DestinationId}, but recording its content's hash there failed ({ex.Message}); Copy-Video still finds the copy, Send-Video -SkipExisting does not find its content.");
                }
            }
            var pipedRecord = new CopyRecord(piped.DestinationId, piped.Bytes, piped.Sha256);
            CopyRecords.Save(key, pipedRecord);
            return await WithExtrasAsync(piped, source, current, destination, pipedRecord, key, checkDestination: false, cancellationToken).ConfigureAwait(false);
        }

        long bytes;
        string sha256;
        if (File.Exists(spool) && File.Exists(hashFile) && File.ReadAllText(hashFile).Trim() is { Length: 64 } kept)
        {
            OperationLog.Verbose($"Reusing '{spool}', downloaded by an earlier run that could not finish the upload.");
            (bytes, sha256) = (new FileInfo(spool).Length, kept);
        }
        else
        {
            OperationLog.Verbose($"Downloading the {rendition.Quality} rendition of {source.Provider} video {source.Id} to '{spool}'.");
            var file = await from.DownloadAsync(rendition, spool, overwrite: true, downloadProgress, cancellationToken).ConfigureAwait(false);
            (bytes, sha256) = (file.Length, file.Sha256);
            if (rendition.Size is { } announced && announced != bytes)
                throw new VideoProviderException(ProviderErrorKind.InvalidData, "DownloadLengthMismatch",
                    $"{source.Provider} announced {announced} bytes for video {source.Id} but sent {bytes}. Nothing was uploaded; run the command again.");
            File.WriteAllText(hashFile, sha256);
        }

        var request = Describe(to, destination.Provider, current, spool, marker, quiet: true);
        if (request.Metadata?.ContainsKey(MarkerKey) == true)
        {
            // The copy says what it carries as every upload does (vpSha256), so Send-Video -SkipExisting and
            // Sync-Video recognise it too.
            request = WithMetadata(request, ShaKey, $"{sha256}/{bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            request = WithMetadata(request, Upload.ContentMarkers.Sha256Key, sha256);
        }
        if (copyKey is not null) request = request.WithPlatformKey(copyKey);
        Video uploaded;
        try
        {
            uploaded = await to.UploadAsync(request, uploadProgress, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadFailedException ex)
        {
            throw new UploadFailedException(ex, ex.Path,
                $"Copying {source.Provider} video {source.Id} to {destination.Provider} failed: {ex.Message} The downloaded file stays in '{spool}' for the next run.",
                ex.VideoId, ex.BytesConfirmed, ex.VideoRemoved);
        }

        var record = new CopyRecord(uploaded.Id, bytes, sha256);
        CopyRecords.Save(key, record);
        RangeDownloader.TryDelete(spool);
        RangeDownloader.TryDelete(hashFile);
        var copied = new VideoCopyResult(source.Provider, source.Id, destination.Provider, uploaded.Id, bytes, sha256, alreadyCopied: false, uploaded.WithPath(null));
        return await WithExtrasAsync(copied, source, current, destination, record, key, checkDestination: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Carries the captions and the thumbnail (<see cref="CopyExtras"/>) and says on the result what the copy has. The
    /// record is saved after each item where the copy has a record (a copy found by its marker without its bytes' hash
    /// has none: there, the destination's own tracks say what is carried).
    /// </summary>
    private static async Task<VideoCopyResult> WithExtrasAsync(VideoCopyResult result, Video source, Video? read, VideoProviderConnection destination,
        CopyRecord record, string key, bool checkDestination, CancellationToken cancellationToken)
    {
        var keep = record.Sha256.Length == 64;
        var done = await CopyExtras.CarryAsync(source, read, destination, record, checkDestination,
            r => { if (keep) CopyRecords.Save(key, r); }, result.Failures, cancellationToken).ConfigureAwait(false);
        result.CaptionsCopied = CopyExtras.CaptionCount(done);
        result.ThumbnailCopied = done.Carried.Contains(CopyExtras.ThumbnailKey);
        return result;
    }

    /// <summary>Copies by handing the download's body straight to the destination's one-request upload.</summary>
    private static async Task<VideoCopyResult> PipeAsync(Providers.VideoProviderBase from, IVideoProvider to, VideoRendition rendition, Video current,
        Video source, VideoProviderConnection destination, string marker, string? copyKey, IProgress<TransferProgress>? uploadProgress, CancellationToken cancellationToken)
    {
        // The first stream is opened here, to learn the length the upload must announce (not every platform
        // lists it with the rendition); a second attempt of the upload opens a fresh one.
        RenditionStream? first = await from.OpenRenditionAsync(rendition, cancellationToken).ConfigureAwait(false);
        RenditionStream? last = null;
        try
        {
            if (first.TotalLength is not { } length)
                throw new VideoProviderException(ProviderErrorKind.ProtocolError, "DownloadLengthUnknown",
                    $"{source.Provider} did not say how long the {rendition.Quality} rendition of video {source.Id} is, and {destination.Provider} needs the length up front. Nothing was uploaded; save it with Save-Video and send the file with Send-Video.");
            OperationLog.Verbose($"Piping the {rendition.Quality} rendition of {source.Provider} video {source.Id} ({Upload.ChunkPlan.Format(length)}) straight into {destination.Provider}, without a temporary copy.");
            var body = new Upload.UploadBody(length, onRead =>
            {
                var stream = Interlocked.Exchange(ref first, null)
                             ?? from.OpenRenditionAsync(rendition, cancellationToken).GetAwaiter().GetResult();
                stream.OnRead = onRead;
                last = stream;
                return stream;
            });
            // The file name only names the bytes (a platform may read the video type from its extension, or title an
            // upload after it until the title is set).
            var name = Path.Combine(Path.GetTempPath(), SafeFileName.From(current.Title, source.Id) + rendition.Extension);
            var request = Describe(to, destination.Provider, current, name, marker, quiet: true).WithBody(body);
            if (copyKey is not null) request = request.WithPlatformKey(copyKey);
            Video uploaded;
            try
            {
                uploaded = await to.UploadAsync(request, uploadProgress, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadFailedException ex)
            {
                throw new UploadFailedException(ex, ex.Path,
                    $"Copying {source.Provider} video {source.Id} to {destination.Provider} failed: {ex.Message} Nothing was kept locally; the next run reads the video again.",
                    ex.VideoId, ex.BytesConfirmed, ex.VideoRemoved);
            }
            // What landed is what the last attempt read, to its end: its hash is the copy's.
            if (last?.Sha256 is not { } sha256 || last.Position != length)
                throw new VideoProviderException(ProviderErrorKind.ProtocolError, "DownloadLengthMismatch",
                    $"{destination.Provider} accepted {source.Provider} video {source.Id} as {uploaded.Id}, but the upload did not read the rendition to its end ({last?.Position ?? 0} of {length} bytes). Check the copy with Get-Video -Id {uploaded.Id}.");
            return new VideoCopyResult(source.Provider, source.Id, destination.Provider, uploaded.Id, length, sha256, alreadyCopied: false, uploaded.WithPath(null));
        }
        finally
        {
            first?.Dispose();
        }
    }

    /// <summary>
    /// The upload for the copy: title, description, tags, metadata and privacy of the source, as far as the
    /// destination takes them. What it refuses is left out with a warning; a privacy it lacks becomes the closest
    /// one that is no more visible (Public, then Unlisted, then Private), with a warning.
    /// </summary>
    internal static UploadRequest Describe(IVideoProvider to, string toName, Video source, string file, string? marker = null, bool quiet = false)
    {
        var withMarker = false;
        // The source upload's own markers (its hash, its attempt) describe that upload, not the user's data: not carried.
        var sourceMetadata = Upload.ContentMarkers.WithoutUploadMarkers(source.Metadata);
        UploadRequest Make(bool tags, bool metadata, VideoPrivacy? privacy) => new(file)
        {
            Title = string.IsNullOrWhiteSpace(source.Title) ? source.Id : source.Title,
            Description = string.IsNullOrEmpty(source.Description) ? null : source.Description,
            Tags = tags ? source.Tags : null,
            Metadata = !metadata && !withMarker ? null
                : (metadata ? sourceMetadata : Enumerable.Empty<KeyValuePair<string, string>>())
                    .Where(e => !string.Equals(e.Key, MarkerKey, StringComparison.OrdinalIgnoreCase))
                    .Concat(withMarker && marker is not null ? [new KeyValuePair<string, string>(MarkerKey, marker)] : [])
                    .ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase),
            Privacy = privacy,
        };
        bool Accepts(UploadRequest request, out string? why)
        {
            try
            {
                to.ValidateUpload(request);
                why = null;
                return true;
            }
            catch (VideoProviderException ex) when (ex.Kind is ProviderErrorKind.InvalidArgument or ProviderErrorKind.NotSupported)
            {
                why = ex.Message;
                return false;
            }
        }
        void Warn(string message)
        {
            if (!quiet) OperationLog.Warning(message);
        }

        // Whatever the bare upload is refused for (a missing scope, a read-only connection) is not about metadata.
        to.ValidateUpload(Make(false, false, null));
        string? tagsRefused = null, metadataRefused = null;
        var tags = source.Tags.Length > 0 && Accepts(Make(true, false, null), out tagsRefused);
        if (source.Tags.Length > 0 && !tags) Warn($"{source.Provider} video {source.Id}: {toName} does not take its tags ({string.Join(", ", source.Tags)}), so the copy has none. {toName} said: {tagsRefused}");
        var metadata = sourceMetadata.Count > 0 && Accepts(Make(false, true, null), out metadataRefused);
        if (sourceMetadata.Count > 0 && !metadata) Warn($"{source.Provider} video {source.Id}: {toName} does not take its key/value metadata, so the copy has none of its {sourceMetadata.Count} entries. {toName} said: {metadataRefused}");

        VideoPrivacy? privacy = null;
        if (source.Privacy is { } wanted)
        {
            VideoPrivacy[] closest = wanted switch
            {
                VideoPrivacy.Public => [VideoPrivacy.Public, VideoPrivacy.Unlisted, VideoPrivacy.Private],
                VideoPrivacy.Unlisted => [VideoPrivacy.Unlisted, VideoPrivacy.Private],
                _ => [VideoPrivacy.Private],
            };
            privacy = closest.Cast<VideoPrivacy?>().FirstOrDefault(p => Accepts(Make(false, false, p), out _));
            if (privacy is null)
                Warn($"{source.Provider} video {source.Id} is {wanted}, but {toName} has no privacy setting to give the copy; it gets {toName}'s default. Check who can see it there.");
            else if (privacy != wanted)
                Warn($"{source.Provider} video {source.Id} is {wanted}, which {toName} does not have; the copy is {privacy}, the closest that shows it to no more people.");
        }

        // The marker rides along quietly where the destination takes metadata at all.
        if (marker is not null)
        {
            withMarker = true;
            if (!Accepts(Make(false, false, null), out _)) withMarker = false;
        }
        var request = Make(tags, metadata, privacy);
        to.ValidateUpload(request);
        return request;
    }

    /// <summary>Metadata keys a copy carries where the destination takes metadata: which video it came from, and its bytes.</summary>
    internal const string MarkerKey = "copiedFrom";

    internal const string ShaKey = "copiedSha256";

    /// <summary>
    /// The source as platform/account/id, where the account is who it is (<see cref="VideoProviderConnection.AccountId"/>),
    /// never the credential or its scopes: a second token of the same account must find the same copy.
    /// </summary>
    private static string Marker(Video source) => $"{source.Provider}/{source.Connection!.AccountId}/{source.Id}";

    /// <summary>A destination video carrying the marker, where the destination can list by metadata; null otherwise.</summary>
    private static async Task<Video?> FindMarkedAsync(IVideoProvider to, string marker, CancellationToken cancellationToken)
    {
        try
        {
            var query = new VideoQuery { Metadata = new Dictionary<string, string> { [MarkerKey] = marker }, PageSize = 10 };
            await foreach (var page in to.ListVideosAsync(query, cancellationToken).ConfigureAwait(false))
            {
                foreach (var marked in page.Items.Where(v => v.Metadata.TryGetValue(MarkerKey, out var value) && value == marker))
                {
                    // The marker goes on with the create, so a copy stopped or failed midway carries it too: only a
                    // video that holds its whole file counts as copied. A partial one is this copy's own leftover.
                    // One still receiving its file may be another worker's copy of the same video, under way now:
                    // waited for, not deleted under it (Upload/ContentLookup.SettledAsync).
                    var id = marked.Id;
                    var (full, _) = await Upload.ContentLookup.SettledAsync(token => to.GetVideoAsync(id, token), $"a copy of {marker}", Upload.ContentLookup.LeftoverAge, cancellationToken).ConfigureAwait(false);
                    if (full is null) continue;
                    if (full.Status is not (VideoStatus.Uploading or VideoStatus.Failed)) return full;
                    await DeleteLeftoverAsync(to, full, cancellationToken).ConfigureAwait(false);
                }
                break;
            }
        }
        catch (VideoProviderException ex) when (ex.Kind is ProviderErrorKind.InvalidArgument or ProviderErrorKind.NotSupported)
        {
            // This destination cannot list by metadata; the local record is all there is.
        }
        return null;
    }

    /// <summary>
    /// A destination video holding the unique key a copy of this source claims (ContentIdentity.UniqueKey), whole; null when none does.
    /// An unfinished one is this copy's own leftover, removed before copying again.
    /// </summary>
    private static async Task<Video?> FindKeyedAsync(IVideoProvider to, string copyKey, CancellationToken cancellationToken)
    {
        // One still receiving its file may be another worker's copy under way now: waited for, not deleted under it.
        var (keyed, _) = await Upload.ContentLookup.SettledAsync(token => to.GetVideoAsync("_" + copyKey, token), $"the key {copyKey}", Upload.ContentLookup.LeftoverAge, cancellationToken).ConfigureAwait(false);
        if (keyed is null) return null;
        if (keyed.Status is not (VideoStatus.Uploading or VideoStatus.Failed)) return keyed;
        await DeleteLeftoverAsync(to, keyed, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Deletes a marked copy that failed, or that has not received its file after the wait (or was made long before
    /// it): a copy an earlier run stopped, in the way of copying again.
    /// </summary>
    private static async Task DeleteLeftoverAsync(IVideoProvider to, Video leftover, CancellationToken cancellationToken)
    {
        try
        {
            await to.DeleteVideoAsync(leftover.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            // Gone meanwhile: what was wanted.
        }
        OperationLog.Verbose($"Deleted {leftover.Id}, an unfinished copy an earlier run left on the destination ({leftover.Status}), before copying again.");
    }

    /// <summary>Adds the bytes' hash (vpSha256, copiedSha256) to a piped copy's metadata, keeping the rest of it.</summary>
    private static async Task RecordHashAsync(IVideoProvider to, VideoCopyResult copy, CancellationToken cancellationToken)
    {
        var current = await to.GetVideoAsync(copy.DestinationId, cancellationToken).ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(current.Metadata, StringComparer.OrdinalIgnoreCase)
        {
            [Upload.ContentMarkers.Sha256Key] = copy.Sha256,
            [ShaKey] = $"{copy.Sha256}/{copy.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        };
        var updated = await to.UpdateVideoAsync(copy.DestinationId, new VideoUpdate { Metadata = metadata }, cancellationToken).ConfigureAwait(false);
        copy.Video = updated.WithPath(null);
    }

    /// <summary>The report for a copy found on the destination by its marker; the record is written for next time.</summary>
    private static (VideoCopyResult Result, CopyRecord Record) FoundByMarker(Video source, VideoProviderConnection destination, string key, Video found)
    {
        var (sha256, bytes) = found.Metadata.TryGetValue(ShaKey, out var value) && value.Split('/') is [var hex, var length]
            && long.TryParse(length, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? (hex, n) : ("", 0L);
        // What the lost record said was carried is unknown: the extras are checked against the destination again.
        var record = new CopyRecord(found.Id, bytes, sha256);
        if (sha256.Length == 64) CopyRecords.Save(key, record);
        return (new VideoCopyResult(source.Provider, source.Id, destination.Provider, found.Id, bytes, sha256, alreadyCopied: true, found), record);
    }

    private static UploadRequest WithMetadata(UploadRequest request, string key, string value) =>
        request.WithMetadata(new Dictionary<string, string>(request.Metadata!, StringComparer.OrdinalIgnoreCase) { [key] = value });
}

using System.Security.Cryptography;
using System.Text;
using VideoPlatforms.Download;

namespace VideoPlatforms.Copy;

/// <summary>
/// What a copy carries besides the bytes and the metadata: the source's captions, subtitles and chapters, and its
/// thumbnail image, each where the destination's declaration takes it, each one it cannot take a warning that names it
/// and quotes the declaration.
/// </summary>
/// <remarks>
/// Exactly once: every item is added to the copy's record (<see cref="CopyRecord.Carried"/>) as soon as it is
/// attached, and the record says when all were dealt with (<see cref="CopyRecord.ExtrasFinished"/>). A run that stops
/// or fails half-way leaves the record unfinished, and the next run carries only what is missing; where the
/// destination can list its tracks, a track already there (attached just before a crash, before the record was
/// written) is counted, not attached again. An item that cannot be carried at all (refused by the destination, not
/// readable at the source) is a warning and counts as dealt with; an item that failed on the way (a network fault, a
/// platform error) is an error, and the next run tries it again.
/// </remarks>
internal static class CopyExtras
{
    /// <summary>The record's key for the thumbnail.</summary>
    internal const string ThumbnailKey = "thumbnail";

    /// <summary>
    /// Carries what <paramref name="record"/> has not carried yet to destination video
    /// <see cref="CopyRecord.DestinationId"/>, saving the record (through <paramref name="save"/>) after each item.
    /// </summary>
    public static async Task<CopyRecord> CarryAsync(Video source, Video? sourceRead, VideoProviderConnection destination, CopyRecord record,
        bool checkDestination, Action<CopyRecord> save, List<VideoProviderException> failures, CancellationToken cancellationToken)
    {
        if (record.ExtrasFinished) return record;
        var from = source.Connection!.Client;
        var to = destination.Client;
        var fromPlatform = ProviderRegistry.Get(source.Provider);
        var toPlatform = ProviderRegistry.Get(destination.Provider);
        var destinationId = record.DestinationId;
        var carried = new HashSet<string>(record.Carried, StringComparer.Ordinal);
        var failed = false;
        void Checkpoint(bool finished) => save(record = record with { Carried = new HashSet<string>(carried, StringComparer.Ordinal), ExtrasFinished = finished });
        string Them(VideoCaption track) => $"{track.Kind.ToString().ToLowerInvariant()} ({track.Language})";

        // The source's tracks, where its platform can read them.
        IReadOnlyList<VideoCaption> tracks = [];
        if (fromPlatform.Capabilities[PlatformOption.DownloadCaptions].IsHonoured)
        {
            try
            {
                tracks = await from.GetCaptionsAsync(source.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex)
            {
                failed = true;
                failures.Add(ex.Reword(ex.ErrorId, $"{source.Provider} video {source.Id} was copied to {destination.Provider} as {destinationId}, but its captions could not be listed: {ex.Message} "
                    + "Run Copy-Video again to carry them."));
            }
        }
        else if (fromPlatform.Capabilities[PlatformOption.AddCaptionKind].IsHonoured)
        {
            // The platform takes tracks but gives no way to list or read them (no listing): say so, since some may be lost.
            OperationLog.Warning($"{source.Provider} video {source.Id}: {fromPlatform.DisplayName} cannot list or read a video's subtitles "
                + $"({fromPlatform.Capabilities[PlatformOption.DownloadCaptions].Note.TrimEnd('.')}), so any it has are not in the copy. "
                + $"Attach their .vtt files to {destination.Provider} video {destinationId} with Add-VideoCaption.");
        }

        if (tracks.Count > 0)
        {
            var kinds = toPlatform.Capabilities[PlatformOption.AddCaptionKind];
            var labels = toPlatform.Capabilities[PlatformOption.AddCaptionLabel].IsHonoured;
            var defaults = toPlatform.Capabilities[PlatformOption.AddCaptionDefault].IsHonoured;
            // A kind the destination has keeps its kind; the others are mapped. The native ones go first, so that where
            // two tracks land on one kind and language (captions and subtitles in en, to a platform with captions only) the one of
            // that kind wins.
            var planned = tracks.Select(t => (Track: t, Kind: MapKind(t.Kind, kinds)))
                .OrderBy(p => p.Kind == p.Track.Kind ? 0 : 1).ToList();
            var defaultCaptions = planned.Count(p => p.Track.Default && p.Kind == CaptionKind.Captions);
            var existing = new HashSet<(CaptionKind, string)>();
            if (checkDestination && toPlatform.Capabilities[PlatformOption.DownloadCaptions].IsHonoured && planned.Any(p => !carried.Contains(KeyOf(p.Track))))
            {
                try
                {
                    foreach (var track in await to.GetCaptionsAsync(destinationId, cancellationToken).ConfigureAwait(false))
                        existing.Add((track.Kind, track.Language.ToLowerInvariant()));
                }
                catch (VideoProviderException ex)
                {
                    failures.Add(ex.Reword(ex.ErrorId, $"{source.Provider} video {source.Id} was copied to {destination.Provider} as {destinationId}, but the tracks it has there could not be listed: {ex.Message} "
                        + "Run Copy-Video again to carry the rest of its captions."));
                    Checkpoint(false);
                    return record;
                }
            }

            var taken = new Dictionary<(CaptionKind, string), VideoCaption>();
            foreach (var (track, kind) in planned)
            {
                var key = KeyOf(track);
                if (kind is null)
                {
                    OperationLog.Warning($"{source.Provider} video {source.Id}: {toPlatform.DisplayName} does not take its {Them(track)}, so the copy has none. "
                        + $"{toPlatform.DisplayName}: {(kinds.Note.Length > 0 ? kinds.Note : "it has no " + track.Kind.ToString().ToLowerInvariant())}");
                    continue;
                }
                var slot = (kind.Value, track.Language.ToLowerInvariant());
                if (taken.TryGetValue(slot, out var first))
                {
                    OperationLog.Warning($"{source.Provider} video {source.Id}: its {Them(track)} would be {kind.Value.ToString().ToLowerInvariant()} ({track.Language}) on {toPlatform.DisplayName}, "
                        + $"which the {Them(first)} already are, so it is not in the copy. {toPlatform.DisplayName}: {kinds.Note}");
                    continue;
                }
                taken[slot] = track;
                if (carried.Contains(key)) continue;
                if (existing.Contains(slot))
                {
                    OperationLog.Verbose($"{destination.Provider} video {destinationId} already has {kind.Value.ToString().ToLowerInvariant()} ({track.Language}): carried by an earlier run that stopped before recording it.");
                    carried.Add(key);
                    Checkpoint(false);
                    continue;
                }

                var file = SpoolFile(record, key, ".vtt");
                try
                {
                    await from.DownloadCaptionAsync(track, file, overwrite: true, cancellationToken).ConfigureAwait(false);
                    var request = new CaptionRequest(file, track.Language)
                    {
                        Kind = kind,
                        Label = labels && !string.IsNullOrEmpty(track.Label) ? track.Label : null,
                        // The source's default caption stays the default, where the destination has one and it is unambiguous
                        // (a platform may call every track it shows active, so several would all claim it).
                        Default = defaults && track.Default && kind == CaptionKind.Captions && defaultCaptions == 1,
                    };
                    await to.AddCaptionAsync(destinationId, request, cancellationToken).ConfigureAwait(false);
                    carried.Add(key);
                    Checkpoint(false);
                    OperationLog.Verbose($"Carried the {Them(track)} of {source.Provider} video {source.Id} to {destination.Provider} video {destinationId}"
                        + (kind != track.Kind ? $" as {kind.Value.ToString().ToLowerInvariant()}." : "."));
                }
                catch (VideoProviderException ex) when (ex.Kind is ProviderErrorKind.InvalidArgument or ProviderErrorKind.InvalidData or ProviderErrorKind.NotSupported)
                {
                    // Nothing a second run would change: the source gives no text, or the destination refuses this file.
                    OperationLog.Warning($"{source.Provider} video {source.Id}: its {Them(track)} could not be carried to {toPlatform.DisplayName}, so the copy has none. {ex.Message}");
                }
                catch (VideoProviderException ex)
                {
                    failed = true;
                    failures.Add(ex.Reword(ex.ErrorId, $"{source.Provider} video {source.Id} was copied to {destination.Provider} as {destinationId}, but its {Them(track)} were not carried: {ex.Message} "
                        + "Run Copy-Video again to carry them; what was carried already is not carried twice."));
                }
                finally
                {
                    Discard(file);
                }
            }
        }

        if (!carried.Contains(ThumbnailKey) && sourceRead?.ThumbnailUrl is { } picture)
            failed |= !await CarryThumbnailAsync(source, picture, destination, record, toPlatform, () => { carried.Add(ThumbnailKey); Checkpoint(false); }, failures, cancellationToken).ConfigureAwait(false);

        Checkpoint(!failed);
        return record;
    }

    /// <summary>
    /// The source's thumbnail image, read from its link and set on the copy where the destination takes an image
    /// (its UpdateThumbnail declaration). False when it failed in a way a re-run may mend.
    /// </summary>
    private static async Task<bool> CarryThumbnailAsync(Video source, Uri picture, VideoProviderConnection destination, CopyRecord record,
        ProviderDescriptor toPlatform, Action carried, List<VideoProviderException> failures, CancellationToken cancellationToken)
    {
        var takes = toPlatform.Capabilities[PlatformOption.UpdateThumbnail];
        if (!takes.IsHonoured)
        {
            OperationLog.Warning($"{source.Provider} video {source.Id}: {toPlatform.DisplayName} does not take its thumbnail image, so the copy has {toPlatform.DisplayName}'s own. "
                + $"{toPlatform.DisplayName}: {takes.Note}");
            return true;
        }
        if (CapabilityGuard.Unwrap(source.Connection!.Client) is not Providers.VideoProviderBase from) return true;
        var file = SpoolFile(record, ThumbnailKey, ".image");
        string? named = null;
        try
        {
            try
            {
                await from.DownloadLinkAsync(picture, source.Id, "thumbnail", file, overwrite: true, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
            {
                // No image at the link (a platform makes its frame once the video is processed): nothing to carry.
                OperationLog.Verbose($"{source.Provider} video {source.Id} has no thumbnail image to read yet; the copy keeps {toPlatform.DisplayName}'s own.");
                carried();
                return true;
            }
            // The platforms tell an image's type by its file name: name it after what the bytes are.
            if (ImageExtension(file) is not { } extension)
            {
                OperationLog.Warning($"{source.Provider} video {source.Id}: its thumbnail is not a JPEG, PNG, GIF or WebP image, so the copy keeps {toPlatform.DisplayName}'s own.");
                return true;
            }
            named = Path.ChangeExtension(file, extension);
            File.Move(file, named, overwrite: true);
            await destination.Client.UpdateVideoAsync(record.DestinationId, new VideoUpdate { ThumbnailPath = named }, cancellationToken).ConfigureAwait(false);
            carried();
            OperationLog.Verbose($"Carried the thumbnail of {source.Provider} video {source.Id} to {destination.Provider} video {record.DestinationId}.");
            return true;
        }
        catch (VideoProviderException ex) when (ex.Kind is ProviderErrorKind.InvalidArgument or ProviderErrorKind.InvalidData or ProviderErrorKind.NotSupported)
        {
            OperationLog.Warning($"{source.Provider} video {source.Id}: its thumbnail could not be carried to {toPlatform.DisplayName}, so the copy keeps {toPlatform.DisplayName}'s own. {ex.Message}");
            return true;
        }
        catch (VideoProviderException ex)
        {
            failures.Add(ex.Reword(ex.ErrorId, $"{source.Provider} video {source.Id} was copied to {destination.Provider} as {record.DestinationId}, but its thumbnail was not carried: {ex.Message} "
                + "Run Copy-Video again to carry it."));
            return false;
        }
        finally
        {
            Discard(file);
            if (named is not null) RangeDownloader.TryDelete(named);
        }
    }

    /// <summary>Removes a temporary file with what a stopped download of it leaves (its partial file and sidecar).</summary>
    private static void Discard(string file)
    {
        RangeDownloader.TryDelete(file);
        RangeDownloader.TryDelete(RangeDownloader.PartialPath(file));
        RangeDownloader.TryDelete(RangeDownloader.PartialPath(file) + ".json");
    }

    /// <summary>The extension for an image file by its first bytes; null for anything else.</summary>
    private static string? ImageExtension(string path)
    {
        var head = new byte[12];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return ".jpg";
        if (read >= 8 && head.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return ".png";
        if (read >= 6 && (Encoding.ASCII.GetString(head, 0, 6) is "GIF87a" or "GIF89a")) return ".gif";
        if (read >= 12 && Encoding.ASCII.GetString(head, 0, 4) == "RIFF" && Encoding.ASCII.GetString(head, 8, 4) == "WEBP") return ".webp";
        return null;
    }

    /// <summary>The record's key of a source track: its kind, language and own id (a platform may have two of a kind in one language).</summary>
    internal static string KeyOf(VideoCaption track) =>
        $"{track.Kind.ToString().ToLowerInvariant()}/{track.Language.ToLowerInvariant()}/{track.TrackId ?? ""}";

    /// <summary>How many of the record's items are tracks.</summary>
    internal static int CaptionCount(CopyRecord record) => record.Carried.Count(k => k != ThumbnailKey);

    /// <summary>
    /// The kind a track becomes on a destination that takes <paramref name="kinds"/>: its own where it can, captions and
    /// subtitles for each other (a platform may have no subtitles, or only subtitles), chapters only as chapters; null
    /// where the destination has no such kind.
    /// </summary>
    internal static CaptionKind? MapKind(CaptionKind kind, OptionSupport kinds)
    {
        if (!kinds.IsHonoured) return null;
        if (kinds.Accepts(kind.ToString())) return kind;
        CaptionKind? other = kind switch
        {
            CaptionKind.Subtitles => CaptionKind.Captions,
            CaptionKind.Captions => CaptionKind.Subtitles,
            _ => null,
        };
        return other is { } mapped && kinds.Accepts(mapped.ToString()) ? mapped : null;
    }

    /// <summary>A temporary file for one item, in the user's own spool folder, named by the copy and the item.</summary>
    private static string SpoolFile(CopyRecord record, string key, string extension) =>
        Path.Combine(VideoCopier.SpoolDirectory,
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(record.DestinationId + "|" + key))).ToLowerInvariant()[..32] + extension);
}

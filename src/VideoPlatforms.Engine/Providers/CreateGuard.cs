using VideoPlatforms.Http;

namespace VideoPlatforms.Providers;

/// <summary>
/// Makes a create (the POST that makes a video) safe to repeat after a failure that leaves its outcome unknown: a
/// 5xx, a lost or cut answer, a timeout, a 2xx whose JSON did not parse. The platform may have made the video, and
/// a blind retry could make a second one; not retrying leaves a video nobody was told about. So after such a
/// failure the guard finds what the attempt made, deletes it (a create that lost its answer got no bytes yet, so it
/// is an empty container only this upload knows), and creates again. Where the create carried an attempt id
/// (in the video's metadata: Upload/ContentMarkers, where the platform keeps metadata) the stray is found by that id and
/// nothing else, so another session's video can never be taken for it; elsewhere by the upload's title, made since the
/// attempt began, unknown to this connection and still without its file (Status Uploading).
/// </summary>
/// <remarks>
/// Creates of the same title on one connection go through the guard one at a time, so while a lookup runs no other
/// create of that title is in flight and every video of that title this connection made is already known: a
/// same-titled video of a parallel upload is never taken for a stray. Creates of different titles run in parallel
/// (a lookup matches by title only), which is what keeps -ThrottleLimit 8 about eight times as fast as one at a time. A video with its file is never deleted, however it matches: another run's finished upload of the same
/// title is safe. What remains possible is an empty video that another session made with the same title within
/// <see cref="ClockSkew"/> of the attempt and has not yet sent bytes to; that session's upload would then fail
/// with an error naming its video. The window only tolerates a server clock that differs from ours.
/// </remarks>
internal sealed class CreateGuard(IVideoProvider provider, ProviderHttp http)
{
    /// <summary>How far the platform's clock may run behind ours when dating a stray video.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>Listing items scanned per lookup at most: the lookup is a rare recovery, not a full account crawl.</summary>
    private const int MaxScanned = 2000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a failed create may nevertheless have made its video: one of its attempts reached the platform and
    /// the answer was lost, late, a server failure or unreadable. A create whose every attempt was refused, or never
    /// reached the platform (the connection was refused), certainly made nothing. A failure no request was judged
    /// for falls back on its kind.
    /// </summary>
    public static bool IsUncertain(VideoProviderException ex) =>
        ex is not UploadFailedException
        && (ex.Outcome is { } outcome ? outcome is RequestOutcome.Unknown or RequestOutcome.Done
            : ex.Kind is ProviderErrorKind.ServerError or ProviderErrorKind.Network or ProviderErrorKind.Timeout || ex.ErrorId == "MalformedResponse");

    /// <summary>Remembers a video this connection made, so a later lookup never takes it for a stray.</summary>
    public void Know(string? id)
    {
        if (string.IsNullOrEmpty(id)) return;
        lock (_known) _known.Add(id);
    }

    /// <summary>
    /// Runs <paramref name="create"/>, recovering from uncertain failures as the class says. <paramref name="attemptId"/>
    /// is the attempt id the create records on the platform (a metadata marker), or null where it records none.
    /// </summary>
    public async Task<T> CreateAsync<T>(string title, string path, Func<CancellationToken, Task<T>> create, Func<T, string?> idOf, CancellationToken cancellationToken,
        string? attemptId = null)
    {
        var gate = _gates.GetOrAdd(title, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var removed = 0;
            try
            {
                return await http.Resilience.RunAsync(RetryKind.Create, async (_, ct) =>
                    {
                        var started = DateTimeOffset.UtcNow;
                        try
                        {
                            var result = await create(ct).ConfigureAwait(false);
                            Know(idOf(result));
                            return result;
                        }
                        catch (VideoProviderException ex) when (IsUncertain(ex))
                        {
                            // Before any retry, and after the last failure too: nothing this create made is left behind.
                            // A failed lookup ends the call (CreateOutcomeUnknown says what may exist).
                            removed = await Resilience.Unretried(RemoveStraysAsync(title, path, started, attemptId, ex, ct)).ConfigureAwait(false);
                            throw;
                        }
                    },
                    ex => ex is VideoProviderException failed && IsUncertain(failed),
                    retry => $"Creating the video for '{path}' failed in a way that leaves its outcome unknown ({(retry.Error as VideoProviderException)?.ErrorId}); {(removed > 0 ? $"deleted the {removed} empty video(s) it made" : "it made none")}, creating again {retry.When}.",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (IsUncertain(ex) && ex.ErrorId != "CreateOutcomeUnknown")
            {
                throw ex.Reword(ex.ErrorId, $"{ex.Message} {(removed > 0 ? $"The {removed} empty video(s) the failed attempts made were deleted again; nothing" : "Nothing")} was left behind for '{path}'.");
            }
            catch (VideoProviderException ex) when (ex is not UploadFailedException && !ex.Message.Contains(path, StringComparison.Ordinal))
            {
                // A refusal (quota, scope, bad values) or a request that never reached the platform: certain,
                // nothing made. Say which file it was for, and that nothing is left to clean up.
                var nothing = ex.Outcome == RequestOutcome.NotSent ? " The request never reached the platform, so no video was made." : "";
                throw ex.Reword(ex.ErrorId, $"Creating the video for '{path}' failed: {ex.Message}{nothing}");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether the platform itself applies this listing filter (its declaration says Server).</summary>
    private bool ServerSide(PlatformOption option) => ProviderRegistry.Get(provider.Name).Capabilities[option].How == Support.Server;

    /// <summary>Videos titled <paramref name="title"/>, made since <paramref name="since"/>, unknown to this connection.</summary>
    public async Task<List<Video>> FindStraysAsync(string title, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // The provider itself, not the capability guard, answers here: ask it only for a filter its platform applies
        // (a platform that cannot filter by title, ListTitle refused, is scanned). The title is checked below either way.
        var pages = provider.ListVideosAsync(ServerSide(PlatformOption.ListTitle) ? new VideoQuery { Title = title } : new VideoQuery(), cancellationToken);

        var found = new List<Video>();
        var scanned = 0;
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            lock (_known)
            {
                // Undated videos are never taken: an old video of the same title must not be mistaken for a stray.
                found.AddRange(page.Items.Where(v => string.Equals(v.Title, title, StringComparison.Ordinal)
                                                     && v.CreatedAt is { } at && at >= since - ClockSkew && !_known.Contains(v.Id)));
            }
            scanned += page.Items.Count;
            if (scanned >= MaxScanned) break;
        }
        return found;
    }

    /// <summary>
    /// Videos carrying <paramref name="attemptId"/> (the marker Upload/ContentMarkers.AttemptKey), unknown to this
    /// connection: what this upload's failed creates made, whatever their title or date. Filtered by the platform
    /// where it can filter on metadata (ListMetadata on the server), else read from the listing (metadata it keeps but cannot search).
    /// </summary>
    public async Task<List<Video>> FindByAttemptAsync(string attemptId, CancellationToken cancellationToken)
    {
        var pages = provider.ListVideosAsync(ServerSide(PlatformOption.ListMetadata)
            ? new VideoQuery { Metadata = new Dictionary<string, string> { [Upload.ContentMarkers.AttemptKey] = attemptId } }
            : new VideoQuery(), cancellationToken);

        var found = new List<Video>();
        var scanned = 0;
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            lock (_known)
            {
                found.AddRange(page.Items.Where(v => v.Metadata.TryGetValue(Upload.ContentMarkers.AttemptKey, out var id) && id == attemptId && !_known.Contains(v.Id)));
            }
            scanned += page.Items.Count;
            if (scanned >= MaxScanned) break;
        }
        return found;
    }

    private async Task<int> RemoveStraysAsync(string title, string path, DateTimeOffset since, string? attemptId, VideoProviderException cause, CancellationToken cancellationToken)
    {
        try
        {
            // Only empty ones: a video holding its file was not made by a create whose answer was just lost.
            var candidates = attemptId is null
                ? await FindStraysAsync(title, since, cancellationToken).ConfigureAwait(false)
                : await FindByAttemptAsync(attemptId, cancellationToken).ConfigureAwait(false);
            var strays = candidates.Where(v => v.Status == VideoStatus.Uploading).ToList();
            foreach (var stray in strays)
            {
                try
                {
                    await provider.DeleteVideoAsync(stray.Id, cancellationToken).ConfigureAwait(false);
                }
                catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
                {
                    // Gone already (deleted meanwhile by someone else): what the guard wanted, so it counts as removed.
                    OperationLog.Verbose($"Video {stray.Id}, made by the failed create for '{path}', was already gone when deleting it.");
                }
                OperationLog.Verbose($"The failed create for '{path}' had made video {stray.Id} after all; deleted it (it held no bytes) before creating again.");
            }
            return strays.Count;
        }
        catch (VideoProviderException ex)
        {
            // The lookup failed too: say plainly that a video may exist, and how to find it.
            throw cause.Reword("CreateOutcomeUnknown",
                $"Creating the video for '{path}' failed ({cause.Message}) and checking whether it was made anyway failed too ({ex.Message}). A video titled '{title}' may exist without the file: look for it with Get-Video -Title '{title}' and remove it before sending the file again.");
        }
    }
}

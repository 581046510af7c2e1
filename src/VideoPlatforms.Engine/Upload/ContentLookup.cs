namespace VideoPlatforms.Upload;

/// <summary>
/// Finds the video of an account that already holds a file's content, by the markers uploads record
/// (<see cref="ContentMarkers"/>): never a full account scan per file.
/// </summary>
internal static class ContentLookup
{
    /// <summary>
    /// The video holding content <paramref name="sha256"/> with its file in (not still Uploading), or null.
    /// SearchableMarker: one listing filtered by the hash marker. UniqueKey: one read by the key -SkipExisting claims.
    /// RefusesDuplicates has no field and answers nothing here: the platform's refusal of the same bytes is handled at upload.
    /// </summary>
    public static async Task<Video?> FindAsync(VideoProviderConnection connection, string sha256, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        switch (ContentMarkers.Identity(connection))
        {
            case ContentIdentity.SearchableMarker:
            {
                // The same reading as the tie-break after an upload (EarlierClaimAsync), so a worker that skips names the
                // video the uploading workers will keep: the first claim that holds its file, unless a claim made before
                // it (and not a leftover) is still receiving its file and may yet win. Then nothing is returned: this
                // file is uploaded, and its own tie-break waits for that claim like everyone else's. Before, the first
                // finished claim was returned at once, and when an earlier one finished after all, this worker named a
                // video its own worker then deleted.
                var claims = await ListClaimsAsync(connection, sha256, cancellationToken).ConfigureAwait(false);
                await ReadStatusesAsync(connection, claims, null, cancellationToken).ConfigureAwait(false);
                var ordered = claims.OrderBy(v => v.CreatedAt ?? DateTimeOffset.MaxValue).ToList();
                var held = ordered.FirstOrDefault(v => v.Status != VideoStatus.Uploading);
                if (held is null) return null;
                var rival = ordered.TakeWhile(v => v.Id != held.Id).Any(v => v.Status == VideoStatus.Uploading && !IsLeftover(v, held));
                return rival ? null : held;
            }
            case ContentIdentity.UniqueKey:
                try
                {
                    var video = await client.GetVideoAsync("_" + ContentMarkers.ContentKey(sha256), cancellationToken).ConfigureAwait(false);
                    return video.Status == VideoStatus.Uploading ? null : video;
                }
                catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
                {
                    return null;
                }
            default:
                return null;
        }
    }

    /// <summary>
    /// api.video's tie-break, where nothing is unique: of all videos carrying content <paramref name="sha256"/>
    /// (finished, or still uploading and made about when this one was: see <see cref="LeftoverAge"/>), the one created
    /// first wins: the first of the platform's own listing, which the provider asks oldest first (createdAt ascending),
    /// so among videos created in the same second (api.video dates to the second) the platform's order decides, not
    /// ours. Every worker reads the same listing, so they agree, and a video created after another worker's check has
    /// already kept its own always comes later, and yields. Returns the winner when it is not <paramref name="mine"/>;
    /// null when mine wins or the listing does not show mine yet.
    /// </summary>
    /// <remarks>
    /// This upload only yields to a claim that holds its file. A claim made earlier and still uploading is waited
    /// for, not yielded to at once: it may never hold the file. Its create's answer may have been lost, and then its
    /// own worker's create recovery deletes it and creates again (a later video, which yields to this one); or its
    /// upload may fail. Yielding to it at once deleted this upload's whole copy and handed back the id of a video
    /// about to vanish: three workers then named different videos for the same file. So the listing is read again
    /// until the earlier claim has its file (it wins), is gone (the next claim in order is judged), or
    /// <paramref name="patience"/> has passed: a claim that makes no progress for that long is taken as abandoned (a
    /// worker that died) and passed over. Waits only ever point at earlier claims, so no two workers wait for each
    /// other. The one case left that can keep two copies: an earlier worker that is still alive but slower than the
    /// patience, which by default is <see cref="LeftoverAge"/> plus as long again as this upload took (docs/exactly-once.md).
    /// </remarks>
    public static async Task<Video?> EarlierClaimAsync(VideoProviderConnection connection, string sha256, string mine, TimeSpan patience,
        CancellationToken cancellationToken, TimeSpan? firstPause = null)
    {
        var giveUpAt = DateTimeOffset.UtcNow + patience;
        var pause = firstPause ?? TimeSpan.FromMilliseconds(250);
        var abandoned = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var claims = await ListClaimsAsync(connection, sha256, cancellationToken).ConfigureAwait(false);
            var own = claims.FirstOrDefault(v => v.Id == mine);
            if (own is null) return null;
            await ReadStatusesAsync(connection, claims, own, cancellationToken).ConfigureAwait(false);
            var (winner, waitingFor) = Judge(claims, own, abandoned);
            while (waitingFor is not null && DateTimeOffset.UtcNow >= giveUpAt)
            {
                abandoned.Add(waitingFor.Id);
                OperationLog.Verbose($"Video {waitingFor.Id}, made before this upload's video {mine} with the same content (SHA-256 {sha256}), has not received its file after {patience.TotalSeconds:0} s of waiting; passing it over as abandoned.");
                (winner, waitingFor) = Judge(claims, own, abandoned);
            }
            if (waitingFor is null) return winner;
            OperationLog.Verbose($"Video {waitingFor.Id} was made before this upload's video {mine} with the same content (SHA-256 {sha256}) and is still receiving its file; waiting {pause.TotalSeconds:0.0} s to see whether it gets it (then this upload yields) or goes away (then the next one in order is judged).");
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxClaimPause.Ticks));
        }
    }

    /// <summary>
    /// The listing says only whether a claim has begun receiving its file (api.video lists no status: a video with a
    /// source is not Uploading, docs/platforms/apivideo.md), not whether all of it is in, and a chunked upload has a
    /// source from its first chunk. So each claim made before this upload's own, whose status the listing leaves
    /// unknown, is read on its own (a status read; usually none or one) before anyone is yielded to: yielding to a
    /// half-sent upload would delete this whole copy for one that may never finish. A claim gone meanwhile drops out.
    /// </summary>
    private static async Task ReadStatusesAsync(VideoProviderConnection connection, List<Video> claims, Video? own, CancellationToken cancellationToken)
    {
        // Without a video of its own (the check before an upload), every claim is read whose status is unknown.
        var ownMade = own is null ? DateTimeOffset.MaxValue : own.CreatedAt ?? DateTimeOffset.MaxValue;
        for (var i = claims.Count - 1; i >= 0; i--)
        {
            var claim = claims[i];
            if (claim.Id == own?.Id || claim.Status is not null || (claim.CreatedAt ?? DateTimeOffset.MaxValue) > ownMade) continue;
            try
            {
                var read = await connection.Client.GetVideoAsync(claim.Id, cancellationToken).ConfigureAwait(false);
                // The listing's order and dates stay; only the status is the read's.
                claims[i] = new Video(claim.Provider, claim.Id, claim.Connection)
                {
                    Title = claim.Title, Metadata = claim.Metadata, CreatedAt = claim.CreatedAt, Status = read.Status, Raw = claim.Raw,
                };
            }
            catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
            {
                claims.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// One reading of the claims: the winner to yield to (null: mine wins), or the unfinished claim to wait for first.
    /// Claims go oldest first (a stable sort: ties keep the platform's order). An unfinished claim made well before this
    /// upload is no rival of mine: it is an earlier run's failed upload, kept for -Resume, and yielding to it would
    /// delete the only whole copy on every run from then on. But leftovers are judged against the claim that would
    /// win, not only against mine: a claim made within <see cref="LeftoverAge"/> of the winner is that winner's rival,
    /// which the winner's own worker waits for, so this worker waits for it too. Judged against mine alone, a worker
    /// that started 2.5 minutes after an unfinished claim X yielded to a worker that started 1.5 minutes after X, which
    /// was itself waiting for X and then yielded to it: the first worker named a deleted video.
    /// </summary>
    internal static (Video? Winner, Video? WaitFor) Judge(IReadOnlyList<Video> claims, Video own, IReadOnlySet<string> abandoned)
    {
        var passed = new List<Video>();
        foreach (var claim in claims.OrderBy(v => v.CreatedAt ?? DateTimeOffset.MaxValue))
        {
            if (claim.Id == own.Id) return (null, null);
            if (abandoned.Contains(claim.Id) || IsLeftover(claim, own))
            {
                passed.Add(claim);
                continue;
            }
            if (claim.Status == VideoStatus.Uploading) return (null, claim);
            var rival = passed.FirstOrDefault(e => !abandoned.Contains(e.Id) && e.Status == VideoStatus.Uploading && !IsLeftover(e, claim));
            return rival is null ? (claim, null) : (null, rival);
        }
        return (null, null);
    }

    /// <summary>Every video carrying content <paramref name="sha256"/>, in the platform's listing order (oldest first).</summary>
    private static async Task<List<Video>> ListClaimsAsync(VideoProviderConnection connection, string sha256, CancellationToken cancellationToken)
    {
        var query = new VideoQuery { Metadata = new Dictionary<string, string> { [ContentMarkers.Sha256Key] = sha256 } };
        var claims = new List<Video>();
        await foreach (var page in connection.Client.ListVideosAsync(query, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            claims.AddRange(page.Items.Where(v => v.Metadata.TryGetValue(ContentMarkers.Sha256Key, out var value) && value == sha256));
        return claims;
    }

    /// <summary>The longest pause between two readings of a claim that is still uploading.</summary>
    private static readonly TimeSpan MaxClaimPause = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a tie-break waits for an earlier claim of the same content to receive its file, when this upload
    /// took <paramref name="ownUpload"/>: <see cref="LeftoverAge"/>, plus as long again as this upload took (the earlier
    /// one sends the same bytes, and started first).
    /// </summary>
    public static TimeSpan ClaimPatience(TimeSpan ownUpload) => LeftoverAge + ownUpload;

    /// <summary>
    /// Whether a refused create was refused for the unique key <paramref name="key"/> it carried: the platform's refusal
    /// names it (Ziggeo: "the key '...' is already used by another video"). A refusal for anything else does not.
    /// </summary>
    public static bool RefusalNamesKey(VideoProviderException failure, string key) =>
        failure is not UploadFailedException && failure.Kind is ProviderErrorKind.InvalidArgument or ProviderErrorKind.Conflict
        && failure.Message.Contains(key, StringComparison.Ordinal);

    /// <summary>
    /// A UniqueKey platform's claim of content <paramref name="key"/> as it stands once it holds its file. Claim: the
    /// claimed video when it has the file, or still without it after <paramref name="patience"/> or made more than
    /// <see cref="LeftoverAge"/> ago (the caller refuses to name such a video as the content's);
    /// null when no video holds the key. Vanished: the claim was seen still uploading and then went away (its create's
    /// answer was lost and its worker deleted it to create again, or its upload failed), so the key is free to claim
    /// again. Waiting for it keeps this worker from naming a video that is about to vanish.
    /// </summary>
    public static Task<(Video? Claim, bool Vanished)> SettledClaimAsync(VideoProviderConnection connection, string key, TimeSpan patience,
        CancellationToken cancellationToken, TimeSpan? firstPause = null) =>
        SettledAsync(token => connection.Client.GetVideoAsync("_" + key, token), $"the key {key}", patience, cancellationToken, firstPause);

    /// <summary>
    /// A video as it stands once it holds its file, read with <paramref name="read"/> until it has the file, goes away
    /// (null, Vanished after it was seen), was made more than <see cref="LeftoverAge"/> ago without it (an upload that
    /// stopped: returned as it is, at once), or <paramref name="patience"/> has passed (returned as it is). Null and
    /// not Vanished: there was no such video. <paramref name="what"/> names it in the verbose lines.
    /// </summary>
    public static async Task<(Video? Claim, bool Vanished)> SettledAsync(Func<CancellationToken, Task<Video>> read, string what, TimeSpan patience,
        CancellationToken cancellationToken, TimeSpan? firstPause = null)
    {
        var giveUpAt = DateTimeOffset.UtcNow + patience;
        var pause = firstPause ?? TimeSpan.FromMilliseconds(250);
        for (var seen = false; ; seen = true)
        {
            Video claimed;
            try
            {
                claimed = await read(cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
            {
                return (null, seen);
            }
            // Without its file and made well before now, the claim is an earlier run's stopped upload, not a worker
            // sending it now: nothing to wait for (the caller says so instead of naming a video without its file).
            var leftover = claimed.CreatedAt is { } made && made < DateTimeOffset.UtcNow - LeftoverAge;
            if (claimed.Status != VideoStatus.Uploading || leftover || DateTimeOffset.UtcNow >= giveUpAt) return (claimed, false);
            OperationLog.Verbose($"Video {claimed.Id} ({what}) is still receiving its file; waiting {pause.TotalSeconds:0.0} s to see whether it gets it or goes away.");
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxClaimPause.Ticks));
        }
    }

    /// <summary>
    /// How much earlier than this upload's video an unfinished video of the same content must have been created to be
    /// taken as an earlier run's leftover rather than a worker uploading at the same time. Workers started together
    /// create their videos seconds apart, retries and backoff included; a run retried after a failure starts later.
    /// </summary>
    internal static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(2);

    internal static bool IsLeftover(Video claim, Video own) =>
        claim.Status == VideoStatus.Uploading && claim.CreatedAt is { } made && own.CreatedAt is { } mine && made < mine - LeftoverAge;

    /// <summary>
    /// The identity of content a RefusesDuplicates platform refused as a duplicate: the account's one video titled like the upload.
    /// Such a platform names the video it already has by nothing else (docs/platforms/biggo.md#3-upload-protocol), so only an unambiguous title match is taken.
    /// </summary>
    public static async Task<Video?> FindRefusedDuplicateAsync(VideoProviderConnection connection, string title, CancellationToken cancellationToken)
    {
        var matches = new List<Video>();
        await foreach (var page in connection.Client.ListVideosAsync(new VideoQuery(), cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            matches.AddRange(page.Items.Where(v => string.Equals(v.Title, title, StringComparison.Ordinal)));
        return matches.Count == 1 ? matches[0] : null;
    }
}

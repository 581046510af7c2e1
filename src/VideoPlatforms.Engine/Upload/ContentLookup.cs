namespace VideoPlatforms.Upload;

/// <summary>
/// Finds the video of an account that already holds a file's content, by the markers uploads record
/// (<see cref="ContentMarkers"/>): never a full account scan per file.
/// </summary>
internal static class ContentLookup
{
    /// <summary>
    /// The video holding content <paramref name="sha256"/> with its file in (not still Uploading), or null.
    /// api.video: one listing filtered by the hash marker. Ziggeo: one read by the key -SkipExisting claims.
    /// BigGo has no field and answers nothing here: its refusal of the same bytes (1002) is handled at upload.
    /// </summary>
    public static async Task<Video?> FindAsync(VideoProviderConnection connection, string sha256, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        switch (ContentMarkers.Identity(connection))
        {
            case ContentIdentity.SearchableMarker:
            {
                var query = new VideoQuery { Metadata = new Dictionary<string, string> { [ContentMarkers.Sha256Key] = sha256 }, PageSize = 10 };
                await foreach (var page in client.ListVideosAsync(query, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    var held = page.Items.FirstOrDefault(v => v.Metadata.TryGetValue(ContentMarkers.Sha256Key, out var value) && value == sha256
                                                             && v.Status != VideoStatus.Uploading);
                    if (held is not null) return held;
                }
                return null;
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
    /// (finished, or still uploading and made about when this one was: see <see cref="LeftoverAge"/>), the one created first wins: the first of the platform's own listing, which the provider
    /// asks oldest first (createdAt ascending), so among videos created in the same second (api.video dates to the
    /// second) the platform's order decides, not ours. Every worker reads the same listing, so they agree, and a video
    /// created after another worker's check has already kept its own always comes later, and yields. Returns the winner when it is not
    /// <paramref name="mine"/>; null when mine wins or the listing does not show mine yet.
    /// </summary>
    public static async Task<Video?> EarlierClaimAsync(VideoProviderConnection connection, string sha256, string mine, CancellationToken cancellationToken)
    {
        var query = new VideoQuery { Metadata = new Dictionary<string, string> { [ContentMarkers.Sha256Key] = sha256 } };
        var claims = new List<Video>();
        await foreach (var page in connection.Client.ListVideosAsync(query, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            claims.AddRange(page.Items.Where(v => v.Metadata.TryGetValue(ContentMarkers.Sha256Key, out var value) && value == sha256));
        var own = claims.FirstOrDefault(v => v.Id == mine);
        if (own is null) return null;
        // A stable sort: ties keep the platform's order. An unfinished claim made well before this upload is no rival:
        // it is an earlier run's failed upload, kept for -Resume, and yielding to it would delete the only whole copy
        // on every run from then on.
        var first = claims.Where(v => v.Id == mine || !IsLeftover(v, own)).OrderBy(v => v.CreatedAt ?? DateTimeOffset.MaxValue).First();
        return first.Id == mine ? null : first;
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
    /// BigGo's identity for content it refused as a duplicate (1002): the account's one video titled like the upload.
    /// BigGo names the video it already has by nothing else, so only an unambiguous title match is taken.
    /// </summary>
    public static async Task<Video?> FindRefusedDuplicateAsync(VideoProviderConnection connection, string title, CancellationToken cancellationToken)
    {
        var matches = new List<Video>();
        await foreach (var page in connection.Client.ListVideosAsync(new VideoQuery(), cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            matches.AddRange(page.Items.Where(v => string.Equals(v.Title, title, StringComparison.Ordinal)));
        return matches.Count == 1 ? matches[0] : null;
    }
}

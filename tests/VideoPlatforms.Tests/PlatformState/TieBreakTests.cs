using System.Runtime.CompilerServices;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.PlatformState;

/// <summary>
/// -SkipExisting's tie-breaks on listings and reads given by hand. api.video (ContentLookup.EarlierClaimAsync): the
/// first-created claim wins once it holds its file; one that goes away while waited for, or an earlier run's
/// unfinished upload kept for -Resume, never does. Ziggeo (ContentLookup.SettledClaimAsync): the claim on the key is
/// waited for while it uploads, and one that vanishes frees the key.
/// </summary>
public sealed class TieBreakTests
{
    private const string Sha = "0f0e0d0c0b0a09080706050403020100000102030405060708090a0b0c0d0e0f";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patient = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_finished_copy_made_first_wins_and_mine_yields()
    {
        var (winner, reads) = await TieBreakAsync(Patient, [Claim("vi-other", Now.AddSeconds(-1), VideoStatus.Ready), Claim("vi-mine", Now, VideoStatus.Processing)]);
        Assert.Equal("vi-other", winner?.Id);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task A_worker_still_uploading_that_started_first_wins_once_it_holds_its_file()
    {
        var (winner, reads) = await TieBreakAsync(Patient,
            [Claim("vi-other", Now.AddSeconds(-20), VideoStatus.Uploading), Claim("vi-mine", Now, VideoStatus.Processing)],
            [Claim("vi-other", Now.AddSeconds(-20), VideoStatus.Processing), Claim("vi-mine", Now, VideoStatus.Processing)]);
        Assert.Equal("vi-other", winner?.Id);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task An_earlier_claim_that_goes_away_while_waited_for_does_not_win()
    {
        // Before: the earlier claim won while still uploading. It was another worker's create whose answer was lost;
        // that worker's create recovery deleted it and made a later video, which yielded to mine. Mine had already been
        // deleted, and this worker named the vanished video: the workers disagreed, and the file's name pointed nowhere
        // (Pester ManyWorkers, "creates answered then dropped", failed in CI).
        var (winner, reads) = await TieBreakAsync(Patient,
            [Claim("vi-stray", Now.AddSeconds(-1), VideoStatus.Uploading), Claim("vi-mine", Now, VideoStatus.Processing)],
            [Claim("vi-mine", Now, VideoStatus.Processing), Claim("vi-later", Now.AddSeconds(2), VideoStatus.Uploading)]);
        Assert.Null(winner);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task An_earlier_claim_that_never_gets_its_file_is_passed_over_once_the_patience_is_spent()
    {
        var (winner, _) = await TieBreakAsync(TimeSpan.Zero,
            [Claim("vi-stuck", Now.AddSeconds(-5), VideoStatus.Uploading), Claim("vi-mine", Now, VideoStatus.Processing)]);
        Assert.Null(winner);
    }

    [Fact]
    public async Task A_finished_claim_after_an_abandoned_one_still_wins_over_mine()
    {
        var (winner, _) = await TieBreakAsync(TimeSpan.Zero,
            [Claim("vi-stuck", Now.AddSeconds(-5), VideoStatus.Uploading), Claim("vi-other", Now.AddSeconds(-2), VideoStatus.Ready), Claim("vi-mine", Now, VideoStatus.Processing)]);
        Assert.Equal("vi-other", winner?.Id);
    }

    [Fact]
    public async Task A_claim_too_old_to_rival_mine_but_not_the_winner_is_waited_for_as_the_winners_worker_waits_for_it()
    {
        // X is unfinished, made 2.5 minutes before mine (a leftover, judged against mine) but 1 minute before A's, the
        // finished claim that would win. A's worker waits for X, and yields to X once X has its file. Before: this worker
        // yielded to A at once, and named A, which its own worker deleted a moment later.
        var x = Claim("vi-x", Now.AddMinutes(-2.5), VideoStatus.Uploading);
        var a = Claim("vi-a", Now.AddMinutes(-1.5), VideoStatus.Ready);
        var mine = Claim("vi-mine", Now, VideoStatus.Processing);
        var (winner, reads) = await TieBreakAsync(Patient, [x, a, mine], [Claim("vi-x", Now.AddMinutes(-2.5), VideoStatus.Processing), a, mine]);
        Assert.Equal("vi-x", winner?.Id);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_listed_claim_with_its_source_begun_is_read_and_waited_for_until_all_of_its_file_is_in()
    {
        // api.video lists no status: a video whose chunked upload has begun has a source and lists without one (null),
        // like a finished one. Before: such a half-sent claim won at once, and this worker deleted its whole copy for it.
        var begun = Claim("vi-begun", Now.AddSeconds(-10), null);
        var mine = Claim("vi-mine", Now, VideoStatus.Processing);
        var provider = new ListingProvider([[begun, mine]]) { StatusReads = { ["vi-begun"] = new Queue<VideoStatus?>([VideoStatus.Uploading, VideoStatus.Processing]) } };
        var winner = await TieBreakAsync(provider, Patient);
        Assert.Equal("vi-begun", winner?.Id);
        Assert.Equal(2, provider.Reads);
    }

    [Fact]
    public async Task A_listed_claim_that_is_gone_when_read_does_not_win()
    {
        var provider = new ListingProvider([[Claim("vi-gone", Now.AddSeconds(-10), null), Claim("vi-mine", Now, VideoStatus.Processing)]])
        {
            StatusReads = { ["vi-gone"] = new Queue<VideoStatus?>() },
        };
        Assert.Null(await TieBreakAsync(provider, Patient));
    }

    [Fact]
    public async Task The_check_before_an_upload_names_no_video_while_an_earlier_claim_may_still_win()
    {
        // Before: the check returned the first finished claim (vi-later), while vi-first, made before it, was still
        // receiving its file; once vi-first had it, vi-later's worker yielded and deleted vi-later, which this worker
        // had named (ManyWorkers, api.video with lost create answers, failed now and then). Now it uploads, and its own
        // tie-break waits for vi-first like everyone else's.
        var provider = new ListingProvider([[Claim("vi-first", Now.AddSeconds(-3), VideoStatus.Uploading), Claim("vi-later", Now.AddSeconds(-1), VideoStatus.Processing)]]);
        Assert.Null(await FindAsync(provider));
    }

    [Fact]
    public async Task The_check_before_an_upload_names_the_first_claim_that_holds_its_file()
    {
        var provider = new ListingProvider([[Claim("vi-first", Now.AddSeconds(-3), null), Claim("vi-later", Now.AddSeconds(-1), VideoStatus.Uploading)]])
        {
            StatusReads = { ["vi-first"] = new Queue<VideoStatus?>([VideoStatus.Ready]) },
        };
        Assert.Equal("vi-first", (await FindAsync(provider))?.Id);
    }

    [Fact]
    public async Task The_check_before_an_upload_passes_over_an_earlier_runs_leftover()
    {
        var provider = new ListingProvider([[Claim("vi-partial", Now.AddMinutes(-30), VideoStatus.Uploading), Claim("vi-whole", Now, VideoStatus.Processing)]]);
        Assert.Equal("vi-whole", (await FindAsync(provider))?.Id);
    }

    [Fact]
    public async Task An_earlier_runs_unfinished_upload_does_not_win_so_the_whole_copy_is_kept()
    {
        // Before: the partial video of a failed run (kept for -Resume) won every tie-break, and each run deleted its
        // own whole upload of the file.
        var (winner, reads) = await TieBreakAsync(Patient, [Claim("vi-partial", Now.AddMinutes(-30), VideoStatus.Uploading), Claim("vi-mine", Now, VideoStatus.Processing)]);
        Assert.Null(winner);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task A_ziggeo_claim_that_vanishes_while_uploading_frees_the_key()
    {
        var (claim, vanished) = await SettledAsync(Claim("zv-stray", DateTimeOffset.UtcNow, VideoStatus.Uploading), null);
        Assert.Null(claim);
        Assert.True(vanished);
    }

    [Fact]
    public async Task A_ziggeo_claim_is_the_one_once_it_holds_its_file()
    {
        var (claim, vanished) = await SettledAsync(Claim("zv-other", DateTimeOffset.UtcNow, VideoStatus.Uploading), Claim("zv-other", DateTimeOffset.UtcNow, VideoStatus.Processing));
        Assert.Equal("zv-other", claim?.Id);
        Assert.False(vanished);
    }

    [Fact]
    public async Task A_ziggeo_claim_made_long_ago_and_still_without_its_file_is_not_waited_for()
    {
        // An earlier run's stopped upload holds the key: waiting for it cost every run the whole patience, and the
        // file was then reported skipped as a video that never got its file. Now it comes back at once, unfinished,
        // and the upload refuses to name it (ContentClaimUnfinished).
        var stuck = Claim("zv-stuck", DateTimeOffset.UtcNow.AddMinutes(-30), VideoStatus.Uploading);
        var (claim, vanished) = await SettledAsync(stuck, Claim("zv-stuck", Now, VideoStatus.Processing));
        Assert.Equal(VideoStatus.Uploading, claim?.Status);
        Assert.False(vanished);
    }

    [Fact]
    public async Task No_ziggeo_claim_at_all_is_not_a_vanished_one()
    {
        var (claim, vanished) = await SettledAsync((Video?)null);
        Assert.Null(claim);
        Assert.False(vanished);
    }

    private static Video Claim(string id, DateTimeOffset created, VideoStatus? status) => new("ApiVideo", id, null)
    {
        CreatedAt = created, Status = status, Metadata = new Dictionary<string, string> { [ContentMarkers.Sha256Key] = Sha },
    };

    /// <summary>The tie-break over successive listings (the last one repeats); how many listings it read.</summary>
    private static async Task<(Video? Winner, int Reads)> TieBreakAsync(TimeSpan patience, params Video[][] listings)
    {
        var provider = new ListingProvider(listings);
        var winner = await TieBreakAsync(provider, patience);
        return (winner, provider.Reads);
    }

    private static async Task<Video?> FindAsync(ListingProvider provider)
    {
        using var connection = new VideoProviderConnection("ApiVideo", "ApiVideo", new Uri("http://127.0.0.1/"), "Custom", new RetryOptions());
        connection.Attach(provider);
        return await ContentLookup.FindAsync(connection, Sha, CancellationToken.None);
    }

    private static async Task<Video?> TieBreakAsync(ListingProvider provider, TimeSpan patience)
    {
        using var connection = new VideoProviderConnection("ApiVideo", "ApiVideo", new Uri("http://127.0.0.1/"), "Custom", new RetryOptions());
        connection.Attach(provider);
        return await ContentLookup.EarlierClaimAsync(connection, Sha, "vi-mine", patience, CancellationToken.None, TimeSpan.FromMilliseconds(1));
    }

    /// <summary>Ziggeo's wait on its key over successive reads (null: no video holds the key; the last read repeats).</summary>
    private static async Task<(Video? Claim, bool Vanished)> SettledAsync(params Video?[] reads)
    {
        using var connection = new VideoProviderConnection("Ziggeo", "Ziggeo", new Uri("http://127.0.0.1/"), "Custom", new RetryOptions());
        connection.Attach(new KeyProvider(reads));
        return await ContentLookup.SettledClaimAsync(connection, "vp-sha256-" + Sha, Patient, CancellationToken.None, TimeSpan.FromMilliseconds(1));
    }

    /// <summary>
    /// Answers ListVideosAsync with one page per call from a script, oldest first as api.video's listing is asked, and
    /// GetVideoAsync (a status read) from <see cref="StatusReads"/>: the next status per call, 404 once none is left.
    /// </summary>
    private sealed class ListingProvider(IReadOnlyList<Video[]> listings) : Harness.FakeProvider
    {
        public int Reads { get; private set; }

        public Dictionary<string, Queue<VideoStatus?>> StatusReads { get; } = new();

        public override Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken) =>
            StatusReads.TryGetValue(id, out var statuses) && statuses.Count > 0
                ? Task.FromResult(Claim(id, Now, statuses.Dequeue()))
                : Task.FromException<Video>(new VideoProviderException(ProviderErrorKind.NotFound, "VideoNotFound", "no such video"));

        public override async IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            var videos = listings[Math.Min(Reads++, listings.Count - 1)];
            yield return new Page<Video>(videos.OrderBy(v => v.CreatedAt).ToList(), videos.Length);
        }

        public override string Name => "ApiVideo";
    }

    /// <summary>Answers GetVideoAsync("_key") from a script: a video, or null for Ziggeo's 404.</summary>
    private sealed class KeyProvider(IReadOnlyList<Video?> reads) : Harness.FakeProvider
    {
        private int _read;

        public override Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken)
        {
            var video = reads[Math.Min(_read++, reads.Count - 1)];
            return video is null
                ? Task.FromException<Video>(new VideoProviderException(ProviderErrorKind.NotFound, "VideoNotFound", "no video holds the key"))
                : Task.FromResult(video);
        }

        public override string Name => "Ziggeo";
    }
}

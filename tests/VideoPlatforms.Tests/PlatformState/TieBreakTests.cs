using System.Runtime.CompilerServices;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.PlatformState;

/// <summary>
/// api.video's tie-break after a -SkipExisting upload (ContentLookup.EarlierClaimAsync), on listings given by hand: the
/// first-created claim wins, but an earlier run's unfinished upload of the same content, kept for -Resume, never does.
/// </summary>
public sealed class TieBreakTests
{
    private const string Sha = "0f0e0d0c0b0a09080706050403020100000102030405060708090a0b0c0d0e0f";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_finished_copy_made_first_wins_and_mine_yields()
    {
        var winner = await TieBreakAsync(Claim("vi-other", Now.AddSeconds(-1), VideoStatus.Ready), Claim("vi-mine", Now, VideoStatus.Processing));
        Assert.Equal("vi-other", winner?.Id);
    }

    [Fact]
    public async Task A_worker_still_uploading_that_started_first_wins_so_only_one_copy_stays()
    {
        var winner = await TieBreakAsync(Claim("vi-other", Now.AddSeconds(-20), VideoStatus.Uploading), Claim("vi-mine", Now, VideoStatus.Processing));
        Assert.Equal("vi-other", winner?.Id);
    }

    [Fact]
    public async Task An_earlier_runs_unfinished_upload_does_not_win_so_the_whole_copy_is_kept()
    {
        // Before: the partial video of a failed run (kept for -Resume) won every tie-break, and each run deleted its
        // own whole upload of the file.
        var winner = await TieBreakAsync(Claim("vi-partial", Now.AddMinutes(-30), VideoStatus.Uploading), Claim("vi-mine", Now, VideoStatus.Processing));
        Assert.Null(winner);
    }

    private static Video Claim(string id, DateTimeOffset created, VideoStatus status) => new("ApiVideo", id, null)
    {
        CreatedAt = created, Status = status, Metadata = new Dictionary<string, string> { [ContentMarkers.Sha256Key] = Sha },
    };

    private static async Task<Video?> TieBreakAsync(params Video[] listing)
    {
        using var connection = new VideoProviderConnection("ApiVideo", "ApiVideo", new Uri("http://127.0.0.1/"), "Custom", new RetryOptions());
        connection.Attach(new ListingProvider(listing));
        return await ContentLookup.EarlierClaimAsync(connection, Sha, "vi-mine", CancellationToken.None);
    }

    /// <summary>Answers ListVideosAsync with one page, oldest first as api.video's listing is asked; nothing else.</summary>
    private sealed class ListingProvider(IReadOnlyList<Video> videos) : Harness.FakeProvider
    {
        public override async IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new Page<Video>(videos.OrderBy(v => v.CreatedAt).ToList(), videos.Count);
        }

        public override string Name => "ApiVideo";
    }
}

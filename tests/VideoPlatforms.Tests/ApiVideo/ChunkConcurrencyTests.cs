using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Tests.Faults;
using VideoPlatforms.Tests.Harness;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.ApiVideo;

/// <summary>
/// Send-Video -ChunkConcurrency on api.video: several chunks of one file in flight at once, each retried on its own,
/// the journal recording only what is certainly there, and a resumed run sending only what is missing.
/// </summary>
public sealed class ChunkConcurrencyTests : SandboxTest
{
    private const long MiB = 1 << 20;
    private const string SourcePattern = "^/videos/[^/]+/source$";

    public ChunkConcurrencyTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Ps.ConnectApiVideo();
    }

    private async Task<List<JsonElement>> ChunkRequestsAsync() =>
        (await Sandbox.RequestsAsync()).Where(r => r.Str("method") == "POST" && r.Str("path").EndsWith("/source", StringComparison.Ordinal)).ToList();

    private static string RangeOf(JsonElement request) =>
        request.GetProperty("headers").EnumerateObject().Single(h => h.Name.Equals("Content-Range", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;

    [Fact]
    public async Task Chunks_of_one_file_are_in_flight_at_once_and_the_file_arrives_byte_identical()
    {
        var file = Ps.NewFile("wide.mp4", 20 * MiB + 4321, seed: 31);
        // Each chunk is held a while, so chunks sent at once visibly overlap in the request log.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = SourcePattern, kind = "delay", delayMs = 400, times = 0 });
        var result = Ps.Run("Send-Video $args[0] -ChunkSize 5MB -ChunkConcurrency 3", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();

        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(video.Id, stored.GetProperty("videoId").GetString());
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());

        var chunks = await ChunkRequestsAsync();
        Assert.Equal(5, chunks.Count);
        Assert.Equal(5, chunks.Select(RangeOf).Distinct().Count());
        // The window in which the Sandbox certainly held each request (the injected delay): overlapping windows mean
        // chunks truly in flight at once. The most at one instant is found at some request's start.
        var windows = chunks.Select(c => (Start: c.GetProperty("startedAt").GetDateTimeOffset(), End: c.GetProperty("startedAt").GetDateTimeOffset().AddMilliseconds(400))).ToList();
        var mostAtOnce = windows.Max(w => windows.Count(o => o.Start <= w.Start && w.Start < o.End));
        Assert.InRange(mostAtOnce, 2, 3);

        // One bar for the file, never past 100 %, completed at the end.
        var fileBar = result.Progress.Where(p => p.Activity.Contains("wide.mp4")).ToList();
        Assert.NotEmpty(fileBar);
        Assert.All(fileBar, p => Assert.InRange(p.PercentComplete, -1, 100));
        Assert.Equal(ProgressRecordType.Completed, fileBar[^1].RecordType);
    }

    [Fact]
    public async Task Without_ChunkConcurrency_four_chunks_of_a_file_go_at_once()
    {
        // The default (ApiVideoProvider.DefaultChunkConcurrency, chosen from the bench's link emulator): four at once.
        var file = Ps.NewFile("default wide.mp4", 30 * MiB + 17, seed: 36);
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = SourcePattern, kind = "delay", delayMs = 400, times = 0 });
        var result = Ps.Run("Send-Video $args[0] -ChunkSize 5MB", file);
        result.AssertNoErrors();
        Assert.Equal(PsSession.Sha256(file), Assert.Single(await Sandbox.ApiVideoVideosAsync()).GetProperty("sha256").GetString());

        var chunks = await ChunkRequestsAsync();
        Assert.Equal(7, chunks.Count);
        var windows = chunks.Select(c => (Start: c.GetProperty("startedAt").GetDateTimeOffset(), End: c.GetProperty("startedAt").GetDateTimeOffset().AddMilliseconds(400))).ToList();
        var mostAtOnce = windows.Max(w => windows.Count(o => o.Start <= w.Start && w.Start < o.End));
        Assert.InRange(mostAtOnce, 2, 4);
    }

    [Fact]
    public async Task A_failed_chunk_among_concurrent_ones_is_retried_alone()
    {
        var file = Ps.NewFile("one bad chunk.mp4", 15 * MiB + 99, seed: 32);
        // The second chunk request to arrive fails once; the others pass.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = SourcePattern, kind = "status", status = 503, times = 1, skip = 1 });
        var result = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -MaximumRetryIntervalSec 1; Send-Video $args[0] -ChunkSize 5MB -ChunkConcurrency 4 -Verbose", file);
        result.AssertNoErrors();
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());

        var chunks = await ChunkRequestsAsync();
        var failed = Assert.Single(chunks, c => c.GetProperty("status").GetInt32() == 503);
        // Four chunks and one resend: the failed range, and no other, went twice.
        Assert.Equal(5, chunks.Count);
        var byRange = chunks.GroupBy(RangeOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, byRange.Count);
        Assert.Equal(2, byRange[RangeOf(failed)]);
        Assert.All(byRange.Where(kv => kv.Key != RangeOf(failed)), kv => Assert.Equal(1, kv.Value));
        Assert.Contains(result.Verbose, v => v.Contains("resuming"));
    }

    [Fact]
    public async Task The_journal_keeps_only_the_contiguous_confirmed_prefix_and_resume_sends_only_what_is_missing()
    {
        var file = Ps.NewFile("half wide.mp4", 20 * MiB + 7, seed: 33);
        // The first chunk request to arrive passes, every later one fails, with no retries: the run stops with one
        // chunk held, which with chunks at once may or may not be the first.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = SourcePattern, kind = "status", status = 500, times = 0, skip = 1 });
        var first = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -MaximumRetryCount 0; Send-Video $args[0] -ChunkSize 5MB -ChunkConcurrency 3", file);
        var failure = Assert.IsType<UploadFailedException>(Assert.Single(first.Errors).Exception);
        Assert.False(failure.VideoRemoved);
        var held = (await ChunkRequestsAsync()).Where(c => c.GetProperty("status").GetInt32() == 201).Select(RangeOf).Single();

        var entry = Assert.IsType<UploadJournalEntry>(Assert.Single(Ps.Ok("Get-VideoUploadJournal")).BaseObject);
        Assert.Equal(UploadJournalState.Uploading, entry.State);
        Assert.Equal(failure.VideoId, entry.VideoId);
        // Bytes 0 on are certainly there only when the chunk that arrived is the first one.
        Assert.Equal(held.StartsWith("bytes 0-", StringComparison.Ordinal) ? 5 * MiB : 0, entry.BytesConfirmed);

        (await Sandbox.Admin.DeleteAsync("_sandbox/faults")).EnsureSuccessStatusCode();
        var before = (await ChunkRequestsAsync()).Count;
        var second = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri; Send-Video $args[0] -ChunkSize 5MB -ChunkConcurrency 3 -Resume", file);
        second.AssertNoErrors();
        Assert.Equal(failure.VideoId, second.Single<Video>().Id);
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        var resent = (await ChunkRequestsAsync()).Skip(before).Select(RangeOf).ToList();
        Assert.Equal(4, resent.Count);
        Assert.DoesNotContain(held, resent);
        Assert.Equal(UploadJournalState.Complete, Assert.IsType<UploadJournalEntry>(Assert.Single(Ps.Ok("Get-VideoUploadJournal")).BaseObject).State);
    }

    [Fact]
    public async Task Through_an_upload_token_the_middle_chunks_go_at_once_and_one_video_is_made()
    {
        var file = Ps.NewFile("by token wide.mp4", 20 * MiB + 11, seed: 34);
        Ps.Ok("$token = New-UploadToken -TimeToLive 600");
        // The second chunk request to arrive fails once: a middle chunk, resent alone.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/upload$", kind = "status", status = 503, times = 1, skip = 1 });
        var result = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -MaximumRetryIntervalSec 1; Send-Video $args[0] -UploadToken $token -ChunkSize 5MB -ChunkConcurrency 3", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(video.Id, stored.GetProperty("videoId").GetString());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());

        var chunks = (await Sandbox.RequestsAsync()).Where(r => r.Str("method") == "POST" && r.Str("path") == "/upload").ToList();
        Assert.Equal(6, chunks.Count);
        // The first chunk went alone (its answer names the video), and the last after every other one was answered.
        Assert.StartsWith("bytes 0-", RangeOf(chunks[0]));
        Assert.StartsWith($"bytes {20 * MiB}-", RangeOf(chunks[^1]));
        Assert.Equal(5, chunks.Select(RangeOf).Distinct().Count());
    }

    [Fact]
    public void Chunks_confirmed_out_of_order_reach_the_journal_only_as_a_contiguous_prefix()
    {
        var checkpoint = new RecordingCheckpoint();
        var meter = new TransferMeter("f", 30, null, checkpoint);
        meter.Hold(new[] { new ByteRange(10, 19) });
        Assert.Equal(10, meter.Confirmed);
        meter.Hold(new[] { new ByteRange(20, 29) });
        Assert.Equal(20, meter.Confirmed);
        meter.Hold(new[] { new ByteRange(0, 9) });
        Assert.Equal(30, meter.Confirmed);
        Assert.Equal(new long[] { 0, 0, 30 }, checkpoint.Confirmed);
        Assert.True(meter.Holds(new ByteRange(5, 25)));
    }

    [Fact]
    public void The_missing_part_of_one_chunk_is_what_the_platform_does_not_hold()
    {
        var chunk = new ByteRange(10, 29);
        Assert.Equal(new[] { chunk }, ChunkPlan.MissingWithin(chunk, Array.Empty<ByteRange>()));
        Assert.Empty(ChunkPlan.MissingWithin(chunk, new[] { new ByteRange(0, 39) }));
        Assert.Equal(new[] { new ByteRange(10, 14), new ByteRange(25, 29) }, ChunkPlan.MissingWithin(chunk, new[] { new ByteRange(15, 24), new ByteRange(40, 49) }));
    }

    private sealed class RecordingCheckpoint : IUploadCheckpoint
    {
        public List<long> Confirmed { get; } = new();

        public void Created(string videoId) { }

        void IUploadCheckpoint.Confirmed(long bytes) => Confirmed.Add(bytes);

        public void Removed() { }
    }
}

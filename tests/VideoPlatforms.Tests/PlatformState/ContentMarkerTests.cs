using System.Management.Automation;
using VideoPlatforms.Tests.Faults;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.PlatformState;

/// <summary>
/// The platform holds the truth about what an upload carries: its content's SHA-256 and its attempt id are recorded on
/// the video where the platform has a field (api.video metadata, Ziggeo data), -SkipExisting asks the platform rather
/// than the local journal, and create recovery finds its own stray by the attempt id, never another session's video.
/// </summary>
public sealed class ContentMarkerTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    public static TheoryData<string> MarkedPlatforms => new("ApiVideo", "Ziggeo");

    public static TheoryData<string> SkippingPlatforms => new("ApiVideo", "Ziggeo", "BigGo");

    private const string FastRetries = "-MaximumRetryCount 3 -MaximumRetryIntervalSec 1 -RetryBaseDelayMilliseconds 5";

    /// <summary>Empties this session's upload journal, as a fresh sandbox or another machine would have it.</summary>
    private void ForgetJournal()
    {
        var journal = Path.Combine(Ps.Work, "journal");
        if (Directory.Exists(journal)) Directory.Delete(journal, recursive: true);
    }

    [Theory]
    [MemberData(nameof(MarkedPlatforms))]
    public void Every_upload_records_its_content_sha256_and_its_own_attempt_id(string name)
    {
        Ps.Ok(PlatformCase.Named(name).Connect);
        var file = Ps.NewFile("marked.mp4", 30_000, 61);
        var first = Ps.Ok("Send-Video $args[0] -Metadata @{ campaign = 'spring' }", file).Single().BaseObject as Video;
        var second = Ps.Ok("Send-Video $args[0]", file).Single().BaseObject as Video;

        var one = Read(first!.Id);
        var two = Read(second!.Id);
        Assert.Equal(PsSession.Sha256(file), one.Metadata["vpSha256"]);
        Assert.Equal(PsSession.Sha256(file), two.Metadata["vpSha256"]);
        Assert.Matches("^[0-9a-f]{32}$", one.Metadata["vpUploadAttempt"]);
        Assert.NotEqual(one.Metadata["vpUploadAttempt"], two.Metadata["vpUploadAttempt"]);
        // The user's own metadata stays beside the markers.
        Assert.Equal("spring", one.Metadata["campaign"]);
    }

    [Fact]
    public async Task A_chunked_apivideo_upload_hashes_beside_its_chunks_and_marks_the_video_before_the_last_chunk_starts()
    {
        Ps.ConnectApiVideo();
        const long size = 11L << 20;
        var file = Ps.NewFile("chunked.mp4", size, 68);

        var video = Ps.Run("Send-Video $args[0] -ChunkSize 5MB -ChunkConcurrency 2 -Metadata @{ campaign = 'spring' }", file).Single<Video>();

        var read = Read(video.Id);
        Assert.Equal(PsSession.Sha256(file), read.Metadata["vpSha256"]);
        Assert.Equal("spring", read.Metadata["campaign"]);
        Assert.Matches("^[0-9a-f]{32}$", read.Metadata["vpUploadAttempt"]);
        // The create did not wait for the hash; the marker went in a PATCH of its own, before the chunk that completes
        // the file started, so no finished video is ever without it.
        var log = (await Sandbox.RequestsAsync()).Select(r => (Method: r.GetProperty("method").GetString(), Path: r.GetProperty("path").GetString(),
            Range: r.GetProperty("headers").TryGetProperty("Content-Range", out var range) ? range.GetString() : null,
            Started: r.GetProperty("startedAt").GetDateTimeOffset(), Answered: r.GetProperty("startedAt").GetDateTimeOffset().AddMilliseconds(r.GetProperty("durationMs").GetDouble()))).ToList();
        var marker = log.Single(r => r is { Method: "PATCH" } && r.Path == $"/videos/{video.Id}");
        var lastChunk = log.Single(r => r.Range == $"bytes {10L << 20}-{size - 1}/{size}");
        Assert.True(marker.Answered <= lastChunk.Started, $"the last chunk arrived at {lastChunk.Started:O}, before the marker was answered at {marker.Answered:O}");
        Assert.Equal(3, log.Count(r => r.Range is not null));
    }

    [Fact]
    public async Task A_marker_that_cannot_be_written_stops_the_upload_before_its_last_chunk_and_names_the_video()
    {
        Ps.Ok($"{PlatformCase.ApiVideo.Connect} {FastRetries}");
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "PATCH", pathPattern = "^/videos/[^/]+$", kind = "status", status = 503, times = 0 });
        const long size = 11L << 20;
        var file = Ps.NewFile("unmarked.mp4", size, 69);

        var result = Ps.Run("Send-Video $args[0] -ChunkSize 5MB -ChunkConcurrency 2", file);

        var error = Assert.Single(result.Errors);
        Assert.Empty(result.Output);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(stored.Id(), failure.VideoId);
        Assert.False(failure.VideoRemoved);
        Assert.Contains($"Remove-Video -Id {failure.VideoId}", failure.Message);
        var ranges = (await Sandbox.RequestsAsync()).Select(r => r.GetProperty("headers").TryGetProperty("Content-Range", out var range) ? range.GetString() : null).ToList();
        Assert.DoesNotContain($"bytes {10L << 20}-{size - 1}/{size}", ranges);
    }

    [Theory]
    [InlineData("-Resume")]
    [InlineData("-Resume -SkipExisting")]
    public async Task A_resumed_upload_whose_marker_was_never_written_writes_it_before_its_last_chunk(string resume)
    {
        // The first run cannot write the marker: it stops with two chunks in and the video kept for -Resume.
        var resumed = await FailThenResumeAsync(new { platform = "apivideo", method = "PATCH", pathPattern = "^/videos/[^/]+$", kind = "status", status = 503, times = 0 },
            "resumed unmarked.mp4", 71, "-ChunkConcurrency 2", resume, (file, failed) => Assert.False(Read(failed.VideoId!).Metadata.ContainsKey("vpSha256")));

        Assert.Contains(resumed.Verbose, line => line.Contains("Computing the SHA-256", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-Resume")]
    [InlineData("-Resume -SkipExisting")]
    public async Task A_resumed_upload_whose_video_carries_its_marker_does_not_read_the_file_for_its_hash_again(string resume)
    {
        // The first run writes the marker (before its last chunk), then its last chunk fails for good: the video is kept for -Resume.
        var resumed = await FailThenResumeAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "status", status = 503, skip = 2, times = 0 },
            "resumed marked.mp4", 72, "-ChunkConcurrency 1", resume, (file, failed) => Assert.Equal(PsSession.Sha256(file), Read(failed.VideoId!).Metadata["vpSha256"]));

        Assert.Contains(resumed.Verbose, line => line.Contains("already carries its content marker", StringComparison.Ordinal));
        Assert.DoesNotContain(resumed.Verbose, line => line.Contains("Computing the SHA-256", StringComparison.Ordinal));
    }

    /// <summary>
    /// An 11 MiB api.video upload in 5 MiB chunks that fails under <paramref name="fault"/> (checked by
    /// <paramref name="afterFailure"/>), then the same command with <paramref name="resume"/> and -Verbose once the fault
    /// is gone: it finishes the same video, which carries the file's hash, and the account holds that one video.
    /// </summary>
    private async Task<PsResult> FailThenResumeAsync(object fault, string name, int seed, string concurrency, string resume, Action<string, UploadFailedException> afterFailure)
    {
        Ps.Ok($"{PlatformCase.ApiVideo.Connect} {FastRetries}");
        await Sandbox.AddFaultAsync(fault);
        var file = Ps.NewFile(name, 11L << 20, seed);
        var failed = Assert.IsType<UploadFailedException>(Assert.Single(Ps.Run($"Send-Video $args[0] -ChunkSize 5MB {concurrency}", file).Errors).Exception);
        afterFailure(file, failed);
        (await Sandbox.Admin.DeleteAsync("_sandbox/faults")).EnsureSuccessStatusCode();

        var resumed = Ps.Run($"Send-Video $args[0] -ChunkSize 5MB {concurrency} {resume} -Verbose", file);

        var video = resumed.Single<Video>();
        Assert.Equal(failed.VideoId, video.Id);
        Assert.Equal(PsSession.Sha256(file), Read(video.Id).Metadata["vpSha256"]);
        Assert.Single(await Sandbox.ApiVideoVideosAsync());
        return resumed;
    }

    [Fact]
    public async Task A_ziggeo_key_freed_between_the_refusal_and_its_read_is_claimed_again()
    {
        // Another worker's create lost its answer: its video holds the key without a file, and its create recovery
        // deletes it to create again. When that delete lands between this upload's refused create and its read of the
        // key, the key is free: the refusal was about it, so the upload claims it again. Before, the refusal stood and
        // the file ended as an error (ManyWorkers, Ziggeo with lost create answers, now and then).
        Ps.Ok($"{PlatformCase.Ziggeo.Connect} {FastRetries}");
        var file = Ps.NewFile("freed key.mp4", 1 << 20, 83);
        var key = ContentMarkers.ContentKey(PsSession.Sha256(file));
        using var ziggeo = new HttpClient { BaseAddress = Sandbox.Server.ZiggeoBaseUri };
        ziggeo.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{SandboxCredentials.ZiggeoApplicationToken}:{SandboxCredentials.ZiggeoPrivateKey}")));
        using var created = await ziggeo.PostAsync("v1/videos-upload-url", new FormUrlEncodedContent(new Dictionary<string, string> { ["video_type"] = "mp4", ["key"] = key }));
        created.EnsureSuccessStatusCode();
        var holder = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("video").GetProperty("token").GetString();
        // The check before the upload reads the key first (a claim without its file: not the content); the read after the
        // refusal is held back 3 s, and the holder is deleted meanwhile.
        await Sandbox.AddFaultAsync(new { platform = "ziggeo", method = "GET", pathPattern = "^/v1/videos/_vp-sha256-", kind = "delay", delayMs = 3000, skip = 1, times = 1 });

        var sending = Task.Run(() => Ps.Run("Send-Video $args[0] -SkipExisting -Verbose", file));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await Sandbox.RequestsAsync("ziggeo")).Any(r => r.GetProperty("method").GetString() == "POST"
                   && r.GetProperty("path").GetString() == "/v1/videos-upload-url" && r.GetProperty("status").GetInt32() == 400))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the upload's create was never refused");
            await Task.Delay(50);
        }
        (await ziggeo.DeleteAsync($"v1/videos/{holder}")).EnsureSuccessStatusCode();
        var result = await sending;

        Assert.Empty(result.Errors);
        var video = result.Single<Video>();
        Assert.NotEqual(holder, video.Id);
        Assert.Contains(result.Verbose, line => line.Contains("claiming it again", StringComparison.Ordinal));
        Assert.Equal(video.Id, Assert.Single(await VideoPlatforms.Tests.Ziggeo.ZiggeoSandbox.ZiggeoVideosAsync(Sandbox)).GetProperty("token").GetString());
    }

    [Fact]
    public async Task A_user_metadata_key_the_module_owns_is_refused_before_anything_is_sent()
    {
        Ps.ConnectApiVideo();
        var file = Ps.NewFile("reserved.mp4", 10_000, 62);
        var error = Ps.Fails("Send-Video $args[0] -Metadata @{ vpSha256 = 'mine' }", file);

        Assert.StartsWith("MetadataKeyReserved,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("vpSha256", error.Exception.Message);
        Assert.Empty(await Sandbox.VideosAsync(PlatformCase.ApiVideo));
    }

    [Theory]
    [MemberData(nameof(MarkedPlatforms))]
    public void Set_Video_Metadata_replaces_the_users_keys_and_keeps_the_markers_and_refuses_a_marker_key(string name)
    {
        Ps.Ok(PlatformCase.Named(name).Connect);
        var file = Ps.NewFile("relabelled.mp4", 20_000, 67);
        var video = Ps.Run("Send-Video $args[0] -Metadata @{ campaign = 'spring' }", file).Single<Video>();

        Ps.Ok("Set-Video -Id $args[0] -Metadata @{ season = 'summer' }", video.Id);

        var read = Read(video.Id);
        Assert.Equal("summer", read.Metadata["season"]);
        Assert.False(read.Metadata.ContainsKey("campaign"));
        Assert.Equal(PsSession.Sha256(file), read.Metadata["vpSha256"]);
        Assert.True(read.Metadata.ContainsKey("vpUploadAttempt"));
        var refused = Ps.Fails("Set-Video -Id $args[0] -Metadata @{ vpUploadAttempt = 'mine' }", video.Id);
        Assert.StartsWith("MetadataKeyReserved,", refused.FullyQualifiedErrorId);
    }

    [Theory]
    [MemberData(nameof(SkippingPlatforms))]
    public async Task SkipExisting_with_an_empty_journal_returns_the_video_already_on_the_account_and_uploads_nothing(string name)
    {
        var platform = PlatformCase.Named(name);
        Ps.Ok(platform.Connect);
        var file = Ps.NewFile("already there.mp4", 40_000, 63);
        var first = Ps.Run("Send-Video $args[0] -SkipExisting", file).Single<Video>();
        ForgetJournal();
        var requestsBefore = (await Sandbox.RequestsAsync(platform.AdminName)).Length;

        var result = Ps.Run("Send-Video $args[0] -SkipExisting -Verbose", file);

        result.AssertNoErrors();
        Assert.Equal(first.Id, result.Single<Video>().Id);
        Assert.Single(await Sandbox.VideosAsync(platform));
        Assert.Contains(result.Verbose, line => line.Contains("Skipping", StringComparison.Ordinal) && line.Contains(first.Id, StringComparison.Ordinal));
        // No upload request: no create on api.video or Ziggeo (BigGo's refusal of the same bytes is its lookup).
        var later = (await Sandbox.RequestsAsync(platform.AdminName)).Skip(requestsBefore).ToList();
        if (name != "BigGo")
            Assert.DoesNotContain(later, r => r.Str("method") == "POST" && (r.Str("path") == "/videos" || r.Str("path") == "/v1/videos-upload-url"));
    }

    [Fact]
    public async Task SkipExisting_finds_on_apivideo_a_file_uploaded_earlier_without_it_and_uploads_changed_content()
    {
        Ps.ConnectApiVideo();
        var file = Ps.NewFile("plain.mp4", 25_000, 64);
        var earlier = Ps.Run("Send-Video $args[0]", file).Single<Video>();
        ForgetJournal();

        Assert.Equal(earlier.Id, Ps.Run("Send-Video $args[0] -SkipExisting", file).Single<Video>().Id);
        Assert.Single(await Sandbox.VideosAsync(PlatformCase.ApiVideo));

        // Same name, other bytes: not the same content, so it is uploaded.
        var changed = Ps.NewFile("plain.mp4", 25_000, 65);
        var fresh = Ps.Run("Send-Video $args[0] -SkipExisting", changed).Single<Video>();
        Assert.NotEqual(earlier.Id, fresh.Id);
        Assert.Equal(2, (await Sandbox.VideosAsync(PlatformCase.ApiVideo)).Length);
    }

    [Theory]
    [MemberData(nameof(MarkedPlatforms))]
    public async Task Create_recovery_deletes_only_its_own_stray_never_another_sessions_empty_video_of_the_same_title(string name)
    {
        var platform = PlatformCase.Named(name);
        Ps.Ok($"{platform.Connect} {FastRetries}");
        // Another session has just created an empty video of the same title, and has not sent its file yet.
        var other = name == "ApiVideo"
            ? Ps.Ok("(Invoke-VideoProviderRequest -Method Post -Path videos -Body @{ title = 'shared title' }).videoId").Single().ToString()
            : Ps.Ok("(Invoke-VideoProviderRequest -Method Post -Path v1/videos-upload-url -Body @{ video_type = 'mp4'; data = '{\"title\":\"shared title\"}' }).video.token").Single().ToString();
        Assert.False(string.IsNullOrEmpty(other));
        // This session's create is carried out but its answer is garbled: a stray empty video of its own exists.
        var path = name == "ApiVideo" ? "^/videos$" : "^/v1/videos-upload-url$";
        await Sandbox.AddRuleAsync(new { platform = platform.AdminName, method = "POST", pathPattern = path, kind = "malformedJson", times = 1 });
        var file = Ps.NewFile("shared title.mp4", 30_000, 66);

        var result = Ps.Run("Send-Video $args[0] -Verbose", file);

        result.AssertNoErrors();
        var video = result.Single<Video>();
        var stored = (await Sandbox.VideosAsync(platform)).Select(v => v.Id()).ToList();
        Assert.Equal(2, stored.Count);
        Assert.Contains(other!, stored);
        Assert.Contains(video.Id, stored);
        Assert.Contains(result.Verbose, line => line.Contains("deleted it (it held no bytes)", StringComparison.Ordinal));
    }

    private Video Read(string id) => Assert.IsType<Video>(Ps.Ok("Get-Video -Id $args[0]", id).Single().BaseObject);
}

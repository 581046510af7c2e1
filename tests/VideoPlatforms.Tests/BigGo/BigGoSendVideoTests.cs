using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.BigGo;

/// <summary>Send-Video on BigGo: one streamed multipart POST, then the parameters, with every failure reported.</summary>
public sealed class BigGoSendVideoTests : BigGoTest
{
    public BigGoSendVideoTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConnectBigGo();
    }

    [Fact]
    public async Task A_file_arrives_byte_identical_with_its_parameters()
    {
        var file = Ps.NewFile("holiday clip.mp4", (3 << 20) + 4321, seed: 11);
        var result = Ps.Run("Send-Video -Path $args[0] -Title 'Holiday' -Description 'At the sea' -Privacy Unlisted", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        Assert.Equal("BigGo", video.Provider);
        Assert.Equal("Holiday", video.Title);
        Assert.Equal("At the sea", video.Description);
        Assert.Equal(VideoPrivacy.Unlisted, video.Privacy);
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.True(video.Duration > TimeSpan.Zero);
        Assert.NotNull(video.Url);
        Assert.NotNull(video.ThumbnailUrl);
        Assert.NotNull(video.CreatedAt);
        Assert.Equal(file, video.Path);
        Assert.NotNull(video.Connection);
        Assert.Equal(2, Ps.Ok("$args[0].Raw.access", video).Single().BaseObject is long l ? l : -1);

        var stored = Assert.Single(await OwnVideosAsync());
        Assert.Equal(video.Id, stored.GetProperty("videoId").GetString());
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal(new FileInfo(file).Length, stored.GetProperty("size").GetInt64());
        Assert.Equal(new FileInfo(file).Length, stored.GetProperty("fileSizeHeader").GetInt64());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        Assert.Equal("holiday clip.mp4", stored.GetProperty("fileName").GetString());

        // One upload request (multipart, never chunked), then one PATCH with the parameters.
        var upload = Assert.Single(await BigGoRequestsAsync("POST", "/api/v1/video/"));
        Assert.Equal(200, upload.GetProperty("status").GetInt32());
        Assert.Single(await BigGoRequestsAsync("PATCH", "/api/v1/video/"));
    }

    [Fact]
    public void Title_defaults_to_the_file_name_and_progress_completes()
    {
        var file = Ps.NewFile("beach day.mp4", 1 << 20);
        var result = Ps.Run("Send-Video $args[0]", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        Assert.Equal("beach day", video.Title);
        Assert.Equal(VideoPrivacy.Public, video.Privacy);
        Assert.NotEmpty(result.Progress);
        Assert.All(result.Progress, p => Assert.InRange(p.PercentComplete, -1, 100));
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
    }

    [Fact]
    public void Files_piped_as_FileInfo_each_emit_a_video()
    {
        Ps.NewFile("clips/a.mp4", 100_000, 1);
        Ps.NewFile("clips/b.mp4", 100_000, 2);
        Ps.NewFile("clips/c.txt", 10, 3);
        var videos = Ps.Ok("[System.IO.DirectoryInfo]::new([IO.Path]::Combine($Work, 'clips')).GetFiles('*.mp4') | Send-Video -Privacy Private")
            .Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();
        Assert.Equal(new[] { "a", "b" }, videos.Select(v => v.Title).OrderBy(t => t));
        Assert.All(videos, v => Assert.Equal(VideoPrivacy.Private, v.Privacy));
    }

    [Fact]
    public async Task A_duplicate_upload_is_a_non_terminating_error_naming_the_file_and_the_rest_goes_on()
    {
        var first = Ps.NewFile("original.mp4", 150_000, seed: 5);
        var copy = Path.Combine(Ps.Work, "copy of original.mp4");
        File.Copy(first, copy);
        var other = Ps.NewFile("other.mp4", 150_000, seed: 6);

        var result = Ps.Run("$args | Send-Video", first, copy, other);
        Assert.Null(result.Terminating);
        Assert.Equal(new[] { "original", "other" }, result.All<Video>().Select(v => v.Title));
        var error = Assert.Single(result.Errors);
        Assert.Equal("VideoAlreadyExists,VideoPlatforms.Commands.SendVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(copy, error.TargetObject);
        Assert.Contains(copy, error.Exception.Message);
        Assert.Equal("1002", ((VideoProviderException)error.Exception).ProviderCode);
        Assert.Equal(2, (await LiveVideosAsync()).Length);
    }

    [Fact]
    public async Task Parameters_failing_delete_the_new_video_and_say_so()
    {
        await FaultAsync("PATCH", "^/api/v1/video/", 400, 1006);
        var file = Ps.NewFile("params.mp4", 100_000);
        var result = Ps.Run("Send-Video $args[0] -Title 'Will fail'", file);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal(file, error.TargetObject);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        Assert.True(failure.VideoRemoved);
        Assert.NotNull(failure.VideoId);
        Assert.Equal("1006", failure.ProviderCode);
        Assert.Contains("deleted again", failure.Message);

        var stored = Assert.Single(await OwnVideosAsync());
        Assert.Equal(failure.VideoId, stored.GetProperty("videoId").GetString());
        Assert.True(stored.GetProperty("deleted").GetBoolean());
        Assert.Single(await BigGoRequestsAsync("DELETE", "/api/v1/video/"));
    }

    [Fact]
    public async Task Parameters_and_delete_both_failing_report_the_video_by_id()
    {
        Ps.Ok($"{Connect} -MaximumRetryCount 0");
        await FaultAsync("PATCH", "^/api/v1/video/", 400, 1006);
        await FaultAsync("DELETE", "^/api/v1/video/", 503, 0);
        var file = Ps.NewFile("stuck.mp4", 100_000);
        var error = Assert.Single(Ps.Run("Send-Video $args[0]", file).Errors);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        Assert.False(failure.VideoRemoved);
        Assert.Contains(failure.VideoId!, failure.Message);
        Assert.Contains("Remove-Video -Id " + failure.VideoId, failure.Message);
        var stored = Assert.Single(await LiveVideosAsync());
        Assert.Equal(failure.VideoId, stored.GetProperty("videoId").GetString());
    }

    [Fact]
    public async Task A_429_on_the_upload_is_retried_and_an_ambiguous_failure_is_resent_without_a_duplicate()
    {
        Ps.Ok($"{Connect} -MaximumRetryIntervalSec 1 -RetryBaseDelayMilliseconds 5");
        await Sandbox.AddFaultAsync(new { platform = "biggo", method = "POST", pathPattern = "^/api/v1/video/?$", kind = "status", status = 429, headers = new Dictionary<string, string> { ["Retry-After"] = "0" }, times = 1 });
        var ok = Ps.Run("Send-Video $args[0] -Verbose", Ps.NewFile("limited.mp4", 100_000, 1));
        ok.AssertNoErrors();
        Assert.Contains(ok.Verbose, v => v.StartsWith("Retrying", StringComparison.Ordinal));
        Assert.Single(await LiveVideosAsync());

        // A lost answer (nothing stored): sent again, since BigGo refuses the same bytes twice (1002) a resend cannot duplicate.
        await Sandbox.AddFaultAsync(new { platform = "biggo", method = "POST", pathPattern = "^/api/v1/video/?$", kind = "drop", times = 1 });
        var lost = Ps.Run("Send-Video $args[0] -Verbose", Ps.NewFile("lost answer.mp4", 100_000, 2));
        lost.AssertNoErrors();
        Assert.Contains(lost.Verbose, v => v.Contains("may have landed", StringComparison.Ordinal));
        Assert.Equal(2, (await LiveVideosAsync()).Length);

        // A garbled answer to an upload that was stored: the resend gets 1002, and the stored video is adopted.
        await Sandbox.AddFaultAsync(new { platform = "biggo", method = "POST", pathPattern = "^/api/v1/video/?$", kind = "malformedJson", times = 1 });
        var file = Ps.NewFile("garbled answer.mp4", 100_000, 3);
        var garbled = Ps.Run("Send-Video $args[0] -Verbose", file);
        garbled.AssertNoErrors();
        var video = garbled.Single<Video>();
        Assert.Contains(garbled.Verbose, v => v.Contains("going on with that video", StringComparison.Ordinal));
        var live = await LiveVideosAsync();
        Assert.Equal(3, live.Length);
        var stored = Assert.Single(live, v => v.GetProperty("sha256").GetString() == PsSession.Sha256(file));
        Assert.Equal(stored.GetProperty("videoId").GetString(), video.Id);
        Assert.Equal(6, (await BigGoRequestsAsync("POST", "/api/v1/video/")).Length);
    }

    [Fact]
    public async Task An_upload_whose_answer_is_lost_and_whose_resends_1002_is_garbled_adopts_the_stored_video()
    {
        // The mixed-fault suite met this once: the first POST stored the video and lost its answer, and the garbled
        // 1002 of the resend read as a plain 400, so the upload failed as an invalid request and left the video behind.
        Ps.Ok($"{Connect} -MaximumRetryIntervalSec 1 -RetryBaseDelayMilliseconds 5");
        await Sandbox.AddFaultAsync(new { platform = "biggo", method = "POST", pathPattern = "^/api/v1/video/?$", kind = "actThenDrop", times = 1 });
        await Sandbox.AddFaultAsync(new { platform = "biggo", method = "POST", pathPattern = "^/api/v1/video/?$", kind = "malformedJson", times = 1, skip = 1 });
        var file = Ps.NewFile("lost then garbled.mp4", 100_000, 4);

        var result = Ps.Run("Send-Video $args[0] -Verbose", file);

        result.AssertNoErrors();
        var stored = Assert.Single(await LiveVideosAsync());
        Assert.Equal(stored.GetProperty("videoId").GetString(), result.Single<Video>().Id);
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        Assert.Contains(result.Verbose, v => v.Contains("going on with that video", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_whose_answer_is_lost_and_whose_resends_all_fail_adopts_the_stored_video()
    {
        // The mixed-fault suite met this: the first POST stored the video and lost its answer, the resends failed until
        // the retries ran out, and the file was reported as "may have landed" with the stored video left unnamed.
        Ps.Ok($"{Connect} -MaximumRetryCount 2 -MaximumRetryIntervalSec 1 -RetryBaseDelayMilliseconds 5");
        await Sandbox.AddFaultAsync(new { platform = "biggo", method = "POST", pathPattern = "^/api/v1/video/?$", kind = "actThenDrop", times = 1 });
        await Sandbox.AddFaultAsync(new { platform = "biggo", method = "POST", pathPattern = "^/api/v1/video/?$", kind = "status", status = 503, times = 0 });
        var file = Ps.NewFile("lost then failing.mp4", 100_000, 5);

        var result = Ps.Run("Send-Video $args[0] -Verbose", file);

        result.AssertNoErrors();
        var stored = Assert.Single(await LiveVideosAsync());
        Assert.Equal(stored.GetProperty("videoId").GetString(), result.Single<Video>().Id);
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        Assert.True(result.Verbose.Any(v => v.Contains("though the resends failed", StringComparison.Ordinal)), string.Join("\n", result.Verbose));
    }

    [Fact]
    public async Task An_expired_token_during_the_upload_is_renewed_and_the_file_sent_once()
    {
        var file = Ps.NewFile("renewed.mp4", 500_000, seed: 9);
        await Sandbox.PostAsync("_sandbox/biggo/expire-tokens", new { });
        Ps.Run("Send-Video $args[0]", file).AssertNoErrors();
        var stored = Assert.Single(await LiveVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task WhatIf_uploads_nothing()
    {
        var file = Ps.NewFile("whatif.mp4", 100_000);
        var result = Ps.Run("Send-Video $args[0] -WhatIf", file);
        result.AssertNoErrors();
        Assert.Empty(result.Output);
        Assert.Contains("What if", Ps.Screen);
        Assert.Empty(await OwnVideosAsync());
    }

    [Theory]
    [InlineData("-Tag a", "ParameterNotSupported", ErrorCategory.InvalidArgument)]
    [InlineData("-Metadata @{ k = 'v' }", "ParameterNotSupported", ErrorCategory.InvalidArgument)]
    [InlineData("-ChunkSize 5MB", "ParameterNotSupported", ErrorCategory.InvalidArgument)]
    [InlineData("-UploadToken abcdefgh", "ParameterNotSupported", ErrorCategory.InvalidArgument)]
    public async Task Options_BigGo_lacks_stop_the_command_before_anything_is_sent(string parameters, string errorId, ErrorCategory category)
    {
        var file = Ps.NewFile("p.mp4", 100_000);
        var record = Ps.Fails($"Send-Video $args[0] {parameters}", file);
        Assert.Equal($"{errorId},VideoPlatforms.Commands.SendVideoCommand", record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Contains("BigGo", record.Exception.Message);
        Assert.Empty(await BigGoRequestsAsync("POST", "/api/v1/video/"));
    }

    [Fact]
    public void Bad_files_give_clear_errors_and_the_rest_goes_on()
    {
        var good = Ps.NewFile("good.mp4", 100_000);
        var empty = Path.Combine(Ps.Work, "empty.mp4");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        var missing = Path.Combine(Ps.Work, "missing.mp4");
        var result = Ps.Run("$args | Send-Video", missing, empty, good);
        Assert.Equal("good", result.Single<Video>().Title);
        Assert.Equal(new[] { "FileNotFound", "FileIsEmpty" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
    }

    [Fact]
    public async Task The_upload_request_streams_the_file_with_its_size()
    {
        var file = Ps.NewFile("sized.mp4", 2_345_678, seed: 3);
        Ps.Run("Send-Video $args[0]", file).AssertNoErrors();
        var upload = Assert.Single(await BigGoRequestsAsync("POST", "/api/v1/video/"));
        var headers = upload.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("2345678", headers["File-Size"]);
        Assert.StartsWith("multipart/form-data", headers["Content-Type"]);
        // A Content-Length (not chunked): the body is the file plus multipart framing, read from disk as it is sent.
        Assert.True(upload.GetProperty("contentLength").GetInt64() > 2_345_678);
        Assert.Equal(JsonValueKind.Number, upload.GetProperty("requestBodyLength").ValueKind);
    }
}

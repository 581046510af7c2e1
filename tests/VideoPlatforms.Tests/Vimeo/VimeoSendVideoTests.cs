using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Vimeo;

/// <summary>Send-Video on Vimeo: tus uploads streamed in PATCHes, resuming from the server's offset, and replacing a source.</summary>
public sealed class VimeoSendVideoTests : VimeoTest
{
    public VimeoSendVideoTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConnectVimeo("-MaximumRetryIntervalSec 1");
    }

    private static long Offset(JsonElement request) => long.Parse(Header(request, "Upload-Offset"), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_file_of_several_chunks_arrives_byte_identical_through_tus()
    {
        var file = Ps.NewFile("three chunks.mp4", 3 * MiB + 12345, seed: 7);
        var result = Ps.Run("Send-Video -Path $args[0] -Title 'Three chunks' -Description 'd' -Tag a, b -Privacy Unlisted -ChunkSize 1MB", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        Assert.Equal("Vimeo", video.Provider);
        Assert.Matches("^[0-9]+$", video.Id);
        Assert.Equal("Three chunks", video.Title);
        Assert.Equal("d", video.Description);
        Assert.Equal(VideoPrivacy.Unlisted, video.Privacy);
        Assert.Equal(new[] { "a", "b" }, video.Tags);
        Assert.Equal(file, video.Path);
        Assert.Contains(video.Status, new VideoStatus?[] { VideoStatus.Processing, VideoStatus.Ready });

        var stored = Assert.Single(await VideosAsync());
        Assert.Equal(video.Id, stored.GetProperty("videoId").GetString());
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal(new FileInfo(file).Length, stored.GetProperty("size").GetInt64());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());

        var requests = await RequestsAsync();
        var create = requests.Single(r => Method(r) == "POST" && Path(r) == "/me/videos");
        Assert.Contains("fields=uri%2Cupload", create.GetProperty("queryString").GetString(), StringComparison.OrdinalIgnoreCase);
        var patches = requests.Where(r => Method(r) == "PATCH" && Path(r).StartsWith("/tus/")).ToList();
        Assert.Equal(4, patches.Count);
        Assert.Equal(new long[] { 0, MiB, 2 * MiB, 3 * MiB }, patches.Select(Offset));
        Assert.All(patches, p =>
        {
            Assert.Equal(204, p.GetProperty("status").GetInt32());
            Assert.Equal("1.0.0", Header(p, "Tus-Resumable"));
            Assert.Equal("application/offset+octet-stream", Header(p, "Content-Type"));
            Assert.Equal("", Header(p, "Authorization"));
            Assert.Equal(p.GetProperty("contentLength").GetInt64(), p.GetProperty("requestBodyLength").GetInt64());
        });
        Assert.All(requests, r => Assert.Equal(Accept, Header(r, "Accept")));
    }

    [Fact]
    public async Task A_PATCH_cut_off_midway_resumes_from_the_servers_offset_without_starting_over()
    {
        var file = Ps.NewFile("cut.mp4", 4 * MiB + 777, seed: 3);
        // The second PATCH (bytes from 1 MiB) is cut after 300,000 of its bytes arrived.
        await Sandbox.AddFaultAsync(new { platform = "vimeo", method = "PATCH", pathPattern = "^/tus/", kind = "dropMidBody", afterBytes = 300_000, skip = 1 });
        var result = Ps.Run("Send-Video $args[0] -ChunkSize 1MB -Verbose", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();

        var stored = await VideoAsync(video.Id);
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        Assert.Single(await VideosAsync());

        var tus = (await RequestsAsync()).Where(r => Path(r).StartsWith("/tus/")).ToList();
        Assert.Equal(new[] { "PATCH", "PATCH", "HEAD" }, tus.Take(3).Select(Method));
        Assert.True(tus[1].GetProperty("aborted").GetBoolean());
        Assert.Equal(300_000, tus[1].GetProperty("requestBodyLength").GetInt64());
        var resumed = tus[3];
        Assert.Equal("PATCH", Method(resumed));
        Assert.Equal(MiB + 300_000, Offset(resumed));
        // Nothing before the cut was sent again: every PATCH after the HEAD starts past it, none at 0.
        Assert.All(tus.Skip(3), p => Assert.True(Offset(p) >= MiB + 300_000));
        var sent = tus.Where(r => Method(r) == "PATCH").Sum(r => r.GetProperty("requestBodyLength").GetInt64());
        Assert.Equal(new FileInfo(file).Length, sent);
        Assert.Contains(result.Verbose, v => v.Contains($"holds {MiB + 300_000} of"));
    }

    [Fact]
    public async Task An_upload_that_keeps_failing_stops_after_the_retry_limit_and_reports_the_video()
    {
        Ps.Ok("Connect-VideoProvider -Provider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri -MaximumRetryCount 2 -MaximumRetryIntervalSec 1");
        var file = Ps.NewFile("broken.mp4", 2 * MiB);
        await Sandbox.AddFaultAsync(new { platform = "vimeo", method = "PATCH", pathPattern = "^/tus/", kind = "status", status = 503, times = 0, skip = 1 });
        var result = Ps.Run("Send-Video $args[0] -ChunkSize 1MB", file);
        var error = Assert.Single(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(file, error.TargetObject);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        var stored = Assert.Single(await VideosAsync());
        Assert.Equal(stored.GetProperty("videoId").GetString(), failure.VideoId);
        Assert.False(failure.VideoRemoved);
        Assert.Contains($"Remove-Video -Id {failure.VideoId}", failure.Message);
        Assert.Equal(3, (await RequestsAsync()).Count(r => Method(r) == "PATCH" && r.GetProperty("status").GetInt32() == 503));
    }

    [Fact]
    public async Task A_failure_before_any_byte_deletes_the_empty_video_again()
    {
        var file = Ps.NewFile("nothing.mp4", MiB);
        await Sandbox.AddFaultAsync(new { platform = "vimeo", method = "PATCH", pathPattern = "^/tus/", kind = "status", status = 404, body = "gone", times = 0 });
        var error = Assert.Single(Ps.Run("Send-Video $args[0]", file).Errors);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        Assert.True(failure.VideoRemoved);
        Assert.Contains("deleted again", failure.Message);
        Assert.Empty(await VideosAsync());
    }

    [Fact]
    public async Task ReplaceVideoId_replaces_the_source_and_keeps_the_video()
    {
        var original = Upload("original", "-Title Keep");
        var file = Ps.NewFile("second cut.mp4", 2 * MiB + 5, seed: 9);
        var replaced = Ps.Run("Send-Video $args[0] -ReplaceVideoId $args[1] -ChunkSize 1MB", file, original.Id);
        replaced.AssertNoErrors();
        var video = replaced.Single<Video>();
        Assert.Equal(original.Id, video.Id);
        Assert.Equal("Keep", video.Title);
        Assert.Equal(file, video.Path);

        var stored = Assert.Single(await VideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        Assert.Equal(1, stored.GetProperty("versions").GetInt32());
        var version = (await RequestsAsync()).Single(r => Path(r) == $"/videos/{original.Id}/versions");
        Assert.Equal(201, version.GetProperty("status").GetInt32());

        var missing = Assert.Single(Ps.Run("Send-Video $args[0] -ReplaceVideoId 999", file).Errors);
        Assert.StartsWith("VideoNotFound", missing.FullyQualifiedErrorId);
    }

    [Fact]
    public void A_piped_Video_does_not_bind_ReplaceVideoId()
    {
        var parameter = Ps.Ok("(Get-Command Send-Video).Parameters['ReplaceVideoId'].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }")
            .Select(o => Assert.IsType<ParameterAttribute>(o.BaseObject)).ToList();
        Assert.All(parameter, p => Assert.False(p.ValueFromPipelineByPropertyName || p.ValueFromPipeline));
    }

    [Fact]
    public void Replace_on_api_video_is_refused_clearly()
    {
        Ps.ConnectApiVideo();
        var file = Ps.NewFile("av.mp4", MiB);
        var error = Ps.Fails("Send-Video $args[0] -ReplaceVideoId vi123", file);
        Assert.StartsWith("ParameterNotSupported", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("api.video cannot replace the source", error.Exception.Message);
    }

    [Fact]
    public async Task Files_piped_as_FileInfo_each_become_a_video_with_progress()
    {
        Ps.NewFile("clips/a.mp4", MiB, 1);
        Ps.NewFile("clips/b.mp4", MiB, 2);
        var result = Ps.Run("[System.IO.DirectoryInfo]::new([IO.Path]::Combine($Work, 'clips')).GetFiles('*.mp4') | Send-Video");
        result.AssertNoErrors();
        Assert.Equal(new[] { "a", "b" }, result.All<Video>().Select(v => v.Title).OrderBy(t => t));
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        Assert.Contains("to Vimeo", result.Progress[^1].Activity);
        Assert.Equal(2, (await VideosAsync()).Length);
    }

    [Fact]
    public async Task Bad_options_stop_before_anything_is_created()
    {
        var file = Ps.NewFile("x.mp4", MiB);
        var small = Ps.Fails("Send-Video $args[0] -ChunkSize 1000", file);
        Assert.StartsWith("ChunkSizeOutOfRange", small.FullyQualifiedErrorId);
        Assert.Contains("1 MiB to 1 GiB", small.Exception.Message);
        Assert.StartsWith("ParameterNotSupported", Ps.Fails("Send-Video $args[0] -Metadata @{ a = 1 }", file).FullyQualifiedErrorId);
        Assert.StartsWith("ParameterNotSupported", Ps.Fails("Send-Video $args[0] -UploadToken abcdef", file).FullyQualifiedErrorId);
        Assert.StartsWith("TooManyTags", Ps.Fails("Send-Video $args[0] -Tag (1..21)", file).FullyQualifiedErrorId);
        Assert.Empty(Ps.Run("Send-Video $args[0] -WhatIf", file).Output);
        Assert.DoesNotContain(await RequestsAsync(), r => Method(r) == "POST");
        Assert.Empty(await VideosAsync());
    }

    [Fact]
    public async Task A_token_without_upload_scope_is_refused_before_any_request()
    {
        var token = await TokenWithScopesAsync("public private edit delete");
        Ps.Ok("Connect-VideoProvider Vimeo -AccessToken ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -BaseUri $VimeoUri", token);
        var file = Ps.NewFile("x.mp4", MiB);
        var error = Ps.Fails("Send-Video $args[0]", file);
        Assert.StartsWith("ScopeMissing", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("'upload'", error.Exception.Message);
        Assert.DoesNotContain(await RequestsAsync(), r => Method(r) == "POST");
    }

    [Fact]
    public async Task An_account_out_of_quota_gets_QuotaExceeded_naming_the_file()
    {
        await Sandbox.PutAsync("_sandbox/vimeo/config", new { quotaBytes = 1000 });
        var file = Ps.NewFile("big.mp4", MiB);
        var error = Assert.Single(Ps.Run("Send-Video $args[0]", file).Errors);
        Assert.StartsWith("QuotaExceeded", error.FullyQualifiedErrorId);
        Assert.Equal(file, error.TargetObject);
        Assert.Contains("maximum disk space", error.Exception.Message);
        Assert.Empty(await VideosAsync());
    }
}

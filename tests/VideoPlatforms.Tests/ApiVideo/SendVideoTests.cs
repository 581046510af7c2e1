using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.ApiVideo;

public sealed class SendVideoTests : SandboxTest
{
    private const long MiB = 1 << 20;

    public SendVideoTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Ps.ConnectApiVideo();
    }

    [Fact]
    public async Task A_three_chunk_file_arrives_byte_identical_with_metadata()
    {
        var file = Ps.NewFile("three chunks.mp4", 12 * MiB + 12345, seed: 7);
        var result = Ps.Run("Send-Video -Path $args[0] -Title 'Three chunks' -Description 'd' -Tag a, b -Privacy Private -Metadata @{ team = 'video' } -ChunkSize 5MB", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        Assert.Equal("Three chunks", video.Title);
        Assert.Equal(file, video.Path);
        Assert.Equal(VideoPrivacy.Private, video.Privacy);
        Assert.Equal(new[] { "a", "b" }, video.Tags);
        Assert.Equal("video", video.Metadata["team"]);
        Assert.Contains(video.Status, new VideoStatus?[] { VideoStatus.Processing, VideoStatus.Ready });
        Assert.NotNull(video.Connection);

        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(video.Id, stored.GetProperty("videoId").GetString());
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal(new FileInfo(file).Length, stored.GetProperty("size").GetInt64());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());

        var chunks = (await Sandbox.RequestsAsync()).Where(r => r.GetProperty("path").GetString()!.EndsWith("/source")).ToList();
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(201, c.GetProperty("status").GetInt32()));
    }

    [Fact]
    public void Title_defaults_to_the_file_name_and_progress_completes()
    {
        var file = Ps.NewFile("holiday clip.mp4", 3 * MiB);
        var result = Ps.Run("Send-Video $args[0]", file);
        result.AssertNoErrors();
        Assert.Equal("holiday clip", result.Single<Video>().Title);
        Assert.NotEmpty(result.Progress);
        Assert.All(result.Progress, p => Assert.InRange(p.PercentComplete, -1, 100));

        // A bar for the file, nested under the batch bar, and both completed.
        var fileBar = result.Progress.Where(p => p.Activity.Contains("holiday clip.mp4")).ToList();
        Assert.NotEmpty(fileBar);
        Assert.All(fileBar, p => Assert.Equal(1, p.ParentActivityId));
        Assert.Equal(ProgressRecordType.Completed, fileBar[^1].RecordType);
        var last = result.Progress[^1];
        Assert.Equal(1, last.ActivityId);
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
    }

    [Fact]
    public async Task ThrottleLimit_runs_uploads_at_once_and_each_file_arrives_once_intact()
    {
        var files = Enumerable.Range(1, 6).Select(i => Ps.NewFile($"batch/{i}.mp4", MiB + i, seed: i)).ToList();
        // Each source upload is held a little, so uploads that run at once visibly overlap in the request log.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "delay", delayMs = 400, times = 0 });
        var result = Ps.Run("[System.IO.DirectoryInfo]::new([IO.Path]::Combine($Work, 'batch')).GetFiles() | Send-Video -ThrottleLimit 3");
        result.AssertNoErrors();
        Assert.Equal(files.OrderBy(f => f), result.All<Video>().Select(v => v.Path!).OrderBy(f => f));

        var stored = await Sandbox.ApiVideoVideosAsync();
        Assert.Equal(6, stored.Length);
        Assert.Equal(files.Select(PsSession.Sha256).OrderBy(h => h), stored.Select(v => v.GetProperty("sha256").GetString()!).OrderBy(h => h));

        // The window in which the Sandbox certainly held each request (the injected delay). A request that had to wait
        // for another's answer starts after that one's window, so overlapping windows mean uploads truly at once.
        // (The logged duration would over-count: it ends after the response is written, which can lag under load.)
        var uploads = (await Sandbox.RequestsAsync()).Where(r => r.GetProperty("path").GetString()!.EndsWith("/source"))
            .Select(r => (Path: r.GetProperty("path").GetString(), Status: r.GetProperty("status").GetInt32(), Start: r.GetProperty("startedAt").GetDateTimeOffset(),
                End: r.GetProperty("startedAt").GetDateTimeOffset().AddMilliseconds(400), Took: r.GetProperty("durationMs").GetDouble()))
            .ToList();
        // The most windows open at one instant; checking each start is enough, since the count only rises there.
        var mostAtOnce = uploads.Max(u => uploads.Count(o => o.Start <= u.Start && u.Start < o.End));
        Assert.True(mostAtOnce is >= 2 and <= 3, $"{mostAtOnce} at once: " + string.Join("; ", uploads.Select(u => $"{u.Path} {u.Status} {u.Start:HH:mm:ss.fff} {u.Took:0}ms")));

        // Child bars use at most three slots, all under the batch bar.
        var children = result.Progress.Where(p => p.ActivityId != 1).ToList();
        Assert.InRange(children.Select(p => p.ActivityId).Distinct().Count(), 2, 3);
        Assert.All(children, p => Assert.Equal(1, p.ParentActivityId));
    }

    [Fact]
    public async Task With_ThrottleLimit_a_failed_file_does_not_stop_the_others()
    {
        var good = Enumerable.Range(1, 3).Select(i => Ps.NewFile($"ok{i}.mp4", MiB, seed: i)).ToList();
        var empty = Path.Combine(Ps.Work, "empty.mp4");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        var result = Ps.Run("$args | Send-Video -ThrottleLimit 2", good[0], empty, good[1], good[2]);
        Assert.Equal(3, result.Output.Count);
        Assert.Equal(empty, Assert.Single(result.Errors).TargetObject);
        Assert.Equal(3, (await Sandbox.ApiVideoVideosAsync()).Length);
    }

    [Fact]
    public void ProgressAction_SilentlyContinue_writes_no_progress()
    {
        var file = Ps.NewFile("quiet.mp4", MiB);
        var result = Ps.Run("Send-Video $args[0] -ProgressAction SilentlyContinue", file);
        result.AssertNoErrors();
        Assert.Empty(result.Progress);
    }

    [Fact]
    public void Files_piped_as_FileInfo_bind_by_FullName_and_each_emits_a_video()
    {
        // Get-ChildItem is not in the hosted engine (Core commands only); it emits these same FileInfo objects.
        Ps.NewFile("clips/a.mp4", MiB, 1);
        Ps.NewFile("clips/b.mp4", MiB, 2);
        Ps.NewFile("clips/c.txt", 10, 3);
        var videos = Ps.Ok("[System.IO.DirectoryInfo]::new([IO.Path]::Combine($Work, 'clips')).GetFiles('*.mp4') | Send-Video")
            .Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();
        Assert.Equal(new[] { "a", "b" }, videos.Select(v => v.Title).OrderBy(t => t));
        Assert.All(videos, v => Assert.EndsWith(".mp4", v.Path));
    }

    [Fact]
    public void Objects_with_PSPath_bind_as_Get_ChildItem_output_does()
    {
        var file = Ps.NewFile("pspath.mp4", MiB);
        var video = Ps.Ok("[pscustomobject]@{ PSPath = 'Microsoft.PowerShell.Core\\FileSystem::' + $args[0] } | Send-Video", file);
        Assert.Equal(file, Assert.IsType<Video>(Assert.Single(video).BaseObject).Path);
    }

    [Fact]
    public void Per_item_titles_bind_by_property_name()
    {
        var a = Ps.NewFile("one.mp4", MiB, 1);
        var b = Ps.NewFile("two.mp4", MiB, 2);
        var titles = Ps.Ok("$args | ForEach-Object { [pscustomobject]@{ FullName = $_; Title = 'Title of ' + [IO.Path]::GetFileName($_) } } | Send-Video | ForEach-Object Title", a, b);
        Assert.Equal(new[] { "Title of one.mp4", "Title of two.mp4" }, titles.Select(t => t.ToString()));
    }

    [Fact]
    public void Rows_with_a_Path_column_bind_as_Import_Csv_output_does()
    {
        // Without help, PowerShell would turn the whole row into the string "@{Path=...; Title=...}" for -Path.
        var a = Ps.NewFile("row one.mp4", MiB, 1);
        var titles = Ps.Ok("[pscustomobject]@{ Path = $args[0]; Title = 'From the CSV' } | Send-Video | ForEach-Object { $_.Title + '|' + $_.Path }", a);
        Assert.Equal($"From the CSV|{a}", Assert.Single(titles).ToString());
    }

    [Fact]
    public void Wildcards_expand_and_skip_directories()
    {
        Ps.NewFile("w1.mp4", MiB, 1);
        Ps.NewFile("w2.mp4", MiB, 2);
        Directory.CreateDirectory(Path.Combine(Ps.Work, "w3.mp4"));
        var result = Ps.Run("Send-Video -Path w*.mp4 -Verbose");
        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.Contains(result.Verbose, v => v.Contains("Skipping the directory"));
    }

    [Fact]
    public async Task Bad_files_give_clear_errors_and_the_rest_of_the_pipeline_goes_on()
    {
        var good = Ps.NewFile("good.mp4", MiB);
        var empty = Path.Combine(Ps.Work, "empty.mp4");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        var dir = Directory.CreateDirectory(Path.Combine(Ps.Work, "folder.mp4")).FullName;
        var missing = Path.Combine(Ps.Work, "missing.mp4");

        var result = Ps.Run("$args | Send-Video", missing, dir, empty, good, "nothing-matches-*.mp4");
        Assert.Null(result.Terminating);
        Assert.Equal("good", result.Single<Video>().Title);

        var errors = result.Errors.ToDictionary(e => e.TargetObject?.ToString() ?? "", e => e);
        Assert.Equal(4, errors.Count);
        Assert.Equal("FileNotFound,VideoPlatforms.Commands.SendVideoCommand", errors[missing].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, errors[missing].CategoryInfo.Category);
        Assert.Equal("PathIsDirectory,VideoPlatforms.Commands.SendVideoCommand", errors[dir].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, errors[dir].CategoryInfo.Category);
        Assert.Equal("FileIsEmpty,VideoPlatforms.Commands.SendVideoCommand", errors[empty].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, errors[empty].CategoryInfo.Category);
        Assert.Equal("NoFileMatched,VideoPlatforms.Commands.SendVideoCommand", errors["nothing-matches-*.mp4"].FullyQualifiedErrorId);
        Assert.All(errors.Values, e => Assert.Contains("'", e.Exception.Message));

        // Nothing was created for the bad ones.
        Assert.Single(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public async Task WhatIf_uploads_nothing()
    {
        var file = Ps.NewFile("whatif.mp4", MiB);
        var result = Ps.Run("Send-Video $args[0] -WhatIf", file);
        result.AssertNoErrors();
        Assert.Empty(result.Output);
        Assert.Contains("What if", Ps.Screen);
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }

    [Theory]
    [InlineData("-ChunkSize 1MB", "ChunkSizeOutOfRange")]
    [InlineData("-ChunkSize 200MB", "ChunkSizeOutOfRange")]
    [InlineData("-Privacy Unlisted", "ParameterNotSupported")]
    [InlineData("-Title '   '", "TitleEmpty")]
    public async Task Bad_parameters_stop_the_command_before_anything_is_created(string parameters, string errorId)
    {
        var file = Ps.NewFile("p.mp4", MiB);
        var record = Ps.Fails($"Send-Video $args[0] {parameters}", file);
        Assert.Equal($"{errorId},VideoPlatforms.Commands.SendVideoCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public async Task A_chunk_failing_with_503_resumes_from_what_the_server_holds_without_a_duplicate()
    {
        var file = Ps.NewFile("flaky.mp4", 11 * MiB, seed: 3);
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "status", status = 503, times = 1 });
        var result = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -MaximumRetryIntervalSec 1; Send-Video $args[0] -ChunkSize 5MB -Verbose", file);
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("resuming"));
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_connection_dropped_mid_chunk_resumes_to_a_byte_identical_file()
    {
        var file = Ps.NewFile("dropped.mp4", 11 * MiB, seed: 4);
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "dropMidBody", afterBytes = 1 << 20, times = 1 });
        var result = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -MaximumRetryIntervalSec 1; Send-Video $args[0] -ChunkSize 5MB -Verbose", file);
        result.AssertNoErrors();
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        Assert.Single(result.Output);
    }

    [Fact]
    public async Task Stopping_the_pipeline_cancels_an_upload_in_flight()
    {
        var file = Ps.NewFile("stalled.mp4", MiB);
        // The chunk request is held for ten minutes: only real cancellation lets this test end.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "delay", delayMs = 600_000, times = 1 });
        using var ps = PowerShell.Create(Ps.Runspace);
        ps.AddScript("Send-Video $args[0]").AddArgument(file);
        var running = ps.BeginInvoke();
        for (var i = 0; i < 300 && (await Sandbox.ApiVideoVideosAsync()).Length == 0; i++) await Task.Delay(100);
        Assert.Single(await Sandbox.ApiVideoVideosAsync());
        await Task.Delay(300); // let the chunk request leave

        var stop = Task.Run(ps.Stop);
        Assert.True(await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(60))) == stop, "Stop() returned: the upload was cancelled rather than waited out");
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
    }

    [Fact]
    public async Task An_upload_that_cannot_finish_removes_the_empty_video_and_says_so()
    {
        var file = Ps.NewFile("doomed.mp4", MiB);
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "status", status = 500, times = 0 });
        var result = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -MaximumRetryCount 1 -MaximumRetryIntervalSec 1; Send-Video $args[0]; 'next'", file);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ProviderServerError,VideoPlatforms.Commands.SendVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(file, error.TargetObject);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        Assert.True(failure.VideoRemoved);
        Assert.Contains(failure.VideoId!, failure.Message);
        Assert.Contains("deleted again", failure.Message);
        Assert.Equal("next", result.Output.Last().ToString());
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public async Task A_partial_upload_that_cannot_finish_is_reported_by_id()
    {
        var file = Ps.NewFile("half.mp4", 11 * MiB);
        // The first chunk succeeds; every later one fails. One chunk at a time, so the first to arrive is the file's
        // first (four at once, the default, would let any of them arrive first).
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "status", status = 502, times = 0, skip = 1 });
        var result = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -MaximumRetryCount 1 -MaximumRetryIntervalSec 1; Send-Video $args[0] -ChunkSize 5MB -ChunkConcurrency 1", file);
        var failure = Assert.IsType<UploadFailedException>(Assert.Single(result.Errors).Exception);
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.False(failure.VideoRemoved);
        Assert.Equal(5 * MiB, failure.BytesConfirmed);
        Assert.Equal(stored.GetProperty("videoId").GetString(), failure.VideoId);
        Assert.Contains($"Remove-Video -Id {failure.VideoId}", failure.Message);
    }

    [Fact]
    public async Task Each_file_costs_a_create_and_its_chunks_and_no_status_read()
    {
        // The api.video SDKs' loop sends two requests per one-chunk file (create, upload); so does Send-Video: the
        // last chunk's answer already says the file is in, so no status read follows it.
        var files = Enumerable.Range(1, 3).Select(i => Ps.NewFile($"one by one/{i}.mp4", 100_000 + i, seed: i)).ToList();
        var result = Ps.Run("Send-Video -LiteralPath $args -ThrottleLimit 1", files.Cast<object>().ToArray());
        result.AssertNoErrors();
        var videos = result.All<Video>().ToList();
        Assert.Equal(3, videos.Count);

        var requests = (await Sandbox.RequestsAsync()).Select(r => (Method: r.GetProperty("method").GetString(), Path: r.GetProperty("path").GetString()!)).ToList();
        foreach (var video in videos)
        {
            var forFile = requests.Where(r => r.Path.Contains(video.Id, StringComparison.Ordinal)).ToList();
            Assert.True(forFile.Count == 1, $"{video.Path}: {string.Join(", ", forFile.Select(r => r.Method + " " + r.Path))}");
            Assert.Equal(("POST", $"/videos/{video.Id}/source"), forFile[0]);
        }
        // Besides them: one create per file and the connection's one authentication, nothing else.
        Assert.Equal(3, requests.Count(r => r is { Method: "POST", Path: "/videos" }));
        Assert.Equal(3 + 3 + 1, requests.Count);
        // What the answer says: the file is in and encoding has begun (the Sandbox's encoding takes no time, so a status
        // read would have said Ready; Wait-Video is what waits for that).
        Assert.All(videos, v => Assert.Equal(VideoStatus.Processing, v.Status));
    }
}

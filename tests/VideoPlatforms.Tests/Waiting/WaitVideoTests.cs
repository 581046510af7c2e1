using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Waiting;

/// <summary>
/// Wait-Video and Send-Video -Wait on every platform: processing that completes after a delay, timeouts, failed
/// processing, many videos at once. Processing delays and poll intervals are kept short so the tests stay fast.
/// </summary>
public sealed class WaitVideoTests : SandboxTest
{
    public WaitVideoTests(SandboxFixture sandbox) : base(sandbox) { }

    public static TheoryData<string> Platforms() => new(WaitPlatform.Names);

    private const long Hour = 3_600_000;

    private Video Upload(WaitPlatform p, string name, int seed)
    {
        var file = Ps.NewFile($"{name}.mp4", 64_000 + seed, seed);
        return Assert.IsType<Video>(Assert.Single(Ps.Ok("Send-Video -LiteralPath $args[0]", file)).BaseObject);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Wait_Video_emits_the_video_once_its_processing_completes(string platform)
    {
        var p = WaitPlatform.Get(platform);
        // Long enough that the video is certainly still Processing when the upload ends, short enough to keep the test fast.
        await p.SetDelayAsync(Sandbox, 1500);
        Ps.Ok(p.Connect);
        var uploaded = Upload(p, "slow", 1);
        Assert.Equal(VideoStatus.Processing, uploaded.Status);

        var result = Ps.Run("$args[0] | Wait-Video -PollInterval 0.1 -Verbose", uploaded);
        result.AssertNoErrors();
        var ready = result.Single<Video>();
        Assert.Equal(uploaded.Id, ready.Id);
        Assert.Equal(VideoStatus.Ready, ready.Status);
        Assert.Same(uploaded.Connection, ready.Connection);
        Assert.Contains(result.Verbose, v => v.Contains(uploaded.Id) && v.Contains("next check in"));
        Assert.Contains(result.Verbose, v => v.Contains($"video {uploaded.Id} is ready after"));
        var activity = $"Waiting for {platform} video {uploaded.Id}";
        Assert.Contains(result.Progress, r => r.Activity == activity && r.RecordType == ProgressRecordType.Processing && r.StatusDescription.Contains("Processing"));
        Assert.Contains(result.Progress, r => r.Activity == activity && r.RecordType == ProgressRecordType.Completed);
        Assert.Contains(result.Progress, r => r.Activity == "Waiting for videos" && r.RecordType == ProgressRecordType.Completed);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Send_Video_Wait_emits_the_ready_video_with_its_local_path(string platform)
    {
        var p = WaitPlatform.Get(platform);
        await p.SetDelayAsync(Sandbox, 300);
        Ps.Ok(p.Connect);
        var files = new[] { Ps.NewFile("a.mp4", 50_001, 11), Ps.NewFile("b.mp4", 50_002, 12) };
        var result = Ps.Run("Send-Video -LiteralPath $args -Wait -PollInterval 0.1 -ThrottleLimit 2", files.Cast<object>().ToArray());
        result.AssertNoErrors();
        var videos = result.All<Video>().ToList();
        Assert.Equal(2, videos.Count);
        Assert.All(videos, v => Assert.Equal(VideoStatus.Ready, v.Status));
        Assert.Equal(files.OrderBy(f => f), videos.Select(v => v.Path).OrderBy(f => f));
        Assert.Contains(result.Progress, r => r.Activity.StartsWith($"Waiting for {platform} video ", StringComparison.Ordinal) && r.RecordType == ProgressRecordType.Completed);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_video_not_ready_in_time_is_a_WaitTimeout_error_naming_it_and_its_last_status(string platform)
    {
        var p = WaitPlatform.Get(platform);
        await p.SetDelayAsync(Sandbox, Hour);
        Ps.Ok(p.Connect);
        var uploaded = Upload(p, "stuck", 2);

        var result = Ps.Run("Wait-Video -Id $args[0] -Timeout 0.3 -PollInterval 0.1", uploaded.Id);
        Assert.Empty(result.Output);
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("WaitTimeout,VideoPlatforms.Commands.WaitVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains(uploaded.Id, error.Exception.Message);
        Assert.Contains("last status was Processing", error.Exception.Message);
        Assert.Equal(uploaded.Id, Assert.IsType<Video>(error.TargetObject).Id);

        // The send-side switch reports the same way, and a timeout of 0 checks once.
        var send = Ps.Run("Send-Video -LiteralPath $args[0] -Wait -WaitTimeout 0", Ps.NewFile("stuck2.mp4", 70_003, 3));
        Assert.Empty(send.Output);
        Assert.Equal("WaitTimeout,VideoPlatforms.Commands.SendVideoCommand", Assert.Single(send.Errors).FullyQualifiedErrorId);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Failed_processing_is_an_error_naming_the_video_while_the_others_go_on(string platform)
    {
        var p = WaitPlatform.Get(platform);
        await p.SetDelayAsync(Sandbox, Hour);
        Ps.Ok(p.Connect);
        var failing = Upload(p, "broken", 4);
        await Sandbox.PostAsync($"_sandbox/{p.SandboxName}/videos/{failing.Id}/fail-processing", new { });
        await p.SetDelayAsync(Sandbox, 0);
        var fine = Upload(p, "fine", 5);

        // Straight from the listing (api.video's carries no status: each video's status endpoint is asked).
        var result = Ps.Run("Get-Video | Wait-Video -PollInterval 0.1 -Timeout 30");
        Assert.Equal(fine.Id, result.Single<Video>().Id);
        var error = Assert.Single(result.Errors);
        Assert.Equal("VideoProcessingFailed,VideoPlatforms.Commands.WaitVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains(failing.Id, error.Exception.Message);
        Assert.Contains("Remove-Video", error.Exception.Message);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Many_videos_are_polled_together_not_one_after_another(string platform)
    {
        var p = WaitPlatform.Get(platform);
        await p.SetDelayAsync(Sandbox, Hour);
        Ps.Ok(p.Connect);
        var videos = Enumerable.Range(0, 3).Select(i => Upload(p, $"many{i}", 20 + i)).ToList();
        await Sandbox.Admin.DeleteAsync("_sandbox/requests");

        // The same video twice and an unknown id: the duplicate is waited for once, the unknown id is its own error.
        var result = Ps.Run("$args[0] + $args[0][0] | Wait-Video -Timeout 0.6 -PollInterval 0.1; Wait-Video -Id nosuchvideo123 -Timeout 1",
            (object)videos.ToArray());
        Assert.Empty(result.Output);
        Assert.Equal(3, result.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("WaitTimeout", StringComparison.Ordinal)));
        Assert.Equal(videos.Select(v => v.Id).OrderBy(i => i), result.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("WaitTimeout", StringComparison.Ordinal))
            .Select(e => ((Video)e.TargetObject).Id).OrderBy(i => i));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("VideoNotFound", StringComparison.Ordinal) && Equals(e.TargetObject, "nosuchvideo123"));

        // Waited together: the last video's first check comes before the first video's last check. Waiting one
        // after another would put every check of the first video before any check of the last.
        var paths = (await Sandbox.RequestsAsync(p.SandboxName)).Where(r => r.GetProperty("method").GetString() == "GET")
            .Select(r => r.GetProperty("path").GetString()!).ToList();
        var firstOfLast = paths.FindIndex(path => path.Contains(videos[2].Id, StringComparison.Ordinal));
        var lastOfFirst = paths.FindLastIndex(path => path.Contains(videos[0].Id, StringComparison.Ordinal));
        Assert.True(firstOfLast >= 0 && firstOfLast < lastOfFirst, string.Join(" ", paths));
    }

    [Fact]
    public async Task Stopping_the_pipeline_ends_the_wait()
    {
        var p = WaitPlatform.Get("ApiVideo");
        await p.SetDelayAsync(Sandbox, Hour);
        Ps.Ok(p.Connect);
        var video = Upload(p, "forever", 40);
        using var ps = PowerShell.Create(Ps.Runspace);
        ps.AddScript("$args[0] | Wait-Video -PollInterval 0.05").AddArgument(video);
        var started = new TaskCompletionSource();
        ps.Streams.Progress.DataAdded += (_, _) => started.TrySetResult();
        var run = ps.BeginInvoke();
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        // What Ctrl+C does: StopProcessing cancels the waits, and the pipeline ends as stopped.
        await Task.Factory.FromAsync(ps.BeginStop(null, null), ps.EndStop);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));
    }

    [Fact]
    public async Task Bad_wait_parameters_stop_the_command_with_a_clear_error()
    {
        Ps.ConnectApiVideo();
        var interval = Ps.Fails("Wait-Video -Id abc -PollInterval 0");
        Assert.Equal("PollIntervalOutOfRange,VideoPlatforms.Commands.WaitVideoCommand", interval.FullyQualifiedErrorId);
        var timeout = Ps.Fails("Wait-Video -Id abc -Timeout -1");
        Assert.Equal("TimeoutOutOfRange,VideoPlatforms.Commands.WaitVideoCommand", timeout.FullyQualifiedErrorId);
        var orphan = Ps.Fails("Send-Video -LiteralPath $args[0] -WaitTimeout 10", Ps.NewFile("x.mp4", 1000));
        Assert.Equal("WaitParameterWithoutWait,VideoPlatforms.Commands.SendVideoCommand", orphan.FullyQualifiedErrorId);
        Assert.Contains("-Wait", orphan.Exception.Message);

        // An upload-only connection cannot read status: refused before anything is uploaded.
        Ps.Ok("Connect-VideoProvider -Provider ApiVideo -UploadToken ([System.Net.NetworkCredential]::new('', 'to1sometoken').SecurePassword) -BaseUri $ApiVideoUri");
        var uploadOnly = Ps.Fails("Send-Video -LiteralPath $args[0] -Wait", Ps.NewFile("y.mp4", 1000));
        Assert.Equal("WaitNotPossible,VideoPlatforms.Commands.SendVideoCommand", uploadOnly.FullyQualifiedErrorId);
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public async Task Ids_with_an_explicit_connection_wait_on_that_connection()
    {
        Ps.ConnectApiVideo();
        var mine = Upload(WaitPlatform.Get("ApiVideo"), "mine", 30);
        Ps.Ok("Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey2 -BaseUri $ApiVideoUri -Name other");
        // The default is now the other account, which does not have the video; -Connection picks the right one.
        var result = Ps.Run("Wait-Video -Id $args[0] -Connection (Get-VideoProvider | Where-Object Name -ne other) -PollInterval 0.1", mine.Id);
        result.AssertNoErrors();
        Assert.Equal(mine.Id, result.Single<Video>().Id);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.WaitVideoCommand", Assert.Single(Ps.Run("Wait-Video -Id $args[0]", mine.Id).Errors).FullyQualifiedErrorId);
        await Task.CompletedTask;
    }
}

/// <summary>A platform as the waiting and raw-request tests use it: a view of its <see cref="PlatformCase"/> row.</summary>
public sealed record WaitPlatform(string Name, string Connect, string SandboxName, string DelayField)
{
    public static readonly string[] Names = PlatformCase.All.Select(p => p.Name).ToArray();

    /// <summary>The row of <see cref="PlatformCase"/>, the one table of platforms.</summary>
    public static WaitPlatform Get(string name)
    {
        var p = PlatformCase.Named(name);
        return new(p.Name, p.Connect, p.AdminName, p.DelayField);
    }

    public Task SetDelayAsync(SandboxFixture sandbox, long milliseconds) =>
        sandbox.PutAsync($"_sandbox/{SandboxName}/config", new Dictionary<string, object> { [DelayField] = milliseconds });

    /// <summary>Every secret the Sandbox issued or holds for this platform (and its fixed credentials).</summary>
    public async Task<string[]> SecretsAsync(SandboxFixture sandbox)
    {
        var json = await sandbox.GetAsync($"_sandbox/{SandboxName}/secrets");
        var fixedOnes = new[]
        {
            SandboxCredentials.ApiVideoApiKey, SandboxCredentials.VimeoAccessToken, SandboxCredentials.ZiggeoPrivateKey,
            SandboxCredentials.BigGoClientSecret,
        };
        return Strings(json).Concat(fixedOnes).Where(s => s.Length >= 8).Distinct().ToArray();
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new[] { element.GetString()! },
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => Array.Empty<string>(),
    };
}

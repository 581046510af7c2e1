using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Transfer;

/// <summary>Save-Video on every platform, through PowerShell, against the Sandbox.</summary>
public sealed class SaveVideoTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    public static TheoryData<string> Providers => Platforms.All;

    /// <summary>Connects and uploads a file of <paramref name="size"/> random bytes; returns the video id and the file.</summary>
    private (string Id, string File) Upload(string provider, long size = 300_000, string title = "Launch: day 1?", string extra = "")
    {
        Ps.Ok(Platforms.Connect(provider, extra));
        var file = Ps.NewFile($"source-{provider}.mp4", size, seed: provider.Length);
        var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Send-Video -LiteralPath $args[0] -Title $args[1]", file, title)).BaseObject);
        return (video.Id, file);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Saves_to_a_folder_named_after_the_title_with_identical_bytes(string provider)
    {
        var (id, file) = Upload(provider);
        var folder = Directory.CreateDirectory(Path.Combine(Ps.Work, "out")).FullName;

        var saved = Assert.IsType<VideoDownloadResult>(Assert.Single(Ps.Ok("Get-Video -Id $args[0] | Save-Video -Path $args[1]", id, folder)).BaseObject);

        Assert.Equal(Path.Combine(folder, "Launch_ day 1_.mp4"), saved.Path);
        Assert.Equal(provider, saved.Provider);
        Assert.Equal(id, saved.Id);
        Assert.Equal("Launch: day 1?", saved.Title);
        Assert.Equal(PsSession.Sha256(file), PsSession.Sha256(saved.Path));
        Assert.Equal(PsSession.Sha256(file), saved.Sha256);
        Assert.Equal(new FileInfo(file).Length, saved.Length);
        Assert.Equal(0, saved.ResumedFrom);
        Assert.False(File.Exists(saved.Path + ".partial"));
        Assert.False(File.Exists(saved.Path + ".partial.json"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Saves_to_a_file_path_refuses_an_existing_file_and_overwrites_with_Force(string provider)
    {
        var (id, file) = Upload(provider);
        var target = Path.Combine(Ps.Work, "mine.mp4");
        File.WriteAllText(target, "keep me");

        var refused = Ps.Run("Save-Video -Id $args[0] -Path $args[1]", id, target);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("FileExists,VideoPlatforms.Commands.SaveVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.Equal("keep me", File.ReadAllText(target));
        Assert.Empty(await Platforms.DownloadRequestsAsync(Sandbox, provider));

        var saved = Assert.IsType<VideoDownloadResult>(Assert.Single(Ps.Ok("Save-Video -Id $args[0] -Path $args[1] -Force", id, target)).BaseObject);
        Assert.Equal(target, saved.Path);
        Assert.Equal(PsSession.Sha256(file), PsSession.Sha256(target));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_dropped_connection_is_resumed_with_a_range_request_and_the_bytes_are_identical(string provider)
    {
        var (id, file) = Upload(provider, size: 600_000, extra: "-MaximumRetryIntervalSec 1");
        var (platform, pattern) = Platforms.Download(provider);
        await Sandbox.AddFaultAsync(new { platform, method = "GET", pathPattern = pattern, kind = "dropMidBody", afterBytes = 200_000, times = 1 });
        var target = Path.Combine(Ps.Work, "resumed.mp4");

        var run = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -Verbose", id, target);

        run.AssertNoErrors();
        var saved = run.Single<VideoDownloadResult>();
        Assert.Equal(PsSession.Sha256(file), PsSession.Sha256(target));
        Assert.Equal(PsSession.Sha256(file), saved.Sha256);
        var requests = await Platforms.DownloadRequestsAsync(Sandbox, provider);
        Assert.Equal(2, requests.Length);
        Assert.True(requests[0].GetProperty("aborted").GetBoolean());
        var range = Platforms.Header(requests[1], "Range");
        Assert.NotNull(range);
        Assert.Matches(@"^bytes=\d+-$", range);
        Assert.True(long.Parse(range!["bytes=".Length..^1]) > 0);
        Assert.NotNull(Platforms.Header(requests[1], "If-Range"));
        Assert.Equal(206, requests[1].GetProperty("status").GetInt32());
        Assert.Contains(run.Verbose, v => v.Contains("Resuming from byte", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_missing_quality_names_the_ones_that_exist(string provider)
    {
        var (id, _) = Upload(provider, size: 50_000);

        var run = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -Quality 4320p", id, Ps.Work);

        var error = Assert.Single(run.Errors);
        Assert.Equal("QualityNotAvailable,VideoPlatforms.Commands.SaveVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("'4320p'", error.Exception.Message);
        Assert.Contains("It has: ", error.Exception.Message);
        Assert.Contains(provider switch { "Vimeo" => "source", "Ziggeo" => "default", _ => "mp4" }, error.Exception.Message);
        Assert.DoesNotContain(Directory.GetFiles(Ps.Work, "*.mp4*"), f => !Path.GetFileName(f).StartsWith("source-", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsafe_titles_become_safe_file_names_and_an_empty_one_the_id()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var file = Ps.NewFile("clip.mp4", 20_000);
        var folder = Directory.CreateDirectory(Path.Combine(Ps.Work, "titles")).FullName;
        var names = new Dictionary<string, string>();
        foreach (var title in new[] { "CON", "a<b>c:d\"e/f\\g|h?i*j", "..." })
        {
            var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Send-Video -LiteralPath $args[0] -Title $args[1]", file, title)).BaseObject);
            var saved = Assert.IsType<VideoDownloadResult>(Assert.Single(Ps.Ok("Save-Video -Id $args[0] -Path $args[1]", video.Id, folder)).BaseObject);
            names[title] = Path.GetFileName(saved.Path);
            if (title == "...") names["id"] = video.Id;
        }

        Assert.Equal("_CON.mp4", names["CON"]);
        Assert.Equal("a_b_c_d_e_f_g_h_i_j.mp4", names["a<b>c:d\"e/f\\g|h?i*j"]);
        Assert.Equal(names["id"] + ".mp4", names["..."]);
    }

    [Fact]
    public async Task A_partial_file_left_by_a_failed_run_is_resumed_by_the_next_run()
    {
        var (id, file) = Upload("ApiVideo", size: 500_000, extra: "-MaximumRetryCount 0");
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "GET", pathPattern = "/mp4/source\\.mp4$", kind = "dropMidBody", afterBytes = 150_000, times = 1 });
        var target = Path.Combine(Ps.Work, "later.mp4");

        var failed = Ps.Run("Save-Video -Id $args[0] -Path $args[1]", id, target);
        var error = Assert.Single(failed.Errors);
        Assert.Equal("DownloadInterrupted,VideoPlatforms.Commands.SaveVideoCommand", error.FullyQualifiedErrorId);
        Assert.Contains("run the same command again", error.Exception.Message);
        Assert.False(File.Exists(target));
        Assert.InRange(new FileInfo(target + ".partial").Length, 1, 499_999);

        var saved = Assert.IsType<VideoDownloadResult>(Assert.Single(Ps.Ok("Save-Video -Id $args[0] -Path $args[1]", id, target)).BaseObject);
        Assert.True(saved.ResumedFrom > 0);
        Assert.Equal(PsSession.Sha256(file), PsSession.Sha256(target));
        Assert.Equal(PsSession.Sha256(file), saved.Sha256);
        Assert.False(File.Exists(target + ".partial"));
        var last = (await Platforms.DownloadRequestsAsync(Sandbox, "ApiVideo")).Last();
        Assert.Equal($"bytes={saved.ResumedFrom}-", Platforms.Header(last, "Range"));
    }

    [Fact]
    public async Task A_partial_file_of_a_source_that_changed_since_is_started_over()
    {
        var (id, _) = Upload("Vimeo", size: 400_000, extra: "-MaximumRetryCount 0");
        await Sandbox.AddFaultAsync(new { platform = "vimeo", method = "GET", pathPattern = "^/_download/", kind = "dropMidBody", afterBytes = 100_000, times = 1 });
        var target = Path.Combine(Ps.Work, "changed.mp4");
        Assert.Single(Ps.Run("Save-Video -Id $args[0] -Path $args[1]", id, target).Errors);
        Assert.True(File.Exists(target + ".partial"));

        // The owner replaces the video's file; the partial bytes belong to the old one.
        var replacement = Ps.NewFile("replacement.mp4", 350_000, seed: 99);
        Ps.Ok("Send-Video -LiteralPath $args[0] -ReplaceVideoId $args[1]", replacement, id);

        var run = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -Verbose", id, target);
        run.AssertNoErrors();
        var saved = run.Single<VideoDownloadResult>();
        Assert.Equal(PsSession.Sha256(replacement), PsSession.Sha256(target));
        Assert.Equal(PsSession.Sha256(replacement), saved.Sha256);
        Assert.Contains(run.Verbose, v => v.Contains("starting the file over", StringComparison.Ordinal));
        var last = (await Platforms.DownloadRequestsAsync(Sandbox, "Vimeo")).Last();
        Assert.NotNull(Platforms.Header(last, "If-Range"));
        Assert.Equal(200, last.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WhatIf_names_the_file_and_downloads_nothing()
    {
        var (id, _) = Upload("BigGo", size: 10_000);
        var run = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -WhatIf", id, Ps.Work);
        run.AssertNoErrors();
        Assert.Empty(run.Output);
        Assert.Contains("Launch_ day 1_.mp4", Ps.Screen);
        Assert.False(File.Exists(Path.Combine(Ps.Work, "Launch_ day 1_.mp4")));
        Assert.Empty(await Platforms.DownloadRequestsAsync(Sandbox, "BigGo"));
    }

    [Fact]
    public async Task Vimeo_signed_download_links_appear_in_no_stream()
    {
        var (id, _) = Upload("Vimeo", size: 30_000);
        var run = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -Verbose -Debug", id, Ps.Work);
        run.AssertNoErrors();
        var secrets = await Sandbox.GetAsync("_sandbox/vimeo/secrets");
        var issued = secrets.GetProperty("issued").EnumerateArray().Select(s => s.GetString()!).Where(s => s.Length >= 16).ToList();
        Assert.NotEmpty(issued);
        var text = string.Join("\n", run.AllText()) + Ps.Screen;
        Assert.Contains("_download/", text);
        foreach (var secret in issued) Assert.False(text.Contains(secret, StringComparison.Ordinal), $"secret leaked: {Around(text, secret)}");
    }

    [Fact]
    public void Unknown_video_is_an_error_for_that_id_and_the_rest_are_saved()
    {
        var (id, _) = Upload("Ziggeo", size: 10_000);
        var run = Ps.Run("Save-Video -Id 'nope', $args[0] -Path $args[1]", id, Ps.Work);
        var error = Assert.Single(run.Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.SaveVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal("nope", error.TargetObject);
        Assert.Equal(id, run.Single<VideoDownloadResult>().Id);
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        return text.Substring(Math.Max(0, at - 120), Math.Min(text.Length - Math.Max(0, at - 120), 240));
    }

    [Theory]
    [InlineData("ApiVideo", "Chapters", "en.chapters.vtt")]
    [InlineData("Vimeo", "Subtitles", "fr.subtitles.vtt")]
    public void IncludeCaptions_saves_each_track_beside_the_video_and_never_overwrites_without_Force(string provider, string kind, string secondName)
    {
        var (id, _) = Upload(provider, 60_000, title: "Talk");
        var english = Path.Combine(Ps.Work, "in.en.vtt");
        File.WriteAllText(english, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello.\n");
        var second = Path.Combine(Ps.Work, "in.second.vtt");
        File.WriteAllText(second, "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nSecond track.\n");
        var secondLanguage = secondName.Split('.')[0];
        Ps.Ok("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en", id, english);
        Ps.Ok($"Add-VideoCaption -Video $args[0] -Path $args[1] -Language {secondLanguage} -Kind {kind}", id, second);
        var folder = Directory.CreateDirectory(Path.Combine(Ps.Work, "with-captions")).FullName;

        var run = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -IncludeCaptions -Verbose -Debug", id, folder);

        run.AssertNoErrors();
        var saved = run.Single<VideoDownloadResult>();
        Assert.Equal(Path.Combine(folder, "Talk.mp4"), saved.Path);
        var expected = new[] { Path.Combine(folder, "Talk.en.vtt"), Path.Combine(folder, "Talk." + secondName) };
        Assert.Equal(expected.Order(), saved.Captions.Order());
        Assert.Equal(File.ReadAllBytes(english), File.ReadAllBytes(expected[0]));
        Assert.Equal(File.ReadAllBytes(second), File.ReadAllBytes(expected[1]));
        // Masked (sig=***) is what -Debug's dump of a track listing shows; a signature's value must never show.
        Assert.DoesNotMatch(@"sig=(?!\*\*\*)", string.Join(" ", run.AllText()));
        Assert.Empty(Directory.GetFiles(folder, "*.partial*"));

        // The caption files are there (the video is not): each one is refused by name, the video is saved.
        File.Delete(saved.Path);
        File.WriteAllText(expected[0], "keep me");
        var refused = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -IncludeCaptions", id, folder);
        Assert.True(File.Exists(saved.Path));
        Assert.Equal(expected.Order(), refused.Errors.Select(e => (string)e.TargetObject).Order());
        Assert.All(refused.Errors, e => Assert.Equal("FileExists,VideoPlatforms.Commands.SaveVideoCommand", e.FullyQualifiedErrorId));
        Assert.All(refused.Errors, e => Assert.Contains("-Force", e.Exception.Message));
        Assert.Empty(refused.Single<VideoDownloadResult>().Captions);
        Assert.Equal("keep me", File.ReadAllText(expected[0]));

        var forced = Ps.Run("Save-Video -Id $args[0] -Path $args[1] -IncludeCaptions -Force", id, folder);
        forced.AssertNoErrors();
        Assert.Equal(expected.Order(), forced.Single<VideoDownloadResult>().Captions.Order());
        Assert.Equal(File.ReadAllBytes(english), File.ReadAllBytes(expected[0]));
    }
}

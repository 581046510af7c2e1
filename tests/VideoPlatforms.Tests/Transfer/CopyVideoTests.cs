using VideoPlatforms.Tests.Faults;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Transfer;

/// <summary>
/// Copy-Video between platforms, through PowerShell, against the Sandbox: the bytes arrive identical (the Sandbox's
/// SHA-256 of what it received), the metadata is carried over or mapped with a warning, and a re-run does not copy
/// twice. Copy records go to a folder of this class (VIDEOPLATFORMS_STATE_DIR), never to the user's profile; only
/// this class sets the variable, and its tests run one at a time.
/// </summary>
public sealed class CopyVideoTests : SandboxTest, IDisposable
{
    private readonly string? _previousStateDir = Environment.GetEnvironmentVariable("VIDEOPLATFORMS_STATE_DIR");
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "videoplatforms-copytests-" + Guid.NewGuid().ToString("N"));

    public CopyVideoTests(SandboxFixture sandbox) : base(sandbox) =>
        Environment.SetEnvironmentVariable("VIDEOPLATFORMS_STATE_DIR", _stateDir);

    void IDisposable.Dispose()
    {
        Environment.SetEnvironmentVariable("VIDEOPLATFORMS_STATE_DIR", _previousStateDir);
        try
        {
            Directory.Delete(_stateDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static string[] SpoolFiles() => [.. Directory.GetFiles(Copy.VideoCopier.SpoolDirectory).Order()];

    private Video Send(string provider, string file, string parameters) =>
        Assert.IsType<Video>(Assert.Single(Ps.Ok($"Send-Video -Connection (Get-VideoProvider -Name {provider}) -LiteralPath $args[0] {parameters}", file)).BaseObject);

    [Fact]
    public async Task ApiVideo_to_Vimeo_arrives_byte_identical_with_its_metadata_and_a_rerun_does_not_duplicate()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        Ps.Ok(Platforms.Connect("Vimeo"));
        var file = Ps.NewFile("talk.mp4", 700_000, seed: 11);
        var source = Send("ApiVideo", file, "-Title 'Keynote 2026' -Description 'The opening talk.' -Tag keynote, 2026 -Privacy Private");

        var spoolBefore = SpoolFiles();
        var run = Ps.Run("Get-Video -Connection (Get-VideoProvider -Name ApiVideo) -Id $args[0] | Copy-Video -Destination Vimeo", source.Id);

        run.AssertNoErrors();
        Assert.Empty(run.Warnings);
        var copy = run.Single<VideoCopyResult>();
        Assert.Equal(("ApiVideo", source.Id, "Vimeo"), (copy.SourceProvider, copy.SourceId, copy.DestinationProvider));
        Assert.Equal(new FileInfo(file).Length, copy.Bytes);
        Assert.Equal(PsSession.Sha256(file), copy.Sha256);
        Assert.False(copy.AlreadyCopied);
        Assert.Equal(copy.DestinationId, copy.Video!.Id);

        var arrived = await Platforms.AdminVideoAsync(Sandbox, "Vimeo", copy.DestinationId);
        Assert.Equal(PsSession.Sha256(file), arrived.GetProperty("sha256").GetString());
        Assert.Equal("Keynote 2026", arrived.GetProperty("name").GetString());
        Assert.Equal("The opening talk.", arrived.GetProperty("description").GetString());
        Assert.Equal("nobody", arrived.GetProperty("privacyView").GetString());
        Assert.Equal(["keynote", "2026"], arrived.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        // The spool file is gone once the copy succeeded.
        Assert.Equal(spoolBefore, SpoolFiles());

        // The same copy again: found by its record, checked on the destination, nothing transferred.
        var downloadsBefore = (await Platforms.DownloadRequestsAsync(Sandbox, "ApiVideo")).Length;
        var again = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination (Get-VideoProvider -Name Vimeo)", source.Id);
        again.AssertNoErrors();
        var second = again.Single<VideoCopyResult>();
        Assert.True(second.AlreadyCopied);
        Assert.Equal(copy.DestinationId, second.DestinationId);
        Assert.Equal(copy.Sha256, second.Sha256);
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "Vimeo"));
        Assert.Equal(downloadsBefore, (await Platforms.DownloadRequestsAsync(Sandbox, "ApiVideo")).Length);
    }

    [Theory]
    [InlineData("Ziggeo")]
    [InlineData("BigGo")]
    public async Task To_a_one_request_platform_the_download_is_piped_into_the_upload_and_survives_a_dropped_download(string destination)
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        Ps.Ok(Platforms.Connect(destination));
        var file = Ps.NewFile("piped.mp4", 400_000, seed: 21);
        var source = Send("ApiVideo", file, "-Title 'Piped keynote'");
        var spoolBefore = SpoolFiles();
        // The download breaks off after 100 kB: the stream asks for the rest with a range request, under the upload.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "GET", pathPattern = "^/vod/", kind = "dropMidBody", afterBytes = 100_000, times = 1 });

        var run = Ps.Run($"Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination {destination} -Verbose", source.Id);

        run.AssertNoErrors();
        Assert.Contains(run.Verbose, v => v.Contains("without a temporary copy", StringComparison.Ordinal));
        Assert.Contains(run.Verbose, v => v.Contains("Asking for the rest from byte", StringComparison.Ordinal));
        Assert.Equal(spoolBefore, SpoolFiles());
        var copy = run.Single<VideoCopyResult>();
        Assert.Equal(PsSession.Sha256(file), copy.Sha256);
        Assert.Equal(400_000, copy.Bytes);
        var arrived = await Platforms.AdminVideoAsync(Sandbox, destination, copy.DestinationId);
        Assert.Equal(PsSession.Sha256(file), arrived.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Vimeo_to_BigGo_drops_tags_with_a_warning_and_keeps_unlisted()
    {
        Ps.Ok(Platforms.Connect("Vimeo"));
        Ps.Ok(Platforms.Connect("BigGo"));
        var file = Ps.NewFile("clip.mp4", 250_000, seed: 12);
        var source = Send("Vimeo", file, "-Title 'Behind the scenes' -Description 'Crew notes.' -Tag crew -Privacy Unlisted");

        var run = Ps.Run("Get-Video -Connection (Get-VideoProvider -Name Vimeo) -Id $args[0] | Copy-Video -Destination BigGo", source.Id);

        run.AssertNoErrors();
        Assert.Contains(run.Warnings, w => w.Contains("does not take its tags (crew)", StringComparison.Ordinal));
        var copy = run.Single<VideoCopyResult>();
        var arrived = await Platforms.AdminVideoAsync(Sandbox, "BigGo", copy.DestinationId);
        Assert.Equal(PsSession.Sha256(file), arrived.GetProperty("sha256").GetString());
        Assert.Equal("Behind the scenes", arrived.GetProperty("title").GetString());
        Assert.Equal("Crew notes.", arrived.GetProperty("description").GetString());
        Assert.Equal(2, arrived.GetProperty("access").GetInt32());
    }

    [Fact]
    public async Task BigGo_unlisted_to_ApiVideo_becomes_private_with_a_warning()
    {
        Ps.Ok(Platforms.Connect("BigGo"));
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var file = Ps.NewFile("demo.mp4", 120_000, seed: 13);
        var source = Send("BigGo", file, "-Title 'Demo' -Privacy Unlisted");

        var run = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name BigGo) -Destination ApiVideo", source.Id);

        run.AssertNoErrors();
        Assert.Contains(run.Warnings, w => w.Contains("is Unlisted", StringComparison.Ordinal) && w.Contains("the copy is Private", StringComparison.Ordinal));
        var copy = run.Single<VideoCopyResult>();
        Assert.Equal(VideoPrivacy.Private, copy.Video!.Privacy);
        Assert.Equal(PsSession.Sha256(file), (await Platforms.AdminVideoAsync(Sandbox, "ApiVideo", copy.DestinationId)).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Ziggeo_to_ApiVideo_carries_tags_and_metadata()
    {
        Ps.Ok(Platforms.Connect("Ziggeo"));
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var file = Ps.NewFile("rec.mp4", 180_000, seed: 14);
        var source = Send("Ziggeo", file, "-Title 'Recording' -Tag interview -Metadata @{ guest = 'Ada' }");

        var run = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Ziggeo) -Destination ApiVideo", source.Id);

        run.AssertNoErrors();
        // Ziggeo cannot list or read a video's subtitles: the copy says so rather than pretending there were none.
        Assert.Contains(run.Warnings, w => w.Contains($"Ziggeo video {source.Id}: Ziggeo cannot list or read a video's subtitles", StringComparison.Ordinal));
        var copy = run.Single<VideoCopyResult>();
        Assert.Equal(0, copy.CaptionsCopied);
        Assert.Equal("Recording", copy.Video!.Title);
        Assert.Equal(["interview"], copy.Video.Tags);
        Assert.Equal("Ada", copy.Video.Metadata["guest"]);
        Assert.Equal(PsSession.Sha256(file), (await Platforms.AdminVideoAsync(Sandbox, "ApiVideo", copy.DestinationId)).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_copy_whose_record_was_lost_is_found_on_the_destination_by_its_marker()
    {
        Ps.Ok(Platforms.Connect("Vimeo"));
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var file = Ps.NewFile("marker.mp4", 90_000, seed: 17);
        var source = Send("Vimeo", file, "-Title 'Marked'");
        var first = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Vimeo) -Destination ApiVideo", source.Id).Single<VideoCopyResult>();
        Assert.Equal($"Vimeo/{first.Video!.Metadata["copiedFrom"].Split('/')[1]}/{source.Id}", first.Video.Metadata["copiedFrom"]);
        Assert.Equal($"{first.Sha256}/{first.Bytes}", first.Video.Metadata["copiedSha256"]);

        // As if the process died between the upload and writing its record.
        foreach (var record in Directory.GetFiles(Path.Combine(_stateDir, "copies"))) File.Delete(record);

        var again = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Vimeo) -Destination ApiVideo", source.Id);
        again.AssertNoErrors();
        var second = again.Single<VideoCopyResult>();
        Assert.True(second.AlreadyCopied);
        Assert.Equal(first.DestinationId, second.DestinationId);
        Assert.Equal((first.Bytes, first.Sha256), (second.Bytes, second.Sha256));
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "ApiVideo"));
        Assert.Single(await Platforms.DownloadRequestsAsync(Sandbox, "Vimeo"));
    }

    [Fact]
    public async Task A_copy_to_Ziggeo_is_found_by_its_key_with_an_empty_state_folder_and_carries_its_hash()
    {
        // Before: Ziggeo cannot list by metadata, so a copy whose local record was gone (a runbook's fresh sandbox)
        // was made a second time.
        Ps.Ok(Platforms.Connect("ApiVideo"));
        Ps.Ok(Platforms.Connect("Ziggeo"));
        var file = Ps.NewFile("keyed.mp4", 60_000, seed: 23);
        var source = Send("ApiVideo", file, "-Title 'Keyed' -Metadata @{ guest = 'Ada' }");
        var first = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Ziggeo", source.Id).Single<VideoCopyResult>();
        var copied = Assert.IsType<Video>(Ps.Ok("Get-Video -Connection (Get-VideoProvider -Name Ziggeo) -Id $args[0]", first.DestinationId).Single().BaseObject);
        Assert.Equal(PsSession.Sha256(file), copied.Metadata["vpSha256"]);
        Assert.Equal($"{first.Sha256}/{first.Bytes}", copied.Metadata["copiedSha256"]);
        Assert.Equal("Ada", copied.Metadata["guest"]);
        Assert.StartsWith("ApiVideo/", copied.Metadata["copiedFrom"]);

        Directory.Delete(_stateDir, recursive: true);
        var again = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Ziggeo", source.Id);

        again.AssertNoErrors();
        var second = again.Single<VideoCopyResult>();
        Assert.True(second.AlreadyCopied);
        Assert.Equal(first.DestinationId, second.DestinationId);
        Assert.Equal((first.Bytes, first.Sha256), (second.Bytes, second.Sha256));
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "Ziggeo"));
    }

    [Fact]
    public async Task A_copy_to_ApiVideo_carries_its_hash_so_send_video_skip_existing_finds_it()
    {
        Ps.Ok(Platforms.Connect("Vimeo"));
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var file = Ps.NewFile("hashed.mp4", 70_000, seed: 24);
        var source = Send("Vimeo", file, "-Title 'Hashed'");
        var copy = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Vimeo) -Destination ApiVideo", source.Id).Single<VideoCopyResult>();
        Assert.Equal(PsSession.Sha256(file), copy.Video!.Metadata["vpSha256"]);
        Directory.Delete(_stateDir, recursive: true);

        var sent = Send("ApiVideo", file, "-SkipExisting");

        Assert.Equal(copy.DestinationId, sent.Id);
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "ApiVideo"));
    }

    [Fact]
    public async Task A_failed_upload_names_the_destination_video_and_the_rerun_reuses_the_download()
    {
        Ps.Ok(Platforms.Connect("BigGo"));
        Ps.Ok(Platforms.Connect("ApiVideo", "-MaximumRetryCount 0"));
        var file = Ps.NewFile("big.mp4", 300_000, seed: 15);
        var source = Send("BigGo", file, "-Title 'Archive'");
        // The source upload to api.video is refused once, after its container was created.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "status", status = 400, times = 1 });

        var failed = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name BigGo) -Destination ApiVideo", source.Id);

        var error = Assert.Single(failed.Errors);
        var upload = Assert.IsType<UploadFailedException>(error.Exception);
        Assert.NotNull(upload.VideoId);
        Assert.Contains(upload.VideoId!, upload.Message);
        Assert.Contains($"Copying BigGo video {source.Id} to ApiVideo failed", upload.Message);
        Assert.Equal(source.Id, error.TargetObject);
        Assert.Empty(failed.Output);

        var rerun = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name BigGo) -Destination ApiVideo -Verbose", source.Id);
        rerun.AssertNoErrors();
        var copy = rerun.Single<VideoCopyResult>();
        Assert.Contains(rerun.Verbose, v => v.StartsWith("Reusing '", StringComparison.Ordinal));
        Assert.Single(await Platforms.DownloadRequestsAsync(Sandbox, "BigGo"));
        Assert.Equal(PsSession.Sha256(file), (await Platforms.AdminVideoAsync(Sandbox, "ApiVideo", copy.DestinationId)).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Unknown_destination_is_refused_and_an_unknown_source_video_does_not_stop_the_others()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        Ps.Ok(Platforms.Connect("Ziggeo"));
        var record = Ps.Fails("Copy-Video -Id x -Destination Nowhere");
        Assert.Contains("There is no connection named 'Nowhere'", record.Exception.Message);
        Assert.Equal("ParameterArgumentTransformationError,VideoPlatforms.Commands.CopyVideoCommand", record.FullyQualifiedErrorId);

        var file = Ps.NewFile("ok.mp4", 40_000, seed: 16);
        var good = Send("ApiVideo", file, "-Title ok");
        var run = Ps.Run("Copy-Video -Id 'vi000missing', $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Ziggeo", good.Id);
        var error = Assert.Single(run.Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.CopyVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal("vi000missing", error.TargetObject);
        var copy = run.Single<VideoCopyResult>();
        Assert.Equal(good.Id, copy.SourceId);
        Assert.Equal("Ziggeo", copy.DestinationProvider);
        Assert.Equal(PsSession.Sha256(file), (await Platforms.AdminVideoAsync(Sandbox, "Ziggeo", copy.DestinationId)).GetProperty("sha256").GetString());
        Assert.Equal("ok", copy.Video!.Title);
    }

    [Fact]
    public async Task A_second_token_of_the_same_user_finds_the_copy_made_with_the_first()
    {
        Ps.Ok(Platforms.Connect("Vimeo"));
        Ps.Ok(Platforms.Connect("ApiVideo"));
        await ConnectSecondVimeoTokenAsync("VimeoReadOnly");
        var file = Ps.NewFile("same user.mp4", 80_000, seed: 21);
        var source = Send("Vimeo", file, "-Title 'Same user'");
        var first = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Vimeo) -Destination ApiVideo", source.Id).Single<VideoCopyResult>();
        Assert.False(first.AlreadyCopied);
        // The marker names the user, not the token's scopes.
        Assert.DoesNotContain("scope", first.Video!.Metadata["copiedFrom"], StringComparison.OrdinalIgnoreCase);

        // The same video through the user's other token: the local record knows it.
        var byRecord = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name VimeoReadOnly) -Destination ApiVideo", source.Id);
        byRecord.AssertNoErrors();
        Assert.True(byRecord.Single<VideoCopyResult>().AlreadyCopied);

        // And with the record lost, the marker on the destination does.
        foreach (var record in Directory.GetFiles(Path.Combine(_stateDir, "copies"))) File.Delete(record);
        var byMarker = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name VimeoReadOnly) -Destination ApiVideo", source.Id);
        byMarker.AssertNoErrors();
        var found = byMarker.Single<VideoCopyResult>();
        Assert.True(found.AlreadyCopied);
        Assert.Equal(first.DestinationId, found.DestinationId);
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "ApiVideo"));
        Assert.Single(await Platforms.DownloadRequestsAsync(Sandbox, "Vimeo"));
    }

    [Fact]
    public async Task A_copy_into_the_account_the_video_lives_on_is_refused_unless_a_duplicate_is_asked_for()
    {
        Ps.Ok(Platforms.Connect("Vimeo"));
        Ps.Ok(Platforms.Connect("ApiVideo"));
        await ConnectSecondVimeoTokenAsync("VimeoReadOnly");
        var file = Ps.NewFile("one copy.mp4", 60_000, seed: 22);
        var vimeo = Send("Vimeo", file, "-Title 'Only once'");
        var apiVideo = Send("ApiVideo", file, "-Title 'Only once'");

        // The very same connection, and another connection to the same account: each refused, nothing moved.
        foreach (var (connection, id, destination) in new[] { ("Vimeo", vimeo.Id, "Vimeo"), ("VimeoReadOnly", vimeo.Id, "Vimeo"), ("ApiVideo", apiVideo.Id, "ApiVideo") })
        {
            var refused = Ps.Run($"Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name {connection}) -Destination {destination}", id);
            var error = Assert.Single(refused.Errors);
            Assert.Equal("CopyToSameAccount,VideoPlatforms.Commands.CopyVideoCommand", error.FullyQualifiedErrorId);
            Assert.Contains("-AllowDuplicate", error.Exception.Message);
            Assert.Contains(id, error.Exception.Message);
            Assert.Empty(refused.Output);
        }
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "Vimeo"));
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "ApiVideo"));
        Assert.Empty(await Platforms.DownloadRequestsAsync(Sandbox, "Vimeo"));

        // Asked for explicitly, the duplicate is made.
        var duplicate = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Vimeo) -Destination Vimeo -AllowDuplicate", vimeo.Id);
        duplicate.AssertNoErrors();
        var copy = duplicate.Single<VideoCopyResult>();
        Assert.NotEqual(vimeo.Id, copy.DestinationId);
        Assert.Equal(2, await Platforms.AdminVideoCountAsync(Sandbox, "Vimeo"));
        Assert.Equal(PsSession.Sha256(file), (await Platforms.AdminVideoAsync(Sandbox, "Vimeo", copy.DestinationId)).GetProperty("sha256").GetString());
    }

    private string Vtt(string name, string words)
    {
        var path = Path.Combine(Ps.Work, name);
        File.WriteAllText(path, $"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n{words}\n");
        return path;
    }

    private void Caption(string provider, string videoId, string file, string language, string kind) =>
        Ps.Ok($"Add-VideoCaption -Connection (Get-VideoProvider -Name {provider}) -Video $args[0] -Path $args[1] -Language {language} -Kind {kind}", videoId, file);

    /// <summary>The destination's tracks, saved beside a fresh download of the copy, by file name.</summary>
    private Dictionary<string, byte[]> Saved(string provider, string videoId)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Ps.Work, "saved-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var saved = Ps.Run($"Save-Video -Connection (Get-VideoProvider -Name {provider}) -Id $args[0] -Path $args[1] -IncludeCaptions", videoId, folder);
        saved.AssertNoErrors();
        return saved.Single<VideoDownloadResult>().Captions.ToDictionary(p => Path.GetFileName(p)[(Path.GetFileNameWithoutExtension(saved.Single<VideoDownloadResult>().Path).Length + 1)..], File.ReadAllBytes);
    }

    private static async Task<int> CaptionPostsAsync(SandboxFixture sandbox, string platform) =>
        (await sandbox.RequestsAsync(platform)).Count(r => r.Str("method") == "POST"
            && (r.Str("path").Contains("/captions/", StringComparison.Ordinal) || r.Str("path").Contains("/chapters/", StringComparison.Ordinal) || r.Str("path").EndsWith("/texttracks", StringComparison.Ordinal)));

    [Fact]
    public async Task Vimeo_to_ApiVideo_carries_each_track_byte_identical_subtitles_as_captions_and_a_rerun_attaches_nothing_twice()
    {
        Ps.Ok(Platforms.Connect("Vimeo"));
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var source = Send("Vimeo", Ps.NewFile("tracks.mp4", 60_000, seed: 31), "-Title 'With tracks'");
        var english = Vtt("en.vtt", "Hello.");
        var french = Vtt("fr.vtt", "Bonjour.");
        var chapters = Vtt("chapters.vtt", "Opening");
        Caption("Vimeo", source.Id, english, "en", "Captions");
        Caption("Vimeo", source.Id, french, "fr", "Subtitles");
        Caption("Vimeo", source.Id, chapters, "en", "Chapters");

        var run = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Vimeo) -Destination ApiVideo -Verbose -Debug", source.Id);

        run.AssertNoErrors();
        Assert.Empty(run.Warnings);
        var copy = run.Single<VideoCopyResult>();
        Assert.Equal(3, copy.CaptionsCopied);
        // api.video has no subtitles: the French subtitles arrive as French captions, every file as it was.
        var arrived = Saved("ApiVideo", copy.DestinationId);
        Assert.Equal(["en.chapters.vtt", "en.vtt", "fr.vtt"], arrived.Keys.Order());
        Assert.Equal(File.ReadAllBytes(english), arrived["en.vtt"]);
        Assert.Equal(File.ReadAllBytes(french), arrived["fr.vtt"]);
        Assert.Equal(File.ReadAllBytes(chapters), arrived["en.chapters.vtt"]);
        // Vimeo's signed track links were read, and appear in no stream, not even -Verbose and -Debug.
        Assert.Contains(await Sandbox.RequestsAsync("vimeo"), r => r.Str("path").StartsWith("/_upload/texttracks/", StringComparison.Ordinal) && r.Str("method") == "GET");
        // Masked (sig=***) is what -Debug's dump of a track listing shows; a signature's value must never show.
        Assert.DoesNotMatch(@"sig=(?!\*\*\*)", string.Join(" ", run.AllText()));

        var posts = await CaptionPostsAsync(Sandbox, "apivideo");
        var again = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name Vimeo) -Destination ApiVideo", source.Id);
        again.AssertNoErrors();
        Assert.True(again.Single<VideoCopyResult>().AlreadyCopied);
        Assert.Equal(3, again.Single<VideoCopyResult>().CaptionsCopied);
        Assert.Equal(posts, await CaptionPostsAsync(Sandbox, "apivideo"));
    }

    [Fact]
    public void ApiVideo_to_Ziggeo_and_BigGo_carries_what_each_takes_and_warns_for_each_track_it_cannot()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        Ps.Ok(Platforms.Connect("Ziggeo"));
        Ps.Ok(Platforms.Connect("BigGo"));
        var source = Send("ApiVideo", Ps.NewFile("talk.mp4", 80_000, seed: 32), "-Title 'Talk'");
        var english = Vtt("talk.en.vtt", "Welcome.");
        Caption("ApiVideo", source.Id, english, "en", "Captions");
        Caption("ApiVideo", source.Id, Vtt("talk.chapters.vtt", "Part one"), "en", "Chapters");

        var toZiggeo = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Ziggeo", source.Id);

        toZiggeo.AssertNoErrors();
        // Ziggeo takes subtitles only: the captions become subtitles, the chapters are named in a warning with Ziggeo's reason.
        var zwarning = Assert.Single(toZiggeo.Warnings, w => w.Contains("chapters (en)", StringComparison.Ordinal));
        Assert.Contains("Ziggeo does not take its chapters (en)", zwarning);
        Assert.Contains("no separate captions or chapters", zwarning);
        var ziggeo = toZiggeo.Single<VideoCopyResult>();
        Assert.Equal(1, ziggeo.CaptionsCopied);
        Assert.Equal("en", Assert.Single(Ps.Ok("(Get-Video -Connection (Get-VideoProvider -Name Ziggeo) -Id $args[0]).Raw.default_stream.subtitles.lang", ziggeo.DestinationId)).ToString());

        var toBigGo = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination BigGo", source.Id);

        toBigGo.AssertNoErrors();
        Assert.Contains(toBigGo.Warnings, w => w.Contains("BigGo does not take its captions (en)", StringComparison.Ordinal) && w.Contains("BigGo has no captions", StringComparison.Ordinal));
        Assert.Contains(toBigGo.Warnings, w => w.Contains("BigGo does not take its chapters (en)", StringComparison.Ordinal));
        Assert.Equal(0, toBigGo.Single<VideoCopyResult>().CaptionsCopied);
    }

    [Fact]
    public async Task A_copy_whose_captions_failed_half_way_is_finished_by_a_rerun_without_attaching_any_twice()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        Ps.Ok(Platforms.Connect("Vimeo", "-MaximumRetryCount 0"));
        var source = Send("ApiVideo", Ps.NewFile("half.mp4", 50_000, seed: 33), "-Title 'Half'");
        var english = Vtt("half.en.vtt", "One.");
        var german = Vtt("half.de.vtt", "Eins.");
        Caption("ApiVideo", source.Id, english, "en", "Captions");
        Caption("ApiVideo", source.Id, german, "de", "Captions");
        // Vimeo refuses the second text track once (a 503 after the first was attached).
        await Sandbox.AddFaultAsync(new { platform = "vimeo", method = "POST", pathPattern = "/texttracks$", kind = "status", status = 503, skip = 1, times = 1 });

        var failed = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Vimeo", source.Id);

        // The video is copied (its result is out) and the missing track is its own error, saying what to do.
        var copy = failed.Single<VideoCopyResult>();
        Assert.Equal(1, copy.CaptionsCopied);
        var error = Assert.Single(failed.Errors);
        Assert.Contains($"copied to Vimeo as {copy.DestinationId}, but its captions (", error.Exception.Message);
        Assert.Contains("Run Copy-Video again", error.Exception.Message);
        Assert.Equal(source.Id, error.TargetObject);

        var rerun = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Vimeo", source.Id);

        rerun.AssertNoErrors();
        var finished = rerun.Single<VideoCopyResult>();
        Assert.True(finished.AlreadyCopied);
        Assert.Equal(2, finished.CaptionsCopied);
        var tracks = Ps.Ok("Get-VideoCaption -Connection (Get-VideoProvider -Name Vimeo) -Video $args[0]", copy.DestinationId).Select(o => Assert.IsType<VideoCaption>(o.BaseObject)).ToList();
        Assert.Equal(["de", "en"], tracks.Select(t => t.Language).Order());
        var arrived = Saved("Vimeo", copy.DestinationId);
        Assert.Equal(File.ReadAllBytes(english), arrived["en.vtt"]);
        Assert.Equal(File.ReadAllBytes(german), arrived["de.vtt"]);
        Assert.Equal(1, await Platforms.AdminVideoCountAsync(Sandbox, "Vimeo"));
    }

    [Fact]
    public async Task The_thumbnail_is_carried_byte_identical_where_the_destination_takes_an_image_and_warned_about_where_not()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        Ps.Ok(Platforms.Connect("Vimeo"));
        Ps.Ok(Platforms.Connect("BigGo"));
        var source = Send("ApiVideo", Ps.NewFile("poster-source.mp4", 70_000, seed: 34), "-Title 'Poster'");
        // A PNG by its signature: the copy names the image after what its bytes are.
        var poster = Path.Combine(Ps.Work, "poster.png");
        File.WriteAllBytes(poster, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. File.ReadAllBytes(Ps.NewFile("poster-body.bin", 3_000, seed: 35))]);
        Ps.Ok("Set-Video -Connection (Get-VideoProvider -Name ApiVideo) -Id $args[0] -ThumbnailPath $args[1]", source.Id, poster);

        var toVimeo = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Vimeo", source.Id);

        toVimeo.AssertNoErrors();
        Assert.Empty(toVimeo.Warnings);
        var copy = toVimeo.Single<VideoCopyResult>();
        Assert.True(copy.ThumbnailCopied);
        Assert.Equal(PsSession.Sha256(poster), (await Platforms.AdminVideoAsync(Sandbox, "Vimeo", copy.DestinationId)).GetProperty("activePictureSha256").GetString());
        var pictures = (await Sandbox.RequestsAsync("vimeo")).Count(r => r.Str("path").EndsWith("/pictures", StringComparison.Ordinal));
        Assert.True(Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination Vimeo", source.Id).Single<VideoCopyResult>().ThumbnailCopied);
        Assert.Equal(pictures, (await Sandbox.RequestsAsync("vimeo")).Count(r => r.Str("path").EndsWith("/pictures", StringComparison.Ordinal)));

        var toBigGo = Ps.Run("Copy-Video -Id $args[0] -Connection (Get-VideoProvider -Name ApiVideo) -Destination BigGo", source.Id);

        toBigGo.AssertNoErrors();
        Assert.Contains(toBigGo.Warnings, w => w.Contains("BigGo does not take its thumbnail image", StringComparison.Ordinal)
            && w.Contains("this module cannot set a BigGo video's thumbnail", StringComparison.Ordinal));
        Assert.False(toBigGo.Single<VideoCopyResult>().ThumbnailCopied);
    }
}

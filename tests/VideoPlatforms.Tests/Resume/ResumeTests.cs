using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Tests.Harness;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.Resume;

/// <summary>
/// Send-Video -Resume and the upload journal on every platform: a run that stops (a failure or Ctrl+C) is finished
/// by running it again with -Resume, without a second video, without resending what the platform holds, and
/// without a secret in the journal.
/// </summary>
public sealed class ResumeTests : SandboxTest
{
    private const long MiB = 1 << 20;

    public ResumeTests(SandboxFixture sandbox) : base(sandbox) { }

    /// <summary>What differs per platform: how to connect, where the file's bytes go, where the Sandbox lists videos.</summary>
    public sealed record Platform(
        string Name, string Connect, string LogName, string BodyPlatform, string BodyMethod, string BodyPattern, string CreatePattern,
        string VideosPath, string IdProperty, bool Resumable, string ChunkOption, long BigSize)
    {
        public override string ToString() => Name;
    }

    // api.video's chunks go one at a time here (-ChunkConcurrency 1): these tests fail "the Nth body request" and
    // count on the chunks before it being the file's first ones. With several chunks at once (the default, 4) the
    // failing request may be chunk 1 while chunk 2 lands, and the journal's confirmed prefix is then 0
    // (ChunkConcurrencyTests covers resuming after concurrent chunks).
    private static readonly Platform[] Platforms =
    {
        new("ApiVideo", "Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri", "apivideo", "apivideo", "POST", "^/videos/[^/]+/source$", "^/videos$",
            "_sandbox/apivideo/videos", "videoId", true, "-ChunkSize 5MB -ChunkConcurrency 1", 11 * MiB),
        new("Vimeo", "Connect-VideoProvider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri", "vimeo", "vimeo", "PATCH", "^/tus/", "^/me/videos$",
            "_sandbox/vimeo/videos", "videoId", true, "-ChunkSize 4MB", 10 * MiB),
        new("Ziggeo", "Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri", "ziggeo", "ziggeo-s3", "POST", ".", "^/v1/videos-upload-url$",
            "_sandbox/ziggeo/videos", "token", false, "", 3 * MiB),
        new("BigGo", "Connect-VideoProvider BigGo -ClientCredential $BigGoCredential -BaseUri $BigGoUri", "biggo", "biggo", "POST", "^/api/v1/video/$", "^/api/v1/video/$",
            "_sandbox/biggo/videos", "videoId", false, "", 3 * MiB),
    };

    public static TheoryData<string> PlatformNames() => new(Platforms.Select(p => p.Name));

    private static Platform Of(string name) => Platforms.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(PlatformNames))]
    public async Task A_failed_batch_resumes_skipping_finished_files_and_finishing_the_partial_one(string name)
    {
        var p = Of(name);
        var done = Ps.NewFile("done.mp4", MiB, seed: 11);
        var big = Ps.NewFile("big.mp4", p.BigSize, seed: 12);
        // The finished file's bytes pass; the big file's second body request (first, where the platform takes the
        // file whole) fails, with no retries: the run ends with the big file unfinished.
        await Sandbox.AddFaultAsync(new { platform = p.BodyPlatform, method = p.BodyMethod, pathPattern = p.BodyPattern, kind = "status", status = 500, times = 0, skip = p.Resumable ? 2 : 1 });
        var first = Ps.Run($"{p.Connect} -MaximumRetryCount 0; Send-Video $args[0], $args[1] {p.ChunkOption}", done, big);
        var finished = Assert.IsType<Video>(Assert.Single(first.Output).BaseObject);
        var failure = Assert.IsType<UploadFailedException>(Assert.Single(first.Errors).Exception);
        Assert.Equal(big, failure.Path);

        var journal = Ps.Ok("Get-VideoUploadJournal").Select(o => Assert.IsType<UploadJournalEntry>(o.BaseObject)).ToList();
        Assert.Contains(journal, e => e.Path == done && e.State == UploadJournalState.Complete && e.VideoId == finished.Id);
        var partial = journal.SingleOrDefault(e => e.Path == big);
        if (p.Resumable)
        {
            // The video holding part of the big file is both named in the error and kept in the journal.
            Assert.False(failure.VideoRemoved);
            Assert.NotNull(partial);
            Assert.Equal(UploadJournalState.Uploading, partial!.State);
            Assert.Equal(failure.VideoId, partial.VideoId);
            Assert.True(partial.BytesConfirmed > 0);
        }
        else
        {
            // No resumable protocol: the failed upload left no video (deleted again, or never created), so no entry.
            Assert.True(failure.VideoId is null || failure.VideoRemoved);
            Assert.Null(partial);
        }

        (await Sandbox.Admin.DeleteAsync("_sandbox/faults")).EnsureSuccessStatusCode();
        (await Sandbox.Admin.DeleteAsync("_sandbox/requests")).EnsureSuccessStatusCode();

        var second = Ps.Run($"Send-Video $args[0], $args[1] -Resume {p.ChunkOption} -Verbose", done, big);
        second.AssertNoErrors();
        var videos = second.Output.Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();
        Assert.Equal(2, videos.Count);
        Assert.Equal(finished.Id, videos.Single(v => v.Path == done).Id);
        Assert.Contains(second.Verbose, v => v.StartsWith($"Skipping '{done}'", StringComparison.Ordinal));

        var log = await Sandbox.RequestsAsync(p.LogName);
        var creates = log.Count(r => r.GetProperty("method").GetString() == "POST" && System.Text.RegularExpressions.Regex.IsMatch(r.GetProperty("path").GetString()!, p.CreatePattern));
        var bodyLog = p.BodyPlatform == p.LogName ? log : await Sandbox.RequestsAsync(p.BodyPlatform);
        var bodyBytes = bodyLog.Where(r => r.GetProperty("method").GetString() == p.BodyMethod && System.Text.RegularExpressions.Regex.IsMatch(r.GetProperty("path").GetString()!, p.BodyPattern))
            .Sum(r => r.GetProperty("requestBodyLength").GetInt64());
        if (p.Resumable)
        {
            // Into the same video, from the server's offset: nothing created, less than the file sent.
            Assert.Equal(failure.VideoId, videos.Single(v => v.Path == big).Id);
            Assert.Equal(0, creates);
            Assert.True(bodyBytes < p.BigSize, $"resumed: sent {bodyBytes} bytes of a {p.BigSize}-byte file");
        }
        else
        {
            // The finished file is not sent again: only the big one is created and sent, once.
            Assert.Equal(1, creates);
            Assert.True(bodyBytes >= p.BigSize && bodyBytes < p.BigSize + MiB, $"sent {bodyBytes} bytes: the big file once, the finished one not at all");
        }

        var stored = await LiveVideosAsync(p);
        Assert.Equal(2, stored.Length);
        Assert.Equal(PsSession.Sha256(done), Sha(stored, finished.Id, p));
        Assert.Equal(PsSession.Sha256(big), Sha(stored, videos.Single(v => v.Path == big).Id, p));
        Assert.All(Ps.Ok("Get-VideoUploadJournal").Select(o => (UploadJournalEntry)o.BaseObject), e => Assert.Equal(UploadJournalState.Complete, e.State));
        await AssertJournalHoldsNoSecretAsync();
    }

    [Fact]
    public void A_terminating_error_before_any_upload_says_nothing_about_a_stop()
    {
        // A parameter the platform cannot honour ends Send-Video before any file starts. PowerShell hands the cmdlet
        // that end as a stopped pipeline, and its stop report once printed "Send-Video was stopped. No file had
        // finished uploading." above the error: nothing had stopped, and nothing was left to resume.
        Ps.Ok(PlatformCase.Vimeo.Connect);
        var file = Ps.NewFile("refused.mp4", 10_000, 70);

        var error = Ps.Fails("Send-Video $args[0] -SkipExisting", file);

        Assert.Contains("SkipExisting", error.Exception.Message);
        Assert.DoesNotContain("was stopped", Ps.Screen);
    }

    [Theory]
    [MemberData(nameof(PlatformNames))]
    public async Task Ctrl_C_in_a_parallel_batch_stops_says_what_did_not_finish_and_Resume_finishes_it(string name)
    {
        var p = Of(name);
        var files = new[] { Ps.NewFile("one.mp4", 2 * MiB, seed: 21), Ps.NewFile("two.mp4", 2 * MiB, seed: 22), Ps.NewFile("three.mp4", 2 * MiB, seed: 23) };
        Ps.Ok($"{p.Connect} -MaximumRetryCount 0");
        // Each file's bytes go in one request here. The first to arrive passes, so one file finishes; every later
        // one is held for ten minutes: only real cancellation lets this test end.
        await Sandbox.AddFaultAsync(new { platform = p.BodyPlatform, method = p.BodyMethod, pathPattern = p.BodyPattern, kind = "delay", delayMs = 600_000, times = 0, skip = 1 });

        using (var ps = PowerShell.Create(Ps.Runspace))
        {
            ps.AddScript("Send-Video $args[0], $args[1], $args[2] -ThrottleLimit 2").AddArgument(files[0]).AddArgument(files[1]).AddArgument(files[2]);
            var running = ps.BeginInvoke();
            for (var i = 0; i < 600 && await HeldBodiesAsync() < 2; i++) await Task.Delay(100);
            Assert.Equal(2, await HeldBodiesAsync());

            var stop = Task.Run(ps.Stop);
            Assert.True(await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(60))) == stop, "Stop() returned: the uploads were cancelled rather than waited out");
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        }

        // The record, on the host: the file that finished with its video, the two that did not and how to finish them.
        Assert.Contains("Send-Video was stopped.", Ps.Screen);
        Assert.Contains("Finished (1)", Ps.Screen);
        Assert.Contains("Not finished (2)", Ps.Screen);
        foreach (var file in files) Assert.Contains(file, Ps.Screen);
        Assert.Contains("-Resume", Ps.Screen);
        var complete = Ps.Ok("Get-VideoUploadJournal -State Complete").Select(o => (UploadJournalEntry)o.BaseObject).Single();
        Assert.Contains($"'{complete.Path}' as {complete.VideoId}", Ps.Screen);

        var entries = Ps.Ok("Get-VideoUploadJournal -State Started, Uploading").Select(o => (UploadJournalEntry)o.BaseObject).ToList();
        // Ziggeo deletes its unconfirmed videos as the stop unwinds, which can end just after Stop() returns.
        for (var i = 0; i < 100 && !p.Resumable && (entries.Count > 0 || (await LiveVideosAsync(p)).Length > 1); i++)
        {
            await Task.Delay(100);
            entries = Ps.Ok("Get-VideoUploadJournal -State Started, Uploading").Select(o => (UploadJournalEntry)o.BaseObject).ToList();
        }
        var stoppedWith = await LiveVideosAsync(p);
        if (p.Resumable)
        {
            // Both videos exist half-made, and each is named both on the screen and in the journal.
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Equal(UploadJournalState.Uploading, e.State));
            Assert.All(entries, e => Assert.Contains($"video {e.VideoId} holds", Ps.Screen));
            Assert.Equal(entries.Select(e => e.VideoId).Append(complete.VideoId).OrderBy(i => i), stoppedWith.Select(v => v.GetProperty(p.IdProperty).ToString()).OrderBy(i => i));
        }
        else
        {
            // Ziggeo deletes the unconfirmed video on Ctrl+C; BigGo creates one only with the whole file.
            Assert.Empty(entries);
            Assert.Equal(complete.VideoId, Assert.Single(stoppedWith).GetProperty(p.IdProperty).ToString());
        }

        (await Sandbox.Admin.DeleteAsync("_sandbox/faults")).EnsureSuccessStatusCode();
        var videos = Ps.Ok("Send-Video $args[0], $args[1], $args[2] -Resume -ThrottleLimit 2", files[0], files[1], files[2]).Select(o => (Video)o.BaseObject).ToList();
        Assert.Equal(3, videos.Count);
        Assert.Equal(complete.VideoId, videos.Single(v => v.Path == complete.Path).Id);
        if (p.Resumable) Assert.Equal(entries.Select(e => e.VideoId).Append(complete.VideoId).OrderBy(i => i), videos.Select(v => v.Id).OrderBy(i => i));
        var stored = await LiveVideosAsync(p);
        Assert.Equal(3, stored.Length);
        foreach (var video in videos) Assert.Equal(PsSession.Sha256(video.Path!), Sha(stored, video.Id, p));
        await AssertJournalHoldsNoSecretAsync();
    }

    [Theory]
    [InlineData("Ziggeo")]
    [InlineData("BigGo")]
    public async Task On_platforms_without_resumable_uploads_a_half_made_video_is_finished_or_replaced_never_duplicated(string name)
    {
        var p = Of(name);
        var file = Ps.NewFile("half.mp4", MiB, seed: 61);
        // Ziggeo: the signed POST is refused and the cleanup fails, so the empty video stays. BigGo: the file
        // arrives, setting its title fails, and the cleanup fails, so the video holds the file without its title.
        if (name == "Ziggeo") await Sandbox.AddFaultAsync(new { platform = "ziggeo-s3", method = "POST", kind = "status", status = 403 });
        else await Sandbox.AddFaultAsync(new { platform = "biggo", method = "PATCH", kind = "status", status = 500 });
        await Sandbox.AddFaultAsync(new { platform = p.LogName, method = "DELETE", kind = "status", status = 500 });
        var failure = Assert.IsType<UploadFailedException>(Assert.Single(Ps.Run($"{p.Connect} -MaximumRetryCount 0; Send-Video $args[0] -Title Finished", file).Errors).Exception);
        Assert.False(failure.VideoRemoved);
        var entry = (UploadJournalEntry)Assert.Single(Ps.Ok("Get-VideoUploadJournal")).BaseObject;
        Assert.Equal((UploadJournalState.Uploading, failure.VideoId), (entry.State, entry.VideoId));

        (await Sandbox.Admin.DeleteAsync("_sandbox/faults")).EnsureSuccessStatusCode();
        (await Sandbox.Admin.DeleteAsync("_sandbox/requests")).EnsureSuccessStatusCode();
        var result = Ps.Run("Send-Video $args[0] -Title Finished -Resume -Verbose", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        Assert.Equal("Finished", video.Title);
        var stored = Assert.Single(await LiveVideosAsync(p));
        Assert.Equal(PsSession.Sha256(file), Sha(new[] { stored }, video.Id, p));
        var log = await Sandbox.RequestsAsync(p.LogName);
        if (name == "Ziggeo")
        {
            // No resumable protocol: the empty video is deleted and the file sent again into a new one.
            Assert.NotEqual(failure.VideoId, video.Id);
            Assert.Contains(log, r => r.GetProperty("method").GetString() == "DELETE" && r.GetProperty("path").GetString()!.EndsWith(failure.VideoId!, StringComparison.Ordinal));
        }
        else
        {
            // BigGo already holds the file: only its title is set, nothing is uploaded again.
            Assert.Equal(failure.VideoId, video.Id);
            Assert.DoesNotContain(log, r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("path").GetString() == "/api/v1/video/");
        }
        await AssertJournalHoldsNoSecretAsync();
    }

    [Fact]
    public async Task Without_Resume_a_partial_entry_warns_that_Resume_would_finish_it_and_Clear_names_the_video_it_forgets()
    {
        var p = Of("ApiVideo");
        var big = Ps.NewFile("big.mp4", p.BigSize, seed: 31);
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = p.BodyPattern, kind = "status", status = 500, times = 1, skip = 1 });
        var failure = Assert.IsType<UploadFailedException>(Assert.Single(Ps.Run($"{p.Connect} -MaximumRetryCount 0; Send-Video $args[0] {p.ChunkOption}", big).Errors).Exception);

        var again = Ps.Run($"Send-Video $args[0] {p.ChunkOption} -WhatIf", big);
        Assert.Empty(again.Warnings); // -WhatIf: nothing started, nothing said about resuming
        var rerun = Ps.Run($"Send-Video $args[0] {p.ChunkOption}", big);
        rerun.AssertNoErrors();
        var warning = Assert.Single(rerun.Warnings);
        Assert.Contains("Send-Video -Resume would have finished it", warning);
        Assert.Contains($"Remove-Video -Id {failure.VideoId}", warning);

        // A partial entry, cleared: the warning names the video it leaves on the platform.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = p.BodyPattern, kind = "status", status = 500, times = 1, skip = 1 });
        var other = Ps.NewFile("other.mp4", p.BigSize, seed: 32);
        var second = Assert.IsType<UploadFailedException>(Assert.Single(Ps.Run($"Send-Video $args[0] {p.ChunkOption}", other).Errors).Exception);
        Assert.Equal(2, Ps.Ok("Get-VideoUploadJournal").Count);
        var cleared = Ps.Run("Get-VideoUploadJournal -State Uploading | Clear-VideoUploadJournal -Confirm:$false");
        Assert.Contains($"Remove-Video -Id {second.VideoId}", Assert.Single(cleared.Warnings));
        var left = Assert.Single(Ps.Ok("Get-VideoUploadJournal"));
        Assert.Equal(UploadJournalState.Complete, ((UploadJournalEntry)left.BaseObject).State);
        Ps.Ok("Clear-VideoUploadJournal -Confirm:$false");
        Assert.Empty(Ps.Ok("Get-VideoUploadJournal"));
    }

    [Fact]
    public async Task Resume_with_a_second_token_of_the_same_vimeo_user_finds_the_upload_the_first_made()
    {
        // Before: the journal keyed entries by the account's display name, which on Vimeo names the token's scopes,
        // so the second token's -Resume found nothing and uploaded the whole file again as a second video.
        var p = Of("Vimeo");
        var file = Ps.NewFile("same user.mp4", MiB, seed: 42);
        var first = (Video)Ps.Ok($"{p.Connect}; Send-Video $args[0]", file).Single().BaseObject;
        await ConnectSecondVimeoTokenAsync("VimeoOtherScopes", "public private upload video_files");
        var again = Ps.Run("Send-Video $args[0] -Resume -Connection (Get-VideoProvider -Name VimeoOtherScopes) -Verbose", file);
        again.AssertNoErrors();
        Assert.Equal(first.Id, again.Single<Video>().Id);
        Assert.Contains(again.Verbose, v => v.Contains("the upload journal says it was uploaded", StringComparison.Ordinal));
        Assert.Single(await LiveVideosAsync(p));
    }

    [Fact]
    public async Task Resume_uploads_again_when_the_journalled_video_was_removed_and_an_edited_file_is_a_new_entry()
    {
        var p = Of("ApiVideo");
        var file = Ps.NewFile("clip.mp4", MiB, seed: 41);
        var first = (Video)Ps.Ok($"{p.Connect}; Send-Video $args[0]", file).Single().BaseObject;
        Ps.Ok("Remove-Video -Id $args[0] -Confirm:$false", first.Id);
        var result = Ps.Run("Send-Video $args[0] -Resume -Verbose", file);
        result.AssertNoErrors();
        Assert.NotEqual(first.Id, result.Single<Video>().Id);
        Assert.Contains(result.Verbose, v => v.Contains("no longer exists", StringComparison.Ordinal));

        // Changing the file changes its identity (size, last write time): it is uploaded, not skipped.
        File.AppendAllText(file, "more");
        var edited = Ps.Run("Send-Video $args[0] -Resume", file).Single<Video>();
        Assert.NotEqual(result.Single<Video>().Id, edited.Id);
        Assert.Equal(2, Ps.Ok("Get-VideoUploadJournal -Path *clip.mp4").Count);
    }

    [Fact]
    public void The_journal_folder_follows_the_session_variable_and_each_entry_is_one_json_file_written_whole()
    {
        var folder = Path.Combine(Ps.Work, "elsewhere");
        var journal = new UploadJournal(folder);
        var file = Ps.NewFile("x.mp4", 1000);
        var entry = new UploadJournalEntry { Provider = "ApiVideo", BaseUri = "http://127.0.0.1/", Path = file, Size = 1000, State = UploadJournalState.Uploading, VideoId = "vi1" };
        journal.Save(entry);
        journal.Save(entry); // the second write replaces the first: still one file, no temp file left over
        Assert.Single(Directory.GetFiles(folder));
        Assert.Equal("vi1", journal.Find(entry)!.VideoId);

        var listed = Ps.Ok("$VideoPlatformsJournalPath = $args[0]; Get-VideoUploadJournal", folder);
        Assert.Equal(file, ((UploadJournalEntry)Assert.Single(listed).BaseObject).Path);
        // A half-written file (a crash between write and rename) is never read as an entry.
        File.WriteAllText(Path.Combine(folder, "broken.json"), "{ \"Provider\": ");
        Assert.Single(journal.Entries());
        Ps.Ok("$VideoPlatformsJournalPath = $args[0]; Clear-VideoUploadJournal -Provider ApiVideo -Confirm:$false", folder);
        Assert.Empty(journal.Entries());
    }

    [Fact]
    public async Task A_request_that_times_out_is_retried_and_the_final_error_says_which_request_and_after_how_long()
    {
        Ps.Ok("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -TimeoutSec 1 -MaximumRetryCount 1 -MaximumRetryIntervalSec 1");
        var id = ((Video)Ps.Ok("Send-Video $args[0]", Ps.NewFile("t.mp4", 1000)).Single().BaseObject).Id;

        // Held once past the timeout: the retry answers.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "GET", pathPattern = "^/videos/[^/]+$", kind = "delay", delayMs = 3000, times = 1 });
        var retried = Ps.Run("Get-Video -Id $args[0] -Verbose", id);
        retried.AssertNoErrors();
        Assert.Equal(id, retried.Single<Video>().Id);
        Assert.Contains(retried.Verbose, v => v.StartsWith("Retrying GET", StringComparison.Ordinal) && v.Contains("TimedOut", StringComparison.Ordinal));

        // Held every time: the error says it timed out, after how long, and which request.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "GET", pathPattern = "^/videos/[^/]+$", kind = "delay", delayMs = 3000, times = 0 });
        var error = Assert.Single(Ps.Run("Get-Video -Id $args[0]", id).Errors);
        Assert.Equal("RequestTimedOut,VideoPlatforms.Commands.GetVideoCommand", error.FullyQualifiedErrorId);
        Assert.Contains("within 1 s", error.Exception.Message);
        Assert.Contains($"GET {Sandbox.ApiVideoUri}videos/{id}", error.Exception.Message);
    }

    [Fact]
    public async Task An_upload_chunk_that_times_out_is_resumed_from_what_the_server_holds()
    {
        var file = Ps.NewFile("slow.mp4", 11 * MiB, seed: 51);
        // A chunk's allowance is the request timeout plus time for its bytes at 256 KiB/s, so a large chunk on a
        // slow link is not cut off by the timeout meant for small calls; a chunk that stalls past it is.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "delay", delayMs = 60_000, times = 1, skip = 1 });
        var result = Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -TimeoutSec 1 -MaximumRetryCount 2 -MaximumRetryIntervalSec 1; Send-Video $args[0] -ChunkSize 5MB -Verbose", file);
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("did not answer POST", StringComparison.Ordinal) && v.Contains("timed out", StringComparison.Ordinal));
        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
    }

    /// <summary>How many requests the Sandbox's fault rules are holding (requests are logged only when they end).</summary>
    private async Task<int> HeldBodiesAsync() =>
        (await Sandbox.GetAsync("_sandbox/faults")).EnumerateArray().Sum(f => f.GetProperty("fired").GetInt32());

    private async Task<JsonElement[]> LiveVideosAsync(Platform p)
    {
        var json = await Sandbox.GetAsync(p.VideosPath);
        var all = (json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("data")).EnumerateArray();
        return all.Where(v => !(v.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True))
            .Where(v => !(v.TryGetProperty("seeded", out var s) && s.ValueKind == JsonValueKind.True)).ToArray();
    }

    private static string? Sha(JsonElement[] stored, string id, Platform p) =>
        stored.Single(v => v.GetProperty(p.IdProperty).ToString() == id).GetProperty("sha256").GetString();

    /// <summary>Every secret any platform of the Sandbox issued (keys, tokens, upload links and their ids), and none in any journal file.</summary>
    private async Task AssertJournalHoldsNoSecretAsync()
    {
        var secrets = new List<string>();
        foreach (var platform in new[] { "apivideo", "vimeo", "ziggeo", "biggo" })
        {
            foreach (var text in Strings(await Sandbox.GetAsync($"_sandbox/{platform}/secrets")))
            {
                secrets.Add(text);
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Segments.Length > 1) secrets.Add(uri.Segments[^1].Trim('/'));
            }
        }
        secrets = secrets.Where(s => s.Length >= 8).Distinct().ToList();
        Assert.NotEmpty(secrets);
        var folder = Path.Combine(Ps.Work, "journal");
        var files = Directory.GetFiles(folder);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var secret in secrets) Assert.DoesNotContain(secret, text);
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new[] { element.GetString()! },
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => Array.Empty<string>(),
    };

    [Fact]
    public async Task Sending_a_finished_file_again_keeps_its_journal_record_when_the_new_attempt_makes_no_video()
    {
        // The Complete entry is the record of the first video: a second upload that fails before creating anything
        // must not erase it, or a later -Resume would upload a duplicate.
        var file = Ps.NewFile("again.mp4", 150_000, 7);
        var first = Ps.Run("Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri; Send-Video $args[0]", file).Single<Video>();
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos$", kind = "status", status = 400, times = 1 });
        Assert.NotEmpty(Ps.Run("Send-Video $args[0]", file).Errors);

        var entry = (UploadJournalEntry)Assert.Single(Ps.Ok("Get-VideoUploadJournal")).BaseObject;
        Assert.Equal(UploadJournalState.Complete, entry.State);
        Assert.Equal(first.Id, entry.VideoId);
        var skipped = Ps.Run("Send-Video $args[0] -Resume", file);
        Assert.Equal(first.Id, skipped.Single<Video>().Id);
        Assert.Single(await Sandbox.ApiVideoVideosAsync());
    }
}

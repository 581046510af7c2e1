using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Ziggeo;

public sealed class VideoTests : SandboxTest
{
    public VideoTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Ps.ConnectZiggeo();
    }

    [Fact]
    public async Task Send_Video_uploads_in_three_steps_and_the_file_arrives_byte_identical()
    {
        var file = Ps.NewFile("ocean clip.mp4", (3 << 20) + 777, seed: 5);
        var result = Ps.Run("Send-Video -Path $args[0] -Tag sea, blue -Description 'waves' -Metadata @{ shot = 'drone' }", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        Assert.Equal("Ziggeo", video.Provider);
        Assert.Equal("ocean clip", video.Title);
        Assert.Equal("waves", video.Description);
        Assert.Equal("drone", video.Metadata["shot"]);
        Assert.Equal(new[] { "sea", "blue" }, video.Tags);
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Null(video.Privacy);
        Assert.Equal(TimeSpan.FromSeconds(10), video.Duration);
        Assert.NotNull(video.CreatedAt);
        Assert.Equal(file, video.Path);
        Assert.Equal("TRANSCODED", ((System.Collections.IDictionary)video.Raw["default_stream"]!)["creation_type_string"]);
        Assert.Equal("SERVER_UPLOAD", ((System.Collections.IDictionary)video.Raw["original_stream"]!)["creation_type_string"]);
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);

        var stored = Assert.Single(await Sandbox.ZiggeoVideosAsync());
        Assert.Equal(video.Id, stored.Str("token"));
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal("mp4", stored.Str("videoType"));
        Assert.Equal(new FileInfo(file).Length, stored.GetProperty("size").GetInt64());
        Assert.Equal(PsSession.Sha256(file), stored.Str("sha256"));

        var api = (await Sandbox.ZiggeoRequestsAsync()).Select(r => $"{r.Str("method")} {r.Str("path")}").ToList();
        Assert.Equal(new[]
        {
            "GET /v1/application", "POST /v1/videos-upload-url",
            $"POST /v1/videos/{video.Id}/streams/{((System.Collections.IDictionary)video.Raw["original_stream"]!)["token"]}/confirm-video",
            $"GET /v1/videos/{video.Id}",
        }, api);
        // The signed POST carries no Authorization: the signature in its fields is its credential.
        var s3 = Assert.Single(await Sandbox.ZiggeoRequestsAsync("ziggeo-s3"));
        Assert.Equal(204, s3.GetProperty("status").GetInt32());
        Assert.False(s3.GetProperty("headers").TryGetProperty("Authorization", out _));
        Assert.StartsWith("multipart/form-data", s3.GetProperty("headers").GetProperty("Content-Type").GetString());
        // Sent with a Content-Length (the file streamed from a seekable window, not buffered or chunk-encoded), all of it read.
        Assert.InRange(s3.GetProperty("contentLength").GetInt64(), new FileInfo(file).Length + 1, new FileInfo(file).Length + 8192);
        Assert.Equal(s3.GetProperty("contentLength").GetInt64(), s3.GetProperty("requestBodyLength").GetInt64());
    }

    [Fact]
    public void FileInfo_objects_pipe_into_Send_Video_and_each_emits_a_video()
    {
        Ps.NewFile("clips/a.mov", 100_000, 1);
        Ps.NewFile("clips/b.mp4", 100_000, 2);
        var videos = Ps.Ok("[System.IO.DirectoryInfo]::new([IO.Path]::Combine($Work, 'clips')).GetFiles() | Send-Video")
            .Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();
        Assert.Equal(new[] { "a", "b" }, videos.Select(v => v.Title).OrderBy(t => t));
        Assert.All(videos, v => Assert.Equal(VideoStatus.Ready, v.Status));
    }

    [Fact]
    public async Task Send_Video_WhatIf_creates_nothing()
    {
        var file = Ps.NewFile("whatif.mp4", 1000);
        var result = Ps.Run("Send-Video $args[0] -WhatIf", file);
        result.AssertNoErrors();
        Assert.Empty(result.Output);
        Assert.Empty(await Sandbox.ZiggeoVideosAsync());
    }

    [Fact]
    public async Task Options_Ziggeo_lacks_are_refused_before_anything_is_created()
    {
        var file = Ps.NewFile("opts.mp4", 1000);
        var privacy = Ps.Fails("Send-Video $args[0] -Privacy Public", file);
        Assert.StartsWith("ParameterNotSupported,", privacy.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, privacy.CategoryInfo.Category);
        Assert.Contains("no privacy", privacy.Exception.Message);
        Assert.StartsWith("ParameterNotSupported,", Ps.Fails("Send-Video $args[0] -ChunkSize 5MB", file).FullyQualifiedErrorId);
        Assert.StartsWith("ParameterNotSupported,", Ps.Fails("Send-Video $args[0] -UploadToken abcdefgh", file).FullyQualifiedErrorId);
        Assert.StartsWith("TagHasComma,", Ps.Fails("Send-Video $args[0] -Tag 'a,b'", file).FullyQualifiedErrorId);

        var noExtension = Ps.NewFile("noext", 1000);
        var result = Ps.Run("Send-Video $args[0]", noExtension);
        var error = Assert.Single(result.Errors);
        Assert.Equal("FileTypeUnknown,VideoPlatforms.Commands.SendVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(noExtension, error.TargetObject);
        Assert.Empty(await Sandbox.ZiggeoVideosAsync());
    }

    [Fact]
    public async Task A_signed_URL_that_rejects_the_file_leaves_no_video_behind()
    {
        await Sandbox.AddFaultAsync(new { platform = "ziggeo-s3", method = "POST", kind = "status", status = 403 });
        var file = Ps.NewFile("rejected.mp4", 50_000);
        var result = Ps.Run("Send-Video $args[0]; 'after'", file);
        Assert.Null(result.Terminating);
        Assert.Equal("after", Assert.Single(result.Output).ToString());
        var error = Assert.Single(result.Errors);
        Assert.Equal("UploadUrlRejected,VideoPlatforms.Commands.SendVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(file, error.TargetObject);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        Assert.Contains("refused the file with 403 AccessDenied", failure.Message);
        Assert.True(failure.VideoRemoved);
        Assert.NotNull(failure.VideoId);
        Assert.Contains("deleted again", failure.Message);
        Assert.Empty(await Sandbox.ZiggeoVideosAsync());
        Assert.Contains(await Sandbox.ZiggeoRequestsAsync(), r => r.Str("method") == "DELETE" && r.Str("path") == $"/v1/videos/{failure.VideoId}");
    }

    [Fact]
    public async Task When_the_cleanup_also_fails_the_half_created_video_is_reported_by_id()
    {
        Ps.ConnectZiggeo("-MaximumRetryCount 0");
        await Sandbox.AddFaultAsync(new { platform = "ziggeo-s3", method = "POST", kind = "status", status = 403 });
        await Sandbox.AddFaultAsync(new { platform = "ziggeo", method = "DELETE", kind = "status", status = 500 });
        var file = Ps.NewFile("stuck.mp4", 50_000);
        var error = Assert.Single(Ps.Run("Send-Video $args[0]", file).Errors);
        var failure = Assert.IsType<UploadFailedException>(error.Exception);
        Assert.False(failure.VideoRemoved);
        var stored = Assert.Single(await Sandbox.ZiggeoVideosAsync());
        Assert.Equal(stored.Str("token"), failure.VideoId);
        Assert.Contains($"Remove-Video -Id {failure.VideoId}", failure.Message);
    }

    [Fact]
    public async Task A_failed_confirm_removes_the_video()
    {
        Ps.ConnectZiggeo("-MaximumRetryCount 1");
        await Sandbox.AddFaultAsync(new { platform = "ziggeo", method = "POST", pathPattern = "confirm-video$", kind = "status", status = 412 });
        var file = Ps.NewFile("unconfirmed.mp4", 50_000);
        var error = Assert.Single(Ps.Run("Send-Video $args[0]", file).Errors);
        Assert.Equal("PreconditionFailed,VideoPlatforms.Commands.SendVideoCommand", error.FullyQualifiedErrorId);
        Assert.Contains("while confirming it", error.Exception.Message);
        Assert.True(Assert.IsType<UploadFailedException>(error.Exception).VideoRemoved);
        Assert.Empty(await Sandbox.ZiggeoVideosAsync());
    }

    [Fact]
    public async Task A_transient_failure_of_the_signed_POST_sends_the_whole_file_again_into_the_same_video()
    {
        Ps.ConnectZiggeo("-MaximumRetryCount 2");
        await Sandbox.AddFaultAsync(new { platform = "ziggeo-s3", method = "POST", kind = "status", status = 503, times = 1 });
        await Sandbox.AddFaultAsync(new { platform = "ziggeo", method = "POST", pathPattern = "confirm-video$", kind = "drop", times = 1 });
        var file = Ps.NewFile("retried.mp4", 200_000, seed: 9);
        var result = Ps.Run("Send-Video $args[0] -Verbose", file);
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("the whole file is sent again"));
        var stored = Assert.Single(await Sandbox.ZiggeoVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.Str("sha256"));
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal(new[] { 503, 204 }, (await Sandbox.ZiggeoRequestsAsync("ziggeo-s3")).Select(r => r.GetProperty("status").GetInt32()));
        Assert.Single(await Sandbox.ZiggeoRequestsAsync(), r => r.Str("path") == "/v1/videos-upload-url");
    }

    [Fact]
    public void Get_Video_reads_by_token_and_by_underscore_key()
    {
        var file = Ps.NewFile("keyed.mp4", 10_000);
        var id = Ps.Ok("(Send-Video $args[0]).Id", file).Single().ToString();
        Ps.Ok("Set-Video -Id $args[0] -Key intro-2024", id);
        var byToken = Ps.Ok("Get-Video -Id $args[0]", id).Select(o => Assert.IsType<Video>(o.BaseObject)).Single();
        Assert.Equal("intro-2024", byToken.Raw["key"]);
        var byKey = Ps.Ok("Get-Video -Id _intro-2024").Select(o => Assert.IsType<Video>(o.BaseObject)).Single();
        Assert.Equal(id, byKey.Id);
        Assert.Equal("keyed", byKey.Title);
    }

    [Fact]
    public void An_unknown_token_is_a_non_terminating_VideoNotFound_naming_it()
    {
        var result = Ps.Run("Get-Video -Id nosuchtoken, _nosuchkey; 'after'");
        Assert.Equal("after", Assert.Single(result.Output).ToString());
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.Equal("VideoNotFound,VideoPlatforms.Commands.GetVideoCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
        Assert.Equal("nosuchtoken", result.Errors[0].TargetObject);
        Assert.Contains("leading underscore", result.Errors[1].Exception.Message);
    }

    [Fact]
    public async Task Listing_pages_by_limit_and_skip_until_an_empty_page()
    {
        await Sandbox.SeedZiggeoAsync(230);
        var ids = Ps.Ok("Get-Video | ForEach-Object Id").Select(o => o.ToString()).ToList();
        Assert.Equal(230, ids.Count);
        Assert.Equal(230, ids.Distinct().Count());
        var pages = (await Sandbox.ZiggeoRequestsAsync()).Where(r => r.Str("path") == "/v1/videos/").Select(r => r.Str("queryString")).ToList();
        Assert.Equal(new[] { "?limit=100&skip=0&states=all", "?limit=100&skip=100&states=all", "?limit=100&skip=200&states=all", "?limit=100&skip=230&states=all" }, pages);

        // Newest first, as the platform lists them; -Skip and -First map onto skip and limit.
        var window = Ps.Ok("Get-Video -Skip 10 -First 5 | ForEach-Object Id").Select(o => o.ToString()).ToList();
        Assert.Equal(ids.Skip(10).Take(5), window);
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_empties_an_application_of_many_pages()
    {
        // Deleting while listing moves later videos to smaller skips; the listing must not pass over them.
        await Sandbox.SeedZiggeoAsync(230);
        Ps.Ok("Get-Video | Remove-Video -Force");
        Assert.Empty(Ps.Ok("Get-Video"));
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_misses_nothing_when_pages_answer_slowly()
    {
        // Slow pages give the pipeline time to delete the previous page while the next is being read: the count the
        // pager checks against must be taken after the page, or the shift goes unnoticed and a video is passed over.
        await Sandbox.SeedZiggeoAsync(230);
        await Sandbox.AddFaultAsync(new { platform = "ziggeo", method = "GET", pathPattern = "^/v1/videos/$", kind = "delay", delayMs = 150 });
        Ps.Ok("Get-Video | Remove-Video -Force");
        Assert.Empty(Ps.Ok("Get-Video"));
    }

    [Fact]
    public async Task IncludeTotalCount_asks_the_count_endpoint_with_the_same_filters()
    {
        await Sandbox.SeedZiggeoAsync(7, tags: new[] { "promo" });
        await Sandbox.SeedZiggeoAsync(3);
        var result = Ps.Run("Get-Video -Tag promo -IncludeTotalCount -First 2");
        result.AssertNoErrors();
        Assert.Equal(3, result.Output.Count);
        Assert.Equal(7UL, result.Output[0].BaseObject);
        var count = Assert.Single(await Sandbox.ZiggeoRequestsAsync(), r => r.Str("path") == "/v1/videos/count");
        Assert.Equal("?states=all&tags=promo", count.Str("queryString"));
    }

    [Fact]
    public async Task Status_and_tag_filters_map_to_states_and_tags()
    {
        await Sandbox.SeedZiggeoAsync(2, tags: new[] { "a", "b" });
        await Sandbox.SeedZiggeoAsync(1, tags: new[] { "a" });
        await Sandbox.PutAsync("_sandbox/ziggeo/config", new { processingDelayMs = 3_600_000 });
        var file = Ps.NewFile("fresh.mp4", 10_000);
        var processing = Ps.Ok("Send-Video $args[0] -Tag a", file).Select(o => Assert.IsType<Video>(o.BaseObject)).Single();
        Assert.Equal(VideoStatus.Processing, processing.Status);

        Assert.Equal(new[] { processing.Id }, Ps.Ok("Get-Video -Status Processing | ForEach-Object Id").Select(o => o.ToString()));
        Assert.Equal(3, Ps.Ok("Get-Video -Status Ready").Count);
        Assert.Equal(4, Ps.Ok("Get-Video -Status Ready, Processing -Tag a").Count);
        Assert.Equal(2, Ps.Ok("Get-Video -Tag a, b").Count);
        var queries = (await Sandbox.ZiggeoRequestsAsync()).Where(r => r.Str("path") == "/v1/videos/").Select(r => Uri.UnescapeDataString(r.Str("queryString"))).ToList();
        Assert.Contains("?limit=100&skip=0&states=ready,processing&tags=a", queries);
        Assert.Contains("?limit=100&skip=0&states=all&tags=a,b", queries);
    }

    [Fact]
    public void Listing_filters_Ziggeo_lacks_are_refused_and_api_video_refuses_Status()
    {
        var title = Ps.Fails("Get-Video -Title x");
        Assert.StartsWith("ParameterNotSupported,", title.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, title.CategoryInfo.Category);
        Assert.StartsWith("ParameterNotSupported,", Ps.Fails("Get-Video -Metadata @{ a = 'b' }").FullyQualifiedErrorId);

        Ps.ConnectApiVideo();
        var status = Ps.Fails("Get-Video -Status Ready");
        Assert.StartsWith("ParameterNotSupported,", status.FullyQualifiedErrorId);
        Assert.Contains("api.video", status.Exception.Message);
    }

    [Fact]
    public async Task Set_Video_changes_tags_key_expiry_and_keeps_title_and_description_in_data()
    {
        var file = Ps.NewFile("edit.mp4", 10_000);
        var id = Ps.Ok("(Send-Video $args[0] -Description 'first' -Tag old).Id", file).Single().ToString();
        var video = Ps.Ok("Set-Video -Id $args[0] -Title 'New title' -Metadata @{ lang = 'en' } -Tag x, y -Key launch -ExpiresOn ([datetime]'2031-05-06') -PassThru", id)
            .Select(o => Assert.IsType<Video>(o.BaseObject)).Single();
        Assert.Equal("New title", video.Title);
        Assert.Equal("first", video.Description);
        Assert.Equal("en", video.Metadata["lang"]);
        Assert.Equal(new[] { "x", "y" }, video.Tags);
        Assert.Equal("launch", video.Raw["key"]);
        Assert.Equal("2031-05-06", video.Raw["expire_on"]);
        var stored = Assert.Single(await Sandbox.ZiggeoVideosAsync());
        Assert.Contains("\"title\":\"New title\"", stored.Str("data"));

        var cleared = Ps.Ok("Set-Video -Id _launch -Tag @() -Description '' -PassThru").Select(o => Assert.IsType<Video>(o.BaseObject)).Single();
        Assert.Empty(cleared.Tags);
        Assert.Null(cleared.Description);
        Assert.Equal("New title", cleared.Title);
    }

    [Fact]
    public async Task Get_Video_pipes_into_Set_Video_and_WhatIf_changes_nothing()
    {
        await Sandbox.SeedZiggeoAsync(3);
        Ps.Ok("Get-Video | Set-Video -Tag piped");
        Assert.All(await Sandbox.ZiggeoVideosAsync(), v => Assert.Equal("piped", v.GetProperty("tags")[0].GetString()));

        var before = (await Sandbox.ZiggeoRequestsAsync()).Count(r => r.Str("method") == "POST");
        var result = Ps.Run("Get-Video | Set-Video -Tag nope -WhatIf");
        result.AssertNoErrors();
        Assert.Equal(before, (await Sandbox.ZiggeoRequestsAsync()).Count(r => r.Str("method") == "POST"));
    }

    [Fact]
    public void Set_Video_refuses_privacy_and_an_underscore_key()
    {
        var privacy = Ps.Fails("Set-Video -Id abc -Privacy Private");
        Assert.StartsWith("ParameterNotSupported,", privacy.FullyQualifiedErrorId);
        Assert.StartsWith("KeyStartsWithUnderscore,", Ps.Fails("Set-Video -Id abc -Key _x").FullyQualifiedErrorId);
        var missing = Assert.Single(Ps.Run("Set-Video -Id nosuch -Tag a").Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.SetVideoCommand", missing.FullyQualifiedErrorId);
        Assert.Equal("nosuch", missing.TargetObject);
    }

    [Fact]
    public async Task Get_Video_pipes_into_Remove_Video_Force_and_WhatIf_keeps_them()
    {
        await Sandbox.SeedZiggeoAsync(4);
        Ps.Ok("Get-Video | Remove-Video -WhatIf");
        Assert.Equal(4, (await Sandbox.ZiggeoVideosAsync()).Length);

        var result = Ps.Run("Get-Video | Remove-Video -Force -Verbose");
        result.AssertNoErrors();
        Assert.Empty(await Sandbox.ZiggeoVideosAsync());
        Assert.Equal(4, (await Sandbox.ZiggeoRequestsAsync()).Count(r => r.Str("method") == "DELETE"));

        var missing = Assert.Single(Ps.Run("Remove-Video -Id gone -Force").Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.RemoveVideoCommand", missing.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Statuses_without_a_documented_body_get_messages_a_person_can_act_on()
    {
        await Sandbox.AddFaultAsync(new { platform = "ziggeo", method = "POST", pathPattern = "videos-upload-url$", kind = "status", status = 402 });
        var file = Ps.NewFile("unpaid.mp4", 1000);
        var unpaid = Assert.Single(Ps.Run("Send-Video $args[0]", file).Errors);
        Assert.Equal("PaymentRequired,VideoPlatforms.Commands.SendVideoCommand", unpaid.FullyQualifiedErrorId);
        Assert.Contains("billing", unpaid.Exception.Message);
        Assert.Empty(await Sandbox.ZiggeoVideosAsync());

        await Sandbox.AddFaultAsync(new { platform = "ziggeo", method = "GET", pathPattern = "^/v1/videos/$", kind = "status", status = 403 });
        var forbidden = Ps.Fails("Get-Video");
        Assert.Equal("AuthenticationFailed,VideoPlatforms.Commands.GetVideoCommand", forbidden.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, forbidden.CategoryInfo.Category);
        Assert.Contains("403 Forbidden", forbidden.Exception.Message);
    }
}

using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Vimeo;

/// <summary>Get-Video, Set-Video, Remove-Video and the upload-token cmdlets on Vimeo, alone and in pipelines.</summary>
public sealed class VimeoVideoTests : VimeoTest
{
    public VimeoVideoTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConnectVimeo();
    }

    [Fact]
    public async Task Get_by_id_maps_the_video_and_asks_only_for_the_fields_it_needs()
    {
        var uploaded = Upload("status", "-Privacy Private -Tag x");
        var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Get-Video -Id $args[0]", uploaded.Id)).BaseObject);
        Assert.Equal(uploaded.Id, video.Id);
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.True(video.Duration > TimeSpan.Zero);
        Assert.Equal(VideoPrivacy.Private, video.Privacy);
        Assert.Equal(new[] { "x" }, video.Tags);
        Assert.NotNull(video.Url);
        Assert.NotNull(video.CreatedAt);
        Assert.Equal("nobody", Ps.Ok("(Get-Video -Id $args[0]).Raw.privacy.view", uploaded.Id).Single().ToString());
        Assert.Equal($"/videos/{uploaded.Id}", Ps.Ok("(Get-Video $args[0]).Raw.uri", uploaded.Id).Single().ToString());
        Assert.DoesNotContain("upload_link", Ps.Ok("(Get-Video $args[0]).Raw.upload.Keys", uploaded.Id).Select(k => k.ToString()));

        var get = (await RequestsAsync()).Last(r => Method(r) == "GET" && Path(r) == $"/videos/{uploaded.Id}");
        Assert.Contains("fields=uri", get.GetProperty("queryString").GetString());
    }

    [Fact]
    public async Task Privacy_views_map_to_Public_Unlisted_and_Private_keeping_the_native_value()
    {
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 1, namePrefix = "pw", view = "password" });
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 1, namePrefix = "ul", view = "unlisted" });
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 1, namePrefix = "any", view = "anybody" });
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 1, namePrefix = "users", view = "users" });
        var videos = Ps.Ok("Get-Video").Select(o => Assert.IsType<Video>(o.BaseObject)).ToDictionary(v => v.Title!);
        Assert.Equal(VideoPrivacy.Private, videos["pw 1"].Privacy);
        Assert.Equal("password", ((System.Collections.IDictionary)videos["pw 1"].Raw["privacy"]!)["view"]);
        Assert.Equal(VideoPrivacy.Unlisted, videos["ul 1"].Privacy);
        Assert.Equal(VideoPrivacy.Public, videos["any 1"].Privacy);
        Assert.Equal(VideoPrivacy.Private, videos["users 1"].Privacy);

        Ps.Ok("Set-Video -Id $args[0] -Privacy Public", videos["pw 1"].Id);
        Assert.Equal("anybody", (await VideoAsync(videos["pw 1"].Id)).GetProperty("privacyView").GetString());
        Ps.Ok("Set-Video -Id $args[0] -Privacy Private", videos["any 1"].Id);
        Assert.Equal("nobody", (await VideoAsync(videos["any 1"].Id)).GetProperty("privacyView").GetString());
    }

    [Fact]
    public async Task Listing_pages_until_paging_next_ends_and_filters_by_title()
    {
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 150, namePrefix = "Clip" });
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 2, count = 5, namePrefix = "Other" });
        var all = Ps.Ok("Get-Video").Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();
        Assert.Equal(150, all.Count);
        Assert.Equal(150, all.Select(v => v.Id).Distinct().Count());
        Assert.Equal("Clip 1", all[0].Title);
        var lists = (await RequestsAsync()).Where(r => Path(r) == "/me/videos").ToList();
        Assert.Equal(2, lists.Count);
        Assert.Contains("per_page=100", lists[0].GetProperty("queryString").GetString());
        Assert.Contains("page=2", lists[1].GetProperty("queryString").GetString());
        Assert.Contains("fields=", lists[1].GetProperty("queryString").GetString());

        Assert.Equal(new[] { "Clip 4", "Clip 5" }, Ps.Ok("Get-Video -Skip 3 -First 2").Select(o => ((Video)o.BaseObject).Title));
        var titled = Ps.Ok("Get-Video -Title 'clip 14'").Select(o => ((Video)o.BaseObject).Title).ToList();
        Assert.Equal(new[] { "Clip 14", "Clip 140", "Clip 141", "Clip 142", "Clip 143", "Clip 144", "Clip 145", "Clip 146", "Clip 147", "Clip 148", "Clip 149" }, titled);
        var total = Ps.Ok("Get-Video -IncludeTotalCount -First 1").First();
        Assert.Equal(150ul, Assert.IsType<ulong>(total.BaseObject));
        Assert.StartsWith("ParameterNotSupported", Ps.Fails("Get-Video -Tag x").FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Get_Video_piped_to_Set_Video_changes_title_description_privacy_and_tags()
    {
        var a = Upload("a", "-Tag old, keep");
        Upload("b");
        var result = Ps.Run("Get-Video | Set-Video -Description 'new text' -Privacy Unlisted -Tag keep, new -PassThru");
        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.All<Video>(), v =>
        {
            Assert.Equal("new text", v.Description);
            Assert.Equal(VideoPrivacy.Unlisted, v.Privacy);
            Assert.Equal(new[] { "keep", "new" }, v.Tags.OrderBy(t => t));
        });
        var stored = await VideoAsync(a.Id);
        Assert.Equal(new[] { "keep", "new" }, stored.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).OrderBy(t => t));
        Assert.Equal("unlisted", stored.GetProperty("privacyView").GetString());
        Assert.Contains(await RequestsAsync(), r => Method(r) == "DELETE" && Path(r) == $"/videos/{a.Id}/tags/old");

        Ps.Ok("Set-Video $args[0] -Title 'Renamed'", a.Id);
        Assert.Equal("Renamed", (await VideoAsync(a.Id)).GetProperty("name").GetString());
        Assert.StartsWith("ParameterNotSupported", Ps.Fails("Set-Video $args[0] -Metadata @{ a = 1 }", a.Id).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task ThumbnailPath_uploads_the_image_and_makes_it_active()
    {
        var video = Upload("thumb");
        var image = System.IO.Path.Combine(Ps.Work, "poster.png");
        var bytes = new byte[5000];
        new Random(5).NextBytes(bytes);
        File.WriteAllBytes(image, bytes);
        var changed = Assert.IsType<Video>(Assert.Single(Ps.Ok("Set-Video -Id $args[0] -ThumbnailPath poster.png -PassThru", video.Id)).BaseObject);
        Assert.NotNull(changed.ThumbnailUrl);
        Assert.Equal(PsSession.Sha256(image), (await VideoAsync(video.Id)).GetProperty("activePictureSha256").GetString());
        var put = (await RequestsAsync()).Single(r => Method(r) == "PUT" && Path(r).StartsWith("/_upload/pictures/"));
        Assert.Equal("", Header(put, "Authorization"));
        Assert.Equal("image/png", Header(put, "Content-Type"));

        var missing = Ps.Fails("Set-Video -Id $args[0] -ThumbnailPath nope.jpg", video.Id);
        Assert.StartsWith("ThumbnailNotFound", missing.FullyQualifiedErrorId);

        // api.video takes the image in one multipart POST /videos/{id}/thumbnail.
        Ps.ConnectApiVideo();
        var av = Assert.IsType<Video>(Assert.Single(Ps.Ok("Send-Video $args[0]", Ps.NewFile("av.mp4", MiB))).BaseObject);
        Ps.Ok("Set-Video -Id $args[0] -ThumbnailPath poster.png", av.Id);
        var avStored = (await Sandbox.ApiVideoVideosAsync()).Single();
        Assert.True(avStored.GetProperty("hasThumbnail").GetBoolean());
        Assert.StartsWith("ThumbnailInvalid", Ps.Fails("Set-Video -Id $args[0] -ThumbnailPath $args[1]", av.Id, Ps.NewFile("poster.gif", 10)).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_empties_an_account_of_many_pages()
    {
        // Deleting while listing moves later videos onto earlier pages of 100; the listing must not skip them.
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 230, namePrefix = "Bulk" });
        Ps.Ok("Get-Video | Remove-Video -Force");
        Assert.Empty(Ps.Ok("Get-Video"));
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_Force_deletes_them_all()
    {
        Upload("one");
        Upload("two");
        Ps.Ok("Get-Video | Remove-Video -Force");
        Assert.Empty(await VideosAsync());
        Assert.Equal(2, (await RequestsAsync()).Count(r => Method(r) == "DELETE" && r.GetProperty("status").GetInt32() == 204));
    }

    [Fact]
    public async Task WhatIf_changes_and_deletes_nothing()
    {
        var video = Upload("keep");
        var result = Ps.Run("Get-Video | Remove-Video -WhatIf; Get-Video | Set-Video -Title 'x' -WhatIf");
        result.AssertNoErrors();
        Assert.Contains("What if: Performing the operation \"Delete video\"", Ps.Screen);
        Assert.Equal("keep", (await VideoAsync(video.Id)).GetProperty("name").GetString());
        Assert.DoesNotContain(await RequestsAsync(), r => Method(r) is "DELETE" or "PATCH" && !Path(r).StartsWith("/tus/"));
    }

    [Fact]
    public void Unknown_ids_give_VideoNotFound_per_item_and_the_rest_goes_on()
    {
        var video = Upload("real");
        var result = Ps.Run("'111', $args[0] | Get-Video", video.Id);
        Assert.Equal(video.Id, Assert.IsType<Video>(Assert.Single(result.Output).BaseObject).Id);
        var error = Assert.Single(result.Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.GetVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("111", error.TargetObject);
        Assert.Contains("Vimeo has no video '111'", error.Exception.Message);

        Assert.StartsWith("VideoNotFound", Assert.Single(Ps.Run("Set-Video 111 -Title x").Errors).FullyQualifiedErrorId);
        Assert.StartsWith("VideoNotFound", Assert.Single(Ps.Run("Remove-Video 111 -Force").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Another_accounts_video_cannot_be_changed_and_the_refusal_says_so()
    {
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 2, count = 1, namePrefix = "Theirs" });
        var id = (await VideosAsync()).Single().GetProperty("videoId").GetString()!;
        var error = Assert.Single(Ps.Run("Remove-Video $args[0] -Force", id).Errors);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("permission", error.Exception.Message);
        Assert.Single(await VideosAsync());
    }

    [Fact]
    public async Task A_token_without_delete_scope_gets_ScopeMissing_before_any_request()
    {
        var token = await TokenWithScopesAsync("public private edit upload");
        Ps.Ok("Connect-VideoProvider Vimeo -AccessToken ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -BaseUri $VimeoUri", token);
        var video = Upload("mine");
        var result = Ps.Run("Get-Video | Remove-Video -Force");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ScopeMissing,VideoPlatforms.Commands.RemoveVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal(video.Id, error.TargetObject);
        Assert.Contains("'delete' scope", error.Exception.Message);
        Assert.DoesNotContain(await RequestsAsync(), r => Method(r) == "DELETE");
    }

    [Fact]
    public void Upload_token_cmdlets_say_Vimeo_has_none()
    {
        var result = Ps.Run("New-UploadToken");
        var error = Assert.Single(result.Errors);
        Assert.Equal("UploadTokensNotSupported,VideoPlatforms.Commands.NewUploadTokenCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains("Vimeo has no delegated upload tokens", error.Exception.Message);
        Assert.StartsWith("UploadTokensNotSupported", Ps.Fails("Get-UploadToken").FullyQualifiedErrorId);
    }

    [Fact]
    public async Task A_429_with_X_RateLimit_Reset_is_waited_out_and_retried()
    {
        var reset = DateTimeOffset.UtcNow.AddSeconds(1).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
        await Sandbox.AddFaultAsync(new { platform = "vimeo", method = "GET", pathPattern = "^/me/videos$", kind = "status", status = 429, headers = new Dictionary<string, string> { ["X-RateLimit-Reset"] = reset } });
        var result = Ps.Run("Get-Video -Verbose");
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("Retrying") && v.Contains("429"));
        Assert.Equal(2, (await RequestsAsync()).Count(r => Path(r) == "/me/videos"));
    }

    [Fact]
    public void Videos_and_the_connection_render_as_tables()
    {
        Upload("table clip", "-Title 'Table clip'");
        Ps.Ok("Get-Video | Out-Default; Get-VideoProvider | Out-Default");
        var lines = Ps.Screen.Split('\n').Select(l => l.TrimEnd()).ToList();
        var header = lines.FindIndex(l => l.StartsWith("Provider") && l.Contains("Title") && l.Contains("Status"));
        Assert.True(header >= 0, "table header in:\n" + Ps.Screen);
        var row = lines[header + 2];
        Assert.StartsWith("Vimeo", row);
        Assert.Contains("Table clip", row);
        Assert.Contains("Ready", row);
        Assert.DoesNotContain("Raw", Ps.Screen);
        Assert.Matches(@"Vimeo\s+Vimeo\s+Custom\s+Sandbox Vimeo User", Ps.Screen);
    }
}

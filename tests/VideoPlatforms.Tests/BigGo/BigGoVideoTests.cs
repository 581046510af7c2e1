using System.Management.Automation;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.BigGo;

/// <summary>Get-Video, Set-Video, Remove-Video and the upload-token cmdlets on BigGo, alone and in pipelines.</summary>
public sealed class BigGoVideoTests : BigGoTest
{
    public BigGoVideoTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConnectBigGo();
    }

    private List<Video> Videos(string script, params object[] args) =>
        Ps.Ok(script, args).Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();

    [Fact]
    public void Get_by_id_maps_the_video_and_Raw_reads_with_dot_notation()
    {
        var uploaded = Upload("mapped", "-Description 'described' -Privacy Private");
        var video = Assert.Single(Videos("Get-Video -Id $args[0]", uploaded.Id));
        Assert.Equal(uploaded.Id, video.Id);
        Assert.Equal("mapped", video.Title);
        Assert.Equal("described", video.Description);
        Assert.Equal(VideoPrivacy.Private, video.Privacy);
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.True(video.Duration > TimeSpan.Zero);
        Assert.Equal(video.ThumbnailUrl!.ToString(), Ps.Ok("(Get-Video $args[0]).Raw.meta.cover_image", uploaded.Id).Single().ToString());
        Assert.Equal(SandboxCredentials.BigGoUserId, Ps.Ok("(Get-Video $args[0]).Raw.userid", uploaded.Id).Single().ToString());
    }

    [Fact]
    public async Task A_video_still_processing_shows_Processing()
    {
        await Sandbox.PutAsync("_sandbox/biggo/config", new { processingDelayMs = 3_600_000 });
        var video = Upload("slow");
        Assert.Equal(VideoStatus.Processing, video.Status);
    }

    [Fact]
    public void Ids_from_the_pipeline_and_an_unknown_id_each_give_their_own_result()
    {
        var a = Upload("a");
        var b = Upload("b");
        var result = Ps.Run("$args | Get-Video", a.Id, "nosuchvideo0000", b.Id);
        Assert.Equal(new[] { a.Id, b.Id }, result.All<Video>().Select(v => v.Id));
        var error = Assert.Single(result.Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.GetVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nosuchvideo0000", error.TargetObject);
        Assert.Contains("nosuchvideo0000", error.Exception.Message);
        Assert.Equal("1004", ((VideoProviderException)error.Exception).ProviderCode);
    }

    [Fact]
    public async Task A_200_answer_with_result_false_is_the_failure_it_says()
    {
        var video = Upload("ok200");
        await Sandbox.AddFaultAsync(new
        {
            platform = "biggo", method = "GET", pathPattern = "^/api/v1/video/", kind = "status", status = 200, times = 1,
            body = "{\"result\":false,\"error\":{\"code\":1004,\"message\":\"VIDEO_NOT_EXIST\"}}",
        });
        var error = Assert.Single(Ps.Run("Get-Video -Id $args[0]", video.Id).Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.GetVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(video.Id, error.TargetObject);
    }

    [Fact]
    public async Task Listing_pages_by_20_and_Skip_passes_whole_pages_without_fetching_them()
    {
        await SeedAsync(45);
        var all = Videos("Get-Video");
        Assert.Equal(45, all.Count);
        Assert.Equal(45, all.Select(v => v.Id).Distinct().Count());
        Assert.Equal(new[] { "Seed 1", "Seed 2" }, all.Take(2).Select(v => v.Title));
        Assert.Equal(3, (await BigGoRequestsAsync("GET", "/api/v1/user/self/video")).Length);

        await Sandbox.Admin.DeleteAsync("_sandbox/requests");
        var page = Videos("Get-Video -Skip 42 -First 2").Select(v => v.Id);
        Assert.Equal(all.Skip(42).Take(2).Select(v => v.Id), page);
        var fetched = Assert.Single(await BigGoRequestsAsync("GET", "/api/v1/user/self/video"));
        Assert.Equal("?p=3", fetched.GetProperty("queryString").GetString());

        var withTotal = Ps.Ok("Get-Video -First 2 -IncludeTotalCount");
        Assert.Equal(3, withTotal.Count);
        Assert.Equal(45UL, withTotal[0].BaseObject);
        Assert.Equal(all.Skip(21).Take(3).Select(v => v.Id), Videos("Get-Video -Skip 21 -First 3").Select(v => v.Id));
    }

    [Fact]
    public async Task A_token_expiring_between_pages_is_renewed_and_every_video_is_listed_once()
    {
        await SeedAsync(50);
        // Each token answers JWT_EXPIRED after 2 calls: the listing's 3 pages need at least one renewal mid-way.
        await Sandbox.PutAsync("_sandbox/biggo/config", new { accessTokenRequestLimit = 2 });
        ConnectBigGo();
        var result = Ps.Run("Get-Video -Verbose");
        result.AssertNoErrors();
        var ids = result.All<Video>().Select(v => v.Id).ToList();
        Assert.Equal(50, ids.Count);
        Assert.Equal(50, ids.Distinct().Count());
        Assert.Contains(result.Verbose, v => v.Contains("expired") && v.Contains("renewed"));
        Assert.True((await TokenRequestsAsync()).Length >= 3, "the grant ran again mid-listing");
    }

    [Fact]
    public void User_lists_another_users_public_videos()
    {
        var videos = Videos("Get-Video -User $BigGoOtherUser");
        Assert.Equal(23, videos.Count);
        Assert.All(videos, v => Assert.Equal(VideoPrivacy.Public, v.Privacy));
        Assert.All(videos, v => Assert.StartsWith("Creator video", v.Title));
        var total = Ps.Ok("Get-Video -User $BigGoOtherUser -Skip 20 -IncludeTotalCount");
        Assert.Equal(23UL, total[0].BaseObject);
        Assert.Equal(3, total.Count - 1);

        var unknown = Ps.Fails("Get-Video -User nobody");
        Assert.StartsWith("UserNotFound,", unknown.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, unknown.CategoryInfo.Category);
        Assert.Contains("nobody", unknown.Exception.Message);
    }

    [Fact]
    public void Filters_BigGo_lacks_and_User_on_api_video_are_refused_clearly()
    {
        var filter = Ps.Fails("Get-Video -Title beach");
        Assert.StartsWith("ParameterNotSupported,", filter.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, filter.CategoryInfo.Category);

        Ps.ConnectApiVideo();
        var user = Ps.Fails("Get-Video -User someone");
        Assert.StartsWith("ParameterNotSupported,", user.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, user.CategoryInfo.Category);
        Assert.Contains("someone", user.Exception.Message);
    }

    [Fact]
    public async Task Get_Video_piped_to_Set_Video_changes_only_what_is_given()
    {
        var video = Upload("original", "-Description keep -Privacy Public");
        var updated = Assert.Single(Videos("Get-Video -Id $args[0] | Set-Video -Title 'Renamed' -Privacy Private -PassThru", video.Id));
        Assert.Equal("Renamed", updated.Title);
        Assert.Equal(VideoPrivacy.Private, updated.Privacy);
        Assert.Equal("keep", updated.Description);

        Ps.Ok("Set-Video -Id $args[0] -Description ''", video.Id);
        var read = Assert.Single(Videos("Get-Video $args[0]", video.Id));
        Assert.Equal("", read.Description);
        Assert.Equal("Renamed", read.Title);
        // The upload's own PATCH (its parameters), then one per Set-Video.
        Assert.Equal(3, (await BigGoRequestsAsync("PATCH", "/api/v1/video/" + video.Id)).Length);
    }

    [Fact]
    public void Set_Video_WhatIf_changes_nothing_and_bad_input_is_clear()
    {
        var video = Upload("stay");
        Ps.Ok("Set-Video -Id $args[0] -Title 'Changed' -WhatIf", video.Id);
        Assert.Equal("stay", Assert.Single(Videos("Get-Video $args[0]", video.Id)).Title);

        Assert.StartsWith("ParameterNotSupported,", Ps.Fails("Set-Video -Id $args[0] -Tag x", video.Id).FullyQualifiedErrorId);
        var unknown = Assert.Single(Ps.Run("Set-Video -Id nope -Title x").Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.SetVideoCommand", unknown.FullyQualifiedErrorId);
        Assert.Equal("nope", unknown.TargetObject);
    }

    [Fact]
    public void Another_users_video_can_be_read_but_not_changed_or_deleted()
    {
        var theirs = Videos("Get-Video -User $BigGoOtherUser -First 1").Single();
        Assert.Equal(theirs.Id, Assert.Single(Videos("Get-Video $args[0]", theirs.Id)).Id);

        var set = Assert.Single(Ps.Run("$args[0] | Set-Video -Title 'mine now'", theirs).Errors);
        Assert.Equal("AccessDenied,VideoPlatforms.Commands.SetVideoCommand", set.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, set.CategoryInfo.Category);
        Assert.Contains(theirs.Id, set.Exception.Message);
        Assert.Equal("1003", ((VideoProviderException)set.Exception).ProviderCode);

        var remove = Assert.Single(Ps.Run("$args[0] | Remove-Video -Force", theirs).Errors);
        Assert.Equal("AccessDenied,VideoPlatforms.Commands.RemoveVideoCommand", remove.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_Force_deletes_them_all()
    {
        Upload("r1");
        Upload("r2");
        var result = Ps.Run("Get-Video | Remove-Video -Force -Verbose");
        result.AssertNoErrors();
        Assert.Equal(2, result.Verbose.Count(v => v.StartsWith("Deleted BigGo video")));
        Assert.Empty(await LiveVideosAsync());
        Assert.Empty(Ps.Ok("Get-Video"));
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_empties_an_account_of_many_pages()
    {
        // Deleting while listing moves later videos onto earlier pages of 20; the listing must not skip them.
        ConnectBigGo();
        await SeedAsync(65);
        Ps.Ok("Get-Video | Remove-Video -Force");
        Assert.Empty(await LiveVideosAsync());
    }

    [Fact]
    public async Task Remove_Video_WhatIf_deletes_nothing_and_a_deleted_id_is_VideoNotFound()
    {
        var video = Upload("keepme");
        Ps.Ok("Get-Video | Remove-Video -WhatIf");
        Assert.Single(await LiveVideosAsync());
        Ps.Ok("Remove-Video -Id $args[0] -Confirm:$false", video.Id);
        Assert.Empty(await LiveVideosAsync());

        var again = Ps.Run("$args | Remove-Video -Force", video.Id, "nosuch");
        Assert.Equal(2, again.Errors.Count);
        Assert.All(again.Errors, e => Assert.Equal("VideoNotFound,VideoPlatforms.Commands.RemoveVideoCommand", e.FullyQualifiedErrorId));
        Assert.Contains("was deleted", again.Errors[0].Exception.Message);
        Assert.Equal(video.Id, again.Errors[0].TargetObject);
    }

    [Fact]
    public void Upload_token_cmdlets_say_BigGo_has_none()
    {
        var created = Ps.Run("New-UploadToken -TimeToLive 600");
        var error = Assert.Single(created.Errors);
        Assert.Equal("UploadTokensNotSupported,VideoPlatforms.Commands.NewUploadTokenCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains("BigGo has no delegated upload tokens", error.Exception.Message);
        Assert.Contains("-ClientCredential", error.Exception.Message);
        Assert.Empty(created.Output);

        var list = Ps.Fails("Get-UploadToken");
        Assert.Equal("UploadTokensNotSupported,VideoPlatforms.Commands.GetUploadTokenCommand", list.FullyQualifiedErrorId);
        var one = Assert.Single(Ps.Run("Get-UploadToken -Token abcdefghij").Errors);
        Assert.Equal("UploadTokensNotSupported,VideoPlatforms.Commands.GetUploadTokenCommand", one.FullyQualifiedErrorId);
        var remove = Assert.Single(Ps.Run("Remove-UploadToken -Token abcdefghij").Errors);
        Assert.Equal("UploadTokensNotSupported,VideoPlatforms.Commands.RemoveUploadTokenCommand", remove.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, remove.CategoryInfo.Category);
    }

    [Fact]
    public async Task Videos_go_back_to_the_connection_they_came_from()
    {
        Ps.Ok("$biggo = Get-VideoProvider -Default");
        Ps.ConnectApiVideo();
        Upload("api video one");
        var file = Ps.NewFile("to biggo.mp4", 100_000, 77);
        Ps.Ok("Send-Video $args[0] -Connection $biggo", file);

        // The default is now api.video; piping BigGo's videos must delete them on BigGo.
        Ps.Ok("Get-Video -Connection $biggo | Remove-Video -Force");
        Assert.Empty(await LiveVideosAsync());
        Assert.Single(Ps.Ok("Get-Video"));
    }
}

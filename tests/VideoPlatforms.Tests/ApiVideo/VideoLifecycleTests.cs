using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.ApiVideo;

/// <summary>Get-Video, Set-Video and Remove-Video on api.video, alone and in pipelines.</summary>
public sealed class VideoLifecycleTests : SandboxTest
{
    public VideoLifecycleTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Ps.ConnectApiVideo();
    }

    private Video Upload(string name, string extra = "")
    {
        var file = Ps.NewFile(name + ".mp4", 1 << 20, name.GetHashCode());
        return Assert.IsType<Video>(Assert.Single(Ps.Ok($"Send-Video $args[0] {extra}", file)).BaseObject);
    }

    [Fact]
    public void Get_by_id_reads_status_and_duration_and_Raw_with_dot_notation()
    {
        var uploaded = Upload("status");
        var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Get-Video -Id $args[0]", uploaded.Id)).BaseObject);
        Assert.Equal(uploaded.Id, video.Id);
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.True(video.Duration > TimeSpan.Zero);
        Assert.NotNull(video.Url);
        Assert.Equal(uploaded.Id, Ps.Ok("(Get-Video -Id $args[0]).Raw.videoId", uploaded.Id).Single().ToString());
        Assert.Equal(video.Url!.ToString(), Ps.Ok("(Get-Video $args[0]).Raw.assets.player", uploaded.Id).Single().ToString());
    }

    [Fact]
    public void Listed_videos_piped_back_into_Get_Video_are_read_by_id_with_their_status()
    {
        // api.video's listing has no status; reading each one again fills it. PowerShell would bind the Video's
        // string form (ApiVideo/vi...) to -Id unless the cmdlet takes the Id property.
        var uploaded = Upload("refresh");
        var again = Ps.Run("Get-Video | Get-Video");
        Assert.Empty(again.Errors);
        var video = Assert.Single(again.All<Video>());
        Assert.Equal(uploaded.Id, video.Id);
        Assert.Equal(VideoStatus.Ready, video.Status);
    }

    [Fact]
    public void Ids_from_the_pipeline_and_an_unknown_id_each_give_their_own_result()
    {
        var a = Upload("a");
        var b = Upload("b");
        var result = Ps.Run("$args | Get-Video", a.Id, "vi00000000000000000000", b.Id);
        Assert.Equal(new[] { a.Id, b.Id }, result.All<Video>().Select(v => v.Id));
        var error = Assert.Single(result.Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.GetVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("vi00000000000000000000", error.TargetObject);
        Assert.Contains("vi00000000000000000000", error.Exception.Message);
    }

    [Fact]
    public async Task Listing_streams_pages_with_First_Skip_and_total_count()
    {
        await Sandbox.PostAsync("_sandbox/apivideo/seed", new { account = 1, count = 250, titlePrefix = "Seed" });
        var all = Ps.Ok("Get-Video").Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();
        Assert.Equal(250, all.Count);
        Assert.Equal(250, all.Select(v => v.Id).Distinct().Count());
        var listRequests = (await Sandbox.RequestsAsync()).Count(r => r.GetProperty("path").GetString() == "/videos" && r.GetProperty("method").GetString() == "GET");
        Assert.Equal(3, listRequests); // 100 per page: the fewest round trips

        var page = Ps.Ok("Get-Video -Skip 95 -First 10").Select(o => ((Video)o.BaseObject).Id).ToList();
        Assert.Equal(all.Skip(95).Take(10).Select(v => v.Id), page);

        var withTotal = Ps.Ok("Get-Video -First 2 -IncludeTotalCount");
        Assert.Equal(3, withTotal.Count);
        Assert.Equal(250UL, withTotal[0].BaseObject);
    }

    [Fact]
    public void Listing_filters_by_title_and_tag()
    {
        Upload("alpha", "-Tag red");
        Upload("beta", "-Tag red, blue");
        Upload("gamma");
        Assert.Equal(new[] { "beta" }, Ps.Ok("Get-Video -Title beta | ForEach-Object Title").Select(o => o.ToString()));
        Assert.Equal(new[] { "alpha", "beta" }, Ps.Ok("Get-Video -Tag red | ForEach-Object Title").Select(o => o.ToString()).OrderBy(t => t));
        Assert.Equal(new[] { "beta" }, Ps.Ok("Get-Video -Tag red, blue | ForEach-Object Title").Select(o => o.ToString()));
    }

    [Fact]
    public void Get_Video_piped_to_Set_Video_changes_only_what_is_given()
    {
        var video = Upload("original", "-Description keep -Tag t1");
        var changed = Ps.Ok("Get-Video -Id $args[0] | Set-Video -Title 'Renamed' -Privacy Private -PassThru", video.Id);
        var updated = Assert.IsType<Video>(Assert.Single(changed).BaseObject);
        Assert.Equal("Renamed", updated.Title);
        Assert.Equal(VideoPrivacy.Private, updated.Privacy);
        Assert.Equal("keep", updated.Description);
        Assert.Equal(new[] { "t1" }, updated.Tags);

        Ps.Ok("Set-Video -Id $args[0] -Tag @() -Metadata @{ k = 'v' }", video.Id);
        var read = (Video)Ps.Ok("Get-Video $args[0]", video.Id).Single().BaseObject;
        Assert.Empty(read.Tags);
        Assert.Equal("v", read.Metadata["k"]);
    }

    [Fact]
    public void Set_Video_WhatIf_changes_nothing_and_bad_input_is_clear()
    {
        var video = Upload("stay");
        Ps.Ok("Set-Video -Id $args[0] -Title 'Changed' -WhatIf", video.Id);
        Assert.Equal("stay", ((Video)Ps.Ok("Get-Video $args[0]", video.Id).Single().BaseObject).Title);

        Assert.StartsWith("NothingToUpdate,", Ps.Fails("Set-Video -Id $args[0]", video.Id).FullyQualifiedErrorId);
        Assert.StartsWith("ParameterNotSupported,", Ps.Fails("Set-Video -Id $args[0] -Privacy Unlisted", video.Id).FullyQualifiedErrorId);
        var unknown = Assert.Single(Ps.Run("Set-Video -Id nope -Title x").Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.SetVideoCommand", unknown.FullyQualifiedErrorId);
        Assert.Equal("nope", unknown.TargetObject);
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_Force_deletes_them_all()
    {
        Upload("r1");
        Upload("r2");
        var result = Ps.Run("Get-Video | Remove-Video -Force -Verbose");
        result.AssertNoErrors();
        Assert.Equal(2, result.Verbose.Count(v => v.StartsWith("Deleted ApiVideo video")));
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public async Task Get_Video_piped_to_Remove_Video_empties_an_account_of_many_pages()
    {
        // Deleting while listing shifts later videos onto earlier pages; the listing must not skip them.
        await Sandbox.PostAsync("_sandbox/apivideo/seed", new { account = 1, count = 250, titlePrefix = "Bulk" });
        var result = Ps.Run("Get-Video | Remove-Video -Force");
        result.AssertNoErrors();
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public async Task Remove_Video_WhatIf_deletes_nothing_and_Confirm_false_deletes()
    {
        var video = Upload("keepme");
        Ps.Ok("Get-Video | Remove-Video -WhatIf");
        Ps.Ok("Get-Video | Remove-Video -Force -WhatIf");
        Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Ps.Ok("Remove-Video -Id $args[0] -Confirm:$false", video.Id);
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public async Task Remove_Video_without_Force_in_an_unattended_host_asks_and_so_deletes_nothing()
    {
        Upload("prompted");
        var result = Ps.Run("Get-Video | Remove-Video");
        Assert.True(result.Errors.Count > 0 || result.Terminating is not null);
        Assert.Single(await Sandbox.ApiVideoVideosAsync());
    }

    [Fact]
    public void Remove_Video_of_an_unknown_id_is_a_non_terminating_error_and_the_rest_goes_on()
    {
        var video = Upload("real");
        var result = Ps.Run("$args | Remove-Video -Force", "vi-missing", video.Id);
        var error = Assert.Single(result.Errors);
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.RemoveVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal("vi-missing", error.TargetObject);
        Assert.Empty(Ps.Ok("Get-Video"));
    }

    [Fact]
    public async Task Videos_go_back_to_the_connection_they_came_from()
    {
        Ps.Ok("$first = Get-VideoProvider -Default");
        Ps.Ok("$second = Connect-VideoProvider ApiVideo -ApiKey $ApiKey2 -BaseUri $ApiVideoUri -Name second -PassThru");
        var file = Ps.NewFile("account2.mp4", 1 << 20);
        Ps.Ok("Send-Video $args[0] -Connection $second", file);
        Ps.Ok("Send-Video $args[0] -Connection $first", file);

        // The default is now 'second'; piping the first account's videos must delete them there, not here.
        Ps.Ok("Get-Video -Connection $first | Remove-Video -Force");
        Assert.Empty(Ps.Ok("Get-Video -Connection $first"));
        Assert.Single(Ps.Ok("Get-Video -Connection $second"));
        Assert.Single(await Sandbox.ApiVideoVideosAsync());
    }
}

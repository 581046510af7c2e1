using VideoPlatforms.Tests.Faults;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Capabilities;

/// <summary>
/// Get-Video -Status where the platform's listing cannot filter by status (Vimeo, BigGo): the module filters what
/// the listing says, exactly, with -Skip, -First and -IncludeTotalCount kept honest. Before, Vimeo and BigGo ignored
/// -Status, and Get-Video -Status Failed | Remove-Video -Force deleted every Ready video.
/// </summary>
public sealed class StatusFilterTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    public static TheoryData<string> Filtering() => new() { "Vimeo", "BigGo", "Ziggeo" };

    [Theory]
    [MemberData(nameof(Filtering))]
    public async Task Get_Video_Status_Failed_piped_to_Remove_Video_removes_only_the_failed_videos(string platform)
    {
        var p = PlatformCase.Named(platform);
        Ps.Ok(p.Connect);
        var ready = Enumerable.Range(1, 3).Select(i => Upload($"ready {i}", i)).ToList();
        var failed = Upload("failed", 9);
        await Sandbox.PostAsync($"_sandbox/{p.AdminName}/videos/{failed.Id}/fail-processing", new { });

        Ps.Ok("Get-Video -Status Failed | Remove-Video -Force");

        var left = Ps.Ok("Get-Video").Select(o => Assert.IsType<Video>(o.BaseObject).Id).ToList();
        Assert.Equal(ready.Select(v => v.Id).Order(), left.Order());
    }

    [Theory]
    [InlineData("Vimeo")]
    [InlineData("BigGo")]
    public async Task A_client_side_status_filter_keeps_Skip_and_First_exact_and_says_the_total_is_unknown(string platform)
    {
        var p = PlatformCase.Named(platform);
        Ps.Ok(p.Connect);
        var videos = Enumerable.Range(1, 6).Select(i => Upload($"clip {i}", i)).ToList();
        // Every other one fails: the matches are spread over the listing, so -Skip must count matches, not videos.
        var failed = videos.Where((_, i) => i % 2 == 1).ToList();
        foreach (var video in failed) await Sandbox.PostAsync($"_sandbox/{p.AdminName}/videos/{video.Id}/fail-processing", new { });

        Assert.Equal(failed.Select(v => v.Id), Ids("Get-Video -Status Failed"));
        Assert.Equal(new[] { failed[1].Id }, Ids("Get-Video -Status Failed -Skip 1 -First 1"));
        Assert.Equal(failed.Skip(1).Select(v => v.Id), Ids("Get-Video -Status Failed -Skip 1"));
        Assert.Equal(videos.Except(failed).Select(v => v.Id), Ids("Get-Video -Status Ready"));

        // The platform counts every video, not the matching ones: the total is said to be unknown rather than wrong.
        var counted = Ps.Ok("$all = @(Get-Video -Status Failed -IncludeTotalCount); $all[0].ToString(); $all[1..($all.Count - 1)]");
        Assert.Equal("Unknown total count", counted[0].ToString());
        Assert.Equal(failed.Select(v => v.Id), counted.Skip(1).Select(o => Assert.IsType<Video>(o.BaseObject).Id));
    }

    [Fact]
    public async Task A_BigGo_video_whose_transcode_failed_reads_as_Failed()
    {
        Ps.Ok(PlatformCase.BigGo.Connect);
        var video = Upload("broken", 1);
        await Sandbox.PostAsync($"_sandbox/biggo/videos/{video.Id}/fail-processing", new { });

        var read = Assert.IsType<Video>(Ps.Ok("Get-Video -Id $args[0]", video.Id).Single().BaseObject);
        Assert.Equal(VideoStatus.Failed, read.Status);
        Assert.Equal(video.Id, read.Id);
        // The listing cannot tell (it shows process_status 0): the filter reads the video itself.
        var listed = Assert.IsType<Video>(Ps.Ok("Get-Video -Status Failed").Single().BaseObject);
        Assert.Equal("broken", listed.Title);
        Assert.Equal(VideoStatus.Failed, listed.Status);
    }

    private Video Upload(string title, int seed) =>
        Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0] -Title $args[1]", Ps.NewFile(title.Replace(' ', '-') + ".mp4", 3_000 + seed, seed), title).Single().BaseObject);

    private List<string> Ids(string script) => Ps.Ok(script).Select(o => Assert.IsType<Video>(o.BaseObject).Id).ToList();
}

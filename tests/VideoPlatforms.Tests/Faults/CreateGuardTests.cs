using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// The recovery after a create whose answer was lost deletes only the empty video that create made, never another
/// video that happens to share its title.
/// </summary>
public sealed class CreateGuardTests : SandboxTest
{
    public CreateGuardTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public async Task A_lost_create_answer_removes_its_own_empty_video_and_spares_a_finished_one_of_the_same_title()
    {
        // Another run's upload of the same title, finished a moment ago, on its own connection.
        var first = Ps.NewFile("first.mp4", 300_000, 1);
        var earlier = Ps.Run("Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Name earlier; Send-Video $args[0] -Title intro", first).Single<Video>();

        // This run's create is carried out by the platform, but its answer arrives garbled: outcome unknown.
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos$", kind = "malformedJson", times = 1 });
        var second = Ps.NewFile("second.mp4", 200_000, 2);
        var result = Ps.Run("Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Name now; Send-Video $args[0] -Title intro -Verbose", second);
        Assert.Empty(result.Errors);
        var uploaded = Assert.Single(result.All<Video>());
        Assert.Contains(result.Verbose, line => line.Contains("deleted it (it held no bytes)"));

        var stored = await Sandbox.ApiVideoVideosAsync();
        Assert.Equal(2, stored.Length);
        Assert.Equal(new[] { earlier.Id, uploaded.Id }.OrderBy(i => i), stored.Select(v => v.GetProperty("videoId").GetString()).OrderBy(i => i));
        Assert.All(stored, v => Assert.True(v.GetProperty("complete").GetBoolean()));
    }
}

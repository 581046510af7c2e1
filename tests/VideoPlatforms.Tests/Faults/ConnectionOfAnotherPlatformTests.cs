using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>Items piped in with a connection of another platform are refused, not looked up on the wrong platform.</summary>
public sealed class ConnectionOfAnotherPlatformTests : SandboxTest
{
    public ConnectionOfAnotherPlatformTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public void A_Vimeo_video_piped_with_an_api_video_connection_is_refused_and_left_alone()
    {
        var file = Ps.NewFile("clip.mp4", 100_000);
        Ps.Ok("$global:v = Connect-VideoProvider -Provider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri -PassThru; " +
              "$global:a = Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -PassThru; " +
              "$null = Send-Video $args[0] -Connection $v", file);

        foreach (var command in new[] { "Remove-Video -Connection $a -Force", "Set-Video -Connection $a -Title x", "Get-Video -Connection $a", "Wait-Video -Connection $a" })
        {
            var record = Ps.Fails($"Get-Video -Connection $v | {command}");
            Assert.StartsWith("ConnectionOfAnotherPlatform,", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
            Assert.Contains("Vimeo", record.Exception.Message);
            Assert.Contains("ApiVideo", record.Exception.Message);
        }

        // The video is untouched, and without -Connection each video goes back where it came from.
        Assert.Equal("clip", Assert.Single(Ps.Ok("Get-Video -Connection $v | ForEach-Object Title")).ToString());
        Ps.Ok("Get-Video -Connection $v | Remove-Video -Force");
        Assert.Empty(Ps.Ok("Get-Video -Connection $v"));
    }
}

using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Capabilities;

/// <summary>Help reads the same declaration the engine refuses from.</summary>
public sealed class CapabilityHelpTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    [Theory]
    [InlineData("Get-Video", "Status", "refused by api.video")]
    [InlineData("Get-Video", "User", "Platforms: BigGo;")]
    [InlineData("Send-Video", "Privacy", "api.video (Public, Private)")]
    [InlineData("Set-Video", "Key", "Platforms: Ziggeo;")]
    public void Help_says_which_platforms_honour_a_parameter(string command, string parameter, string expected)
    {
        var text = string.Join(" ", Ps.Ok($"(Get-Help {command} -Parameter {parameter}).description.Text").Select(o => o.ToString()));
        Assert.Contains(expected, text);
        Assert.Contains(PlatformSupport.Describe(PlatformOptions.Find(command, parameter)!.Option), text);
    }
}

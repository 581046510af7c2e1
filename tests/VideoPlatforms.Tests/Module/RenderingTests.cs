using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Module;

/// <summary>What a person sees: Out-Default through the capturing host renders the module's format views.</summary>
public sealed class RenderingTests : SandboxTest
{
    public RenderingTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public void Videos_render_as_the_default_table()
    {
        Ps.ConnectApiVideo();
        var file = Ps.NewFile("table clip.mp4", 1 << 20);
        Ps.Ok("Send-Video $args[0] -Title 'Table clip' | Out-Null; Get-Video -Id (Get-Video).Id | Out-Default", file);
        var lines = Ps.Screen.Split('\n').Select(l => l.TrimEnd()).ToList();
        // Duration is in Format-List only: with it, an 80-column console left the Title 3 characters.
        var header = lines.FindIndex(l => l.StartsWith("Provider") && l.Contains("Title") && l.Contains("Status") && l.Contains("Created"));
        Assert.True(header >= 0, "table header in:\n" + Ps.Screen);
        Assert.StartsWith("--------", lines[header + 1]);
        var row = lines[header + 2];
        Assert.StartsWith("ApiVideo", row);
        Assert.Contains("Table clip", row);
        Assert.Contains("Ready", row);
        Assert.Matches(@"\d{4}-\d\d-\d\d", row);
        Assert.DoesNotContain("Raw", Ps.Screen);
    }

    [Fact]
    public void Connections_and_upload_tokens_render_as_tables()
    {
        Ps.Ok("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -PassThru | Out-Default; New-UploadToken | Out-Default");
        Assert.Matches(@"Name\s+Provider\s+Environment\s+Account\s+BaseUri", Ps.Screen);
        Assert.Matches(@"ApiVideo\s+ApiVideo\s+Custom", Ps.Screen);
        Assert.Matches(@"Provider\s+Token\s+Created\s+Expires", Ps.Screen);
        Assert.Contains("never", Ps.Screen);
    }
}

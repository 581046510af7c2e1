using VideoPlatforms.Tests.Harness;
using VideoPlatforms.Tests.Transfer;

namespace VideoPlatforms.Tests.Captions;

/// <summary>Set-Video -ThumbnailPath on Ziggeo (a stream image) and -ThumbnailAt (api.video picks the frame), against the Sandbox.</summary>
public sealed class ThumbnailTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    private string Upload(string provider)
    {
        Ps.Ok(Platforms.Connect(provider));
        return Assert.IsType<Video>(Assert.Single(Ps.Ok("Send-Video -LiteralPath $args[0]", Ps.NewFile("clip.mp4", 30_000, seed: 3))).BaseObject).Id;
    }

    [Fact]
    public async Task Ziggeo_takes_the_image_on_the_videos_default_stream()
    {
        var id = Upload("Ziggeo");
        var image = Ps.NewFile("poster.jpg", 4_000, seed: 4);

        var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Set-Video -Id $args[0] -ThumbnailPath $args[1] -PassThru", id, image)).BaseObject);

        var stream = Assert.IsAssignableFrom<System.Collections.IDictionary>(video.Raw["default_stream"]);
        Assert.Equal(true, stream["has_image"]);
        Assert.Equal(4_000L, Convert.ToInt64(stream["image_size"]));
        var attach = Assert.Single(await Sandbox.RequestsAsync("ziggeo"), r => r.GetProperty("path").GetString()!.EndsWith("/image", StringComparison.Ordinal));
        Assert.Equal($"/v1/videos/{id}/streams/{stream["token"]}/image", attach.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Ziggeo_refuses_a_file_that_is_not_a_JPEG_or_PNG_before_any_request()
    {
        var id = Upload("Ziggeo");
        var before = (await Sandbox.RequestsAsync("ziggeo")).Length;
        var error = Ps.Fails("Set-Video -Id $args[0] -ThumbnailPath $args[1]", id, Ps.NewFile("poster.gif", 100, seed: 5));
        Assert.Equal("ThumbnailInvalid,VideoPlatforms.Commands.SetVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(before, (await Sandbox.RequestsAsync("ziggeo")).Length);
    }

    [Fact]
    public async Task ApiVideo_picks_the_frame_at_the_time_given()
    {
        var id = Upload("ApiVideo");
        var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Set-Video -Id $args[0] -ThumbnailAt ([timespan]::FromSeconds(75.25)) -PassThru", id)).BaseObject);
        Assert.NotNull(video.ThumbnailUrl);
        Assert.True((await Platforms.AdminVideoAsync(Sandbox, "ApiVideo", id)).GetProperty("hasThumbnail").GetBoolean());

        var both = Ps.Fails("Set-Video -Id $args[0] -ThumbnailAt 00:00:01 -ThumbnailPath $args[1]", id, Ps.NewFile("poster.png", 100, seed: 6));
        Assert.Equal("ThumbnailTwice,VideoPlatforms.Commands.SetVideoCommand", both.FullyQualifiedErrorId);
    }
}

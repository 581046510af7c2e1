using VideoPlatforms.Download;
using VideoPlatforms.Http;
using VideoPlatforms.Providers.Ziggeo;

namespace VideoPlatforms.Tests.Engine;

/// <summary>The download pieces that need no server: file names, rendition choice, addresses, redaction.</summary>
public sealed class DownloadUnitTests
{
    [Theory]
    [InlineData("Launch: day 1?", "Launch_ day 1_")]
    [InlineData("con", "_con")]
    [InlineData("LPT1.final", "_LPT1.final")]
    [InlineData("  trailing dots... ", "trailing dots")]
    [InlineData("tab\there\u0001", "tab_here_")]
    [InlineData("caf\u0065\u0301", "caf\u00e9")]
    public void File_names_are_safe_on_every_system(string title, string expected) =>
        Assert.Equal(expected, SafeFileName.From(title, "id123"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("???")]
    [InlineData("...")]
    public void A_title_with_nothing_usable_falls_back_to_the_id(string? title) =>
        Assert.Equal("vi4k0jvEUuaTdRAEjQ4Jfrgz", SafeFileName.From(title, "vi4k0jvEUuaTdRAEjQ4Jfrgz"));

    [Fact]
    public void Long_titles_are_cut_without_splitting_a_character()
    {
        var title = new string('a', SafeFileName.MaxStemLength - 1) + "\U0001F3AC and more";
        var name = SafeFileName.From(title, "id");
        Assert.Equal(SafeFileName.MaxStemLength - 1, name.Length);
        Assert.False(char.IsHighSurrogate(name[^1]));
    }

    [Fact]
    public void A_video_saved_into_a_folder_is_named_after_its_title_and_gets_its_id_when_the_name_is_taken()
    {
        var folder = Path.Combine(Path.GetTempPath(), "saves");
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var first = SafeFileName.InFolder(folder, "Launch: day 1?", "vi1", ".mp4", written.Contains);
        Assert.Equal(Path.Combine(folder, "Launch_ day 1_.mp4"), first);
        written.Add(first);
        Assert.Equal(Path.Combine(folder, "Launch_ day 1_ (vi2).mp4"), SafeFileName.InFolder(folder, "Launch: day 1?", "vi2", ".mp4", written.Contains));
        Assert.Equal(Path.Combine(folder, "vi3.mov"), SafeFileName.InFolder(folder, "   ", "vi3", ".mov", written.Contains));
    }

    private static VideoRendition Rendition(string quality, int? height = null, long? size = null, bool source = false) =>
        new("Vimeo", "42", quality, new Uri($"https://files.example/{quality}.mp4?s=abc"), authenticated: false) { Height = height, Size = size, IsSource = source };

    [Fact]
    public void Best_prefers_the_source_then_the_tallest_and_names_match_quality_or_height()
    {
        var sd = Rendition("540p", 540, 10);
        var hd = Rendition("1080p", 1080, 30);
        var original = Rendition("source", 720, 20, source: true);
        Assert.Same(original, RenditionChooser.Choose([sd, hd, original], null, "Vimeo", "42"));
        Assert.Same(hd, RenditionChooser.Choose([sd, hd], "Best", "Vimeo", "42"));
        Assert.Same(sd, RenditionChooser.Choose([sd, hd, original], "540P", "Vimeo", "42"));
        Assert.Same(hd, RenditionChooser.Choose([sd, hd, original], "1080", "Vimeo", "42"));

        var missing = Assert.Throws<VideoProviderException>(() => RenditionChooser.Choose([sd, hd], "2160p", "Vimeo", "42"));
        Assert.Equal("QualityNotAvailable", missing.ErrorId);
        Assert.Contains("540p (540p, 10 B), 1080p (1080p, 30 B)", missing.Message);
    }

    [Theory]
    [InlineData("https://srv-api.ziggeo.com/", "https://video-cdn.ziggeo.com/")]
    [InlineData("https://srv-api-eu-west-1.ziggeo.com/", "https://video-cdn-eu-west-1.ziggeo.com/")]
    [InlineData("http://127.0.0.1:5080/ziggeo/", "http://127.0.0.1:5080/ziggeo/")]
    public void Ziggeo_downloads_go_to_the_video_cdn_host(string serverApi, string cdn) =>
        Assert.Equal(new Uri(cdn), ZiggeoRenditions.VideoCdn(new Uri(serverApi)));

    [Fact]
    public void A_signed_link_is_described_by_host_and_path_only()
    {
        var redactor = new SecretRedactor();
        var downloader = new RangeDownloader("Vimeo", new RetryOptions(), redactor, null);
        var link = new Uri("https://player.example/_download/1/source.mp4?expires=1&s=0123456789abcdef");
        Assert.Equal("https://player.example/_download/1/source.mp4?***", downloader.Describe(link));
        Assert.DoesNotContain("0123456789abcdef", redactor.Redact("GET " + link));
    }

    [Fact]
    public void A_registered_path_token_is_masked_in_the_description()
    {
        var redactor = new SecretRedactor();
        redactor.Add("8fd70443-d9f0-45d2-b01c-12c8cfc707c9");
        var downloader = new RangeDownloader("api.video", new RetryOptions(), redactor, null);
        var link = new Uri("https://cdn.api.video/vod/vi4k/token/8fd70443-d9f0-45d2-b01c-12c8cfc707c9/mp4/source.mp4");
        Assert.Equal("https://cdn.api.video/vod/vi4k/token/***/mp4/source.mp4", downloader.Describe(link));
    }
}

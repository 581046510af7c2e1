using VideoPlatforms.Captions;

namespace VideoPlatforms.Tests.Engine;

/// <summary>The WebVTT check that runs before any caption request: what it accepts, and that it names the line it refuses.</summary>
public sealed class WebVttFileTests
{
    [Theory]
    [InlineData("WEBVTT\n\n00:01.000 --> 00:04.000\nNo hours.\n", 1)]
    [InlineData("\uFEFFWEBVTT - with a title\r\n\r\n1\r\n00:00:01.000 --> 00:00:04.000 align:start line:0\r\nIdentifier, settings, CRLF.\r\n", 1)]
    [InlineData("WEBVTT\nKind: captions\nLanguage: en\n\nNOTE written by hand\nover two lines\n\nSTYLE\n::cue { color: yellow }\n\n00:00:01.000 --> 00:00:02.000\nOne\n\n\n\n100:00:00.000 --> 100:00:01.500\n<v Ann>Two</v>\n", 2)]
    public void Accepts_what_the_format_allows_and_counts_the_cues(string text, int cues) =>
        Assert.Equal(cues, WebVttFile.Validate("talk.vtt", text, CaptionKind.Captions));

    [Theory]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n", CaptionKind.Chapters, "line 3 ", "title")]
    [InlineData("WEBVTT\n00:00:01.000 --> 00:00:02.000\nText\n", CaptionKind.Captions, "line 2 ", "blank line must separate")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nText\n", CaptionKind.Captions, "line 3 ", "above 59")]
    [InlineData("WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nText\n", CaptionKind.Captions, "line 1 ", "WEBVTT")]
    public void Refuses_naming_the_file_and_the_line(string text, CaptionKind kind, string line, string why)
    {
        var error = Assert.Throws<VideoProviderException>(() => WebVttFile.Validate("/captions/talk.vtt", text, kind));
        Assert.Equal("CaptionFileInvalid", error.ErrorId);
        Assert.Contains("'/captions/talk.vtt' " + line, error.Message);
        Assert.Contains(why, error.Message);
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("fr-CA", true)]
    [InlineData("zh-Hans-CN", true)]
    [InlineData("es-419", true)]
    [InlineData("EN-us", true)]
    [InlineData("xx", false)]
    [InlineData("en_US", false)]
    [InlineData("eng", false)]
    [InlineData("", false)]
    public void Language_tags_are_IETF_tags_of_a_known_language(string tag, bool valid) => Assert.Equal(valid, LanguageTag.IsValid(tag));
}

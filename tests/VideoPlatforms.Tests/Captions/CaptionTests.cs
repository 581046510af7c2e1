using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Tests.Harness;
using VideoPlatforms.Tests.Transfer;

namespace VideoPlatforms.Tests.Captions;

/// <summary>Add-VideoCaption, Get-VideoCaption and Remove-VideoCaption through PowerShell, on every platform, against the Sandbox.</summary>
public sealed class CaptionTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    private const string Vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello and welcome.\n\n00:00:04.500 --> 00:00:07.000\nToday: captions.\n";

    /// <summary>The platforms whose tracks can be listed and read (DownloadCaptions): api.video and Vimeo.</summary>
    public static TheoryData<string> Listable => PlatformCase.Honouring(PlatformOption.DownloadCaptions);

    /// <summary>The platforms that take tracks (UploadCaptions): all but BigGo.</summary>
    public static TheoryData<string> Taking => PlatformCase.Honouring(PlatformOption.UploadCaptions);

    private string Upload(string provider, string title = "Lecture", string extra = "")
    {
        Ps.Ok(Platforms.Connect(provider));
        var file = Ps.NewFile($"{title}.mp4", 50_000, seed: title.Length);
        return Assert.IsType<Video>(Assert.Single(Ps.Ok($"Send-Video -LiteralPath $args[0] -Title $args[1] {extra}", file, title)).BaseObject).Id;
    }

    private string VttFile(string name, string text = Vtt)
    {
        var path = Path.Combine(Ps.Work, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The requests the Sandbox received for text tracks on a platform.</summary>
    private async Task<JsonElement[]> TrackRequestsAsync(string provider)
    {
        var platform = provider.ToLowerInvariant();
        return (await Sandbox.RequestsAsync(platform))
            .Where(r => r.GetProperty("path").GetString() is { } path && (path.Contains("/captions", StringComparison.Ordinal)
                || path.Contains("/chapters", StringComparison.Ordinal) || path.Contains("texttracks", StringComparison.Ordinal) || path.EndsWith("/subtitle", StringComparison.Ordinal)))
            .ToArray();
    }

    [Theory]
    [MemberData(nameof(Listable))]
    public void A_caption_is_added_listed_and_removed_through_the_pipeline(string provider)
    {
        var id = Upload(provider);
        var file = VttFile("talk.en.vtt");

        var added = Assert.IsType<VideoCaption>(Assert.Single(Ps.Ok("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en", id, file)).BaseObject);
        Assert.Equal((provider, id, "en", CaptionKind.Captions), (added.Provider, added.VideoId, added.Language, added.Kind));
        Ps.Ok("Get-Video -Id $args[0] | Add-VideoCaption -Path $args[1] -Language fr-CA", id, VttFile("talk.fr-CA.vtt"));

        var listed = Ps.Run("Get-VideoCaption -Video $args[0]", id);
        listed.AssertNoErrors();
        Assert.Equal(["en", "fr-CA"], listed.All<VideoCaption>().Select(c => c.Language).Order(StringComparer.Ordinal));
        Assert.Equal("en", Assert.IsType<VideoCaption>(Assert.Single(Ps.Ok("Get-VideoCaption -Video $args[0] -Language en*", id)).BaseObject).Language);

        Ps.Ok("Get-VideoCaption -Video $args[0] -Language en | Remove-VideoCaption -Confirm:$false", id);
        Assert.Equal("fr-CA", Assert.IsType<VideoCaption>(Assert.Single(Ps.Ok("Get-VideoCaption -Video $args[0]", id)).BaseObject).Language);

        var missing = Assert.Single(Ps.Run("Remove-VideoCaption -Video $args[0] -Language de -Confirm:$false", id).Errors);
        Assert.Equal("CaptionNotFound,VideoPlatforms.Commands.RemoveVideoCaptionCommand", missing.FullyQualifiedErrorId);
        Assert.Contains("fr-CA", missing.Exception.Message);
    }

    [Fact]
    public void Removing_tracks_asks_first_and_a_session_that_cannot_prompt_is_told_to_add_Force()
    {
        // A removed track cannot be brought back, and without -Kind every track in the language goes: like
        // Remove-Video, it asks, and where nobody can answer it says how to go on instead of removing.
        var id = Upload("Vimeo");
        Ps.Ok("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en", id, VttFile("asks.en.vtt"));
        Ps.Ok("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en -Kind Chapters", id, VttFile("asks.chapters.vtt"));

        var refused = Assert.Single(Ps.Run("Remove-VideoCaption -Video $args[0] -Language en", id).Errors);
        Assert.Equal("ConfirmationNotPossible,VideoPlatforms.Commands.RemoveVideoCaptionCommand", refused.FullyQualifiedErrorId);
        Assert.Contains("-Force or -Confirm:$false", refused.Exception.Message);
        Assert.Equal(2, Ps.Ok("Get-VideoCaption -Video $args[0]", id).Count);

        Ps.Ok("Remove-VideoCaption -Video $args[0] -Language en -Force", id);
        Assert.Empty(Ps.Ok("Get-VideoCaption -Video $args[0]", id));
    }

    [Fact]
    public async Task Videos_from_the_pipeline_each_get_their_own_file_through_a_delay_bound_path()
    {
        var first = Upload("ApiVideo", "Algebra", "-Tag lecture");
        var second = Upload("ApiVideo", "Geometry", "-Tag lecture");
        Directory.CreateDirectory(Path.Combine(Ps.Work, "captions"));
        var algebra = VttFile(Path.Combine("captions", "Algebra.en.vtt"), Vtt.Replace("Hello", "Algebra", StringComparison.Ordinal));
        var geometry = VttFile(Path.Combine("captions", "Geometry.en.vtt"), Vtt.Replace("Hello", "Geometry", StringComparison.Ordinal));

        var run = Ps.Run("$folder = $args[0]; Get-Video -Tag lecture | Add-VideoCaption -Path { \"$folder/$($_.Title).en.vtt\" } -Language en",
            Path.Combine(Ps.Work, "captions"));

        run.AssertNoErrors();
        Assert.Equal(2, run.All<VideoCaption>().Count());
        using var http = new HttpClient();
        foreach (var (id, file) in new[] { (first, algebra), (second, geometry) })
        {
            var caption = Assert.IsType<VideoCaption>(Assert.Single(Ps.Ok("Get-VideoCaption -Video $args[0]", id)).BaseObject);
            Assert.Equal(File.ReadAllText(file), await http.GetStringAsync(caption.Url));
        }
    }

    [Fact]
    public void ApiVideo_takes_chapters_apart_from_captions_and_a_default_caption()
    {
        var id = Upload("ApiVideo");
        var caption = Assert.IsType<VideoCaption>(Assert.Single(Ps.Ok("Add-VideoCaption $args[0] $args[1] -Language en -Default", id, VttFile("talk.en.vtt"))).BaseObject);
        Assert.True(caption.Default);
        Ps.Ok("Add-VideoCaption $args[0] $args[1] -Language en -Kind Chapters", id, VttFile("chapters.en.vtt"));

        var tracks = Ps.Ok("Get-VideoCaption $args[0]", id).Select(o => Assert.IsType<VideoCaption>(o.BaseObject)).ToList();
        Assert.Equal([CaptionKind.Captions, CaptionKind.Chapters], tracks.Select(t => t.Kind).Order());
        Assert.Single(Ps.Ok("Get-VideoCaption $args[0] -Kind Chapters", id));

        Ps.Ok("Remove-VideoCaption $args[0] en -Kind Chapters -Confirm:$false", id);
        Assert.Equal(CaptionKind.Captions, Assert.IsType<VideoCaption>(Assert.Single(Ps.Ok("Get-VideoCaption $args[0]", id)).BaseObject).Kind);
    }

    [Fact]
    public async Task Ziggeo_attaches_subtitles_to_the_default_stream_and_refuses_listing()
    {
        var id = Upload("Ziggeo");
        var added = Assert.IsType<VideoCaption>(Assert.Single(Ps.Ok("Add-VideoCaption $args[0] $args[1] -Language pt-BR -Label 'Português'", id, VttFile("talk.pt-BR.vtt"))).BaseObject);
        Assert.Equal((CaptionKind.Subtitles, "pt-BR", "Português"), (added.Kind, added.Language, added.Label));

        var stream = Assert.Single(Ps.Ok("(Get-Video -Id $args[0]).Raw.default_stream.token", id)).ToString();
        var attach = Assert.Single(await TrackRequestsAsync("Ziggeo"));
        Assert.Equal("POST", attach.GetProperty("method").GetString());
        Assert.Equal($"/v1/videos/{id}/streams/{stream}/subtitle", attach.GetProperty("path").GetString());

        var refused = Ps.Fails("Get-VideoCaption $args[0]", id);
        Assert.Equal("CaptionListingNotSupported,VideoPlatforms.Commands.GetVideoCaptionCommand", refused.FullyQualifiedErrorId);
        Assert.Contains("lists or removes", refused.Exception.Message);
    }

    [Fact]
    public async Task BigGo_refuses_captions_before_any_request()
    {
        var id = Upload("BigGo");
        var refused = Assert.Single(Ps.Run("Add-VideoCaption $args[0] $args[1] -Language en", id, VttFile("talk.en.vtt")).Errors);
        Assert.Equal("CaptionsNotSupported,VideoPlatforms.Commands.AddVideoCaptionCommand", refused.FullyQualifiedErrorId);
        Assert.Contains("BigGo", refused.Exception.Message);
        var before = (await Sandbox.RequestsAsync("biggo")).Length;
        Assert.Equal("CaptionsNotSupported,VideoPlatforms.Commands.GetVideoCaptionCommand", Ps.Fails("Get-VideoCaption $args[0]", id).FullyQualifiedErrorId);
        Assert.Equal(before, (await Sandbox.RequestsAsync("biggo")).Length);
    }

    public static TheoryData<string, string, int?, string> MalformedFiles => new()
    {
        { "subrip.vtt", "1\n00:00:01,000 --> 00:00:04,000\nHello.\n", 1, "starts with the line WEBVTT" },
        { "comma.vtt", "WEBVTT\n\n00:00:01,000 --> 00:00:04,000\nHello.\n", 3, "is not a cue timing" },
        { "backwards.vtt", "WEBVTT\n\n1\n00:00:05.000 --> 00:00:04.000\nHello.\n", 4, "before or when it starts" },
        { "glued.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n00:00:02.000 --> 00:00:03.000\nTwo\n", 5, "blank line between cues" },
        { "text-only.vtt", "WEBVTT\n\nHello without a timing.\n", 3, "expected a cue timing" },
        { "empty.vtt", "WEBVTT\n", null, "has no cues" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_is_refused_before_any_request_naming_the_file_and_the_line(string name, string text, int? line, string why)
    {
        var id = Upload("ApiVideo");
        var file = VttFile(name, text);

        var error = Assert.Single(Ps.Run("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en", id, file).Errors);

        Assert.Equal("CaptionFileInvalid,VideoPlatforms.Commands.AddVideoCaptionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(file, error.Exception.Message);
        Assert.Contains(why, error.Exception.Message);
        if (line is { } n) Assert.Contains($"line {n} ", error.Exception.Message);
        Assert.Empty(await TrackRequestsAsync("ApiVideo"));
    }

    [Theory]
    [InlineData("xx", "not an ISO 639-1 language code")]
    [InlineData("en_US", "only take dashes")]
    [InlineData("english", "not a language tag")]
    public async Task An_unknown_or_malformed_language_tag_is_refused_before_any_request(string language, string why)
    {
        var id = Upload("Vimeo");
        var error = Assert.Single(Ps.Run("Add-VideoCaption -Video $args[0] -Path $args[1] -Language $args[2]", id, VttFile("talk.vtt"), language).Errors);
        Assert.Equal("InvalidLanguage,VideoPlatforms.Commands.AddVideoCaptionCommand", error.FullyQualifiedErrorId);
        Assert.Equal(language, error.TargetObject);
        Assert.Contains(why, error.Exception.Message);
        Assert.Empty(await TrackRequestsAsync("Vimeo"));
    }

    [Theory]
    [InlineData("ApiVideo", "-Label English", "Label")]
    [InlineData("ApiVideo", "-Kind Subtitles", "Kind")]
    [InlineData("Vimeo", "-Default", "Default")]
    [InlineData("Ziggeo", "-Kind Chapters", "Kind")]
    [InlineData("Ziggeo", "-Default", "Default")]
    public async Task What_a_platform_lacks_is_refused_by_its_declaration(string provider, string option, string parameter)
    {
        var id = Upload(provider);
        var error = Ps.Fails($"Add-VideoCaption -Video $args[0] -Path $args[1] -Language en {option}", id, VttFile("talk.en.vtt"));
        Assert.Equal("ParameterNotSupported,VideoPlatforms.Commands.AddVideoCaptionCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"-{parameter}", error.Exception.Message);
        Assert.Empty(await TrackRequestsAsync(provider));
    }

    [Fact]
    public void The_default_view_shows_the_columns_a_person_scans()
    {
        var id = Upload("ApiVideo");
        Ps.Ok("Add-VideoCaption $args[0] $args[1] -Language en", id, VttFile("talk.en.vtt"));
        Ps.Ok("Get-VideoCaption $args[0] | Out-Default", id);
        var text = Ps.Screen;
        Assert.Matches(@"Provider\s+VideoId\s+Kind\s+Language\s+Default\s+Label", text);
        Assert.Contains(id, text);
        Assert.Matches(@"Captions\s+en\s+False", text);
    }

    [Theory]
    [MemberData(nameof(Listable))]
    public void Send_Video_attaches_the_caption_files_with_the_language_from_their_names(string provider)
    {
        Ps.Ok(Platforms.Connect(provider));
        var file = Ps.NewFile("talk.mp4", 40_000, seed: 7);
        var english = VttFile("talk.en.vtt");
        var brazilian = VttFile("talk.pt-BR.vtt");

        var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Send-Video -LiteralPath $args[0] -CaptionPath $args[1], $args[2]", file, english, brazilian)).BaseObject);

        var captions = Ps.Ok("Get-VideoCaption $args[0]", video.Id).Select(o => Assert.IsType<VideoCaption>(o.BaseObject)).ToList();
        Assert.Equal(["en", "pt-BR"], captions.Select(c => c.Language).Order(StringComparer.Ordinal));
        var entry = Assert.IsType<VideoPlatforms.Upload.UploadJournalEntry>(Assert.Single(Ps.Ok("Get-VideoUploadJournal")).BaseObject);
        Assert.Equal(2, entry.CaptionsAttached.Count);
    }

    [Fact]
    public async Task A_resumed_Send_Video_attaches_only_the_captions_an_earlier_run_did_not()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var file = Ps.NewFile("talk.mp4", 40_000, seed: 8);
        var (english, french) = (VttFile("talk.en.vtt"), VttFile("talk.fr.vtt"));
        await Sandbox.AddFaultAsync(new { platform = "apivideo", method = "POST", pathPattern = "/captions/fr$", kind = "status", status = 400, times = 1 });

        var first = Ps.Run("Send-Video -LiteralPath $args[0] -CaptionPath $args[1], $args[2]", file, english, french);
        var video = first.Single<Video>();
        var failed = Assert.Single(first.Errors);
        Assert.Contains(french, failed.Exception.Message);
        Assert.Contains("-Resume", failed.Exception.Message);

        var second = Ps.Run("Send-Video -LiteralPath $args[0] -CaptionPath $args[1], $args[2] -Resume -Verbose", file, english, french);
        second.AssertNoErrors();
        Assert.Equal(video.Id, second.Single<Video>().Id);
        Assert.Contains(second.Verbose, v => v.Contains("not attaching it twice", StringComparison.Ordinal));

        var posts = (await TrackRequestsAsync("ApiVideo")).Where(r => r.GetProperty("method").GetString() == "POST").Select(r => r.GetProperty("path").GetString()).ToList();
        Assert.Equal(1, posts.Count(p => p!.EndsWith("/captions/en", StringComparison.Ordinal)));
        Assert.Equal(2, posts.Count(p => p!.EndsWith("/captions/fr", StringComparison.Ordinal)));
        Assert.Equal(["en", "fr"], Ps.Ok("Get-VideoCaption $args[0]", video.Id).Select(o => Assert.IsType<VideoCaption>(o.BaseObject).Language).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Send_Video_refuses_bad_caption_files_and_BigGo_before_any_upload()
    {
        Ps.Ok(Platforms.Connect("ApiVideo"));
        var file = Ps.NewFile("talk.mp4", 40_000, seed: 9);
        var unnamed = Ps.Fails("Send-Video -LiteralPath $args[0] -CaptionPath $args[1]", file, VttFile("talk.vtt"));
        Assert.Equal("CaptionLanguageUnknown,VideoPlatforms.Commands.SendVideoCommand", unnamed.FullyQualifiedErrorId);
        var broken = Ps.Fails("Send-Video -LiteralPath $args[0] -CaptionPath $args[1]", file, VttFile("broken.en.vtt", "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHi\n"));
        Assert.Equal("CaptionFileInvalid,VideoPlatforms.Commands.SendVideoCommand", broken.FullyQualifiedErrorId);
        Assert.Contains("line 3", broken.Exception.Message);
        Assert.Equal(0, await Platforms.AdminVideoCountAsync(Sandbox, "ApiVideo"));

        Ps.Ok(Platforms.Connect("BigGo"));
        var before = await Platforms.AdminVideoCountAsync(Sandbox, "BigGo");
        var refused = Ps.Fails("Send-Video -LiteralPath $args[0] -CaptionPath $args[1]", file, VttFile("talk.en.vtt"));
        Assert.Equal("ParameterNotSupported,VideoPlatforms.Commands.SendVideoCommand", refused.FullyQualifiedErrorId);
        Assert.Equal(before, await Platforms.AdminVideoCountAsync(Sandbox, "BigGo"));
    }
}

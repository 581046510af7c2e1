using System.Text;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

/// <summary>
/// Captions, chapters and subtitles on the three platforms that take them, spoken to with plain HttpClient: api.video's
/// /captions and /chapters (docs/platforms/apivideo.md#captions-and-chapters), Vimeo's text tracks
/// (docs/platforms/vimeo.md#text-tracks), Ziggeo's stream subtitles (docs/platforms/ziggeo.md#subtitles-and-stream-images).
/// </summary>
public sealed class CaptionContractTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private const string Vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello.\n";

    private static MultipartFormDataContent VttFile(string text, string fileName = "talk.en.vtt")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/vtt");
        form.Add(file, "file", fileName);
        return form;
    }

    [Fact]
    public async Task ApiVideo_captions_are_uploaded_listed_made_default_read_from_src_and_deleted()
    {
        await Api.LoginAsync();
        var videoId = (await Api.CreateVideoAsync("Lecture")).Str("videoId");

        var caption = await Json.ReadAsync(await Api.Http.PostAsync($"videos/{videoId}/captions/en", VttFile(Vtt)), HttpStatusCode.OK);
        Assert.Equal($"/videos/{videoId}/captions/en", caption.Str("uri"));
        Assert.Equal("en", caption.Str("srclang"));
        Assert.False(caption.GetProperty("default").GetBoolean());
        Assert.False(string.IsNullOrEmpty(caption.Str("languageName")));
        await Json.ReadAsync(await Api.Http.PostAsync($"videos/{videoId}/captions/fr-CA", VttFile(Vtt)), HttpStatusCode.OK);

        var list = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{videoId}/captions"), HttpStatusCode.OK);
        Assert.Equal(["en", "fr-CA"], list.GetProperty("data").EnumerateArray().Select(c => c.Str("srclang")));
        Assert.Equal(2, list.GetProperty("pagination").GetProperty("itemsTotal").GetInt32());

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"videos/{videoId}/captions/fr-CA") { Content = Json.Content(new { @default = true }) };
        Assert.True((await Json.ReadAsync(await Api.Http.SendAsync(patch), HttpStatusCode.OK)).GetProperty("default").GetBoolean());
        var en = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{videoId}/captions/en"), HttpStatusCode.OK);
        Assert.False(en.GetProperty("default").GetBoolean());

        // The src link is public, like the video's other assets, and serves the file as uploaded.
        using var anonymous = new HttpClient();
        Assert.Equal(Vtt, await anonymous.GetStringAsync(en.Str("src")));

        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"videos/{videoId}/captions/en")).StatusCode);
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync($"videos/{videoId}/captions/en"), HttpStatusCode.NotFound, "resource-not-found", "language");
        await Json.AssertApiVideoErrorAsync(await Api.Http.DeleteAsync($"videos/{videoId}/captions/en"), HttpStatusCode.NotFound, "resource-not-found", "language");
    }

    [Fact]
    public async Task ApiVideo_chapters_are_kept_apart_from_captions()
    {
        await Api.LoginAsync();
        var videoId = (await Api.CreateVideoAsync("Lecture")).Str("videoId");
        var chapter = await Json.ReadAsync(await Api.Http.PostAsync($"videos/{videoId}/chapters/en", VttFile(Vtt)), HttpStatusCode.OK);
        Assert.Equal("en", chapter.Str("language"));
        Assert.Equal($"/videos/{videoId}/chapters/en", chapter.Str("uri"));
        Assert.False(chapter.TryGetProperty("srclang", out _));

        Assert.Single((await Json.ReadAsync(await Api.Http.GetAsync($"videos/{videoId}/chapters"), HttpStatusCode.OK)).GetProperty("data").EnumerateArray());
        Assert.Empty((await Json.ReadAsync(await Api.Http.GetAsync($"videos/{videoId}/captions"), HttpStatusCode.OK)).GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"videos/{videoId}/chapters/en")).StatusCode);
    }

    [Fact]
    public async Task ApiVideo_refuses_a_bad_language_a_file_that_is_not_webvtt_and_an_unknown_video()
    {
        await Api.LoginAsync();
        var videoId = (await Api.CreateVideoAsync("Lecture")).Str("videoId");

        var formatting = await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync($"videos/{videoId}/captions/en_US", VttFile(Vtt)), HttpStatusCode.BadRequest, "invalid-attribute", "language");
        Assert.Contains("only letters and dashes", formatting.Str("detail"), StringComparison.Ordinal);
        var unknown = await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync($"videos/{videoId}/captions/xx", VttFile(Vtt)), HttpStatusCode.BadRequest, "invalid-attribute", "language");
        Assert.Equal("The \"language\" attribute is not valid.", unknown.Str("detail"));

        await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync($"videos/{videoId}/captions/en", VttFile("1\n00:00:01,000 --> 00:00:04,000\nHello.\n", "talk.srt")),
            HttpStatusCode.BadRequest, "invalid-attribute", "file");
        await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync($"videos/{videoId}/captions/en", new StringContent("WEBVTT")), HttpStatusCode.BadRequest, "uploaded-file-no-file", "file");
        await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync("videos/vi00000000000000000000xx/captions/en", VttFile(Vtt)), HttpStatusCode.NotFound, "resource-not-found", "videoId");
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos/vi00000000000000000000xx/captions"), HttpStatusCode.NotFound, "resource-not-found", "videoId");
        Assert.Empty((await Json.ReadAsync(await Api.Http.GetAsync($"videos/{videoId}/captions"), HttpStatusCode.OK)).GetProperty("data").EnumerateArray());
    }

    private HttpClient Vimeo()
    {
        var http = new HttpClient { BaseAddress = Server.VimeoBaseUri };
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.vimeo.*+json;version=3.4");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxCredentials.VimeoAccessToken);
        return http;
    }

    [Fact]
    public async Task Vimeo_text_track_is_created_filled_through_its_link_activated_listed_and_deleted()
    {
        using var http = Vimeo();
        var video = await Json.ReadAsync(await http.PostAsync("me/videos", Json.Content(new { upload = new { approach = "tus", size = 10 }, name = "Lecture" })), HttpStatusCode.OK);
        var uri = video.Str("uri");

        var track = await Json.ReadAsync(await http.PostAsync($"{uri.TrimStart('/')}/texttracks", Json.Content(new { type = "captions", language = "en", name = "English" })), HttpStatusCode.Created);
        Assert.StartsWith($"{uri}/texttracks/", track.Str("uri"), StringComparison.Ordinal);
        Assert.False(track.GetProperty("active").GetBoolean());
        Assert.Equal("captions", track.Str("type"));

        // Activating a track with no file yet is refused: the file goes to the link first.
        var early = new HttpRequestMessage(HttpMethod.Patch, track.Str("uri").TrimStart('/')) { Content = Json.Content(new { active = true }) };
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(early)).StatusCode);

        using var upload = new HttpClient();
        var bad = await upload.PutAsync(track.Str("link"), new StringContent("1\n00:00:01,000 --> 00:00:04,000\nHello.\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await upload.PutAsync(track.Str("link"), new StringContent(Vtt))).StatusCode);
        var forged = track.Str("link").Split("&sig=")[0] + "&sig=forged";
        Assert.Equal(HttpStatusCode.Forbidden, (await upload.PutAsync(forged, new StringContent(Vtt))).StatusCode);

        var activate = new HttpRequestMessage(HttpMethod.Patch, track.Str("uri").TrimStart('/')) { Content = Json.Content(new { active = true }) };
        Assert.True((await Json.ReadAsync(await http.SendAsync(activate), HttpStatusCode.OK)).GetProperty("active").GetBoolean());
        Assert.Equal(Vtt, await upload.GetStringAsync(track.Str("link")));

        var list = await Json.ReadAsync(await http.GetAsync($"{uri.TrimStart('/')}/texttracks"), HttpStatusCode.OK);
        var listed = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal("en", listed.Str("language"));
        Assert.True(listed.GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(track.Str("uri").TrimStart('/'))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync(track.Str("uri").TrimStart('/'))).StatusCode);
        Assert.Empty((await Json.ReadAsync(await http.GetAsync($"{uri.TrimStart('/')}/texttracks"), HttpStatusCode.OK)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Vimeo_refuses_an_unknown_type_or_language_and_an_unknown_video()
    {
        using var http = Vimeo();
        var video = await Json.ReadAsync(await http.PostAsync("me/videos", Json.Content(new { upload = new { approach = "tus", size = 10 }, name = "Lecture" })), HttpStatusCode.OK);
        var tracks = $"{video.Str("uri").TrimStart('/')}/texttracks";
        var type = await Json.ReadAsync(await http.PostAsync(tracks, Json.Content(new { type = "karaoke", language = "en", name = "x" })), HttpStatusCode.BadRequest);
        Assert.Equal("type", type.GetProperty("invalid_parameters")[0].Str("field"));
        var language = await Json.ReadAsync(await http.PostAsync(tracks, Json.Content(new { type = "captions", language = "klingon", name = "x" })), HttpStatusCode.BadRequest);
        Assert.Equal("language", language.GetProperty("invalid_parameters")[0].Str("field"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("videos/1/texttracks", Json.Content(new { type = "captions", language = "en", name = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("videos/1/texttracks")).StatusCode);
    }

    [Fact]
    public async Task Ziggeo_subtitle_is_attached_to_a_stream_and_bad_ones_are_refused()
    {
        using var api = new HttpClient { BaseAddress = new Uri(Server.BaseUri, "ziggeo/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxCredentials.ZiggeoApplicationToken}:{SandboxCredentials.ZiggeoPrivateKey}")));
        var created = await Json.ReadAsync(await api.PostAsync("v1/videos-upload-url", new FormUrlEncodedContent([new("video_type", "mp4")])), HttpStatusCode.OK);
        var video = created.GetProperty("video");
        var path = $"v1/videos/{video.Str("token")}/streams/{video.GetProperty("default_stream").Str("token")}/subtitle";

        FormUrlEncodedContent Form(string lang, string data) => new([new("lang", lang), new("label", "English"), new("data", data)]);
        var stream = await Json.ReadAsync(await api.PostAsync(path, Form("en", Vtt)), HttpStatusCode.OK);
        var subtitle = Assert.Single(stream.GetProperty("subtitles").EnumerateArray());
        Assert.Equal("en", subtitle.Str("lang"));
        Assert.Equal("English", subtitle.Str("label"));

        Assert.Equal("400", (await Json.ReadAsync(await api.PostAsync(path, Form("xx", Vtt)), HttpStatusCode.BadRequest)).Str("code"));
        Assert.Equal("400", (await Json.ReadAsync(await api.PostAsync(path, Form("en", "not a subtitle")), HttpStatusCode.BadRequest)).Str("code"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"v1/videos/{video.Str("token")}/streams/nosuchstream/subtitle", Form("en", Vtt))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("v1/videos/nosuchvideo/streams/x/subtitle", Form("en", Vtt))).StatusCode);
    }

    [Fact]
    public async Task Ziggeo_stream_image_is_attached_and_a_missing_file_or_stream_is_refused()
    {
        using var api = new HttpClient { BaseAddress = new Uri(Server.BaseUri, "ziggeo/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxCredentials.ZiggeoApplicationToken}:{SandboxCredentials.ZiggeoPrivateKey}")));
        var video = (await Json.ReadAsync(await api.PostAsync("v1/videos-upload-url", new FormUrlEncodedContent([new("video_type", "mp4")])), HttpStatusCode.OK)).GetProperty("video");
        var path = $"v1/videos/{video.Str("token")}/streams/{video.GetProperty("default_stream").Str("token")}/image";

        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[1234]), "file", "poster.jpg" } };
        var stream = await Json.ReadAsync(await api.PostAsync(path, form), HttpStatusCode.OK);
        Assert.True(stream.GetProperty("has_image").GetBoolean());
        Assert.Equal(1234, stream.GetProperty("image_size").GetInt64());

        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        Assert.Equal("400", (await Json.ReadAsync(await api.PostAsync(path, empty), HttpStatusCode.BadRequest)).Str("code"));
        using var elsewhere = new MultipartFormDataContent { { new ByteArrayContent(new byte[10]), "file", "poster.jpg" } };
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"v1/videos/{video.Str("token")}/streams/nosuch/image", elsewhere)).StatusCode);
    }
}

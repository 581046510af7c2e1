using System.Text;
using System.Text.RegularExpressions;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

public sealed partial class VideoTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    [GeneratedRegex("^vi[A-Za-z0-9]{22}$")]
    private static partial Regex VideoId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")]
    private static partial Regex AtomDate();

    [Fact]
    public async Task Create_returns_201_with_the_full_video_object()
    {
        await Api.LoginAsync();
        var video = await Api.CreateVideoAsync("Maths video", new
        {
            description = "String theory",
            @public = false,
            panoramic = true,
            mp4Support = true,
            tags = new[] { "maths", "theory" },
            metadata = new[] { new { key = "Author", value = "John" } },
            playerId = "pl123",
            language = "en",
        });

        Assert.Matches(VideoId(), video.Str("videoId"));
        Assert.Equal("Maths video", video.Str("title"));
        Assert.Equal("String theory", video.Str("description"));
        Assert.False(video.GetProperty("public").GetBoolean());
        Assert.True(video.GetProperty("panoramic").GetBoolean());
        Assert.Equal(["maths", "theory"], video.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("John", video.GetProperty("metadata")[0].Str("value"));
        Assert.Equal("pl123", video.Str("playerId"));
        Assert.Equal("en", video.Str("language"));
        Assert.Equal("api", video.Str("languageOrigin"));
        Assert.False(video.GetProperty("discarded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("discardedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, video.GetProperty("deletesAt").ValueKind);
        foreach (var date in new[] { "createdAt", "updatedAt", "publishedAt" })
        {
            Assert.Matches(AtomDate(), video.Str(date));
        }

        Assert.Empty(video.GetProperty("source").EnumerateObject());
        var assets = video.GetProperty("assets");
        var mp4 = new Uri(assets.Str("mp4"));
        Assert.Equal(Server.BaseUri.Port, mp4.Port);
        Assert.StartsWith($"/apivideo/vod/{video.Str("videoId")}/", mp4.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("<iframe", assets.Str("iframe"), StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(assets.Str("hls"), UriKind.Absolute));
    }

    [Fact]
    public async Task Defaults_apply_when_only_the_title_is_given()
    {
        await Api.LoginAsync();
        var video = await Api.CreateVideoAsync("Only a title");

        Assert.True(video.GetProperty("public").GetBoolean());
        Assert.False(video.GetProperty("panoramic").GetBoolean());
        Assert.True(video.GetProperty("mp4Support").GetBoolean());
        Assert.Equal(0, video.GetProperty("tags").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, video.GetProperty("language").ValueKind);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"title\":\"   \"}")]
    [InlineData("{\"title\":null,\"description\":\"x\"}")]
    public async Task Missing_or_blank_title_is_400_attribute_required(string body)
    {
        await Api.LoginAsync();
        var response = await Api.Http.PostAsync("videos", new StringContent(body, Encoding.UTF8, "application/json"));
        await Json.AssertApiVideoErrorAsync(response, HttpStatusCode.BadRequest, "attribute-required", name: "title");
    }

    [Fact]
    public async Task Invalid_json_and_wrong_types_are_400()
    {
        await Api.LoginAsync();
        await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync("videos", new StringContent("{not json", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "invalid-payload");

        var response = await Api.Http.PostAsync("videos", Json.Content(new { title = "t", tags = "not-an-array", @public = "yes" }));
        var body = await Json.AssertApiVideoErrorAsync(response, HttpStatusCode.BadRequest, "invalid-attribute", name: "public");
        Assert.Equal(2, body.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Get_unknown_video_is_404_resource_not_found()
    {
        await Api.LoginAsync();
        var response = await Api.Http.GetAsync("videos/vi0000000000000000000000");

        var body = await Json.AssertApiVideoErrorAsync(response, HttpStatusCode.NotFound, "resource-not-found", name: "videoId");
        Assert.Equal("The requested resource was not found.", body.Str("title"));
    }

    [Fact]
    public async Task Patch_updates_only_the_given_fields_and_replaces_lists()
    {
        await Api.LoginAsync();
        var created = await Api.CreateVideoAsync("Before", new
        {
            description = "kept",
            tags = new[] { "a", "b" },
            metadata = new[] { new { key = "k1", value = "v1" }, new { key = "k2", value = "v2" } },
        });
        var id = created.Str("videoId");

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"videos/{id}")
        {
            Content = Json.Content(new { title = "After", tags = new[] { "c" }, metadata = new[] { new { key = "k3", value = "v3" } } }),
        };
        var updated = await Json.ReadAsync(await Api.Http.SendAsync(patch), HttpStatusCode.OK);

        Assert.Equal("After", updated.Str("title"));
        Assert.Equal("kept", updated.Str("description"));
        Assert.Equal(["c"], updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var metadata = Assert.Single(updated.GetProperty("metadata").EnumerateArray());
        Assert.Equal("k3", metadata.Str("key"));
        var fetched = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}"), HttpStatusCode.OK);
        Assert.Equal("After", fetched.Str("title"));
    }

    [Fact]
    public async Task Delete_is_204_then_the_video_is_gone()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Doomed")).Str("videoId");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"videos/{id}")).StatusCode);
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync($"videos/{id}"), HttpStatusCode.NotFound, "resource-not-found");
        await Json.AssertApiVideoErrorAsync(await Api.Http.DeleteAsync($"videos/{id}"), HttpStatusCode.NotFound, "resource-not-found");
        Assert.Empty(Server.State.ApiVideo.GetVideos());
    }

    [Fact]
    public async Task Accounts_are_isolated()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Account one's")).Str("videoId");
        var token = (await Json.ReadAsync(await Api.Http.PostAsync("upload-tokens", Json.Content(new { ttl = 0 })), HttpStatusCode.OK)).Str("token");

        using var other = new ApiVideoTestClient(Server.ApiVideoBaseUri);
        await other.LoginAsync(SandboxCredentials.ApiVideoSecondApiKey);
        await Json.AssertApiVideoErrorAsync(await other.Http.GetAsync($"videos/{id}"), HttpStatusCode.NotFound, "resource-not-found");
        await Json.AssertApiVideoErrorAsync(await other.Http.DeleteAsync($"videos/{id}"), HttpStatusCode.NotFound, "resource-not-found");
        await Json.AssertApiVideoErrorAsync(await other.Http.GetAsync($"upload-tokens/{token}"), HttpStatusCode.NotFound, "resource-not-found", "uploadToken");
        var list = await Json.ReadAsync(await other.Http.GetAsync("videos"), HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("pagination").GetProperty("itemsTotal").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync($"videos/{id}")).StatusCode);
        Assert.Equal(1, (await AdminVideoAsync(id)).GetProperty("account").GetInt32());
    }

    [Fact]
    public async Task Thumbnails_accept_images_and_timecodes()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Thumb")).Str("videoId");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };

        var uploaded = await Api.UploadAsync($"videos/{id}/thumbnail", png, 0, png.Length, null, fileName: "poster.png");
        Assert.Equal(id, (await Json.ReadAsync(uploaded, HttpStatusCode.OK)).Str("videoId"));
        Assert.True((await AdminVideoAsync(id)).GetProperty("hasThumbnail").GetBoolean());

        var gif = await Api.UploadAsync($"videos/{id}/thumbnail", png, 0, png.Length, null, fileName: "poster.gif");
        await Json.AssertApiVideoErrorAsync(gif, HttpStatusCode.BadRequest, "uploaded-file-extension-invalid");

        var pick = new HttpRequestMessage(HttpMethod.Patch, $"videos/{id}/thumbnail") { Content = Json.Content(new { timecode = "00:00:01.000" }) };
        await Json.ReadAsync(await Api.Http.SendAsync(pick), HttpStatusCode.OK);
        var bad = new HttpRequestMessage(HttpMethod.Patch, $"videos/{id}/thumbnail") { Content = Json.Content(new { timecode = "soon" }) };
        await Json.AssertApiVideoErrorAsync(await Api.Http.SendAsync(bad), HttpStatusCode.BadRequest, "invalid-attribute", "timecode");
    }

    [Fact]
    public async Task The_thumbnail_asset_serves_the_uploaded_image_without_a_key_and_404_before_one()
    {
        await Api.LoginAsync();
        var created = await Api.CreateVideoAsync("Poster");
        var link = created.GetProperty("assets").GetProperty("thumbnail").GetString()!;
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link)).StatusCode);

        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 4, 5, 6 };
        await Json.ReadAsync(await Api.UploadAsync($"videos/{created.Str("videoId")}/thumbnail", png, 0, png.Length, null, fileName: "poster.png"), HttpStatusCode.OK);

        var served = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_api_video_404_and_405()
    {
        await Api.LoginAsync();
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("no/such/thing"), HttpStatusCode.NotFound, "unrecognized-request-url");

        var put = await Api.Http.PutAsync("videos", Json.Content(new { }));
        await Json.AssertApiVideoErrorAsync(put, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Contains("GET", put.Content.Headers.Allow);
    }
}

using System.Security.Cryptography;
using System.Text;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests.Vimeo;

/// <summary>The Vimeo emulation against its contract (docs/platforms/vimeo.md), driven with a plain HttpClient.</summary>
public sealed class VimeoContractTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private HttpClient Client(string? token = SandboxCredentials.VimeoAccessToken)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Server.VimeoBaseUri };
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.vimeo.*+json;version=3.4");
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    private static FormUrlEncodedContent Form(params (string, string)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private static HttpRequestMessage Patch(Uri link, long offset, byte[] body, string contentType = "application/offset+octet-stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, link) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static async Task<long> HeadOffsetAsync(HttpClient http, Uri link)
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, link);
        head.Headers.Add("Tus-Resumable", "1.0.0");
        var response = await http.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(string Uri, Uri Link)> CreateAsync(HttpClient http, long size, string name = "clip")
    {
        var body = await Json.ReadAsync(await http.PostAsync("me/videos?fields=uri,upload", Json.Content(new { upload = new { approach = "tus", size }, name })), HttpStatusCode.OK);
        Assert.Equal(["uri", "upload"], body.EnumerateObject().Select(p => p.Name));
        return (body.Str("uri"), new Uri(body.GetProperty("upload").Str("upload_link")));
    }

    [Fact]
    public async Task Verify_returns_the_user_and_scopes_and_a_wrong_token_gets_401()
    {
        using var http = Client();
        var auth = await Json.ReadAsync(await http.GetAsync("oauth/verify"), HttpStatusCode.OK);
        Assert.Equal("/users/1001", auth.GetProperty("user").Str("uri"));
        Assert.Contains("upload", auth.Str("scope").Split(' '));

        using var wrong = Client("not-a-token");
        var error = await Json.ReadAsync(await wrong.GetAsync("oauth/verify"), HttpStatusCode.Unauthorized);
        Assert.False(string.IsNullOrEmpty(error.Str("error")));
        var upload = await Json.ReadAsync(await wrong.PostAsync("me/videos", Json.Content(new { upload = new { approach = "tus", size = 1 } })), HttpStatusCode.Unauthorized);
        Assert.Equal(8003, upload.GetProperty("error_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(upload.Str("developer_message")));
    }

    [Fact]
    public async Task Client_credentials_give_an_app_token_without_a_user()
    {
        using var http = Client(null);
        var request = new HttpRequestMessage(HttpMethod.Post, "oauth/authorize/client")
        {
            Content = Form(("grant_type", "client_credentials"), ("scope", "public private")),
        };
        request.Headers.Authorization = Basic(SandboxCredentials.VimeoClientId, SandboxCredentials.VimeoClientSecret);
        var auth = await Json.ReadAsync(await http.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal("private public", auth.Str("scope"));
        Assert.False(auth.TryGetProperty("user", out _));

        using var app = Client(auth.Str("access_token"));
        var me = await Json.ReadAsync(await app.GetAsync("me/videos"), HttpStatusCode.Unauthorized);
        Assert.Equal(8002, me.GetProperty("error_code").GetInt32());

        var wrong = new HttpRequestMessage(HttpMethod.Post, "oauth/authorize/client") { Content = Form(("grant_type", "client_credentials")) };
        wrong.Headers.Authorization = Basic(SandboxCredentials.VimeoClientId, "wrong");
        var refused = await Json.ReadAsync(await http.SendAsync(wrong), HttpStatusCode.Unauthorized);
        Assert.Equal(8001, refused.GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task Authorization_code_redirects_with_code_and_state_and_the_code_works_once()
    {
        using var http = Client(null);
        var redirect = "http://localhost:9/callback";
        var authorize = await http.GetAsync($"oauth/authorize?response_type=code&client_id={SandboxCredentials.VimeoClientId}&redirect_uri={Uri.EscapeDataString(redirect)}&scope=public+upload&state=xyz");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.StartsWith(redirect + "?code=", location.ToString());
        Assert.EndsWith("&state=xyz", location.ToString());
        var code = System.Web.HttpUtility.ParseQueryString(location.Query)["code"]!;

        HttpRequestMessage Exchange(string uri)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "oauth/access_token")
            {
                Content = Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", uri)),
            };
            request.Headers.Authorization = Basic(SandboxCredentials.VimeoClientId, SandboxCredentials.VimeoClientSecret);
            return request;
        }

        var mismatch = await Json.ReadAsync(await http.SendAsync(Exchange("http://localhost:9/other")), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", mismatch.Str("error"));
        Assert.False(string.IsNullOrEmpty(mismatch.Str("error_description")));

        // The mismatch used the code up (codes are single use), so ask for a new one.
        authorize = await http.GetAsync($"oauth/authorize?response_type=code&client_id={SandboxCredentials.VimeoClientId}&redirect_uri={Uri.EscapeDataString(redirect)}&scope=public+upload&state=s2");
        code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        var auth = await Json.ReadAsync(await http.SendAsync(Exchange(redirect)), HttpStatusCode.OK);
        Assert.Equal("public upload", auth.Str("scope"));
        Assert.Equal("/users/1001", auth.GetProperty("user").Str("uri"));
        var again = await Json.ReadAsync(await http.SendAsync(Exchange(redirect)), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", again.Str("error"));
    }

    [Fact]
    public async Task Tus_upload_keeps_offsets_refuses_a_wrong_offset_and_completes_with_the_right_hash()
    {
        using var http = Client();
        var content = RandomNumberGenerator.GetBytes(300_000);
        var (uri, link) = await CreateAsync(http, content.Length);
        Assert.Equal(0, await HeadOffsetAsync(http, link));

        var first = await http.SendAsync(Patch(link, 0, content[..100_000]));
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("100000", first.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(HttpStatusCode.Conflict, (await http.SendAsync(Patch(link, 0, content[..10]))).StatusCode);
        Assert.Equal((HttpStatusCode)415, (await http.SendAsync(Patch(link, 100_000, content[100_000..], "application/octet-stream"))).StatusCode);
        Assert.Equal(100_000, await HeadOffsetAsync(http, link));

        var video = await Json.ReadAsync(await http.GetAsync(uri.TrimStart('/') + "?fields=upload.status,status"), HttpStatusCode.OK);
        Assert.Equal("in_progress", video.GetProperty("upload").Str("status"));

        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(Patch(link, 100_000, content[100_000..]))).StatusCode);
        var stored = await AdminVimeoVideoAsync(uri.Split('/')[^1]);
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Str("sha256"));
        video = await Json.ReadAsync(await http.GetAsync(uri.TrimStart('/') + "?fields=upload.status,transcode.status"), HttpStatusCode.OK);
        Assert.Equal("complete", video.GetProperty("upload").Str("status"));
        Assert.Equal("complete", video.GetProperty("transcode").Str("status"));
    }

    [Fact]
    public async Task A_patch_cut_off_midway_keeps_the_bytes_that_arrived()
    {
        using var http = Client();
        var content = RandomNumberGenerator.GetBytes(400_000);
        var (uri, link) = await CreateAsync(http, content.Length);
        await AddFaultAsync(new { platform = "vimeo", method = "PATCH", pathPattern = "^/tus/", kind = "dropMidBody", afterBytes = 150_000 });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.SendAsync(Patch(link, 0, content)));
        Assert.Equal(150_000, await HeadOffsetAsync(http, link));
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(Patch(link, 150_000, content[150_000..]))).StatusCode);
        var stored = await AdminVimeoVideoAsync(uri.Split('/')[^1]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Str("sha256"));
    }

    [Fact]
    public async Task Listing_is_a_paged_collection_with_relative_links_and_the_JSON_filter()
    {
        using var http = Client();
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsync("vimeo/seed", Json.Content(new { account = 1, count = 5, namePrefix = "Clip" }))).StatusCode);
        await Admin.PostAsync("vimeo/seed", Json.Content(new { account = 2, count = 3 }));

        var page = await Json.ReadAsync(await http.GetAsync("me/videos?per_page=2&sort=date&direction=asc&fields=uri,name"), HttpStatusCode.OK);
        Assert.Equal(5, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("per_page").GetInt32());
        var next = page.GetProperty("paging").Str("next");
        Assert.StartsWith("/me/videos?", next);
        Assert.Contains("page=2", next);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("paging").GetProperty("previous").ValueKind);
        Assert.All(page.GetProperty("data").EnumerateArray(), v => Assert.Equal(["uri", "name"], v.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("Clip 1", page.GetProperty("data")[0].Str("name"));

        var filtered = await Json.ReadAsync(await http.GetAsync("me/videos?query=clip%203&fields=name"), HttpStatusCode.OK);
        Assert.Equal(1, filtered.GetProperty("total").GetInt32());
        Assert.Equal("Clip 3", Assert.Single(filtered.GetProperty("data").EnumerateArray()).Str("name"));

        var tooBig = await Json.ReadAsync(await http.GetAsync("me/videos?per_page=101"), HttpStatusCode.BadRequest);
        Assert.Equal(2204, tooBig.GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task Edit_delete_tags_and_scopes_follow_the_contract()
    {
        using var http = Client();
        var (uri, _) = await CreateAsync(http, 10);
        var path = uri.TrimStart('/');

        var invalid = await Json.ReadAsync(await http.PatchAsync(path, Json.Content(new { privacy = new { view = "secret" } })), HttpStatusCode.BadRequest);
        Assert.Equal("privacy.view", invalid.GetProperty("invalid_parameters")[0].Str("field"));
        var edited = await Json.ReadAsync(await http.PatchAsync(path + "?fields=name,privacy.view", Json.Content(new { name = "New", privacy = new { view = "unlisted" } })), HttpStatusCode.OK);
        Assert.Equal("unlisted", edited.GetProperty("privacy").Str("view"));

        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync(path + "/tags", Json.Content(new[] { new { name = "a" }, new { name = "b" } }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(path + "/tags/a")).StatusCode);
        var tags = await Json.ReadAsync(await http.GetAsync(path + "?fields=tags.name"), HttpStatusCode.OK);
        Assert.Equal("b", Assert.Single(tags.GetProperty("tags").EnumerateArray()).Str("name"));

        var limited = await Json.ReadAsync(await Admin.PostAsync("vimeo/tokens", Json.Content(new { account = 1, scope = "public private edit" })), HttpStatusCode.Created);
        using var noDelete = Client(limited.Str("token"));
        var missing = await Json.ReadAsync(await noDelete.DeleteAsync(path), HttpStatusCode.Forbidden);
        Assert.Contains("delete", missing.Str("error"));

        using var other = Client(SandboxCredentials.VimeoSecondAccessToken);
        var notOwner = await Json.ReadAsync(await other.DeleteAsync(path), HttpStatusCode.Forbidden);
        Assert.Equal(3427, notOwner.GetProperty("error_code").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync(path)).StatusCode);
        var gone = await Json.ReadAsync(await http.GetAsync(path), HttpStatusCode.NotFound);
        Assert.Equal(["error"], gone.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Versions_and_pictures_give_signed_upload_links()
    {
        using var http = Client();
        var first = RandomNumberGenerator.GetBytes(1000);
        var (uri, link) = await CreateAsync(http, first.Length);
        await http.SendAsync(Patch(link, 0, first));
        var path = uri.TrimStart('/');

        var second = RandomNumberGenerator.GetBytes(2000);
        var version = await Json.ReadAsync(await http.PostAsync(path + "/versions", Json.Content(new { file_name = "v2.mp4", upload = new { approach = "tus", size = second.Length } })), HttpStatusCode.Created);
        Assert.False(version.TryGetProperty("uri", out var versionUri) && versionUri.GetString() == uri, "versions do not return the video uri");
        await http.SendAsync(Patch(new Uri(version.GetProperty("upload").Str("upload_link")), 0, second));
        var stored = await AdminVimeoVideoAsync(uri.Split('/')[^1]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(second)), stored.Str("sha256"));
        Assert.Equal(1, stored.GetProperty("versions").GetInt32());

        var picture = await Json.ReadAsync(await http.PostAsync(path + "/pictures", Json.Content(new { })), HttpStatusCode.Created);
        var pictureLink = new Uri(picture.Str("link"));
        Assert.Contains("sig=", pictureLink.Query);
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PutAsync(new Uri(pictureLink.GetLeftPart(UriPartial.Path) + "?sig=wrong"), new ByteArrayContent([1, 2]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PutAsync(pictureLink, new ByteArrayContent([1, 2, 3]))).StatusCode);
        var active = await Json.ReadAsync(await http.PatchAsync(picture.Str("uri").TrimStart('/'), Json.Content(new { active = true })), HttpStatusCode.OK);
        Assert.True(active.GetProperty("active").GetBoolean());

        // The video's pictures.sizes link serves the active picture's image, unsigned; the default frame (id 0) is a 404.
        var video = await Json.ReadAsync(await http.GetAsync(path), HttpStatusCode.OK);
        var shown = video.GetProperty("pictures").GetProperty("sizes")[0].Str("link");
        Assert.Equal(new byte[] { 1, 2, 3 }, await anonymous.GetByteArrayAsync(shown));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(shown.Replace("/_pictures/" + shown.Split("/_pictures/")[1].Split('_')[0] + "_", "/_pictures/0_", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_rate_limit_headers_and_a_429_says_when_to_come_back()
    {
        using var http = Client();
        var ok = await http.GetAsync("oauth/verify");
        Assert.True(ok.Headers.Contains("X-RateLimit-Limit"));
        Assert.True(ok.Headers.Contains("X-RateLimit-Remaining"));
        Assert.True(DateTimeOffset.TryParse(ok.Headers.GetValues("X-RateLimit-Reset").Single(), out _));

        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsync("vimeo/config", Json.Content(new { rateLimitPerMinute = 1 }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("oauth/verify")).StatusCode);
        var limited = await http.GetAsync("oauth/verify");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(DateTimeOffset.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.False(string.IsNullOrEmpty((await Json.ReadAsync(limited, (HttpStatusCode)429)).Str("error")));
    }

    [Fact]
    public async Task Admin_lists_secrets_and_quota_refuses_with_4101()
    {
        using var http = Client();
        var (_, link) = await CreateAsync(http, 10);
        var secrets = await Json.ReadAsync(await Admin.GetAsync("vimeo/secrets"), HttpStatusCode.OK);
        Assert.Contains(link.ToString(), secrets.GetProperty("uploadLinks").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(SandboxCredentials.VimeoAccessToken, secrets.GetProperty("personalTokens").EnumerateArray().Select(e => e.GetString()));

        await Admin.PutAsync("vimeo/config", Json.Content(new { quotaBytes = 100 }));
        var quota = await Json.ReadAsync(await http.PostAsync("me/videos", Json.Content(new { upload = new { approach = "tus", size = 1000 } })), HttpStatusCode.Forbidden);
        Assert.Equal(4101, quota.GetProperty("error_code").GetInt32());
    }

    private async Task<JsonElement> AdminVimeoVideoAsync(string videoId) =>
        await Json.ReadAsync(await Admin.GetAsync($"vimeo/videos/{videoId}"), HttpStatusCode.OK);
}

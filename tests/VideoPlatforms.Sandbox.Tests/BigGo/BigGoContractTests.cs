using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests.BigGo;

/// <summary>The BigGo emulation against the contract of docs/platforms/biggo.md, with plain HttpClient.</summary>
public sealed class BigGoContractTests : SandboxTest, IDisposable
{
    private readonly BigGoTestClient _biggo;

    public BigGoContractTests(SandboxFixture fixture) : base(fixture) => _biggo = new BigGoTestClient(Server.BigGoBaseUri);

    void IDisposable.Dispose()
    {
        _biggo.Dispose();
        Dispose();
    }

    // --- auth ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Client_credentials_grant_returns_a_bearer_token_that_opens_the_api()
    {
        var token = await Json.ReadAsync(await _biggo.TokenAsync(), HttpStatusCode.OK);
        Assert.Equal("bearer", token.Str("token_type"));
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, token.Str("access_token").Split('.').Length);

        _biggo.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("access_token"));
        var self = await Json.ReadAsync(await _biggo.Http.PostAsync("api/v1/video_auth/self", null), HttpStatusCode.OK);
        Assert.True(self.GetProperty("result").GetBoolean());
        Assert.Equal(SandboxCredentials.BigGoUserId, self.Str("userid"));
        Assert.Equal("tw", self.Str("region"));
        Assert.False(string.IsNullOrEmpty(self.Str("at_userid")));
    }

    [Fact]
    public async Task Token_errors_come_in_both_shapes()
    {
        // Wrong secret: OAuth's string error.
        var wrongSecret = await Json.ReadAsync(await _biggo.TokenAsync(secret: "not-the-secret"), HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", wrongSecret.Str("error"));

        // Unknown client id: the structured error with a BigGoAuthErrorEnum code (1003 APP_KEY_NOT_EXIST).
        var unknown = await Json.ReadAsync(await _biggo.TokenAsync(clientId: "nobody"), HttpStatusCode.BadRequest);
        Assert.Equal(1003, unknown.GetProperty("error").GetProperty("code").GetInt32());

        Assert.Equal("invalid_request", (await Json.ReadAsync(await _biggo.TokenAsync(grant: null), HttpStatusCode.BadRequest)).Str("error"));
        Assert.Equal("unsupported_grant_type", (await Json.ReadAsync(await _biggo.TokenAsync(grant: "password"), HttpStatusCode.BadRequest)).Str("error"));
        var noBasic = await _biggo.Http.PostAsync("auth/v1/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        Assert.Equal("invalid_request", (await Json.ReadAsync(noBasic, HttpStatusCode.BadRequest)).Str("error"));
    }

    [Fact]
    public async Task Missing_or_unknown_bearer_is_JWT_INVALID_and_an_expired_one_JWT_EXPIRED()
    {
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/user/self/video/"), HttpStatusCode.Unauthorized, 3);
        _biggo.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "a.b.c");
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/user/self/video/"), HttpStatusCode.Unauthorized, 3);

        await _biggo.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await _biggo.Http.GetAsync("api/v1/user/self/video/")).StatusCode);
        var expired = await Json.ReadAsync(await Admin.PostAsync("biggo/expire-tokens", null), HttpStatusCode.OK);
        Assert.Equal(1, expired.GetProperty("expired").GetInt32());
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/user/self/video/"), HttpStatusCode.Unauthorized, 4);

        await _biggo.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await _biggo.Http.GetAsync("api/v1/user/self/video/")).StatusCode);
    }

    [Fact]
    public async Task Configured_lifetime_is_reported_and_the_request_limit_expires_tokens_deterministically()
    {
        await Json.ReadAsync(await Admin.PutAsync("biggo/config", Json.Content(new { accessTokenLifetimeSeconds = 120, accessTokenRequestLimit = 2 })), HttpStatusCode.OK);
        var token = await Json.ReadAsync(await _biggo.TokenAsync(), HttpStatusCode.OK);
        Assert.Equal(120, token.GetProperty("expires_in").GetInt32());
        _biggo.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("access_token"));

        Assert.Equal(HttpStatusCode.OK, (await _biggo.Http.GetAsync("api/v1/user/self/video/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _biggo.Http.GetAsync("api/v1/user/self/video/")).StatusCode);
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/user/self/video/"), HttpStatusCode.Unauthorized, 4);

        var bad = await Admin.PutAsync("biggo/config", Json.Content(new { accessTokenLifetimeSeconds = 0 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Region_header_is_checked_and_recorded()
    {
        await _biggo.LoginAsync();
        using var unknown = new HttpRequestMessage(HttpMethod.Post, "api/v1/video_auth/self");
        unknown.Headers.Add("region", "atlantis");
        var refused = await BigGoTestClient.AssertErrorAsync(await _biggo.Http.SendAsync(unknown), HttpStatusCode.BadRequest, 1006);
        Assert.Contains("atlantis", refused.GetProperty("error").Str("message"));

        var id = (await Json.ReadAsync(await _biggo.UploadAsync(BigGoTestClient.RandomBytes(1000, 1), region: "TW"), HttpStatusCode.OK)).Str("video_id");
        var stored = await Json.ReadAsync(await Admin.GetAsync($"biggo/videos/{id}"), HttpStatusCode.OK);
        Assert.Equal("tw", stored.Str("region"));
        var logged = await Json.ReadAsync(await Admin.GetAsync("requests?platform=biggo"), HttpStatusCode.OK);
        Assert.Contains(logged.EnumerateArray(), r => r.GetProperty("headers").TryGetProperty("region", out var h) && h.ToString().Contains("TW"));
    }

    // --- upload ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Upload_stores_the_bytes_with_their_sha256_and_refuses_the_same_content_again()
    {
        await _biggo.LoginAsync();
        var data = BigGoTestClient.RandomBytes(300_000, 2);
        var created = await Json.ReadAsync(await _biggo.UploadAsync(data, fileName: "holiday.mp4"), HttpStatusCode.OK);
        Assert.True(created.GetProperty("result").GetBoolean());
        var id = created.Str("video_id");

        var stored = await Json.ReadAsync(await Admin.GetAsync($"biggo/videos/{id}"), HttpStatusCode.OK);
        Assert.True(stored.GetProperty("complete").GetBoolean());
        Assert.Equal(data.Length, stored.GetProperty("size").GetInt64());
        Assert.Equal(BigGoTestClient.Sha256(data), stored.Str("sha256"));
        Assert.Equal(SandboxCredentials.BigGoUserId, stored.Str("userid"));

        await BigGoTestClient.AssertErrorAsync(await _biggo.UploadAsync(data, fileName: "again.mp4"), HttpStatusCode.BadRequest, 1002);
    }

    [Fact]
    public async Task Upload_checks_File_Size_and_the_field_name()
    {
        await _biggo.LoginAsync();
        var data = BigGoTestClient.RandomBytes(5000, 3);
        var mismatch = await BigGoTestClient.AssertErrorAsync(await _biggo.UploadAsync(data, fileSize: 4999), HttpStatusCode.BadRequest, 1006);
        Assert.Contains("4999", mismatch.GetProperty("error").Str("message"));
        await BigGoTestClient.AssertErrorAsync(await _biggo.UploadAsync(data, fileSize: null), HttpStatusCode.BadRequest, 1010);
        var jsField = await BigGoTestClient.AssertErrorAsync(await _biggo.UploadAsync(data, field: "file"), HttpStatusCode.BadRequest, 1010);
        Assert.Contains("'video'", jsField.GetProperty("error").Str("message"));

        var videos = await Json.ReadAsync(await Admin.GetAsync("biggo/videos"), HttpStatusCode.OK);
        Assert.DoesNotContain(videos.EnumerateArray(), v => v.Str("userid") == SandboxCredentials.BigGoUserId);
        Assert.Equal(0, Server.State.Storage.FileCount);
    }

    // --- params, get, delete ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Get_returns_the_video_as_the_only_element_with_int_access_and_status()
    {
        await _biggo.LoginAsync();
        var id = await _biggo.UploadOkAsync(BigGoTestClient.RandomBytes(2000, 4));
        var body = await Json.ReadAsync(await _biggo.Http.GetAsync($"api/v1/video/{id}"), HttpStatusCode.OK);
        Assert.True(body.GetProperty("result").GetBoolean());
        Assert.Equal(1, body.GetProperty("size").GetInt32());
        var video = Assert.Single(body.GetProperty("video").EnumerateArray().ToArray());
        Assert.Equal(id, video.Str("video_id"));
        Assert.Equal(0, video.GetProperty("access").GetInt32());
        Assert.Equal(13, video.GetProperty("status").GetProperty("process_status").GetInt32());
        Assert.False(video.GetProperty("status").GetProperty("processing").GetBoolean());
        Assert.True(video.GetProperty("meta").GetProperty("length").GetDouble() > 0);
        Assert.StartsWith("http", video.GetProperty("meta").Str("cover_image"));
        Assert.Equal(SandboxCredentials.BigGoUserId, body.GetProperty("user").Str("userid"));
    }

    [Fact]
    public async Task Processing_delay_shows_process_status_0_until_complete()
    {
        await Json.ReadAsync(await Admin.PutAsync("biggo/config", Json.Content(new { processingDelayMs = 3_600_000 })), HttpStatusCode.OK);
        await _biggo.LoginAsync();
        var id = await _biggo.UploadOkAsync(BigGoTestClient.RandomBytes(2000, 5));
        var video = (await Json.ReadAsync(await _biggo.Http.GetAsync($"api/v1/video/{id}"), HttpStatusCode.OK)).GetProperty("video")[0];
        Assert.True(video.GetProperty("status").GetProperty("processing").GetBoolean());
        Assert.Equal(0, video.GetProperty("status").GetProperty("process_status").GetInt32());
    }

    [Fact]
    public async Task Patch_changes_only_what_is_sent_and_post_needs_every_field()
    {
        await _biggo.LoginAsync();
        var id = await _biggo.UploadOkAsync(BigGoTestClient.RandomBytes(2000, 6));
        var ok = await Json.ReadAsync(await _biggo.SendJsonAsync(HttpMethod.Patch, $"api/v1/video/{id}", new { title = "First", description = "keep" }), HttpStatusCode.OK);
        Assert.True(ok.GetProperty("result").GetBoolean());
        await Json.ReadAsync(await _biggo.SendJsonAsync(HttpMethod.Patch, $"api/v1/video/{id}", new { access = 2 }), HttpStatusCode.OK);
        var video = (await Json.ReadAsync(await _biggo.Http.GetAsync($"api/v1/video/{id}"), HttpStatusCode.OK)).GetProperty("video")[0];
        Assert.Equal("First", video.Str("title"));
        Assert.Equal("keep", video.Str("description"));
        Assert.Equal(2, video.GetProperty("access").GetInt32());

        await BigGoTestClient.AssertErrorAsync(await _biggo.SendJsonAsync(HttpMethod.Post, $"api/v1/video/{id}", new { title = "Only title" }), HttpStatusCode.BadRequest, 1010);
        await Json.ReadAsync(await _biggo.SendJsonAsync(HttpMethod.Post, $"api/v1/video/{id}", new { title = "Full", description = "", access = 1, product_list = Array.Empty<object>(), thumbnail_time = 1000 }), HttpStatusCode.OK);
        var full = await Json.ReadAsync(await Admin.GetAsync($"biggo/videos/{id}"), HttpStatusCode.OK);
        Assert.Equal("Full", full.Str("title"));
        Assert.Equal(1, full.GetProperty("access").GetInt32());
        Assert.Equal(1000, full.GetProperty("thumbnailTime").GetInt32());

        await BigGoTestClient.AssertErrorAsync(await _biggo.SendJsonAsync(HttpMethod.Patch, $"api/v1/video/{id}", new { access = "public" }), HttpStatusCode.BadRequest, 1006);
        await BigGoTestClient.AssertErrorAsync(await _biggo.SendJsonAsync(HttpMethod.Patch, $"api/v1/video/{id}", new { }), HttpStatusCode.BadRequest, 1010);
        var products = Enumerable.Range(1, 11).Select(i => new { nindex = "tw", oid = i.ToString() }).ToArray();
        await BigGoTestClient.AssertErrorAsync(await _biggo.SendJsonAsync(HttpMethod.Patch, $"api/v1/video/{id}", new { product_list = products }), HttpStatusCode.BadRequest, 1009);
    }

    [Fact]
    public async Task Delete_then_get_is_1004_and_a_second_delete_1005()
    {
        await _biggo.LoginAsync();
        var id = await _biggo.UploadOkAsync(BigGoTestClient.RandomBytes(2000, 7));
        Assert.True((await Json.ReadAsync(await _biggo.Http.DeleteAsync($"api/v1/video/{id}"), HttpStatusCode.OK)).GetProperty("result").GetBoolean());
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync($"api/v1/video/{id}"), HttpStatusCode.NotFound, 1004);
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.DeleteAsync($"api/v1/video/{id}"), HttpStatusCode.NotFound, 1005);
        await BigGoTestClient.AssertErrorAsync(await _biggo.SendJsonAsync(HttpMethod.Patch, $"api/v1/video/{id}", new { title = "x" }), HttpStatusCode.NotFound, 1005);
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/video/neverexisted"), HttpStatusCode.NotFound, 1004);

        // The same bytes may be uploaded again once the first copy is deleted.
        await _biggo.UploadOkAsync(BigGoTestClient.RandomBytes(2000, 7));
    }

    // --- listing and other users --------------------------------------------------------------------------------------

    [Fact]
    public async Task Own_listing_pages_by_20_with_the_total_in_size()
    {
        await Json.ReadAsync(await Admin.PostAsync("biggo/seed", Json.Content(new { count = 45, titlePrefix = "S" })), HttpStatusCode.Created);
        await _biggo.LoginAsync();
        var ids = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var body = await Json.ReadAsync(await _biggo.Http.GetAsync($"api/v1/user/self/video/?p={page}"), HttpStatusCode.OK);
            Assert.Equal(45, body.GetProperty("user_video").GetProperty("size").GetInt32());
            var data = body.GetProperty("user_video").GetProperty("data").EnumerateArray().Select(v => v.Str("video_id")).ToList();
            Assert.Equal(page switch { 1 or 2 => 20, 3 => 5, _ => 0 }, data.Count);
            ids.AddRange(data);
        }

        Assert.Equal(45, ids.Distinct().Count());
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/user/self/video/?p=0"), HttpStatusCode.BadRequest, 1006);
    }

    [Fact]
    public async Task Another_users_listing_shows_only_their_public_videos_and_their_private_ones_are_refused()
    {
        await _biggo.LoginAsync();
        var first = await Json.ReadAsync(await _biggo.Http.GetAsync($"api/v1/user/{SandboxCredentials.BigGoOtherUserId}/video/?p=1"), HttpStatusCode.OK);
        Assert.Equal(23, first.GetProperty("user_video").GetProperty("size").GetInt32());
        Assert.False(first.GetProperty("is_owner").GetBoolean());
        var second = await Json.ReadAsync(await _biggo.Http.GetAsync($"api/v1/user/{SandboxCredentials.BigGoOtherUserId}/video/?p=2"), HttpStatusCode.OK);
        Assert.Equal(3, second.GetProperty("user_video").GetProperty("data").GetArrayLength());
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/user/nobody/video/?p=1"), HttpStatusCode.NotFound, 1007);

        var all = await Json.ReadAsync(await Admin.GetAsync("biggo/videos"), HttpStatusCode.OK);
        var creator = all.EnumerateArray().Where(v => v.Str("userid") == SandboxCredentials.BigGoOtherUserId).ToList();
        var privateId = creator.Single(v => v.GetProperty("access").GetInt32() == 1).Str("videoId");
        var publicId = creator.First(v => v.GetProperty("access").GetInt32() == 0).Str("videoId");
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync($"api/v1/video/{privateId}"), HttpStatusCode.Forbidden, 1003);
        Assert.Equal(HttpStatusCode.OK, (await _biggo.Http.GetAsync($"api/v1/video/{publicId}")).StatusCode);
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.DeleteAsync($"api/v1/video/{publicId}"), HttpStatusCode.Forbidden, 1003);
        await BigGoTestClient.AssertErrorAsync(await _biggo.SendJsonAsync(HttpMethod.Patch, $"api/v1/video/{publicId}", new { title = "mine" }), HttpStatusCode.Forbidden, 1003);
    }

    [Fact]
    public async Task Wrong_method_is_code_1_and_injected_faults_use_the_error_shape()
    {
        await _biggo.LoginAsync();
        var put = await _biggo.SendJsonAsync(HttpMethod.Put, "api/v1/video/abc", new { });
        await BigGoTestClient.AssertErrorAsync(put, HttpStatusCode.MethodNotAllowed, 1);

        await AddFaultAsync(new { platform = "biggo", method = "GET", pathPattern = "^/api/v1/user/", kind = "status", status = 503 });
        var faulted = await Json.ReadAsync(await _biggo.Http.GetAsync("api/v1/user/self/video/"), HttpStatusCode.ServiceUnavailable);
        Assert.False(faulted.GetProperty("result").GetBoolean());
        Assert.Equal(0, faulted.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Secrets_and_reset()
    {
        var access = await _biggo.LoginAsync();
        var secrets = await Json.ReadAsync(await Admin.GetAsync("biggo/secrets"), HttpStatusCode.OK);
        Assert.Contains(access, secrets.GetProperty("accessTokens").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(SandboxCredentials.BigGoClientSecret, secrets.GetProperty("clientSecrets").EnumerateArray().Select(e => e.GetString()));
        await _biggo.UploadOkAsync(BigGoTestClient.RandomBytes(1000, 8));

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync("reset", null)).StatusCode);
        var videos = await Json.ReadAsync(await Admin.GetAsync("biggo/videos"), HttpStatusCode.OK);
        Assert.Equal(25, videos.GetArrayLength()); // only the creator's seeded videos remain
        await BigGoTestClient.AssertErrorAsync(await _biggo.Http.GetAsync("api/v1/user/self/video/"), HttpStatusCode.Unauthorized, 3);
    }
}

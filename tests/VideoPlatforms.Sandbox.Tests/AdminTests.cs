using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

public sealed class AdminTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    [Fact]
    public async Task Request_log_records_what_arrived()
    {
        await Api.LoginAsync();
        await Api.CreateVideoAsync("Logged");
        await Api.Http.GetAsync("videos?title=Logged&pageSize=5");

        var log = await Json.ReadAsync(await Admin.GetAsync("requests?platform=apivideo"), HttpStatusCode.OK);
        var entries = log.EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);

        var create = entries[1];
        Assert.Equal("apivideo", create.Str("platform"));
        Assert.Equal("POST", create.Str("method"));
        Assert.Equal("/videos", create.Str("path"));
        Assert.Equal("/apivideo/videos", create.Str("fullPath"));
        Assert.Equal(201, create.GetProperty("status").GetInt32());
        Assert.True(create.GetProperty("requestBodyLength").GetInt64() > 0);
        Assert.StartsWith("Bearer ", create.GetProperty("headers").Str("Authorization"), StringComparison.Ordinal);
        Assert.True(create.GetProperty("durationMs").GetDouble() >= 0);
        Assert.True(DateTimeOffset.TryParse(create.Str("startedAt"), System.Globalization.CultureInfo.InvariantCulture, out _));

        var list = entries[2];
        Assert.Equal("?title=Logged&pageSize=5", list.Str("queryString"));
        Assert.True(entries[0].GetProperty("id").GetInt64() < entries[1].GetProperty("id").GetInt64());

        Assert.Equal(0, (await Json.ReadAsync(await Admin.GetAsync("requests?platform=vimeo"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("requests")).StatusCode);
        Assert.Empty(Server.State.Requests.List());
    }

    [Fact]
    public async Task Reset_clears_everything_and_restores_defaults()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Gone soon")).Str("videoId");
        await Api.UploadAsync($"videos/{id}/source", new byte[1000], 0, 1000, null);
        await Api.Http.PostAsync("upload-tokens", Json.Content(new { ttl = 0 }));
        await Admin.PutAsync("apivideo/config", Json.Content(new { accessTokenLifetimeSeconds = 5, encodingDelayMs = 10 }));
        await AddFaultAsync(new { pathPattern = "^/nothing$" });
        Assert.Equal(1, Server.State.Storage.FileCount);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.PostAsync("reset", null)).StatusCode);

        Assert.Empty(Server.State.ApiVideo.GetVideos());
        Assert.Empty(Server.State.Faults.List());
        Assert.Empty(Server.State.Requests.List());
        Assert.Equal(0, Server.State.Storage.FileCount);
        var secrets = Server.State.ApiVideo.GetSecrets();
        Assert.Empty(secrets.AccessTokens);
        Assert.Empty(secrets.UploadTokens);
        var config = await Json.ReadAsync(await Admin.GetAsync("apivideo/config"), HttpStatusCode.OK);
        Assert.Equal(3600, config.GetProperty("accessTokenLifetimeSeconds").GetInt32());
        Assert.Equal(0, config.GetProperty("encodingDelayMs").GetInt32());
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos"), HttpStatusCode.Unauthorized, "authentication-invalid-access-token");
    }

    [Fact]
    public async Task Admin_video_views_list_both_accounts()
    {
        await Api.LoginAsync();
        var one = (await Api.CreateVideoAsync("One")).Str("videoId");
        using var other = new ApiVideoTestClient(Server.ApiVideoBaseUri);
        await other.LoginAsync(SandboxCredentials.ApiVideoSecondApiKey);
        var two = (await other.CreateVideoAsync("Two")).Str("videoId");

        var videos = (await Json.ReadAsync(await Admin.GetAsync("apivideo/videos"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([one, two], videos.Select(v => v.Str("videoId")));
        Assert.Equal([1, 2], videos.Select(v => v.GetProperty("account").GetInt32()));
        Assert.All(videos, v =>
        {
            Assert.False(v.GetProperty("complete").GetBoolean());
            Assert.Equal(JsonValueKind.Null, v.GetProperty("sha256").ValueKind);
            Assert.Equal("none", v.Str("uploadMode"));
        });
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("apivideo/videos/vi_missing")).StatusCode);
    }

    [Fact]
    public async Task Config_validation_and_seed_validation()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PutAsync("apivideo/config", Json.Content(new { accessTokenLifetimeSeconds = 0 }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PutAsync("apivideo/config", Json.Content(new { rateLimitPerMinute = -1 }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PostAsync("apivideo/seed", Json.Content(new { account = 3, count = 1 }))).StatusCode);
        Assert.Equal(3600, Server.State.ApiVideo.Config.AccessTokenLifetimeSeconds);

        var seeded = await Json.ReadAsync(await Admin.PostAsync("apivideo/seed", Json.Content(new { account = 2, count = 3 })), HttpStatusCode.Created);
        Assert.Equal(2, seeded.GetProperty("account").GetInt32());
        Assert.Equal(["Seed 1", "Seed 2", "Seed 3"], Server.State.ApiVideo.GetVideos().Select(v => v.Title));
        Assert.All(Server.State.ApiVideo.GetVideos(), v => Assert.True(v.Complete && v.Seeded && v.Account == 2));
    }

    [Fact]
    public async Task Paths_outside_any_platform_explain_the_prefixes()
    {
        using var root = new HttpClient { BaseAddress = Server.BaseUri };
        var response = await root.GetAsync("videos");
        var body = await Json.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/apivideo/", body.Str("error"), StringComparison.Ordinal);

        var index = await Json.ReadAsync(await Admin.GetAsync(string.Empty), HttpStatusCode.OK);
        Assert.Equal(Server.ApiVideoBaseUri.ToString(), index.GetProperty("platforms")[0].Str("baseUri"));
    }
}

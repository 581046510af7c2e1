using System.Text;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

public sealed class AuthTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    [Fact]
    public async Task ApiKey_returns_a_bearer_token_pair()
    {
        var tokens = await Api.LoginAsync();

        Assert.Equal("Bearer", tokens.Str("token_type"));
        Assert.Equal(3600, tokens.GetProperty("expires_in").GetInt32());
        var access = tokens.Str("access_token");
        var refresh = tokens.Str("refresh_token");
        Assert.Equal(3, access.Split('.').Length); // JWT-looking
        Assert.NotEqual(access, refresh);
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync("videos")).StatusCode);
    }

    [Fact]
    public async Task Wrong_api_key_is_400_invalid_user_credentials()
    {
        var response = await Api.Http.PostAsync("auth/api-key", Json.Content(new { apiKey = "nope" }));

        var body = await Json.AssertApiVideoErrorAsync(response, HttpStatusCode.BadRequest, "authentication-invalid-user-credentials", name: "");
        Assert.Equal("The user credentials were incorrect.", body.Str("title"));
    }

    [Fact]
    public async Task Refresh_issues_a_new_pair_and_consumes_the_old_refresh_token()
    {
        var first = await Api.LoginAsync();

        var refreshed = await Json.ReadAsync(
            await Api.Http.PostAsync("auth/refresh", Json.Content(new { refreshToken = first.Str("refresh_token") })), HttpStatusCode.OK);
        Assert.NotEqual(first.Str("access_token"), refreshed.Str("access_token"));
        Assert.NotEqual(first.Str("refresh_token"), refreshed.Str("refresh_token"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "videos");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.Str("access_token"));
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.SendAsync(request)).StatusCode);

        var reused = await Api.Http.PostAsync("auth/refresh", Json.Content(new { refreshToken = first.Str("refresh_token") }));
        await Json.AssertApiVideoErrorAsync(reused, HttpStatusCode.BadRequest, "authentication-invalid-user-credentials");
    }

    [Fact]
    public async Task Expired_access_token_is_401_and_a_new_login_works()
    {
        await Api.LoginAsync();
        var expire = await Json.ReadAsync(await Admin.PostAsync("apivideo/expire-tokens", null), HttpStatusCode.OK);
        Assert.Equal(1, expire.GetProperty("expired").GetInt32());

        var response = await Api.Http.GetAsync("videos");
        var body = await Json.AssertApiVideoErrorAsync(response, HttpStatusCode.Unauthorized, "authentication-invalid-access-token");
        Assert.Contains("expired", body.Str("detail"), StringComparison.OrdinalIgnoreCase);

        await Api.LoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync("videos")).StatusCode);
    }

    [Fact]
    public async Task Configured_lifetime_is_reported_and_enforced()
    {
        await Admin.PutAsync("apivideo/config", Json.Content(new { accessTokenLifetimeSeconds = 1 }));

        var tokens = await Api.LoginAsync();
        Assert.Equal(1, tokens.GetProperty("expires_in").GetInt32());
        await Task.Delay(1100);

        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos"), HttpStatusCode.Unauthorized, "authentication-invalid-access-token");
    }

    [Fact]
    public async Task Basic_auth_with_the_api_key_as_user_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "videos");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(SandboxCredentials.ApiVideoApiKey + ":")));
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.SendAsync(request)).StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "videos");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bad:")));
        await Json.AssertApiVideoErrorAsync(await Api.Http.SendAsync(wrong), HttpStatusCode.Unauthorized, "authentication-invalid-api-key");
    }

    [Fact]
    public async Task Missing_or_unknown_credentials_are_401_with_an_api_video_body()
    {
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos"), HttpStatusCode.Unauthorized, "authentication-missing-authorization-header");

        Api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos/vi123"), HttpStatusCode.Unauthorized, "authentication-invalid-access-token");

        Api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Digest", "x");
        await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync("videos", Json.Content(new { title = "x" })),
            HttpStatusCode.Unauthorized, "authentication-invalid-authorization-header-value");
    }

    [Fact]
    public async Task Secrets_list_every_credential_issued()
    {
        var first = await Api.LoginAsync();
        var second = await Api.LoginAsync(SandboxCredentials.ApiVideoSecondApiKey);
        var token = await Json.ReadAsync(await Api.Http.PostAsync("upload-tokens", Json.Content(new { ttl = 0 })), HttpStatusCode.OK);

        var secrets = await Json.ReadAsync(await Admin.GetAsync("apivideo/secrets"), HttpStatusCode.OK);
        var all = secrets.GetProperty("all").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.Contains(SandboxCredentials.ApiVideoApiKey, all);
        Assert.Contains(SandboxCredentials.ApiVideoSecondApiKey, all);
        Assert.Contains(first.Str("access_token"), all);
        Assert.Contains(first.Str("refresh_token"), all);
        Assert.Contains(second.Str("access_token"), all);
        Assert.Contains(token.Str("token"), all);
        Assert.Equal(2, secrets.GetProperty("accessTokens").GetArrayLength());
        Assert.Equal(Server.State.ApiVideo.GetSecrets().All.Count, all.Count);
    }
}

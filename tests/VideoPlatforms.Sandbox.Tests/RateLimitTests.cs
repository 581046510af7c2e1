using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

public sealed class RateLimitTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private static int Header(HttpResponseMessage response, string name) => int.Parse(response.Headers.GetValues(name).Single(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_response_carries_the_rate_limit_headers()
    {
        var responses = new List<HttpResponseMessage>
        {
            await Api.Http.PostAsync("auth/api-key", Json.Content(new { apiKey = "wrong" })), // 400
            await Api.Http.GetAsync("videos"), // 401
            await Api.Http.GetAsync("nowhere"), // 404
        };
        await Api.LoginAsync();
        responses.Add(await Api.Http.GetAsync("videos")); // 200

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.OK], responses.Select(r => r.StatusCode));
        foreach (var response in responses)
        {
            Assert.True(Header(response, "X-RateLimit-Limit") > 0);
            Assert.True(Header(response, "X-RateLimit-Remaining") >= 0);
            Assert.InRange(Header(response, "X-RateLimit-Retry-After"), 1, 60);
        }

        Assert.True(Header(responses[^1], "X-RateLimit-Remaining") < Header(responses[0], "X-RateLimit-Remaining"));
        Assert.False(responses[0].Headers.Contains("X-RateLimit-Reset"));
    }

    [Fact]
    public async Task A_configured_limit_is_enforced_with_429()
    {
        await Api.LoginAsync();
        var config = await Json.ReadAsync(await Admin.PutAsync("apivideo/config", Json.Content(new { rateLimitPerMinute = 3 })), HttpStatusCode.OK);
        Assert.Equal(3, config.GetProperty("rateLimitPerMinute").GetInt32());
        Assert.Equal(3600, config.GetProperty("accessTokenLifetimeSeconds").GetInt32()); // partial update kept the rest

        var allowed = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add(await Api.Http.GetAsync("videos"));
        }

        var refused = await Api.Http.GetAsync("videos");

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal([2, 1, 0], allowed.Select(r => Header(r, "X-RateLimit-Remaining")));
        var body = await Json.AssertApiVideoErrorAsync(refused, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.Equal("Too many requests.", body.Str("title"));
        Assert.Equal(3, Header(refused, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(refused, "X-RateLimit-Remaining"));
        Assert.InRange(Header(refused, "X-RateLimit-Retry-After"), 1, 60);
    }
}

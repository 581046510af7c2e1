using System.Globalization;
using System.Text.RegularExpressions;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

public sealed partial class UploadTokenTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private const int Chunk = 5 * ApiVideoTestClient.MiB;
    private const int Total = 7_000_000;
    private static readonly byte[] Data = ApiVideoTestClient.RandomBytes(Total, seed: 5);

    [GeneratedRegex("^to[A-Za-z0-9]{22}$")]
    private static partial Regex TokenId();

    private async Task<JsonElement> CreateTokenAsync(object body) =>
        await Json.ReadAsync(await Api.Http.PostAsync("upload-tokens", Json.Content(body)), HttpStatusCode.OK);

    [Fact]
    public async Task Create_get_list_and_delete()
    {
        await Api.LoginAsync();
        var forever = await CreateTokenAsync(new { ttl = 0 });
        var hour = await CreateTokenAsync(new { ttl = 3600 });

        Assert.Matches(TokenId(), forever.Str("token"));
        Assert.Equal(0, forever.GetProperty("ttl").GetInt64());
        Assert.Equal(JsonValueKind.Null, forever.GetProperty("expiresAt").ValueKind);
        var created = DateTimeOffset.Parse(hour.Str("createdAt"), CultureInfo.InvariantCulture);
        Assert.Equal(created.AddHours(1), DateTimeOffset.Parse(hour.Str("expiresAt"), CultureInfo.InvariantCulture));

        var fetched = await Json.ReadAsync(await Api.Http.GetAsync($"upload-tokens/{hour.Str("token")}"), HttpStatusCode.OK);
        Assert.Equal(3600, fetched.GetProperty("ttl").GetInt64());

        var list = await Json.ReadAsync(await Api.Http.GetAsync("upload-tokens?sortBy=ttl&sortOrder=desc&pageSize=1"), HttpStatusCode.OK);
        Assert.Equal(hour.Str("token"), list.GetProperty("data")[0].Str("token"));
        Assert.Equal(2, list.GetProperty("pagination").GetProperty("itemsTotal").GetInt32());
        Assert.Contains(list.GetProperty("pagination").GetProperty("links").EnumerateArray(),
            l => l.Str("rel") == "next" && l.Str("uri").StartsWith("/upload-tokens?", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"upload-tokens/{hour.Str("token")}")).StatusCode);
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync($"upload-tokens/{hour.Str("token")}"), HttpStatusCode.NotFound, "resource-not-found", "uploadToken");
        await Json.AssertApiVideoErrorAsync(await Api.Http.DeleteAsync($"upload-tokens/{hour.Str("token")}"), HttpStatusCode.NotFound, "resource-not-found");
    }

    [Fact]
    public async Task Negative_ttl_is_400()
    {
        await Api.LoginAsync();
        await Json.AssertApiVideoErrorAsync(await Api.Http.PostAsync("upload-tokens", Json.Content(new { ttl = -1 })),
            HttpStatusCode.BadRequest, "invalid-attribute", "ttl");
    }

    [Fact]
    public async Task Token_upload_in_two_chunks_without_auth_header()
    {
        await Api.LoginAsync();
        var token = (await CreateTokenAsync(new { ttl = 0 })).Str("token");

        var first = await Api.UploadAsync($"upload?token={token}", Data, 0, Chunk, $"bytes 0-{Chunk - 1}/{Total}",
            fileName: "holiday.mp4", authenticated: false);
        var video = await Json.ReadAsync(first, HttpStatusCode.Created);
        var id = video.Str("videoId");
        Assert.Equal("holiday", video.Str("title"));

        // The videoId field comes after the file section on purpose: the sandbox must still attach the chunk to it.
        var second = await Api.UploadAsync($"upload?token={token}", Data, Chunk, Total - Chunk, $"bytes {Chunk}-{Total - 1}/{Total}",
            fileName: "holiday.mp4", fieldsAfterFile: new Dictionary<string, string> { ["videoId"] = id }, authenticated: false);
        Assert.Equal(id, (await Json.ReadAsync(second, HttpStatusCode.Created)).Str("videoId"));

        var admin = await AdminVideoAsync(id);
        Assert.True(admin.GetProperty("complete").GetBoolean());
        Assert.Equal(ApiVideoTestClient.Sha256(Data), admin.Str("sha256"));
        Assert.Equal(token, admin.Str("uploadToken"));
        Assert.Single(Server.State.ApiVideo.GetVideos());
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync($"videos/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_later_chunk_without_videoId_is_refused()
    {
        await Api.LoginAsync();
        var token = (await CreateTokenAsync(new { ttl = 0 })).Str("token");

        var response = await Api.UploadAsync($"upload?token={token}", Data, Chunk, Total - Chunk, $"bytes {Chunk}-{Total - 1}/{Total}", authenticated: false);

        await Json.AssertApiVideoErrorAsync(response, HttpStatusCode.BadRequest, "attribute-required", "videoId");
        Assert.Empty(Server.State.ApiVideo.GetVideos());
    }

    [Fact]
    public async Task Token_of_one_account_cannot_upload_into_the_other_accounts_video()
    {
        await Api.LoginAsync();
        var token = (await CreateTokenAsync(new { ttl = 0 })).Str("token");
        using var other = new ApiVideoTestClient(Server.ApiVideoBaseUri);
        await other.LoginAsync(SandboxCredentials.ApiVideoSecondApiKey);
        var foreign = (await other.CreateVideoAsync("Account two's")).Str("videoId");

        var response = await Api.UploadAsync($"upload?token={token}", Data, 0, 1000, null,
            fieldsAfterFile: new Dictionary<string, string> { ["videoId"] = foreign }, authenticated: false);
        await Json.AssertApiVideoErrorAsync(response, HttpStatusCode.NotFound, "resource-not-found", "videoId");
    }

    [Fact]
    public async Task Deleted_expired_missing_and_unknown_tokens_are_401()
    {
        await Api.LoginAsync();
        var deleted = (await CreateTokenAsync(new { ttl = 0 })).Str("token");
        await Api.Http.DeleteAsync($"upload-tokens/{deleted}");
        var expiring = (await CreateTokenAsync(new { ttl = 1 })).Str("token");
        await Task.Delay(1100);

        var body = await Json.AssertApiVideoErrorAsync(
            await Api.UploadAsync($"upload?token={deleted}", Data, 0, 100, null, authenticated: false),
            HttpStatusCode.Unauthorized, "authentication-invalid-upload-token");
        Assert.Contains("deleted", body.Str("detail"), StringComparison.Ordinal);
        body = await Json.AssertApiVideoErrorAsync(
            await Api.UploadAsync($"upload?token={expiring}", Data, 0, 100, null, authenticated: false),
            HttpStatusCode.Unauthorized, "authentication-invalid-upload-token");
        Assert.Contains("expired", body.Str("detail"), StringComparison.Ordinal);
        await Json.AssertApiVideoErrorAsync(
            await Api.UploadAsync("upload?token=to0000000000000000000000", Data, 0, 100, null, authenticated: false),
            HttpStatusCode.Unauthorized, "authentication-invalid-upload-token");
        await Json.AssertApiVideoErrorAsync(
            await Api.UploadAsync("upload", Data, 0, 100, null, authenticated: false),
            HttpStatusCode.Unauthorized, "authentication-missing-upload-token");
        Assert.Empty(Server.State.ApiVideo.GetVideos());
    }
}

using System.Text;
using VideoPlatforms.Sandbox.Tests.BigGo;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

/// <summary>
/// What Wait-Video relies on, per platform: processing completes after the configured delay, and the admin
/// endpoint <c>POST /_sandbox/{platform}/videos/{id}/fail-processing</c> makes it fail the way that platform reports it.
/// </summary>
public sealed class ProcessingTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private const int Hour = 3_600_000;

    [Fact]
    public async Task ApiVideo_failed_encoding_reports_every_quality_failed_and_never_plays()
    {
        await Admin.PutAsync("apivideo/config", Json.Content(new { encodingDelayMs = Hour }));
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("to fail")).Str("videoId");
        await Api.UploadAsync($"videos/{id}/source", new byte[1000], 0, 1000, null);
        var status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK);
        Assert.False(status.GetProperty("encoding").GetProperty("playable").GetBoolean());
        Assert.All(status.GetProperty("encoding").GetProperty("qualities").EnumerateArray(), q => Assert.Equal("encoding", q.Str("status")));

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"apivideo/videos/{id}/fail-processing", null)).StatusCode);
        await Admin.PutAsync("apivideo/config", Json.Content(new { encodingDelayMs = 0 }));
        status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK);
        Assert.False(status.GetProperty("encoding").GetProperty("playable").GetBoolean());
        Assert.All(status.GetProperty("encoding").GetProperty("qualities").EnumerateArray(), q => Assert.Equal("failed", q.Str("status")));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("apivideo/videos/nosuch/fail-processing", null)).StatusCode);
    }

    [Fact]
    public async Task Vimeo_GET_me_is_the_tokens_user_and_a_failed_transcode_is_transcode_status_error()
    {
        using var http = new HttpClient { BaseAddress = Server.VimeoBaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxCredentials.VimeoAccessToken);
        var me = await Json.ReadAsync(await http.GetAsync("me"), HttpStatusCode.OK);
        Assert.Equal("/users/1001", me.Str("uri"));
        Assert.Equal("Sandbox Vimeo User", me.Str("name"));

        await Admin.PutAsync("vimeo/config", Json.Content(new { transcodeDelayMs = Hour }));
        var created = await Json.ReadAsync(await http.PostAsync("me/videos", Json.Content(new { upload = new { approach = "tus", size = 10 }, name = "to fail" })), HttpStatusCode.OK);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, created.GetProperty("upload").Str("upload_link")) { Content = new ByteArrayContent(new byte[10]) };
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(patch)).StatusCode);
        var path = created.Str("uri").TrimStart('/');
        Assert.Equal("in_progress", (await Json.ReadAsync(await http.GetAsync(path), HttpStatusCode.OK)).GetProperty("transcode").Str("status"));

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"vimeo/videos/{path.Split('/')[^1]}/fail-processing", null)).StatusCode);
        var video = await Json.ReadAsync(await http.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal("error", video.GetProperty("transcode").Str("status"));
        Assert.Equal("complete", video.GetProperty("upload").Str("status"));
        Assert.Equal("transcoding_error", video.Str("status"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("vimeo/videos/123/fail-processing", null)).StatusCode);
    }

    [Fact]
    public async Task Ziggeo_failed_processing_is_state_string_FAILED_in_the_video_and_the_index()
    {
        using var api = new HttpClient { BaseAddress = Server.ZiggeoBaseUri };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxCredentials.ZiggeoApplicationToken}:{SandboxCredentials.ZiggeoPrivateKey}")));
        var video = await Json.ReadAsync(await api.PostAsync("v1/videos/", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "doomed" })), HttpStatusCode.Created);
        var token = video.Str("token");

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"ziggeo/videos/{token}/fail-processing", null)).StatusCode);
        Assert.Equal("FAILED", (await Json.ReadAsync(await api.GetAsync($"v1/videos/{token}"), HttpStatusCode.OK)).Str("state_string"));
        var failed = await Json.ReadAsync(await api.GetAsync("v1/videos/?states=failed"), HttpStatusCode.OK);
        Assert.Equal(token, Assert.Single(failed.EnumerateArray()).Str("token"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("ziggeo/videos/nosuch/fail-processing", null)).StatusCode);
    }

    [Fact]
    public async Task BigGo_processing_completes_after_the_delay_and_a_failed_transcode_reads_as_error_1001()
    {
        using var biggo = new BigGoTestClient(Server.BigGoBaseUri);
        await biggo.LoginAsync();
        await Admin.PutAsync("biggo/config", Json.Content(new { processingDelayMs = Hour }));
        var id = await biggo.UploadOkAsync(BigGoTestClient.RandomBytes(2000, 41));
        var status = (await Json.ReadAsync(await biggo.Http.GetAsync($"api/v1/video/{id}"), HttpStatusCode.OK)).GetProperty("video")[0].GetProperty("status");
        Assert.True(status.GetProperty("processing").GetBoolean());
        Assert.Equal(0, status.GetProperty("process_status").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"biggo/videos/{id}/fail-processing", null)).StatusCode);
        await BigGoTestClient.AssertErrorAsync(await biggo.Http.GetAsync($"api/v1/video/{id}"), HttpStatusCode.BadRequest, 1001);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync("biggo/videos/nosuch/fail-processing", null)).StatusCode);

        await Admin.PutAsync("biggo/config", Json.Content(new { processingDelayMs = 0 }));
        var ready = await biggo.UploadOkAsync(BigGoTestClient.RandomBytes(2000, 42));
        status = (await Json.ReadAsync(await biggo.Http.GetAsync($"api/v1/video/{ready}"), HttpStatusCode.OK)).GetProperty("video")[0].GetProperty("status");
        Assert.Equal(13, status.GetProperty("process_status").GetInt32());
    }
}

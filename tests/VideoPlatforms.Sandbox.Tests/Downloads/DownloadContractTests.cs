using System.Security.Cryptography;
using System.Text;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests.Downloads;

/// <summary>
/// Renditions to download on every platform: the uploaded bytes served with Content-Length, ETag, Accept-Ranges,
/// 206 for a range, 416 for a range past the end, If-Range, and a dropMidBody fault that cuts a download.
/// </summary>
public sealed class DownloadContractTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private async Task<(string VideoId, Uri Mp4, byte[] Data)> UploadApiVideoAsync(int length = 300_000)
    {
        await Api.LoginAsync();
        var data = Bytes(length, length);
        var videoId = (await Api.CreateVideoAsync("download me")).Str("videoId");
        var uploaded = await Json.ReadAsync(await Api.UploadAsync($"videos/{videoId}/source", data, 0, data.Length, null), HttpStatusCode.Created);
        return (videoId, new Uri(uploaded.GetProperty("assets").Str("mp4")), data);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, Uri uri, string? range = null, string? ifRange = null, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, uri);
        if (range is not null) request.Headers.TryAddWithoutValidation("Range", range);
        if (ifRange is not null) request.Headers.TryAddWithoutValidation("If-Range", ifRange);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task ApiVideo_mp4_asset_serves_the_uploaded_bytes_with_validators_and_ranges()
    {
        var (videoId, mp4, data) = await UploadApiVideoAsync();
        Assert.EndsWith($"/apivideo/vod/{videoId}/mp4/source.mp4", mp4.AbsolutePath);
        using var cdn = new HttpClient();

        var whole = await GetAsync(cdn, mp4);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(data.Length, whole.Content.Headers.ContentLength);
        Assert.Equal("video/mp4", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        var etag = whole.Headers.ETag!.Tag;
        Assert.Equal($"\"{Sha(data)}\"", etag);
        Assert.Equal(data, await whole.Content.ReadAsByteArrayAsync());

        var middle = await GetAsync(cdn, mp4, "bytes=1000-1999");
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal($"bytes 1000-1999/{data.Length}", middle.Content.Headers.ContentRange!.ToString());
        Assert.Equal(data[1000..2000], await middle.Content.ReadAsByteArrayAsync());

        var tail = await GetAsync(cdn, mp4, $"bytes={data.Length - 10}-", etag);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(data[^10..], await tail.Content.ReadAsByteArrayAsync());

        var suffix = await GetAsync(cdn, mp4, "bytes=-5");
        Assert.Equal(data[^5..], await suffix.Content.ReadAsByteArrayAsync());

        // A stale validator gets the whole (changed) file rather than a piece of it.
        var stale = await GetAsync(cdn, mp4, "bytes=10-", "\"something-else\"");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(data.Length, (await stale.Content.ReadAsByteArrayAsync()).Length);

        var past = await GetAsync(cdn, mp4, $"bytes={data.Length}-");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, past.StatusCode);
        Assert.Equal($"bytes */{data.Length}", past.Content.Headers.ContentRange!.ToString());

        var head = await GetAsync(cdn, mp4, method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(data.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task ApiVideo_mp4_is_absent_until_the_source_is_complete_and_without_mp4Support()
    {
        await Api.LoginAsync();
        var empty = await Api.CreateVideoAsync("empty");
        using var cdn = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await cdn.GetAsync(empty.GetProperty("assets").Str("mp4"))).StatusCode);

        var noMp4 = await Api.CreateVideoAsync("no mp4", new { mp4Support = false });
        Assert.False(noMp4.GetProperty("assets").TryGetProperty("mp4", out _));
        var data = Bytes(1000, 1);
        await Json.ReadAsync(await Api.UploadAsync($"videos/{noMp4.Str("videoId")}/source", data, 0, data.Length, null), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await cdn.GetAsync(new Uri(Server.ApiVideoBaseUri, $"vod/{noMp4.Str("videoId")}/mp4/source.mp4"))).StatusCode);
    }

    [Fact]
    public async Task DropMidBody_on_a_download_cuts_the_response_and_a_range_request_resumes_it()
    {
        var (_, mp4, data) = await UploadApiVideoAsync(400_000);
        await AddFaultAsync(new { platform = "apivideo", method = "GET", pathPattern = "/mp4/source\\.mp4$", kind = "dropMidBody", afterBytes = 100_000, times = 1 });
        using var cdn = new HttpClient();

        var received = new MemoryStream();
        using (var cut = await cdn.SendAsync(new HttpRequestMessage(HttpMethod.Get, mp4), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
            var body = await cut.Content.ReadAsStreamAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => body.CopyToAsync(received));
        }

        Assert.InRange(received.Length, 1, data.Length - 1);
        var logged = Server.State.Requests.List("apivideo").Last(e => e.Path.EndsWith("source.mp4", StringComparison.Ordinal));
        Assert.Equal("dropMidBody", logged.Fault?.Kind);
        Assert.True(logged.Aborted);

        var rest = await GetAsync(cdn, mp4, $"bytes={received.Length}-");
        Assert.Equal(HttpStatusCode.PartialContent, rest.StatusCode);
        received.Write(await rest.Content.ReadAsByteArrayAsync());
        Assert.Equal(Sha(data), Sha(received.ToArray()));
    }

    [Fact]
    public async Task BigGo_download_link_serves_the_upload_and_vanishes_with_the_video()
    {
        using var biggo = new BigGo.BigGoTestClient(Server.BigGoBaseUri);
        await biggo.LoginAsync();
        var data = Bytes(50_000, 7);
        var id = await biggo.UploadOkAsync(data);
        var video = await Json.ReadAsync(await biggo.Http.GetAsync($"api/v1/video/{id}"), HttpStatusCode.OK);
        var link = video.GetProperty("video")[0].GetProperty("meta").GetProperty("download").Str("mp4");

        using var cdn = new HttpClient();
        var whole = await cdn.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(data, await whole.Content.ReadAsByteArrayAsync());
        var range = await GetAsync(cdn, new Uri(link), "bytes=0-99");
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(data[..100], await range.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, (await biggo.Http.DeleteAsync($"api/v1/video/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cdn.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Vimeo_download_array_needs_the_owner_and_video_files_and_its_link_is_signed()
    {
        using var http = new HttpClient { BaseAddress = Server.VimeoBaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxCredentials.VimeoAccessToken);
        var data = Bytes(70_000, 3);
        var created = await Json.ReadAsync(await http.PostAsync("me/videos?fields=uri,upload", Json.Content(new { upload = new { approach = "tus", size = data.Length }, name = "dl" })), HttpStatusCode.OK);
        var patch = new HttpRequestMessage(HttpMethod.Patch, created.GetProperty("upload").Str("upload_link")) { Content = new ByteArrayContent(data) };
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(patch)).StatusCode);
        var path = created.Str("uri").TrimStart('/');

        var video = await Json.ReadAsync(await http.GetAsync(path + "?fields=uri,download"), HttpStatusCode.OK);
        var file = Assert.Single(video.GetProperty("download").EnumerateArray());
        Assert.Equal("source", file.Str("quality"));
        Assert.Equal(data.Length, file.GetProperty("size").GetInt64());
        var link = new Uri(file.Str("link"));
        Assert.Contains("s=", link.Query, StringComparison.Ordinal);

        using var cdn = new HttpClient();
        Assert.Equal(data, await cdn.GetByteArrayAsync(link));
        Assert.Equal(HttpStatusCode.Forbidden, (await cdn.GetAsync(link.GetLeftPart(UriPartial.Path) + "?expires=1&s=00")).StatusCode);

        // A token without video_files sees no download array.
        var token = await Json.ReadAsync(await Admin.PostAsync("vimeo/tokens", Json.Content(new { account = 1, scope = "public private edit" })), HttpStatusCode.Created);
        using var limited = new HttpClient { BaseAddress = Server.VimeoBaseUri };
        limited.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("token"));
        var hidden = await Json.ReadAsync(await limited.GetAsync(path), HttpStatusCode.OK);
        Assert.False(hidden.TryGetProperty("download", out _));
    }

    [Fact]
    public async Task Ziggeo_video_and_stream_downloads_need_basic_auth_and_serve_the_upload()
    {
        using var api = new HttpClient { BaseAddress = new Uri(Server.BaseUri, "ziggeo/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxCredentials.ZiggeoApplicationToken}:{SandboxCredentials.ZiggeoPrivateKey}")));
        var answer = await Json.ReadAsync(await api.PostAsync("v1/videos-upload-url", new FormUrlEncodedContent([new("video_type", "mp4")])), HttpStatusCode.OK);
        var urlData = answer.GetProperty("url_data");
        var data = Bytes(60_000, 9);
        using (var form = new MultipartFormDataContent())
        {
            foreach (var field in urlData.GetProperty("fields").EnumerateObject()) form.Add(new StringContent(field.Value.GetString()!), field.Name);
            form.Add(new ByteArrayContent(data), "file", "clip.mp4");
            using var s3 = new HttpClient();
            Assert.Equal(HttpStatusCode.NoContent, (await s3.PostAsync(urlData.Str("url"), form)).StatusCode);
        }

        var token = answer.GetProperty("video").Str("token");
        var stream = answer.GetProperty("video").GetProperty("default_stream").Str("token");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"v1/videos/{token}/streams/{stream}/confirm-video", null)).StatusCode);

        Assert.Equal(data, await api.GetByteArrayAsync($"v1/videos/{token}/video"));
        Assert.Equal(data, await api.GetByteArrayAsync($"v1/videos/{token}/streams/{stream}/video"));
        var range = await GetAsync(api, new Uri(api.BaseAddress!, $"v1/videos/{token}/video"), "bytes=100-");
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(data[100..], await range.Content.ReadAsByteArrayAsync());

        using var anonymous = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"v1/videos/{token}/video")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("v1/videos/nope/video")).StatusCode);
    }
}

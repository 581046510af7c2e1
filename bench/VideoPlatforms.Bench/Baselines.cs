using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatforms.Bench;

/// <summary>
/// The same bytes sent to the same Sandbox endpoints with a bare HttpClient and nothing else: no retries, no progress,
/// no PowerShell. The module's throughput is reported as a ratio to this.
/// </summary>
internal static class Baselines
{
    /// <remarks><paramref name="concurrency"/>: api.video's chunks in flight at once (its plain cut, taken in order).</remarks>
    public static async Task UploadAsync(string platform, Uri sandbox, string file, long chunkSize, int concurrency = 1)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        switch (platform)
        {
            case "ApiVideo": await ApiVideoAsync(http, new Uri(sandbox, "apivideo/"), file, chunkSize, concurrency); break;
            case "BigGo": await BigGoAsync(http, new Uri(sandbox, "biggo/"), file); break;
            case "Ziggeo": await ZiggeoAsync(http, new Uri(sandbox, "ziggeo/"), file); break;
            case "Vimeo": await VimeoAsync(http, new Uri(sandbox, "vimeo/"), file, chunkSize); break;
            default: throw new ArgumentException($"No baseline for {platform}.");
        }
    }

    private static async Task ApiVideoAsync(HttpClient http, Uri api, string file, long chunkSize, int concurrency)
    {
        var auth = await (await http.PostAsJsonAsync(new Uri(api, "auth/api-key"), new { apiKey = "sandbox-apivideo-key" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.GetProperty("access_token").GetString());
        var video = await (await http.PostAsJsonAsync(new Uri(api, "videos"), new { title = "baseline" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var source = new Uri(api, $"videos/{video.GetProperty("videoId").GetString()}/source");
        var size = new FileInfo(file).Length;
        var next = -chunkSize;
        async Task WorkAsync()
        {
            await using var stream = File.OpenRead(file);
            for (var first = Interlocked.Add(ref next, chunkSize); first < size; first = Interlocked.Add(ref next, chunkSize))
            {
                var length = Math.Min(chunkSize, size - first);
                stream.Position = first;
                using var part = new StreamContent(new BoundedStream(stream, length));
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var form = new MultipartFormDataContent { { part, "file", Path.GetFileName(file) } };
                form.Headers.TryAddWithoutValidation("Content-Range", $"bytes {first}-{first + length - 1}/{size}");
                (await http.PostAsync(source, form)).EnsureSuccessStatusCode();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)));
    }

    private static async Task BigGoAsync(HttpClient http, Uri api, string file)
    {
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "auth/v1/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sandbox-biggo-client:sandbox-biggo-secret"u8.ToArray()));
        var token = await (await http.SendAsync(tokenRequest)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        await using var stream = File.OpenRead(file);
        using var part = new StreamContent(stream);
        using var form = new MultipartFormDataContent { { part, "video", Path.GetFileName(file) } };
        using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "api/v1/video/")) { Content = form };
        upload.Headers.TryAddWithoutValidation("File-Size", new FileInfo(file).Length.ToString());
        (await http.SendAsync(upload)).EnsureSuccessStatusCode();
    }

    private static async Task VimeoAsync(HttpClient http, Uri api, string file, long chunkSize)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-vimeo-token-1");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.vimeo.*+json;version=3.4");
        var size = new FileInfo(file).Length;
        var created = await (await http.PostAsJsonAsync(new Uri(api, "me/videos?fields=uri,upload"), new { upload = new { approach = "tus", size }, name = "baseline" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var link = created.GetProperty("upload").GetProperty("upload_link").GetString()!;
        await using var stream = File.OpenRead(file);
        for (long offset = 0; offset < size; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, size - offset);
            stream.Position = offset;
            using var body = new StreamContent(new BoundedStream(stream, length));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            body.Headers.ContentLength = length;
            using var patch = new HttpRequestMessage(HttpMethod.Patch, link) { Content = body };
            patch.Headers.Add("Tus-Resumable", "1.0.0");
            patch.Headers.Add("Upload-Offset", offset.ToString());
            (await http.SendAsync(patch)).EnsureSuccessStatusCode();
        }
    }

    private static async Task ZiggeoAsync(HttpClient http, Uri api, string file)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String("sandboxziggeoapp0000000000000001:sandbox-ziggeo-private-key"u8.ToArray()));
        var created = await (await http.PostAsync(new Uri(api, "v1/videos-upload-url"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["video_type"] = "mp4" }))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var urlData = created.GetProperty("url_data");
        using var form = new MultipartFormDataContent();
        foreach (var field in urlData.GetProperty("fields").EnumerateObject()) form.Add(new StringContent(field.Value.GetString()!), field.Name);
        await using var stream = File.OpenRead(file);
        form.Add(new StreamContent(stream), "file", Path.GetFileName(file));
        using var upload = new HttpRequestMessage(HttpMethod.Post, urlData.GetProperty("url").GetString()) { Content = form };
        upload.Headers.Authorization = null;
        (await http.SendAsync(upload)).EnsureSuccessStatusCode();
        var video = created.GetProperty("video");
        var confirm = new Uri(api, $"v1/videos/{video.GetProperty("token").GetString()}/streams/{video.GetProperty("default_stream").GetProperty("token").GetString()}/confirm-video");
        (await http.PostAsync(confirm, null)).EnsureSuccessStatusCode();
    }

    /// <summary>A window of a stream from its current position, so a chunk is sent without copying it.</summary>
    private sealed class BoundedStream(Stream inner, long length) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, (int)Math.Min(count, length - _read));
            _read += n;
            return n;
        }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - _read)], cancellationToken);
            _read += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

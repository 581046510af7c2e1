using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace VideoPlatforms.Bench;

/// <summary>
/// curl sending a file to the same Sandbox endpoint as Send-Video, by each platform's upload path: api.video's
/// multipart chunks with Content-Range, Vimeo's tus PATCHes, Ziggeo's signed form POST, BigGo's multipart POST. One curl
/// process per file (its requests share a connection, as the module's do). The setup calls (token, create) go through
/// an HttpClient and are not timed. The reference for the module's CPU per GiB and for Vimeo's one stream on a link.
/// </summary>
internal static class CurlUploads
{
    /// <summary>Uploads <paramref name="file"/>; chunked platforms send the files of <paramref name="chunks"/> (the file cut at the same offsets).</summary>
    public static async Task<Curl.Run> UploadAsync(string platform, Uri sandbox, string file, IReadOnlyList<(string Path, long First, long Length)> chunks)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var size = new FileInfo(file).Length;
        var name = Path.GetFileName(file);
        var config = new StringBuilder();
        Action? after = null;
        switch (platform)
        {
            case "ApiVideo":
            {
                var api = new Uri(sandbox, "apivideo/");
                var auth = await (await http.PostAsJsonAsync(new Uri(api, "auth/api-key"), new { apiKey = "sandbox-apivideo-key" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.GetProperty("access_token").GetString());
                var video = await (await http.PostAsJsonAsync(new Uri(api, "videos"), new { title = "curl" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                var source = new Uri(api, $"videos/{video.GetProperty("videoId").GetString()}/source");
                foreach (var (path, first, length) in chunks)
                {
                    Request(config, source, http.DefaultRequestHeaders.Authorization.ToString());
                    config.AppendLine($"form = \"file=@{path};filename={name};type=application/octet-stream\"");
                    config.AppendLine($"header = \"Content-Range: bytes {first}-{first + length - 1}/{size}\"");
                }
                break;
            }
            case "Vimeo":
            {
                var api = new Uri(sandbox, "vimeo/");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-vimeo-token-1");
                http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.vimeo.*+json;version=3.4");
                var created = await (await http.PostAsJsonAsync(new Uri(api, "me/videos?fields=uri,upload"), new { upload = new { approach = "tus", size }, name = "curl" }))
                    .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                var link = new Uri(created.GetProperty("upload").GetProperty("upload_link").GetString()!);
                foreach (var (path, first, _) in chunks)
                {
                    Request(config, link, null);
                    config.AppendLine("request = \"PATCH\"");
                    config.AppendLine($"upload-file = \"{path}\"");
                    config.AppendLine("header = \"Tus-Resumable: 1.0.0\"");
                    config.AppendLine($"header = \"Upload-Offset: {first}\"");
                    config.AppendLine("header = \"Content-Type: application/offset+octet-stream\"");
                }
                break;
            }
            case "Ziggeo":
            {
                var api = new Uri(sandbox, "ziggeo/");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sandboxziggeoapp0000000000000001:sandbox-ziggeo-private-key"u8.ToArray()));
                var created = await (await http.PostAsync(new Uri(api, "v1/videos-upload-url"),
                    new FormUrlEncodedContent(new Dictionary<string, string> { ["video_type"] = "mp4" }))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                var urlData = created.GetProperty("url_data");
                Request(config, new Uri(urlData.GetProperty("url").GetString()!), null);
                foreach (var field in urlData.GetProperty("fields").EnumerateObject())
                    config.AppendLine($"form-string = \"{field.Name}={Escape(field.Value.GetString()!)}\"");
                config.AppendLine($"form = \"file=@{file};filename={name}\"");
                var video = created.GetProperty("video");
                var confirm = new Uri(api, $"v1/videos/{video.GetProperty("token").GetString()}/streams/{video.GetProperty("default_stream").GetProperty("token").GetString()}/confirm-video");
                after = () => http.PostAsync(confirm, null).GetAwaiter().GetResult().EnsureSuccessStatusCode();
                break;
            }
            case "BigGo":
            {
                var api = new Uri(sandbox, "biggo/");
                using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "auth/v1/token"))
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
                };
                tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sandbox-biggo-client:sandbox-biggo-secret"u8.ToArray()));
                var token = await (await http.SendAsync(tokenRequest)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                Request(config, new Uri(api, "api/v1/video/"), $"Bearer {token.GetProperty("access_token").GetString()}");
                config.AppendLine($"form = \"video=@{file};filename={name}\"");
                config.AppendLine($"header = \"File-Size: {size}\"");
                break;
            }
            default:
                throw new ArgumentException($"No curl upload for {platform}.");
        }
        // The config goes in on stdin, so no credential appears on a command line.
        var run = Curl.RunConfig(config.ToString());
        after?.Invoke();
        return run;
    }

    /// <summary>Cuts <paramref name="file"/> into chunk files of <paramref name="chunkSize"/> in <paramref name="directory"/> (curl sends files, not ranges).</summary>
    public static List<(string Path, long First, long Length)> Cut(string file, long chunkSize, string directory)
    {
        Directory.CreateDirectory(directory);
        var chunks = new List<(string, long, long)>();
        using var source = File.OpenRead(file);
        var buffer = new byte[1 << 20];
        for (long first = 0; first < source.Length; first += chunkSize)
        {
            var length = Math.Min(chunkSize, source.Length - first);
            var path = Path.Combine(directory, $"chunk-{first}.bin");
            if (!File.Exists(path) || new FileInfo(path).Length != length)
            {
                using var target = File.Create(path);
                for (long left = length; left > 0;)
                {
                    var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    target.Write(buffer, 0, read);
                    left -= read;
                }
            }
            source.Position = first + length;
            chunks.Add((path, first, length));
        }
        return chunks;
    }

    private static void Request(StringBuilder config, Uri url, string? authorization)
    {
        if (config.Length > 0) config.AppendLine("next");
        config.AppendLine($"url = \"{url}\"");
        config.AppendLine("output = \"/dev/null\"");
        config.AppendLine("silent");
        config.AppendLine("show-error");
        config.AppendLine("fail");
        config.AppendLine("header = \"Expect:\"");
        if (authorization is not null) config.AppendLine($"header = \"Authorization: {authorization}\"");
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}

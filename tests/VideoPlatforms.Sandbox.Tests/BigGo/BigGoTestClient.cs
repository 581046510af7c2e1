using System.Security.Cryptography;
using System.Text;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests.BigGo;

/// <summary>A deliberately thin BigGo client: the tests see the raw HTTP contract of docs/platforms/biggo.md.</summary>
public sealed class BigGoTestClient(Uri baseUri) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = baseUri };

    /// <summary>POST auth/v1/token with Basic id:secret and the client-credentials form.</summary>
    public Task<HttpResponseMessage> TokenAsync(string clientId = SandboxCredentials.BigGoClientId, string secret = SandboxCredentials.BigGoClientSecret,
        string? grant = "client_credentials")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "auth/v1/token")
        {
            Content = new FormUrlEncodedContent(grant is null ? [] : new Dictionary<string, string> { ["grant_type"] = grant }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return Http.SendAsync(request);
    }

    public async Task<string> LoginAsync()
    {
        var token = await Json.ReadAsync(await TokenAsync(), HttpStatusCode.OK);
        var access = token.Str("access_token");
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return access;
    }

    /// <summary>POST api/v1/video/ with the bytes in the multipart field <paramref name="field"/> and a File-Size header.</summary>
    public Task<HttpResponseMessage> UploadAsync(byte[] data, string field = "video", long? fileSize = -1, string fileName = "clip.mp4", string? region = null)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, field, fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/video/") { Content = content };
        if (fileSize is not null) request.Headers.Add("File-Size", (fileSize == -1 ? data.Length : fileSize.Value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (region is not null) request.Headers.Add("region", region);
        return Http.SendAsync(request);
    }

    public async Task<string> UploadOkAsync(byte[] data) =>
        (await Json.ReadAsync(await UploadAsync(data), HttpStatusCode.OK)).Str("video_id");

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object body) =>
        Http.SendAsync(new HttpRequestMessage(method, path) { Content = Json.Content(body) });

    /// <summary>Asserts BigGo's API error body {result:false, error:{code, message}} with the given status and code.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        var body = await Json.ReadAsync(response, status);
        Assert.False(body.GetProperty("result").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetProperty("message").GetString()));
        return body;
    }

    public static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public void Dispose() => Http.Dispose();
}

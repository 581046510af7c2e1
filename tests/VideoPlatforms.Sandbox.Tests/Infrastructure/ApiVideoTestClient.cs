using System.Security.Cryptography;

namespace VideoPlatforms.Sandbox.Tests.Infrastructure;

/// <summary>A deliberately thin api.video client: the tests must see the raw HTTP contract, not a wrapper's view.</summary>
public sealed class ApiVideoTestClient(Uri baseUri) : IDisposable
{
    public const int MiB = 1024 * 1024;

    public HttpClient Http { get; } = new() { BaseAddress = baseUri };

    public Uri BaseUri => baseUri;

    public async Task<JsonElement> LoginAsync(string apiKey = SandboxCredentials.ApiVideoApiKey)
    {
        var response = await Http.PostAsync("auth/api-key", Json.Content(new { apiKey }));
        var tokens = await Json.ReadAsync(response, HttpStatusCode.OK);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Str("access_token"));
        return tokens;
    }

    public async Task<JsonElement> CreateVideoAsync(string title, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["title"] = title };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return await Json.ReadAsync(await Http.PostAsync("videos", Json.Content(body)), HttpStatusCode.Created);
    }

    /// <summary>POSTs one multipart request with a "file" section holding data[offset..offset+count).</summary>
    public Task<HttpResponseMessage> UploadAsync(
        string path, byte[] data, int offset, int count, string? contentRange,
        string fileName = "clip.mp4", IReadOnlyDictionary<string, string>? fieldsAfterFile = null, bool authenticated = true)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(data, offset, count);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        foreach (var (name, value) in fieldsAfterFile ?? new Dictionary<string, string>())
        {
            content.Add(new StringContent(value), name);
        }

        if (contentRange is not null)
        {
            // "part n/N" is not a valid Content-Range for HttpClient's parser, so add it unvalidated.
            content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (!authenticated)
        {
            request.Headers.Authorization = null;
            return SendWithoutDefaultAuthAsync(request);
        }

        return Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendWithoutDefaultAuthAsync(HttpRequestMessage request)
    {
        using var anonymous = new HttpClient { BaseAddress = baseUri };
        return await anonymous.SendAsync(request);
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

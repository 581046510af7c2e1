using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatforms.Sandbox;

namespace VideoPlatforms.Tests.Harness;

/// <summary>
/// A real Sandbox on an ephemeral loopback port, one per test class (xunit runs a class's tests one at a time, and
/// classes in parallel, each with its own Sandbox). Tests look inside it through its admin HTTP surface.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Uri ApiVideoUri => Server.ApiVideoBaseUri;

    public async Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync();
        Admin = new HttpClient { BaseAddress = Server.BaseUri };
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
    }

    public async Task ResetAsync() => (await Admin.PostAsync("_sandbox/reset", null)).EnsureSuccessStatusCode();

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task PostAsync(string path, object body) => (await Admin.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    public async Task PutAsync(string path, object body) => (await Admin.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    public Task AddFaultAsync(object rule) => PostAsync("_sandbox/faults", rule);

    /// <summary>The videos of the api.video emulation as the Sandbox stores them (size, sha256, complete).</summary>
    public async Task<JsonElement[]> ApiVideoVideosAsync()
    {
        var json = await GetAsync("_sandbox/apivideo/videos");
        var array = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("data");
        return array.EnumerateArray().ToArray();
    }

    /// <summary>Every key and token the Sandbox issued or knows: what must never appear in the module's output.</summary>
    public async Task<string[]> ApiVideoSecretsAsync()
    {
        var json = await GetAsync("_sandbox/apivideo/secrets");
        return Strings(json).Where(s => s.Length >= 8).Distinct().ToArray();
    }

    public async Task<JsonElement[]> RequestsAsync(string platform = "apivideo")
    {
        var json = await GetAsync($"_sandbox/requests?platform={platform}");
        var array = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("data");
        return array.EnumerateArray().ToArray();
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new[] { element.GetString()! },
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => Array.Empty<string>(),
    };
}

using System.Text.Json;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Vimeo;

/// <summary>Shared helpers of the Vimeo tests: connecting, the Sandbox's Vimeo admin surface and request log.</summary>
public abstract class VimeoTest : SandboxTest
{
    protected const long MiB = 1 << 20;
    protected const string Accept = "application/vnd.vimeo.*+json;version=3.4";

    protected VimeoTest(SandboxFixture sandbox) : base(sandbox) { }

    protected void ConnectVimeo(string extra = "") => Ps.Ok($"Connect-VideoProvider -Provider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri {extra}");

    protected Video Upload(string name, string extra = "", long size = MiB)
    {
        var file = Ps.NewFile(name + ".mp4", size, name.Length);
        return Assert.IsType<Video>(Assert.Single(Ps.Ok($"Send-Video $args[0] {extra}", file)).BaseObject);
    }

    protected async Task<JsonElement[]> VideosAsync() => (await Sandbox.GetAsync("_sandbox/vimeo/videos")).EnumerateArray().ToArray();

    protected Task<JsonElement> VideoAsync(string id) => Sandbox.GetAsync($"_sandbox/vimeo/videos/{id}");

    protected Task<JsonElement[]> RequestsAsync() => Sandbox.RequestsAsync("vimeo");

    /// <summary>A personal access token of account 1 with only these scopes.</summary>
    protected async Task<string> TokenWithScopesAsync(string scope)
    {
        using var response = await Sandbox.Admin.PostAsync("_sandbox/vimeo/tokens",
            new StringContent(JsonSerializer.Serialize(new { account = 1, scope }), System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("token").GetString()!;
    }

    protected static string Header(JsonElement request, string name) =>
        request.GetProperty("headers").EnumerateObject().FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v
            ? v.GetString()! : "";

    protected static string Path(JsonElement request) => request.GetProperty("path").GetString()!;

    protected static string Method(JsonElement request) => request.GetProperty("method").GetString()!;
}

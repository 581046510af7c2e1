using System.Text.Json;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.BigGo;

/// <summary>
/// Base of the BigGo tests: a clean Sandbox and runspace per test, with helpers to connect and to read what the
/// Sandbox's BigGo holds. The runspace has $BigGoUri, $BigGoCredential and $BigGoOtherUser.
/// </summary>
public abstract class BigGoTest : SandboxTest
{
    protected BigGoTest(SandboxFixture sandbox) : base(sandbox) { }

    protected const string Connect = "Connect-VideoProvider -Provider BigGo -ClientCredential $BigGoCredential -BaseUri $BigGoUri";

    protected void ConnectBigGo(string extra = "") => Ps.Ok($"{Connect} {extra}");

    /// <summary>The connected user's videos as the Sandbox stores them (size, sha256, deleted...), deleted ones included.</summary>
    protected async Task<JsonElement[]> OwnVideosAsync()
    {
        var json = await Sandbox.GetAsync("_sandbox/biggo/videos");
        return json.EnumerateArray().Where(v => v.GetProperty("userid").GetString() == SandboxCredentials.BigGoUserId).ToArray();
    }

    protected async Task<JsonElement[]> LiveVideosAsync() =>
        (await OwnVideosAsync()).Where(v => !v.GetProperty("deleted").GetBoolean()).ToArray();

    protected async Task<JsonElement[]> BigGoRequestsAsync(string method, string pathStart) =>
        (await Sandbox.RequestsAsync("biggo"))
            .Where(r => r.GetProperty("method").GetString() == method && r.GetProperty("path").GetString()!.StartsWith(pathStart, StringComparison.Ordinal))
            .ToArray();

    protected Task<JsonElement[]> TokenRequestsAsync() => BigGoRequestsAsync("POST", "/auth/v1/token");

    protected Task SeedAsync(int count, string prefix = "Seed") =>
        Sandbox.PostAsync("_sandbox/biggo/seed", new { userid = SandboxCredentials.BigGoUserId, count, titlePrefix = prefix });

    /// <summary>A fault answering BigGo's own error body with <paramref name="code"/>.</summary>
    protected Task FaultAsync(string method, string pathPattern, int status, int code, int times = 1, int skip = 0) =>
        Sandbox.AddFaultAsync(new
        {
            platform = "biggo", method, pathPattern, kind = "status", status, times, skip,
            body = JsonSerializer.Serialize(new { result = false, error = new { code, message = $"injected error {code}" } }),
        });

    protected Video Upload(string name, string extra = "")
    {
        var file = Ps.NewFile(name + ".mp4", 200_000, Math.Abs(name.GetHashCode()));
        return Assert.IsType<Video>(Assert.Single(Ps.Ok($"Send-Video $args[0] {extra}", file)).BaseObject);
    }
}

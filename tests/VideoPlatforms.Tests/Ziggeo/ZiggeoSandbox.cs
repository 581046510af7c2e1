using System.Text.Json;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Ziggeo;

/// <summary>Ziggeo's corner of the Sandbox's admin surface, and connecting a session to it.</summary>
internal static class ZiggeoSandbox
{
    public static void ConnectZiggeo(this PsSession ps, string extra = "") =>
        ps.Ok($"Connect-VideoProvider -Provider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri {extra}");

    /// <summary>The videos as the Sandbox stores them: region, token, key, state, complete, size, sha256...</summary>
    public static async Task<JsonElement[]> ZiggeoVideosAsync(this SandboxFixture sandbox) =>
        (await sandbox.GetAsync("_sandbox/ziggeo/videos")).EnumerateArray().ToArray();

    public static async Task<JsonElement[]> ZiggeoAuthTokensAsync(this SandboxFixture sandbox) =>
        (await sandbox.GetAsync("_sandbox/ziggeo/authtokens")).EnumerateArray().ToArray();

    /// <summary>Every private key, auth token, upload policy and signature the Sandbox knows.</summary>
    public static async Task<string[]> ZiggeoSecretsAsync(this SandboxFixture sandbox) =>
        (await sandbox.GetAsync("_sandbox/ziggeo/secrets")).GetProperty("all").EnumerateArray().Select(e => e.GetString()!).Distinct().ToArray();

    public static Task SeedZiggeoAsync(this SandboxFixture sandbox, int count, string? keyPrefix = null, string[]? tags = null, string region = "default") =>
        sandbox.PostAsync("_sandbox/ziggeo/seed", new { region, count, keyPrefix, tags });

    /// <summary>Requests the Sandbox received for one Ziggeo endpoint: "ziggeo", "ziggeo-eu-west-1" or "ziggeo-s3".</summary>
    public static Task<JsonElement[]> ZiggeoRequestsAsync(this SandboxFixture sandbox, string platform = "ziggeo") => sandbox.RequestsAsync(platform);

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}

using System.Text.Json;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Transfer;

/// <summary>What the Save-Video and Copy-Video tests need to know of each platform in the Sandbox, read from <see cref="PlatformCase"/>.</summary>
internal static class Platforms
{
    public static readonly TheoryData<string> All = PlatformCase.Names();

    /// <summary>Connect-VideoProvider for the platform, named after it.</summary>
    public static string Connect(string provider, string extra = "") => $"{PlatformCase.Named(provider).Connect} -Name {provider} {extra}";

    /// <summary>The Sandbox platform name (request log, fault rules) and the path of its download endpoint.</summary>
    public static (string Platform, string DownloadPattern) Download(string provider)
    {
        var p = PlatformCase.Named(provider);
        return (p.AdminName, p.DownloadPattern);
    }

    /// <summary>The Sandbox's own record of a video (its sha256 and metadata), by id.</summary>
    public static async Task<JsonElement> AdminVideoAsync(SandboxFixture sandbox, string provider, string id) =>
        await sandbox.GetAsync($"_sandbox/{provider.ToLowerInvariant()}/videos/{id}");

    public static async Task<int> AdminVideoCountAsync(SandboxFixture sandbox, string provider)
    {
        var all = await sandbox.GetAsync($"_sandbox/{provider.ToLowerInvariant()}/videos");
        return all.EnumerateArray().Count(v => !v.TryGetProperty("deleted", out var d) || !d.GetBoolean());
    }

    /// <summary>The platform's download requests in the Sandbox's log, oldest first.</summary>
    public static async Task<JsonElement[]> DownloadRequestsAsync(SandboxFixture sandbox, string provider)
    {
        var (platform, pattern) = Download(provider);
        var regex = new System.Text.RegularExpressions.Regex(pattern);
        return (await sandbox.RequestsAsync(platform))
            .Where(r => r.GetProperty("method").GetString() == "GET" && regex.IsMatch(r.GetProperty("path").GetString()!))
            .ToArray();
    }

    public static string? Header(JsonElement request, string name) =>
        request.GetProperty("headers").EnumerateObject().FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v
            ? v.GetString() : null;
}

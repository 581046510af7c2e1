using System.Globalization;
using System.Text.Json;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>The Sandbox's admin surface as the cross-platform suites read it.</summary>
public static class FaultSandbox
{
    /// <summary>The platform's videos as the Sandbox stores them, deleted ones (BigGo keeps them, flagged) left out.</summary>
    public static async Task<JsonElement[]> VideosAsync(this SandboxFixture sandbox, PlatformCase platform)
    {
        var json = await sandbox.GetAsync($"_sandbox/{platform.AdminName}/videos");
        var array = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("data");
        return array.EnumerateArray()
            .Where(v => !(v.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True))
            .Where(v => !(v.TryGetProperty("seeded", out var s) && s.ValueKind == JsonValueKind.True))
            .ToArray();
    }

    /// <summary>Every secret the Sandbox issued or knows for the platform (keys, tokens, signatures, upload links).</summary>
    public static async Task<string[]> SecretsAsync(this SandboxFixture sandbox, PlatformCase platform)
    {
        var json = await sandbox.GetAsync($"_sandbox/{platform.AdminName}/secrets");
        return Strings(json).Where(s => s.Length >= 8).Distinct().ToArray();
    }

    public static async Task<JsonElement[]> AllRequestsAsync(this SandboxFixture sandbox)
    {
        var json = await sandbox.GetAsync("_sandbox/requests");
        var array = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("data");
        return array.EnumerateArray().ToArray();
    }

    /// <summary>Adds a rule and returns its id (the request log names faults by rule id).</summary>
    public static async Task<int> AddRuleAsync(this SandboxFixture sandbox, object rule)
    {
        using var response = await sandbox.Admin.PostAsync("_sandbox/faults",
            new StringContent(JsonSerializer.Serialize(rule), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
    }

    public static string Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public static string Id(this JsonElement video) =>
        new[] { "videoId", "token", "id" }.Select(n => video.Str(n)).FirstOrDefault(s => s.Length > 0) ?? "";

    public static string Epoch(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}

using System.Management.Automation;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Module;

/// <summary>
/// Every example in the compiled help, read through Get-Help and run against the Sandbox: help that shows a command
/// which does not work is worse than none. Each example runs in its own runspace on a freshly seeded Sandbox, with
/// the stand-ins of HelpExampleStandIns.ps1 answering the prompts and folders a person would have.
/// </summary>
public sealed class HelpExampleTests : SandboxTest
{
    public HelpExampleTests(SandboxFixture sandbox) : base(sandbox) { }

    public static TheoryData<string> Cmdlets() => new(HelpTests.Names);

    /// <summary>
    /// Literal values in the examples that stand for the reader's own (a video id, an application token), and what
    /// stands for them in the Sandbox. Only these are replaced; the rest of the example runs as printed.
    /// </summary>
    private static Dictionary<string, string> Placeholders(SandboxFixture sandbox, string seededVideoId) => new()
    {
        ["vi4k0jvEUuaTdRAEjQ4Jfrgz"] = seededVideoId,
        ["r1abc123"] = SandboxCredentials.ZiggeoEuApplicationToken,
        ["http://127.0.0.1:5080/"] = sandbox.Server.BaseUri.ToString(),
    };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public async Task Every_example_runs_against_the_Sandbox(string name)
    {
        var examples = Ps.Ok($"(Get-Help {name} -Full).examples.example | ForEach-Object code").Select(o => o.ToString()).ToList();
        Assert.NotEmpty(examples);
        var failures = new List<string>();
        for (var i = 0; i < examples.Count; i++)
        {
            var failure = await RunExampleAsync(examples[i]);
            if (failure is not null) failures.Add($"{name} example {i + 1}:\n{examples[i]}\n--> {failure}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Runs one example in a fresh runspace on a freshly seeded Sandbox; null when it succeeded, else what went wrong.</summary>
    private async Task<string?> RunExampleAsync(string code)
    {
        await Sandbox.ResetAsync();
        var seeded = await Sandbox.Admin.PostAsJsonAsync("_sandbox/apivideo/seed",
            new { account = 1, count = 3, titlePrefix = "keynote draft", tags = new[] { "spring", "obsolete" } });
        seeded.EnsureSuccessStatusCode();
        var videoId = (await seeded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("videoIds")[0].GetString()!;
        foreach (var (placeholder, value) in Placeholders(Sandbox, videoId)) code = code.Replace(placeholder, value, StringComparison.Ordinal);

        using var session = new PsSession(Sandbox);
        CreateTheReadersFiles(session.Work);
        var setup = session.Run(
            "param($secrets, $users, $uris, $standIns) $global:ExampleSecrets = $secrets; $global:ExampleUsers = $users; $global:ExampleSandboxUris = $uris; . $standIns\n" +
            // The reader's usual session: an api.video account connected as 'marketing', and an upload token to hand over.
            "Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Name marketing\n" +
            "$ExampleSecrets['upload token'] = (New-UploadToken -TimeToLive 3600).Token",
            Secrets(), Users(), SandboxUris(), Path.Combine(AppContext.BaseDirectory, "Module", "HelpExampleStandIns.ps1"));
        if (setup.Terminating is not null || setup.Errors.Count > 0)
            return "setup failed: " + (setup.Terminating?.Message ?? string.Join("; ", setup.Errors.Select(e => e.ToString())));

        // Out-Default renders whatever the example emits, as at a prompt, so a broken view fails the example too.
        var result = session.Run(". {\n" + code + "\n} | Out-Default");
        if (result.Terminating is not null) return "terminating error: " + result.Terminating.Message;
        if (result.Errors.Count > 0) return "errors: " + string.Join("; ", result.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}"));
        return null;
    }

    /// <summary>The files and folders the examples name, small enough to upload in milliseconds.</summary>
    private static void CreateTheReadersFiles(string work)
    {
        void Video(string relative)
        {
            var path = Path.Combine(work, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, System.Text.Encoding.ASCII.GetBytes($"not really a video: {relative}\n"));
        }

        foreach (var clip in new[] { "clips/opening.mp4", "clips/closing.mp4", "archive/2025/a.mp4", "archive/2026/b.mp4",
                     "launch.mp4", "keynote.mp4", "big-file.mp4", "interview.mp4", "footage.mp4" })
            Video(clip);
        File.WriteAllText(Path.Combine(work, "uploads.csv"), "Path,Title\n./clips/opening.mp4,Opening titles\n./clips/closing.mp4,Closing credits\n");
    }

    /// <summary>What the reader types at each prompt and for each Get-Credential user name.</summary>
    private static System.Collections.Hashtable Secrets() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["api.video API key"] = SandboxCredentials.ApiVideoApiKey,
        ["marketing"] = SandboxCredentials.ApiVideoApiKey,
        ["support"] = SandboxCredentials.ApiVideoSecondApiKey,
        ["Vimeo token"] = SandboxCredentials.VimeoAccessToken,
        ["your-client-id"] = SandboxCredentials.VimeoClientSecret,
        ["Ziggeo private key"] = SandboxCredentials.ZiggeoEuPrivateKey,
        ["client id"] = SandboxCredentials.BigGoClientSecret,
    };

    /// <summary>Get-Credential user names in the examples that stand for the reader's client ids.</summary>
    private static System.Collections.Hashtable Users() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["your-client-id"] = SandboxCredentials.VimeoClientId,
        ["client id"] = SandboxCredentials.BigGoClientId,
    };

    private System.Collections.Hashtable SandboxUris() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["ApiVideo"] = Sandbox.Server.ApiVideoBaseUri.ToString(),
        ["Vimeo"] = Sandbox.Server.VimeoBaseUri.ToString(),
        ["Ziggeo"] = Sandbox.Server.ZiggeoBaseUri.ToString(),
        ["BigGo"] = Sandbox.Server.BigGoBaseUri.ToString(),
    };
}

using System.Management.Automation;
using System.Net.Http.Json;
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
    /// Literal values in the examples that stand for the reader's own (video ids, an application token, the Sandbox's
    /// standalone port), and what stands for them here. Only these are replaced; the rest runs as printed.
    /// </summary>
    private Dictionary<string, string> Placeholders(string apiVideoId, string vimeoId) => new()
    {
        ["vi4k0jvEUuaTdRAEjQ4Jfrgz"] = apiVideoId,
        ["123456789"] = vimeoId,
        ["r1abc123"] = SandboxCredentials.ZiggeoEuApplicationToken,
        ["http://127.0.0.1:5080/"] = Sandbox.Server.BaseUri.ToString(),
    };

    /// <summary>
    /// The reader's usual session, which the examples take for granted: a connection to each platform ($vimeo,
    /// $ziggeo, one named biggo, and api.video as $apivideo named marketing, made last so it is the default), a video
    /// uploaded from ./original.mp4 on api.video and on Vimeo, and an upload token to hand over.
    /// </summary>
    private const string ReadersSession = """
        param($secrets, $users, $uris, $standIns)
        $global:ExampleSecrets = $secrets; $global:ExampleUsers = $users; $global:ExampleSandboxUris = $uris
        . $standIns
        $global:vimeo = Connect-VideoProvider -Provider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri -PassThru
        $global:ziggeo = Connect-VideoProvider -Provider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri -PassThru
        Connect-VideoProvider -Provider BigGo -ClientCredential $BigGoCredential -BaseUri $BigGoUri -Name biggo
        $onVimeo = Send-Video ./original.mp4 -Connection $vimeo -Title 'Keynote on Vimeo'
        $global:apivideo = Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Name marketing -PassThru
        $onApiVideo = Send-Video ./original.mp4 -Title 'keynote draft' -Tag spring, launch, archive
        $ExampleSecrets['upload token'] = (New-UploadToken -TimeToLive 3600).Token
        $onApiVideo.Id
        $onVimeo.Id
        """;

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
        (await Sandbox.Admin.PostAsJsonAsync("_sandbox/apivideo/seed",
            new { account = 1, count = 3, titlePrefix = "keynote draft", tags = new[] { "spring", "obsolete" } })).EnsureSuccessStatusCode();

        using var session = new PsSession(Sandbox);
        CreateTheReadersFiles(session.Work);
        var setup = session.Run(ReadersSession, Secrets(), Users(), SandboxUris(), Path.Combine(AppContext.BaseDirectory, "Module", "HelpExampleStandIns.ps1"));
        if (setup.Terminating is not null || setup.Errors.Count > 0 || setup.Output.Count != 2)
            return "setup failed: " + (setup.Terminating?.Message ?? string.Join("; ", setup.Errors.Select(e => e.ToString())));
        foreach (var (placeholder, value) in Placeholders(setup.Output[0].ToString(), setup.Output[1].ToString()))
            code = code.Replace(placeholder, value, StringComparison.Ordinal);

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

        foreach (var clip in new[] { "clips/opening.mp4", "clips/closing.mp4", "archive/2025/a.mp4", "archive/2026/b.mp4", "archive/c.mp4",
                     "original.mp4", "launch.mp4", "big-file.mp4", "interview.mp4", "footage.mp4" })
            Video(clip);
        // Caption files: the keynote's, one per video of the seeded set (named after its title), and chapters.
        const string vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWelcome.\n\n00:00:02.000 --> 00:00:05.000\nThe plan.\n";
        Directory.CreateDirectory(Path.Combine(work, "captions"));
        foreach (var name in new[] { "keynote.en", "keynote.fr", "keynote draft.en", "keynote draft 1.en", "keynote draft 2.en", "keynote draft 3.en" })
            File.WriteAllText(Path.Combine(work, "captions", name + ".vtt"), vtt);
        File.WriteAllText(Path.Combine(work, "chapters.en.vtt"), vtt);
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

using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// Secrets under faults, per platform: every cmdlet with -Verbose -Debug while the mixed fault profile hits every
/// request, so the retry lines, renewals, lost answers and error paths are all exercised; then $Error, the connections
/// and the videos rendered to the screen. Every stream, $Error and its exception chains, the objects' string forms and
/// properties (Raw included) and the screen are scanned for every secret the Sandbox issued and the wrong credential
/// tried. (The per-platform SecretTests cover each platform's own flows without faults, with the same scanner.)
/// </summary>
public sealed class SecretSweepTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    public static TheoryData<string> Platforms => PlatformCase.Names();

    private static readonly Dictionary<string, string> WrongConnect = new()
    {
        ["ApiVideo"] = "Connect-VideoProvider -Provider ApiVideo -ApiKey $wrong -BaseUri $ApiVideoUri -Name bad",
        ["Vimeo"] = "Connect-VideoProvider -Provider Vimeo -AccessToken $wrong -BaseUri $VimeoUri -Name bad",
        ["Ziggeo"] = "Connect-VideoProvider -Provider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $wrong -BaseUri $ZiggeoUri -Name bad",
        ["BigGo"] = "Connect-VideoProvider -Provider BigGo -ClientCredential ([pscredential]::new($BigGoCredential.UserName, $wrong)) -BaseUri $BigGoUri -Name bad",
    };

    private const string WrongSecret = "wrong-secret-value-4711";

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task No_secret_appears_anywhere_under_faults(string name)
    {
        var platform = PlatformCase.Named(name);
        var files = Enumerable.Range(0, 4).Select(i => Ps.NewFile($"sweep {i}.mp4", i == 0 ? platform.LargeSizes[0] : 9_000 + i * 1_111, seed: 900 + i)).ToArray();
        foreach (var (_, rule) in MixedFaultTests.Profile(DateTimeOffset.UtcNow)) await Sandbox.AddRuleAsync(rule);
        if (platform == PlatformCase.BigGo) await Sandbox.PutAsync("_sandbox/biggo/config", new { accessTokenRequestLimit = 5 });
        var tokens = platform == PlatformCase.ApiVideo || platform == PlatformCase.Ziggeo;
        const string all = "-Verbose -Debug";

        var results = new List<PsResult>
        {
            Ps.Run($"{platform.Connect} -MaximumRetryCount 8 -MaximumRetryIntervalSec 1 -RetryBaseDelayMilliseconds 5 -TimeoutSec 2 -PassThru {all}"),
            Ps.Run($"$v = Send-Video -Path $args[0] -ThrottleLimit 2 {(platform.ChunkSize is { } c ? "-ChunkSize " + c : "")} {all}; $v; $v | Out-Default", new object[] { files }),
            Ps.Run($"Get-Video {all} | Out-Default; Get-Video -Id 'doesnotexist123' {all}"),
            Ps.Run($"if ($v) {{ Set-Video -Id $v[0].Id -Title renamed -PassThru {all} }}"),
            Ps.Run(tokens
                ? $"$t = New-UploadToken {all}; $t; $t | Out-Default; $listed = Get-UploadToken {all}; $listed; $listed | Out-Default; if ($t) {{ Remove-UploadToken -Token $t -Force {all} }}"
                : $"New-UploadToken {all}"),
            Ps.Run($"if ($v) {{ $v | Remove-Video -Force {all} }}"),
            Ps.Run($"$wrong = [System.Net.NetworkCredential]::new('', '{WrongSecret}').SecurePassword; {WrongConnect[name]} -MaximumRetryCount 1 -RetryBaseDelayMilliseconds 5 {all}"),
            Ps.Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); $_.ScriptStackTrace; $_.ErrorDetails }; Get-VideoProvider | Out-Default; Get-VideoProvider"),
        };
        await Sandbox.Admin.DeleteAsync("_sandbox/faults");

        var secrets = (await Sandbox.SecretsAsync(platform)).Append(WrongSecret).ToArray();
        Assert.True(secrets.Length >= 3, "the Sandbox reports the credentials it issued");
        var texts = SecretScan.Texts(results, Ps.Screen);
        // The upload journal is on disk next to nothing secret: scanned like every stream. (The session points it at
        // $Work/journal; the batch above wrote an entry per file.)
        var journal = Directory.EnumerateFiles(Path.Combine(Ps.Work, "journal"), "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(journal);
        texts.AddRange(journal.Select(File.ReadAllText));

        // The sweep saw the paths it is meant to: debug request lines, faults, and retries.
        Assert.Contains(texts, t => t.Contains("request headers", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Retrying", StringComparison.Ordinal) || t.Contains("again", StringComparison.Ordinal));
        Assert.True((await Sandbox.AllRequestsAsync()).Count(r => r.TryGetProperty("fault", out var f) && f.ValueKind == System.Text.Json.JsonValueKind.Object) > 0);
        // An upload token New-UploadToken or Get-UploadToken returns is the deliverable: the object carries it (its
        // string form is the token, so it binds to -UploadToken). Get-UploadToken is how a token whose creation lost
        // its answer is found, so what it lists is delivered too. It must still never reach a log stream or an error.
        var delivered = results.SelectMany(r => r.Output).Select(o => o?.BaseObject).OfType<UploadToken>().Select(t => t.Token).ToHashSet();
        SecretScan.AssertClean(secrets.Where(s => !delivered.Contains(s)).ToArray(), texts);
        SecretScan.AssertClean(delivered, results.SelectMany(r => r.Verbose.Concat(r.Debug).Concat(r.Warnings).Concat(r.Information)
            .Concat(r.Errors.SelectMany(e => new[] { e.ToString(), e.Exception.ToString(), e.TargetObject?.ToString() ?? "" }))).ToList());
        foreach (var text in texts)
        {
            Assert.DoesNotMatch(@"(?i)Bearer\s+(?!\*\*\*)[A-Za-z0-9]", text);
            Assert.DoesNotMatch(@"(?i)Basic\s+(?!\*\*\*)[A-Za-z0-9]{8}", text);
        }
    }
}

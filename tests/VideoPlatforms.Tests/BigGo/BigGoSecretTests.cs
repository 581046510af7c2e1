using System.Text;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.BigGo;

/// <summary>
/// Runs every cmdlet on BigGo with -Verbose -Debug, including failures and token renewals, and scans every stream,
/// the errors, $Error, the screen and the objects' string forms for the client secret, the Basic credential and
/// every access token the Sandbox issued.
/// </summary>
public sealed class BigGoSecretTests : BigGoTest
{
    public BigGoSecretTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public async Task No_secret_token_or_Authorization_value_appears_anywhere()
    {
        var file = Ps.NewFile("secret.mp4", 300_000);
        var results = new List<PsResult>
        {
            Ps.Run($"{Connect} -Region tw -PassThru -Verbose -Debug"),
            Ps.Run("$v = Send-Video $args[0] -Title s -Verbose -Debug; $v", file),
            Ps.Run("Send-Video $args[0] -Verbose -Debug", file),
            Ps.Run("Get-Video -Verbose -Debug; Get-Video -Id $v.Id -Verbose -Debug | Set-Video -Title t -PassThru -Verbose -Debug"),
            Ps.Run("Get-Video -User $BigGoOtherUser -First 2 -Verbose -Debug; Get-Video -Id nope -Verbose -Debug; Set-Video -Id nope -Title x -Verbose -Debug"),
            Ps.Run("New-UploadToken -Verbose -Debug; Get-UploadToken -Verbose -Debug"),
            Ps.Run("Connect-VideoProvider BigGo -ClientCredential ([pscredential]::new($args[0], [System.Net.NetworkCredential]::new('', 'wrong-secret-123456').SecurePassword)) -BaseUri $BigGoUri -Name bad -Verbose -Debug",
                SandboxCredentials.BigGoClientId),
        };
        await Sandbox.PostAsync("_sandbox/biggo/expire-tokens", new { });
        results.Add(Ps.Run("Get-Video -Verbose -Debug | Remove-Video -Force -Verbose -Debug"));
        await FaultAsync("GET", "^/api/v1/user/", 401, 4, times: 0);
        results.Add(Ps.Run("Get-Video -Verbose -Debug"));
        results.Add(Ps.Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); $_.ScriptStackTrace }; Get-VideoProvider | Out-Default"));

        var json = await Sandbox.GetAsync("_sandbox/biggo/secrets");
        var tokens = json.GetProperty("accessTokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.True(tokens.Count >= 3, "the Sandbox issued a token at connect and after each renewal");
        var secrets = tokens
            .Append(SandboxCredentials.BigGoClientSecret)
            .Append("wrong-secret-123456")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxCredentials.BigGoClientId}:{SandboxCredentials.BigGoClientSecret}")))
            // A JWT's signature alone is a secret too; so is its header.payload part.
            .Concat(tokens.Select(t => t[(t.LastIndexOf('.') + 1)..]))
            .Concat(tokens.Select(t => t[..t.LastIndexOf('.')]))
            .Distinct().ToArray();

        var texts = VideoPlatforms.Tests.Faults.SecretScan.Texts(results, Ps.Screen); // objects' properties (Raw), exception chains too
        Assert.Contains(texts, t => t.Contains("request headers"));
        Assert.Contains(texts, t => t.Contains("auth/v1/token"));
        foreach (var secret in secrets)
            foreach (var text in texts)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text[..Math.Min(200, text.Length)]}");
        foreach (var text in texts)
        {
            Assert.DoesNotMatch(@"(?i)Bearer\s+(?!\*\*\*)[A-Za-z0-9]", text);
            Assert.DoesNotMatch(@"(?i)Basic\s+(?!\*\*\*)[A-Za-z0-9]{8}", text);
        }
    }

    [Fact]
    public void The_connection_object_holds_no_secret_in_any_property()
    {
        var connection = Ps.Ok($"{Connect} -PassThru").Single();
        var values = Ps.Ok("$args[0].PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }", connection).Select(o => o.ToString()).ToList();
        Assert.Contains(values, v => v == "Region=tw");
        Assert.DoesNotContain(values, v => v.Contains(SandboxCredentials.BigGoClientSecret));
    }
}

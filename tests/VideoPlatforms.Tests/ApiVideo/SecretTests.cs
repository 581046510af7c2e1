using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.ApiVideo;

/// <summary>
/// Runs every cmdlet with -Verbose -Debug, including failures and a token renewal, and scans every stream, the
/// errors, $Error, the screen and the objects' string forms for every key and token the Sandbox issued.
/// </summary>
public sealed class SecretTests : SandboxTest
{
    public SecretTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public async Task No_key_token_or_Authorization_value_appears_anywhere()
    {
        var file = Ps.NewFile("secret.mp4", 6L << 20);
        var results = new List<PsResult>
        {
            Ps.Run("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -PassThru -Verbose -Debug"),
            Ps.Run("$v = Send-Video $args[0] -ChunkSize 5MB -Verbose -Debug; $v", file),
            Ps.Run("Get-Video -Verbose -Debug; Get-Video -Id $v.Id -Verbose -Debug | Set-Video -Title t -PassThru -Verbose -Debug"),
            Ps.Run("$t = New-UploadToken -Verbose -Debug; Get-UploadToken -Verbose -Debug | Out-Null; Send-Video $args[0] -UploadToken $t -Verbose -Debug", file),
            Ps.Run("Get-Video -Id nope -Verbose -Debug; Set-Video -Id nope -Title x -Verbose -Debug"),
            Ps.Run("Connect-VideoProvider ApiVideo -ApiKey ([System.Net.NetworkCredential]::new('', 'wrong-key-123456').SecurePassword) -BaseUri $ApiVideoUri -Name bad -Verbose -Debug"),
        };
        await Sandbox.PostAsync("_sandbox/apivideo/expire-tokens", new { });
        results.Add(Ps.Run("Get-Video -Verbose -Debug | Remove-Video -Force -Verbose -Debug; Get-UploadToken | Remove-UploadToken -Force -Verbose -Debug"));
        results.Add(Ps.Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); $_.ScriptStackTrace }; Get-VideoProvider | Out-Default"));

        var secrets = (await Sandbox.ApiVideoSecretsAsync())
            .Append(SandboxCredentials.ApiVideoApiKey).Append("wrong-key-123456").Distinct().ToArray();
        Assert.True(secrets.Length >= 4, "the Sandbox reports the key and the tokens it issued");

        var texts = VideoPlatforms.Tests.Faults.SecretScan.Texts(results, Ps.Screen); // objects' properties (Raw), exception chains too
        Assert.Contains(texts, t => t.Contains("DEBUG") || t.Contains("request headers"));
        foreach (var secret in secrets)
        {
            // Upload tokens are the output of New-UploadToken by design (a person hands them out); they must still
            // never appear in logs, errors or other streams.
            var isUploadToken = secret.StartsWith("to", StringComparison.Ordinal) && secret.Length <= 30;
            var scanned = isUploadToken
                ? results.SelectMany(r => r.Verbose.Concat(r.Debug).Concat(r.Warnings).Concat(r.Errors.Select(e => e.ToString() + e.Exception)))
                : texts;
            foreach (var text in scanned)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text[..Math.Min(200, text.Length)]}");
        }
        foreach (var text in texts)
        {
            Assert.DoesNotMatch(@"(?i)Bearer\s+(?!\*\*\*)[A-Za-z0-9]", text);
            Assert.DoesNotMatch(@"(?i)Basic\s+(?!\*\*\*)[A-Za-z0-9]{8}", text);
        }
    }

    [Fact]
    public void The_connection_object_holds_no_secret_in_any_property()
    {
        var connection = Ps.Ok("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -PassThru").Single();
        var values = Ps.Ok("$args[0].PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }", connection).Select(o => o.ToString()).ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, v => v.Contains(SandboxCredentials.ApiVideoApiKey));
    }
}

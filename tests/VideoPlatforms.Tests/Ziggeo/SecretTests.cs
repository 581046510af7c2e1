using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Ziggeo;

/// <summary>
/// Runs every cmdlet on Ziggeo with -Verbose -Debug, failures included, and scans every stream, the errors, $Error,
/// the screen and the objects for the private keys, auth tokens, signed upload policies and signatures.
/// </summary>
public sealed class SecretTests : SandboxTest
{
    public SecretTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public async Task No_private_key_auth_token_or_upload_signature_appears_anywhere()
    {
        var file = Ps.NewFile("secret.mp4", 400_000);
        await Sandbox.AddFaultAsync(new { platform = "ziggeo-s3", method = "POST", kind = "status", status = 500, times = 1 });
        var results = new List<PsResult>
        {
            Ps.Run("Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri -PassThru -Verbose -Debug"),
            Ps.Run("$v = Send-Video $args[0] -Verbose -Debug; $v", file),
            Ps.Run("Get-Video -Verbose -Debug; Get-Video -Id $v.Id -Verbose -Debug | Set-Video -Title t -PassThru -Verbose -Debug"),
            Ps.Run("$t = New-UploadToken -Verbose -Debug; Get-UploadToken -Token $t -Verbose -Debug; Get-UploadToken -Verbose -Debug"),
            Ps.Run("Get-Video -Id nope -Verbose -Debug; Set-Video -Id nope -Tag x -Verbose -Debug; Get-UploadToken -Token nosuchtoken1 -Verbose -Debug"),
            Ps.Run("Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey ([System.Net.NetworkCredential]::new('', 'wrong-private-key-1')).SecurePassword -BaseUri $ZiggeoUri -Name bad -Verbose -Debug"),
            Ps.Run("Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoEuToken -PrivateKey $ZiggeoEuKey -BaseUri $ZiggeoUri -Name eu -Verbose -Debug -PassThru"),
        };
        await Sandbox.AddFaultAsync(new { platform = "ziggeo-s3", method = "POST", kind = "status", status = 403 });
        results.Add(Ps.Run("Send-Video $args[0] -Verbose -Debug", file));
        results.Add(Ps.Run("Remove-UploadToken -Token $t -Force -Verbose -Debug; Get-Video -Verbose -Debug | Remove-Video -Force -Verbose -Debug"));
        results.Add(Ps.Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); $_.ScriptStackTrace }; Get-VideoProvider | Out-Default"));

        var secrets = (await Sandbox.ZiggeoSecretsAsync())
            .Append(SandboxCredentials.ZiggeoPrivateKey).Append(SandboxCredentials.ZiggeoEuPrivateKey).Append("wrong-private-key-1")
            .Where(s => s.Length >= 8).Distinct().ToArray();
        // Two private keys, the auth token, and the policies and signatures of the two signed uploads.
        Assert.True(secrets.Length >= 7, "the Sandbox reports the keys, the auth token and the signed uploads: " + secrets.Length);

        var texts = VideoPlatforms.Tests.Faults.SecretScan.Texts(results, Ps.Screen); // objects' properties (Raw), exception chains too
        Assert.Contains(texts, t => t.Contains("request headers"));
        Assert.Contains(texts, t => t.Contains("the whole file is sent again"));
        var authTokens = (await Sandbox.GetAsync("_sandbox/ziggeo/secrets")).GetProperty("authTokens").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        foreach (var secret in secrets)
        {
            // An auth token is New-UploadToken's output by design (it is handed to a recorder); it must still never
            // appear in logs, errors or other streams.
            var scanned = authTokens.Contains(secret)
                ? results.SelectMany(r => r.Verbose.Concat(r.Debug).Concat(r.Warnings).Concat(r.Errors.Select(e => e.ToString() + e.Exception)))
                : texts;
            foreach (var text in scanned)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text[..Math.Min(300, text.Length)]}");
        }
        foreach (var text in texts)
        {
            Assert.DoesNotMatch(@"(?i)Basic\s+(?!\*\*\*)[A-Za-z0-9]{8}", text);
            Assert.DoesNotContain("ziggeo-s3/", text);
        }
    }
}

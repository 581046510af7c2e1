using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Vimeo;

/// <summary>
/// Runs every cmdlet on Vimeo with -Verbose -Debug, including the authorization-code flow, a resumed upload, a
/// thumbnail and failures, and scans every stream, the errors, $Error, the screen and the objects' string forms
/// for every token, secret, code, tus upload link and picture signature the Sandbox issued.
/// </summary>
public sealed class VimeoSecretTests : VimeoTest
{
    public VimeoSecretTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public async Task No_token_secret_code_or_upload_link_appears_anywhere()
    {
        var file = Ps.NewFile("secret.mp4", 3 * MiB);
        var image = Ps.NewFile("poster.jpg", 4000);
        var results = new List<PsResult>
        {
            Ps.Run("Connect-VideoProvider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri -MaximumRetryIntervalSec 1 -PassThru -Verbose -Debug"),
        };
        await Sandbox.AddFaultAsync(new { platform = "vimeo", method = "PATCH", pathPattern = "^/tus/", kind = "dropMidBody", afterBytes = 100_000, skip = 1 });
        results.Add(Ps.Run("$v = Send-Video $args[0] -ChunkSize 1MB -Tag a -Verbose -Debug; $v; $v | Out-Default", file));
        results.Add(Ps.Run("Send-Video $args[0] -ReplaceVideoId $v.Id -ChunkSize 1MB -Verbose -Debug", file));
        results.Add(Ps.Run("Get-Video -Verbose -Debug; Get-Video -Id $v.Id -Verbose -Debug | Set-Video -Title t -ThumbnailPath $args[0] -PassThru -Verbose -Debug", image));
        results.Add(Ps.Run("Get-Video -Id 111 -Verbose -Debug; Set-Video -Id 111 -Title x -Verbose -Debug; New-UploadToken -Verbose -Debug"));
        results.Add(Ps.Run("Connect-VideoProvider Vimeo -AccessToken ([System.Net.NetworkCredential]::new('', 'wrong-vimeo-token-123').SecurePassword) -BaseUri $VimeoUri -Name bad -Verbose -Debug"));
        results.Add(Ps.Run("Connect-VideoProvider Vimeo -ClientCredential $VimeoClient -BaseUri $VimeoUri -Name app -PassThru -Verbose -Debug"));

        var authorization = (ProviderAuthorization)Ps.Ok("Get-VideoProviderAuthorizationUrl Vimeo -ClientId sandbox-vimeo-client -RedirectUri http://localhost:9/cb -Scope public, private, upload -BaseUri $VimeoUri").Single().BaseObject;
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var location = (await browser.GetAsync(authorization.Url)).Headers.Location!;
            var code = System.Web.HttpUtility.ParseQueryString(location.Query)["code"]!;
            results.Add(Ps.Run("Connect-VideoProvider Vimeo -ClientCredential $VimeoClient -AuthorizationCode ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -State $args[1] -RedirectUri http://localhost:9/cb -BaseUri $VimeoUri -Name user -PassThru -Verbose -Debug",
                code, authorization.State));
        }
        results.Add(Ps.Run("Get-Video -Connection (Get-VideoProvider Vimeo) -Verbose -Debug | Remove-Video -Force -Verbose -Debug"));
        results.Add(Ps.Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); $_.ScriptStackTrace }; Get-VideoProvider | Out-Default"));

        var json = await Sandbox.GetAsync("_sandbox/vimeo/secrets");
        var secrets = Strings(json).Append(SandboxCredentials.VimeoClientSecret).Append("wrong-vimeo-token-123")
            .Where(s => s.Length >= 8).Distinct().ToArray();
        Assert.Contains(secrets, s => s.Contains("/vimeo/tus/"));
        Assert.True(secrets.Length >= 8, "the Sandbox reports the tokens, codes, upload links and signatures it issued");

        var texts = VideoPlatforms.Tests.Faults.SecretScan.Texts(results, Ps.Screen); // objects' properties (Raw), exception chains too
        Assert.Contains(texts, t => t.Contains("request headers"));
        Assert.Contains(texts, t => t.Contains("/vimeo/tus/***"));
        foreach (var secret in secrets)
            foreach (var text in texts)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text[..Math.Min(300, text.Length)]}");
        foreach (var text in texts)
        {
            Assert.DoesNotMatch(@"(?i)Bearer\s+(?!\*\*\*)[A-Za-z0-9]", text);
            Assert.DoesNotMatch(@"(?i)Basic\s+(?!\*\*\*)[A-Za-z0-9]{8}", text);
            Assert.DoesNotMatch(@"sig=(?!\*\*\*)[0-9a-f]", text);
        }
    }

    private static IEnumerable<string> Strings(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => new[] { element.GetString()! },
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => Array.Empty<string>(),
    };
}

using System.Management.Automation;
using System.Text.Json;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.BigGo;

/// <summary>Connect-VideoProvider on BigGo: the client-credentials grant, the region, and token renewal.</summary>
public sealed class BigGoConnectTests : BigGoTest
{
    public BigGoConnectTests(SandboxFixture sandbox) : base(sandbox) { }

    private static string? Header(JsonElement request, string name) =>
        request.GetProperty("headers").EnumerateObject().FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v
            ? v.GetString() : null;

    [Fact]
    public async Task ClientCredential_and_Region_connect_and_show_the_account_and_region()
    {
        var result = Ps.Run($"{Connect} -Region tw -PassThru -Verbose");
        result.AssertNoErrors();
        var connection = result.Single<VideoProviderConnection>();
        Assert.Equal("BigGo", connection.Provider);
        Assert.Equal(SandboxCredentials.BigGoUserId, connection.Account);
        Assert.Equal("tw", connection.Region);
        Assert.Equal("Custom", connection.Environment);
        Assert.True(connection.CanManageVideos);
        Assert.True(connection.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30), "the token's expiry (expires_in 3600) is shown");
        Assert.Contains(result.Verbose, v => v.Contains("auth/v1/token") && v.Contains("200"));
        Assert.Contains(result.Verbose, v => v.Contains("video_auth/self") && v.Contains("200"));
        Assert.Same(connection, Assert.Single(Ps.Ok("Get-VideoProvider -Default")).BaseObject);

        // The grant is Basic client_id:secret with a form body; the API calls carry the bearer token and the region.
        var token = Assert.Single(await TokenRequestsAsync());
        Assert.StartsWith("Basic ", Header(token, "Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", Header(token, "Content-Type"));
        Assert.Null(Header(token, "region"));
        var self = Assert.Single(await BigGoRequestsAsync("POST", "/api/v1/video_auth/self"));
        Assert.StartsWith("Bearer ", Header(self, "Authorization"));
        Assert.Equal("tw", Header(self, "region"));

        Ps.Ok("Get-Video");
        Assert.All(await BigGoRequestsAsync("GET", "/api/v1/"), r => Assert.Equal("tw", Header(r, "region")));
    }

    [Fact]
    public async Task Without_Region_no_region_header_is_sent_and_the_accounts_region_is_shown()
    {
        var connection = (VideoProviderConnection)Ps.Ok($"{Connect} -PassThru").Single().BaseObject;
        Assert.Equal("tw", connection.Region);
        Assert.Null(Header(Assert.Single(await BigGoRequestsAsync("POST", "/api/v1/video_auth/self")), "region"));
        // -Credential is the same parameter as -ClientCredential.
        Ps.Ok("Connect-VideoProvider BigGo -Credential $BigGoCredential -BaseUri $BigGoUri -Name second");
        Assert.Equal(2, Ps.Ok("Get-VideoProvider").Count);
    }

    [Fact]
    public void Wrong_secret_is_a_terminating_AuthenticationFailed_error_saying_what_to_check()
    {
        var record = Ps.Fails("Connect-VideoProvider BigGo -ClientCredential ([pscredential]::new($args[0], [System.Net.NetworkCredential]::new('', 'wrong-secret-123').SecurePassword)) -BaseUri $BigGoUri",
            SandboxCredentials.BigGoClientId);
        Assert.Equal("AuthenticationFailed,VideoPlatforms.Commands.ConnectVideoProviderCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
        Assert.Contains("secret does not match", record.Exception.Message);
        Assert.Contains(SandboxCredentials.BigGoClientId, record.Exception.Message);
        Assert.Contains("account.biggo.com", record.Exception.Message);
        Assert.Equal("invalid_client", ((VideoProviderException)record.Exception).ProviderCode);
        Assert.Empty(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public void Unknown_client_id_gives_the_structured_token_error_as_AuthenticationFailed()
    {
        var record = Ps.Fails("Connect-VideoProvider BigGo -ClientCredential ([pscredential]::new('nobody', $BigGoCredential.Password)) -BaseUri $BigGoUri");
        Assert.StartsWith("AuthenticationFailed,", record.FullyQualifiedErrorId);
        Assert.Contains("no application has this client id", record.Exception.Message);
        Assert.Equal("1003", ((VideoProviderException)record.Exception).ProviderCode);
    }

    [Fact]
    public void Unknown_region_and_unsupported_credentials_are_refused_clearly()
    {
        var region = Ps.Fails($"{Connect} -Region atlantis");
        Assert.StartsWith("UnknownRegion,", region.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, region.CategoryInfo.Category);
        Assert.Contains("atlantis", region.Exception.Message);
        Assert.Empty(Ps.Ok("Get-VideoProvider"));

        var apiKey = Ps.Fails("Connect-VideoProvider BigGo -ApiKey $BigGoCredential.Password -BaseUri $BigGoUri");
        Assert.StartsWith("CredentialNotSupported,", apiKey.FullyQualifiedErrorId);
        Assert.Contains("-ClientCredential", apiKey.Exception.Message);
    }

    [Fact]
    public async Task A_region_other_than_the_accounts_is_sent_as_asked_with_a_warning()
    {
        var result = Ps.Run($"{Connect} -Region hk -PassThru");
        result.AssertNoErrors();
        Assert.Contains(result.Warnings, w => w.Contains("'hk'") && w.Contains("'tw'"));
        Assert.Equal("tw", result.Single<VideoProviderConnection>().Region);
        Assert.Equal("hk", Header(Assert.Single(await BigGoRequestsAsync("POST", "/api/v1/video_auth/self")), "region"));
    }

    [Fact]
    public async Task An_account_without_upload_permission_is_refused_at_connect()
    {
        await FaultAsync("POST", "^/api/v1/video_auth/self$", 403, 2);
        var record = Ps.Fails(Connect);
        Assert.StartsWith("UploadNotPermitted,", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, record.CategoryInfo.Category);
        Assert.Contains("may not upload", record.Exception.Message);
        Assert.Empty(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public async Task A_token_expired_mid_run_is_renewed_and_the_call_repeated()
    {
        ConnectBigGo();
        await Sandbox.PostAsync("_sandbox/biggo/expire-tokens", new { });
        var result = Ps.Run("Get-Video -Verbose");
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("401"));
        Assert.Contains(result.Verbose, v => v.Contains("expired", StringComparison.OrdinalIgnoreCase) && v.Contains("renewed"));
        Assert.Equal(2, (await TokenRequestsAsync()).Length);
    }

    [Fact]
    public async Task A_token_past_its_expiry_is_renewed_before_the_call()
    {
        await Sandbox.PutAsync("_sandbox/biggo/config", new { accessTokenLifetimeSeconds = 1 });
        ConnectBigGo();
        await Task.Delay(1200);
        var result = Ps.Run("Get-Video -Verbose");
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("past its expiry"));
        Assert.DoesNotContain(result.Verbose, v => v.Contains("-> 401"));
        Assert.Equal(2, (await TokenRequestsAsync()).Length);
    }

    [Fact]
    public async Task Renewal_is_bounded_to_three_in_a_row_then_a_clear_error()
    {
        ConnectBigGo();
        await FaultAsync("GET", "^/api/v1/user/", 401, 4, times: 0);
        var record = Ps.Fails("Get-Video");
        Assert.Equal("AccessTokenExpired,VideoPlatforms.Commands.GetVideoCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
        Assert.Contains("3 renewals", record.Exception.Message);
        Assert.Equal(1 + 3, (await TokenRequestsAsync()).Length);
        Assert.Equal(1 + 3, (await BigGoRequestsAsync("GET", "/api/v1/user/")).Length);
    }

    [Fact]
    public async Task An_invalid_token_JWT_INVALID_is_not_renewed()
    {
        ConnectBigGo();
        await FaultAsync("GET", "^/api/v1/user/", 401, 3);
        var record = Ps.Fails("Get-Video");
        Assert.StartsWith("AuthenticationFailed,", record.FullyQualifiedErrorId);
        Assert.Contains("Connect-VideoProvider", record.Exception.Message);
        Assert.Equal("3", ((VideoProviderException)record.Exception).ProviderCode);
        Assert.Single(await TokenRequestsAsync());
    }

    [Fact]
    public void The_connection_table_shows_the_account_and_region()
    {
        ConnectBigGo("-Region tw");
        Ps.Ok("Get-VideoProvider | Out-Default");
        Assert.Matches(@"Account\s+BaseUri\s+Expires\s+Region", Ps.Screen);
        Assert.Matches(@"BigGo\s+Custom\s+sandbox-biggo-user\s+http\S+/biggo/\s+\d\d:\d\d\s+tw", Ps.Screen);
    }

    [Fact]
    public void ListAvailable_shows_BigGo()
    {
        var descriptors = Ps.Ok("Get-VideoProvider -ListAvailable").Select(o => Assert.IsType<ProviderDescriptor>(o.BaseObject)).ToList();
        var biggo = Assert.Single(descriptors, d => d.Name == "BigGo");
        Assert.Equal(new Uri("https://api.biggo.com/"), biggo.Environments["Production"]);
        Assert.Contains("-ClientCredential", biggo.CredentialHelp);
    }
}

using System.Management.Automation;
using System.Web;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Vimeo;

/// <summary>Connect-VideoProvider on Vimeo: personal token, client credentials, the authorization-code flow, scopes.</summary>
public sealed class VimeoConnectTests : VimeoTest
{
    public VimeoConnectTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public async Task A_personal_token_is_verified_and_the_connection_shows_user_and_scopes()
    {
        var connection = Assert.IsType<VideoProviderConnection>(Assert.Single(Ps.Ok("Connect-VideoProvider -Provider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri -PassThru")).BaseObject);
        Assert.Equal("Vimeo", connection.Provider);
        Assert.StartsWith("Sandbox Vimeo User (scopes: ", connection.Account);
        Assert.Contains(" upload ", connection.Account);
        Assert.Contains(" delete ", connection.Account);
        Assert.Equal("Custom", connection.Environment);
        Assert.Null(connection.ExpiresAt);

        var verify = Assert.Single(await RequestsAsync());
        Assert.Equal("/oauth/verify", Path(verify));
        Assert.Equal(Accept, Header(verify, "Accept"));
        Assert.Equal("Bearer " + SandboxCredentials.VimeoAccessToken, Header(verify, "Authorization"));
    }

    [Fact]
    public void A_wrong_token_fails_at_connect_with_AuthenticationFailed()
    {
        var error = Ps.Fails("Connect-VideoProvider Vimeo -AccessToken ([System.Net.NetworkCredential]::new('', 'wrong-vimeo-token').SecurePassword) -BaseUri $VimeoUri");
        Assert.Equal("AuthenticationFailed,VideoPlatforms.Commands.ConnectVideoProviderCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Vimeo refused the access token", error.Exception.Message);
        Assert.Empty(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public void An_api_key_is_refused_with_what_Vimeo_takes()
    {
        var error = Ps.Fails("Connect-VideoProvider Vimeo -ApiKey $VimeoToken -BaseUri $VimeoUri");
        Assert.StartsWith("CredentialNotSupported", error.FullyQualifiedErrorId);
        Assert.Contains("-AccessToken", error.Exception.Message);
    }

    [Fact]
    public async Task Client_credentials_give_an_app_only_connection_that_reads_public_videos_but_cannot_upload()
    {
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 1, namePrefix = "Public" });
        var id = (await VideosAsync()).Single().GetProperty("videoId").GetString()!;
        var connection = Assert.IsType<VideoProviderConnection>(Assert.Single(
            Ps.Ok("Connect-VideoProvider Vimeo -ClientCredential $VimeoClient -Scope public, private -BaseUri $VimeoUri -PassThru")).BaseObject);
        Assert.Equal("app-only (scopes: private public)", connection.Account);
        var token = (await RequestsAsync()).First();
        Assert.Equal("/oauth/authorize/client", Path(token));
        Assert.StartsWith("Basic ", Header(token, "Authorization"));

        Assert.Equal("Public 1", Assert.IsType<Video>(Assert.Single(Ps.Ok("Get-Video -Id $args[0]", id)).BaseObject).Title);
        var file = Ps.NewFile("app.mp4", 1000);
        var refused = Ps.Fails("Send-Video $args[0]", file);
        Assert.StartsWith("AuthenticatedUserRequired", refused.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, refused.CategoryInfo.Category);
        Assert.DoesNotContain(await RequestsAsync(), r => Method(r) == "POST" && Path(r) == "/me/videos");
    }

    [Fact]
    public void Wrong_client_credentials_fail_at_connect()
    {
        var error = Ps.Fails("Connect-VideoProvider Vimeo -ClientCredential ([pscredential]::new('sandbox-vimeo-client', [System.Net.NetworkCredential]::new('', 'wrong-secret').SecurePassword)) -BaseUri $VimeoUri");
        Assert.StartsWith("AuthenticationFailed", error.FullyQualifiedErrorId);
        Assert.Contains("client credentials of 'sandbox-vimeo-client'", error.Exception.Message);
        Assert.Contains("No such client secret exists", error.Exception.Message);
    }

    private async Task<(string Code, string State)> AuthorizeAsync(ProviderAuthorization authorization)
    {
        // The browser step: the Sandbox approves as its test user at once and redirects back with code and state.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(authorization.Url);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var query = HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        return (query["code"]!, query["state"]!);
    }

    [Fact]
    public async Task The_authorization_code_flow_connects_as_the_user_with_the_scopes_asked_for()
    {
        var authorization = Assert.IsType<ProviderAuthorization>(Assert.Single(Ps.Ok(
            "Get-VideoProviderAuthorizationUrl -Provider Vimeo -ClientId sandbox-vimeo-client -RedirectUri http://localhost:9/cb -Scope public, private, upload -BaseUri $VimeoUri")).BaseObject);
        Assert.StartsWith(Sandbox.Server.VimeoBaseUri + "oauth/authorize?response_type=code&client_id=sandbox-vimeo-client", authorization.Url.AbsoluteUri);
        Assert.Matches("^[0-9a-f]{32}$", authorization.State);
        Assert.Contains("state=" + authorization.State, authorization.Url.Query);
        var (code, state) = await AuthorizeAsync(authorization);
        Assert.Equal(authorization.State, state);

        var connection = Assert.IsType<VideoProviderConnection>(Assert.Single(Ps.Ok(
            "Connect-VideoProvider Vimeo -ClientCredential $VimeoClient -AuthorizationCode ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -State $args[1] -RedirectUri http://localhost:9/cb -BaseUri $VimeoUri -PassThru",
            code, state)).BaseObject);
        Assert.Equal("Sandbox Vimeo User (scopes: private public upload)", connection.Account);
        var exchange = (await RequestsAsync()).Single(r => Path(r) == "/oauth/access_token");
        Assert.Equal(200, exchange.GetProperty("status").GetInt32());

        // Granted upload but not delete: Remove-Video says which scope is missing before sending anything.
        var removal = Ps.Run("Remove-Video -Id 123 -Force");
        var denied = Assert.Single(removal.Errors);
        Assert.StartsWith("ScopeMissing", denied.FullyQualifiedErrorId);
        Assert.Contains("'delete'", denied.Exception.Message);
        Assert.DoesNotContain(await RequestsAsync(), r => Method(r) == "DELETE");
    }

    [Fact]
    public async Task A_state_this_session_did_not_issue_or_already_used_is_refused()
    {
        var authorization = Assert.IsType<ProviderAuthorization>(Assert.Single(Ps.Ok(
            "Get-VideoProviderAuthorizationUrl Vimeo -ClientId sandbox-vimeo-client -RedirectUri http://localhost:9/cb -BaseUri $VimeoUri")).BaseObject);
        var (code, _) = await AuthorizeAsync(authorization);
        const string connect = "Connect-VideoProvider Vimeo -ClientCredential $VimeoClient -AuthorizationCode ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -State $args[1] -RedirectUri http://localhost:9/cb -BaseUri $VimeoUri";

        var forged = Ps.Fails(connect, code, "0123456789abcdef0123456789abcdef");
        Assert.StartsWith("StateMismatch", forged.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, forged.CategoryInfo.Category);
        Assert.Equal("0123456789abcdef0123456789abcdef", forged.TargetObject);
        Assert.DoesNotContain(await RequestsAsync(), r => Path(r) == "/oauth/access_token");

        // Another runspace (a parallel job) does not know this session's state either.
        using (var other = new PsSession(Sandbox))
            Assert.StartsWith("StateMismatch", other.Fails(connect, code, authorization.State).FullyQualifiedErrorId);

        Ps.Ok(connect, code, authorization.State);
        Assert.StartsWith("StateMismatch", Ps.Fails(connect, code, authorization.State).FullyQualifiedErrorId);

        Assert.StartsWith("StateMissing", Ps.Fails("Connect-VideoProvider Vimeo -ClientCredential $VimeoClient -AuthorizationCode $VimeoToken -BaseUri $VimeoUri").FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Scope_with_an_access_token_requires_the_scopes_at_connect()
    {
        var token = await TokenWithScopesAsync("public private edit");
        var error = Ps.Fails("Connect-VideoProvider Vimeo -AccessToken ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -Scope edit, delete -BaseUri $VimeoUri", token);
        Assert.StartsWith("ScopeMissing", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("'delete'", error.Exception.Message);
    }

    [Fact]
    public void Vimeo_is_listed_and_the_authorization_url_is_refused_for_api_video()
    {
        Assert.Contains("Vimeo", Ps.Ok("(Get-VideoProvider -ListAvailable).Name").Select(o => o.ToString()));
        var error = Ps.Fails("Get-VideoProviderAuthorizationUrl ApiVideo -ClientId x -RedirectUri http://localhost/cb");
        Assert.StartsWith("AuthorizationCodeNotSupported", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
    }

    [Fact]
    public async Task Videos_carry_their_connection_so_two_accounts_never_mix_and_disconnect_closes_one()
    {
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 1, count = 2, namePrefix = "Mine" });
        await Sandbox.PostAsync("_sandbox/vimeo/seed", new { account = 2, count = 3, namePrefix = "Theirs" });
        Ps.Ok("Connect-VideoProvider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri -Name one; Connect-VideoProvider Vimeo -AccessToken $VimeoToken2 -BaseUri $VimeoUri -Name two");
        Assert.Equal(new[] { "one", "two" }, Ps.Ok("(Get-VideoProvider).Name").Select(o => o.ToString()));
        Assert.Equal("two", Ps.Ok("(Get-VideoProvider -Default).Name").Single().ToString());

        // The default is "two"; videos listed through "one" go back to "one" when piped.
        Ps.Ok("Get-Video -Connection (Get-VideoProvider one) | Remove-Video -Force");
        var left = (await VideosAsync()).Select(v => v.GetProperty("account").GetInt32()).ToList();
        Assert.Equal(new[] { 2, 2, 2 }, left);

        Ps.Ok("Disconnect-VideoProvider two");
        Assert.Equal("one", Ps.Ok("(Get-VideoProvider -Default).Name").Single().ToString());
        Assert.Empty(Ps.Ok("Get-Video"));
        var removal = Ps.Run("Remove-UploadToken -Token abcdefgh -Force");
        Assert.StartsWith("UploadTokensNotSupported", (removal.Errors.FirstOrDefault() ?? removal.TerminatingRecord()).FullyQualifiedErrorId);
    }
}

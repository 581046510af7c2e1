using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.ApiVideo;

public sealed class ConnectTests : SandboxTest
{
    public ConnectTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public void Connect_with_key_becomes_default_and_PassThru_returns_connection()
    {
        var result = Ps.Run("Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -PassThru -Verbose");
        result.AssertNoErrors();
        var connection = result.Single<VideoProviderConnection>();
        Assert.Equal("ApiVideo", connection.Provider);
        Assert.Equal("ApiVideo", connection.Name);
        Assert.Equal("Custom", connection.Environment);
        Assert.True(connection.CanManageVideos);
        Assert.True(connection.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30), "the access token's expiry is shown");
        Assert.Contains(result.Verbose, v => v.Contains("POST") && v.Contains("auth/api-key") && v.Contains("200"));

        var listed = Ps.Ok("Get-VideoProvider");
        Assert.Same(connection, Assert.Single(listed).BaseObject);
        Assert.Same(connection, Assert.Single(Ps.Ok("Get-VideoProvider -Default")).BaseObject);
    }

    [Fact]
    public void Without_PassThru_nothing_is_written()
    {
        Assert.Empty(Ps.Ok("Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri"));
    }

    [Fact]
    public void Key_as_PSCredential_password_connects()
    {
        Ps.Ok("Connect-VideoProvider ApiVideo -Credential ([pscredential]::new('ignored', $ApiKey)) -BaseUri $ApiVideoUri");
        Assert.Single(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public void Wrong_key_is_a_terminating_AuthenticationFailed_error()
    {
        var record = Ps.Fails("Connect-VideoProvider -Provider ApiVideo -ApiKey ([System.Net.NetworkCredential]::new('', 'not-the-key').SecurePassword) -BaseUri $ApiVideoUri");
        Assert.Equal("AuthenticationFailed,VideoPlatforms.Commands.ConnectVideoProviderCommand", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, record.CategoryInfo.Category);
        Assert.Contains("refused the API key", record.Exception.Message);
        Assert.Empty(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public void Plain_http_to_a_non_loopback_host_is_refused_before_any_request()
    {
        var record = Ps.Fails("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri 'http://videos.example.com/'");
        Assert.StartsWith("InsecureBaseUri,", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Contains("plain http", record.Exception.Message);
    }

    [Fact]
    public void Unknown_provider_is_refused_by_validation_naming_the_known_ones()
    {
        var record = Ps.Fails("Connect-VideoProvider -Provider YouTube -ApiKey $ApiKey");
        Assert.StartsWith("ParameterArgumentValidationError", record.FullyQualifiedErrorId);
        Assert.Contains("ApiVideo", record.Exception.Message);
    }

    [Fact]
    public void BaseUri_and_Environment_together_are_refused()
    {
        var record = Ps.Fails("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Environment Sandbox");
        Assert.StartsWith("BaseUriWithEnvironment,", record.FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData("ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri")]
    [InlineData("Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri")]
    [InlineData("BigGo -ClientCredential $BigGoCredential -BaseUri $BigGoUri")]
    public void Scope_and_AuthorizationCode_are_refused_where_the_platform_has_no_such_thing(string connect)
    {
        // Quietly ignoring -Scope would let a runbook believe it holds a narrower grant than it does.
        var scope = Ps.Fails($"Connect-VideoProvider {connect} -Scope upload");
        Assert.StartsWith("ParameterNotSupported,", scope.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, scope.CategoryInfo.Category);
        Assert.Contains("Vimeo", scope.Exception.Message);
        Assert.Empty(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public void A_cmdlet_without_any_connection_says_to_connect_first()
    {
        var record = Ps.Fails("Get-Video");
        Assert.Equal("NotConnected,VideoPlatforms.Commands.GetVideoCommand", record.FullyQualifiedErrorId);
        Assert.Contains("Connect-VideoProvider", record.Exception.Message);
    }

    [Fact]
    public void Named_connections_disconnect_and_the_default_falls_back()
    {
        Ps.Ok("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Name first");
        Ps.Ok("Connect-VideoProvider ApiVideo -ApiKey $ApiKey2 -BaseUri $ApiVideoUri -Name second");
        Assert.Equal("second", Ps.Ok("(Get-VideoProvider -Default).Name").Single().ToString());
        Assert.Equal(2, Ps.Ok("Get-VideoProvider").Count);
        Assert.Single(Ps.Ok("Get-VideoProvider -Name fir*"));

        Ps.Ok("Disconnect-VideoProvider -Name second");
        Assert.Equal("first", Ps.Ok("(Get-VideoProvider -Default).Name").Single().ToString());

        Ps.Ok("Get-VideoProvider | Disconnect-VideoProvider");
        Assert.Empty(Ps.Ok("Get-VideoProvider"));

        var missing = Ps.Run("Disconnect-VideoProvider -Name nope");
        Assert.Equal("ConnectionNotFound,VideoPlatforms.Commands.DisconnectVideoProviderCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_disconnected_connection_object_is_refused_clearly()
    {
        Ps.Ok("$c = Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -PassThru; Disconnect-VideoProvider");
        var record = Ps.Fails("Get-Video -Connection $c");
        Assert.StartsWith("ConnectionClosed,", record.FullyQualifiedErrorId);
    }

    [Fact]
    public void ListAvailable_shows_the_registry()
    {
        var descriptors = Ps.Ok("Get-VideoProvider -ListAvailable").Select(o => Assert.IsType<ProviderDescriptor>(o.BaseObject)).ToList();
        var apiVideo = Assert.Single(descriptors, d => d.Name == "ApiVideo");
        Assert.Equal(new Uri("https://sandbox.api.video/"), apiVideo.Environments["Sandbox"]);
    }

    [Fact]
    public void Connections_are_per_runspace()
    {
        Ps.ConnectApiVideo();
        using var other = new PsSession(Sandbox);
        Assert.Empty(other.Ok("Get-VideoProvider"));
        Assert.Single(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public async Task Expired_access_token_is_renewed_and_the_call_repeated()
    {
        Ps.ConnectApiVideo();
        await Sandbox.PostAsync("_sandbox/apivideo/expire-tokens", new { });
        var result = Ps.Run("Get-Video -Verbose");
        result.AssertNoErrors();
        Assert.Contains(result.Verbose, v => v.Contains("401"));
        Assert.Contains(result.Verbose, v => v.Contains("renewed", StringComparison.OrdinalIgnoreCase) || v.Contains("refreshed", StringComparison.OrdinalIgnoreCase));
    }
}

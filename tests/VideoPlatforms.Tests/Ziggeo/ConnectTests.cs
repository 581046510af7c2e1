using System.Management.Automation;
using System.Text;
using VideoPlatforms.Providers.Ziggeo;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Ziggeo;

public sealed class ConnectTests : SandboxTest
{
    public ConnectTests(SandboxFixture sandbox) : base(sandbox) { }

    [Fact]
    public async Task ApplicationToken_and_PrivateKey_connect_with_Basic_auth_and_show_the_application()
    {
        var connection = Ps.Ok("Connect-VideoProvider -Provider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri -PassThru")
            .Select(o => Assert.IsType<VideoProviderConnection>(o.BaseObject)).Single();
        Assert.Equal("Ziggeo", connection.Provider);
        Assert.Equal("Sandbox Ziggeo application", connection.Account);
        Assert.Equal(Sandbox.Server.ZiggeoBaseUri, connection.BaseUri);
        Assert.Equal("Custom", connection.Environment);
        Assert.True(connection.CanManageVideos);

        var request = Assert.Single(await Sandbox.ZiggeoRequestsAsync());
        Assert.Equal("/v1/application", request.Str("path"));
        Assert.Equal(200, request.GetProperty("status").GetInt32());
        var header = request.GetProperty("headers").GetProperty("Authorization").GetString()!;
        Assert.StartsWith("Basic ", header);
        Assert.Equal($"{SandboxCredentials.ZiggeoApplicationToken}:{SandboxCredentials.ZiggeoPrivateKey}",
            Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])));
    }

    [Fact]
    public void A_PSCredential_carries_the_token_as_user_name_and_the_key_as_password()
    {
        var account = Ps.Ok("Connect-VideoProvider Ziggeo -Credential ([pscredential]::new($ZiggeoToken, $ZiggeoKey)) -BaseUri $ZiggeoUri -PassThru | ForEach-Object Account");
        Assert.Equal("Sandbox Ziggeo application", Assert.Single(account).ToString());
        Assert.Equal("Ziggeo", Ps.Ok("(Get-VideoProvider).Provider").Single().ToString());
    }

    [Fact]
    public void A_wrong_private_key_fails_at_Connect_and_leaves_no_connection()
    {
        var error = Ps.Fails("Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey ([System.Net.NetworkCredential]::new('', 'not-the-private-key').SecurePassword) -BaseUri $ZiggeoUri");
        Assert.Equal("AuthenticationFailed,VideoPlatforms.Commands.ConnectVideoProviderCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("private key", error.Exception.Message);
        Assert.DoesNotContain("not-the-private-key", error.Exception.ToString());
        Assert.Empty(Ps.Ok("Get-VideoProvider"));
    }

    [Fact]
    public async Task An_r1_token_is_sent_to_the_eu_west_1_endpoint_derived_from_the_base()
    {
        var connection = Ps.Ok("Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoEuToken -PrivateKey $ZiggeoEuKey -BaseUri $ZiggeoUri -PassThru")
            .Select(o => Assert.IsType<VideoProviderConnection>(o.BaseObject)).Single();
        Assert.Equal(new Uri(Sandbox.Server.BaseUri, "ziggeo-eu-west-1/"), connection.BaseUri);
        Assert.Equal("Sandbox Ziggeo application (eu-west-1)", connection.Account);

        var file = Ps.NewFile("eu.mp4", 300_000);
        var video = Ps.Ok("Send-Video $args[0]", file).Select(o => Assert.IsType<Video>(o.BaseObject)).Single();
        Assert.Single(Ps.Ok("Get-Video"));

        // Every call landed on the eu-west-1 endpoint, none on the default one, and the video lives in eu-west-1.
        Assert.Empty(await Sandbox.ZiggeoRequestsAsync("ziggeo"));
        var eu = await Sandbox.ZiggeoRequestsAsync("ziggeo-eu-west-1");
        Assert.Contains(eu, r => r.Str("path") == "/v1/application");
        Assert.Contains(eu, r => r.Str("path") == "/v1/videos-upload-url");
        Assert.All(eu, r => Assert.InRange(r.GetProperty("status").GetInt32(), 200, 299));
        var stored = Assert.Single(await Sandbox.ZiggeoVideosAsync());
        Assert.Equal("eu-west-1", stored.Str("region"));
        Assert.Equal(video.Id, stored.Str("token"));
    }

    [Fact]
    public void A_default_region_token_stays_on_the_base_and_the_eu_base_given_outright_is_kept()
    {
        var defaultBase = Ps.Ok("(Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri -PassThru).BaseUri");
        Assert.Equal(Sandbox.Server.ZiggeoBaseUri, Assert.IsType<Uri>(defaultBase.Single().BaseObject));
        var euBase = Ps.Ok("(Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoEuToken -PrivateKey $ZiggeoEuKey -BaseUri ($SandboxUri + 'ziggeo-eu-west-1/') -PassThru).BaseUri");
        Assert.Equal(new Uri(Sandbox.Server.BaseUri, "ziggeo-eu-west-1/"), Assert.IsType<Uri>(euBase.Single().BaseObject));
    }

    [Theory]
    [InlineData("https://srv-api.ziggeo.com/", "https://srv-api-eu-west-1.ziggeo.com/")]
    [InlineData("https://srv-api-eu-west-1.ziggeo.com/", "https://srv-api-eu-west-1.ziggeo.com/")]
    [InlineData("http://127.0.0.1:5080/ziggeo/", "http://127.0.0.1:5080/ziggeo-eu-west-1/")]
    [InlineData("https://proxy.example/api/ziggeo/", "https://proxy.example/api/ziggeo-eu-west-1/")]
    public void The_regional_address_rule_matches_the_SDK_hosts_and_custom_bases(string from, string expected)
    {
        Assert.Equal("eu-west-1", ZiggeoRegions.RegionOf("r1abc"));
        Assert.Null(ZiggeoRegions.RegionOf("abc"));
        Assert.Equal(new Uri(expected), ZiggeoRegions.ForRegion(new Uri(from), "eu-west-1"));
    }

    [Fact]
    public void The_Production_host_of_an_r1_token_is_the_SDKs_eu_west_1_host()
    {
        var descriptor = ProviderRegistry.Get("Ziggeo");
        Assert.Equal(new Uri("https://srv-api.ziggeo.com/"), descriptor.Environments["Production"]);
        var request = new ConnectionRequest("Ziggeo") { UserName = "r1token" };
        Assert.Equal(new Uri("https://srv-api-eu-west-1.ziggeo.com/"), descriptor.CredentialBaseUri!(request, descriptor.Environments["Production"]));
        var bareIp = Assert.Throws<VideoProviderException>(() => ZiggeoRegions.ForRegion(new Uri("http://127.0.0.1:5080/"), "eu-west-1"));
        Assert.Equal("RegionalBaseUriUnknown", bareIp.ErrorId);
    }

    [Fact]
    public void Credentials_Ziggeo_lacks_and_Region_are_refused_by_name()
    {
        var region = Ps.Fails("Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri -Region eu");
        Assert.StartsWith("ParameterNotSupported,", region.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, region.CategoryInfo.Category);
        var apiKey = Ps.Fails("Connect-VideoProvider Ziggeo -ApiKey $ZiggeoKey -BaseUri $ZiggeoUri");
        Assert.StartsWith("CredentialNotSupported,", apiKey.FullyQualifiedErrorId);
        Assert.Contains("-ApplicationToken", apiKey.Exception.Message);
    }

    [Fact]
    public async Task Ziggeo_videos_go_back_to_their_connection_with_another_platform_as_default_and_Disconnect_closes_it()
    {
        Ps.Ok("Connect-VideoProvider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri -Name zig");
        await Sandbox.SeedZiggeoAsync(2);
        var listed = Ps.Ok("$script:zigVideos = Get-Video; Get-VideoProvider -ListAvailable | Where-Object Name -eq Ziggeo | ForEach-Object CredentialHelp");
        Assert.Contains("-ApplicationToken", Assert.Single(listed).ToString());
        Ps.ConnectApiVideo();
        Assert.Equal("ApiVideo", Ps.Ok("(Get-VideoProvider | Where-Object Name -eq ApiVideo).Provider").Single().ToString());

        // The default is api.video now, yet each Ziggeo video carries its connection back to Ziggeo.
        Ps.Ok("$script:zigVideos | Remove-Video -Force");
        Assert.Empty(await Sandbox.ZiggeoVideosAsync());

        Ps.Ok("Disconnect-VideoProvider -Name zig");
        var closed = Ps.Fails("Get-Video -Connection $script:zigVideos[0].Connection");
        Assert.StartsWith("ConnectionClosed,", closed.FullyQualifiedErrorId);
    }
}

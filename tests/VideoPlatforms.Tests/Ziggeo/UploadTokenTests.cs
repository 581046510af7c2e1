using System.Collections;
using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Ziggeo;

public sealed class UploadTokenTests : SandboxTest
{
    public UploadTokenTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Ps.ConnectZiggeo();
    }

    [Fact]
    public async Task New_UploadToken_creates_an_auth_token_that_lets_a_recorder_create_its_own_videos()
    {
        var token = Ps.Ok("New-UploadToken").Select(o => Assert.IsType<UploadToken>(o.BaseObject)).Single();
        Assert.Equal("Ziggeo", token.Provider);
        Assert.Null(token.ExpiresAt);
        var grants = Assert.IsAssignableFrom<IDictionary>(token.Raw["grants"]);
        Assert.Equal(true, Assert.IsAssignableFrom<IDictionary>(grants["create"])["session_owned"]);
        var stored = Assert.Single(await Sandbox.ZiggeoAuthTokensAsync());
        Assert.Equal(token.Token, stored.GetProperty("token").GetString());
        Assert.Equal("{\"create\":{\"session_owned\":true}}", stored.GetProperty("grants").GetString());
    }

    [Fact]
    public async Task Grants_expiry_session_limit_and_usage_time_are_sent()
    {
        var token = Ps.Ok("New-UploadToken -TimeToLive 3600 -Grant @{ read = 'all'; create = @{ session_owned = $true } } -SessionLimit 3 -UsageTime 600")
            .Select(o => Assert.IsType<UploadToken>(o.BaseObject)).Single();
        Assert.NotNull(token.ExpiresAt);
        Assert.InRange(token.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
        Assert.Equal(3L, Convert.ToInt64(token.Raw["session_limit"]));
        Assert.Equal(600L, Convert.ToInt64(token.Raw["usage_expiration_time"]));
        var stored = Assert.Single(await Sandbox.ZiggeoAuthTokensAsync());
        Assert.Contains("\"read\":\"all\"", stored.GetProperty("grants").GetString());
        Assert.Contains("\"session_owned\":true", stored.GetProperty("grants").GetString());
    }

    [Fact]
    public async Task Get_and_Remove_UploadToken_work_by_value_and_through_the_pipeline()
    {
        var token = Ps.Ok("(New-UploadToken).Token").Single().ToString();
        var got = Ps.Ok("Get-UploadToken -Token $args[0]", token).Select(o => Assert.IsType<UploadToken>(o.BaseObject)).Single();
        Assert.Equal(token, got.Token);
        Ps.Ok("Get-UploadToken -Token $args[0] | Remove-UploadToken -Force", token);
        Assert.Empty(await Sandbox.ZiggeoAuthTokensAsync());

        var gone = Assert.Single(Ps.Run("Get-UploadToken -Token $args[0]", token).Errors);
        Assert.Equal("UploadTokenNotFound,VideoPlatforms.Commands.GetUploadTokenCommand", gone.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, gone.CategoryInfo.Category);
        Assert.DoesNotContain(token, gone.ToString());
        var removeGone = Assert.Single(Ps.Run("Remove-UploadToken -Token $args[0] -Force", token).Errors);
        Assert.StartsWith("UploadTokenNotFound,", removeGone.FullyQualifiedErrorId);
    }

    [Fact]
    public void Listing_auth_tokens_is_refused_because_Ziggeo_has_no_index()
    {
        var error = Ps.Fails("Get-UploadToken");
        Assert.StartsWith("UploadTokenListingNotSupported,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains("Get-UploadToken -Token", error.Exception.Message);
    }

    [Fact]
    public async Task WhatIf_creates_nothing_and_bad_values_are_refused()
    {
        Ps.Ok("New-UploadToken -SessionLimit 2 -WhatIf");
        Assert.Empty(await Sandbox.ZiggeoAuthTokensAsync());
        var usage = Ps.Run("New-UploadToken -UsageTime 0.2");
        Assert.Equal("UsageTimeOutOfRange,VideoPlatforms.Commands.NewUploadTokenCommand", Assert.Single(usage.Errors).FullyQualifiedErrorId);
        Assert.Empty(await Sandbox.ZiggeoAuthTokensAsync());
    }

    [Fact]
    public void api_video_refuses_the_Ziggeo_only_token_options()
    {
        Ps.ConnectApiVideo();
        var error = Assert.Single(Ps.Run("New-UploadToken -SessionLimit 2").Errors);
        Assert.Equal("ParameterNotSupported,VideoPlatforms.Commands.NewUploadTokenCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.StartsWith("ParameterNotSupported,", Ps.Fails("Set-Video -Id abc -Key k").FullyQualifiedErrorId);
    }
}

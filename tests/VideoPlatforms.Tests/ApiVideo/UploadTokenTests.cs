using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.ApiVideo;

public sealed class UploadTokenTests : SandboxTest
{
    public UploadTokenTests(SandboxFixture sandbox) : base(sandbox) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Ps.ConnectApiVideo();
    }

    [Fact]
    public void New_Get_and_Remove_upload_tokens()
    {
        var token = Assert.IsType<UploadToken>(Assert.Single(Ps.Ok("New-UploadToken -TimeToLive 3600")).BaseObject);
        Assert.StartsWith("to", token.Token);
        Assert.Equal(TimeSpan.FromHours(1), token.TimeToLive);
        Assert.InRange(token.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));

        var forever = Assert.IsType<UploadToken>(Assert.Single(Ps.Ok("New-UploadToken")).BaseObject);
        Assert.Null(forever.ExpiresAt);
        Assert.Null(forever.TimeToLive);

        Assert.Equal(2, Ps.Ok("Get-UploadToken").Count);
        Assert.Equal(token.Token, ((UploadToken)Ps.Ok("Get-UploadToken -Token $args[0]", token.Token).Single().BaseObject).Token);

        // Revoking cannot be undone (ConfirmImpact High): a host that cannot prompt is told to add -Force or
        // -Confirm:$false, and nothing is revoked until it does.
        var unconfirmed = Ps.Run("Get-UploadToken | Remove-UploadToken");
        var refusal = unconfirmed.Terminating?.ErrorRecord ?? Assert.Single(unconfirmed.Errors);
        Assert.Equal("ConfirmationNotPossible,VideoPlatforms.Commands.RemoveUploadTokenCommand", refusal.FullyQualifiedErrorId);
        Assert.Contains("-Force or -Confirm:$false", refusal.Exception.Message);
        Assert.DoesNotContain(token.Token, refusal.Exception.Message + refusal.TargetObject);
        Assert.Equal(2, Ps.Ok("Get-UploadToken").Count);
        Ps.Ok("Get-UploadToken | Remove-UploadToken -Confirm:$false");
        Assert.Empty(Ps.Ok("Get-UploadToken"));
        var gone = Assert.Single(Ps.Run("Get-UploadToken -Token $args[0]", token.Token).Errors);
        Assert.Equal("UploadTokenNotFound,VideoPlatforms.Commands.GetUploadTokenCommand", gone.FullyQualifiedErrorId);
    }

    [Fact]
    public void TimeToLive_takes_a_TimeSpan_too_and_WhatIf_creates_nothing()
    {
        var token = (UploadToken)Ps.Ok("New-UploadToken -TimeToLive '00:10:00'").Single().BaseObject;
        Assert.Equal(TimeSpan.FromMinutes(10), token.TimeToLive);
        Ps.Ok("New-UploadToken -WhatIf");
        Assert.Single(Ps.Ok("Get-UploadToken"));
    }

    [Fact]
    public async Task Send_Video_through_an_upload_token_without_the_key()
    {
        Ps.Ok("$token = New-UploadToken -TimeToLive 600");
        var file = Ps.NewFile("delegated.mp4", 11L << 20, seed: 9);

        // A second runspace that only ever sees the token, as a person given it would.
        using var guest = new PsSession(Sandbox);
        var tokenText = Ps.Ok("$token.Token").Single().ToString();
        guest.Ok("Connect-VideoProvider ApiVideo -UploadToken ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -BaseUri $ApiVideoUri", tokenText);
        var result = guest.Run("Send-Video $args[0] -ChunkSize 5MB", file);
        result.AssertNoErrors();
        var video = result.Single<Video>();
        Assert.Equal("delegated", video.Title);

        var stored = Assert.Single(await Sandbox.ApiVideoVideosAsync());
        Assert.Equal(PsSession.Sha256(file), stored.GetProperty("sha256").GetString());
        var requests = await Sandbox.RequestsAsync();
        Assert.Equal(3, requests.Count(r => r.GetProperty("path").GetString() == "/upload"));

        // The token connection can upload and nothing else.
        var denied = guest.Fails("Get-Video");
        Assert.StartsWith("UploadOnlyConnection,", denied.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
    }

    [Fact]
    public void Send_Video_with_UploadToken_parameter_and_the_key_sets_the_title_too()
    {
        var file = Ps.NewFile("token-title.mp4", 1 << 20);
        var video = Assert.IsType<Video>(Assert.Single(Ps.Ok("Send-Video $args[0] -UploadToken (New-UploadToken) -Title 'Named by key'", file)).BaseObject);
        Assert.Equal("Named by key", video.Title);
    }

    [Fact]
    public async Task Send_Video_takes_the_upload_token_as_a_SecureString_or_a_PSCredential_like_every_other_secret()
    {
        Ps.Ok("$token = New-UploadToken -TimeToLive 600; $secure = [System.Net.NetworkCredential]::new('', $token.Token).SecurePassword");
        var file = Ps.NewFile("secure-token.mp4", 1 << 20, seed: 4);

        var fromSecure = Ps.Run("Send-Video $args[0] -UploadToken $secure -Title 'from a SecureString'", file);
        fromSecure.AssertNoErrors();
        Assert.Equal("from a SecureString", fromSecure.Single<Video>().Title);
        var fromCredential = Ps.Run("Send-Video $args[0] -UploadToken ([pscredential]::new('upload token', $secure)) -Title 'from a PSCredential'", file);
        fromCredential.AssertNoErrors();
        Assert.Equal("from a PSCredential", fromCredential.Single<Video>().Title);

        // Both went through the token's upload endpoint, carrying the token itself.
        var token = Ps.Ok("$token.Token").Single().ToString();
        var uploads = (await Sandbox.RequestsAsync()).Where(r => r.GetProperty("path").GetString() == "/upload").ToList();
        Assert.Equal(2, uploads.Count);
        Assert.All(uploads, r => Assert.Contains(token, r.GetProperty("queryString").GetString()));
    }

    [Fact]
    public async Task An_expired_upload_token_is_a_clear_error_naming_the_file()
    {
        Ps.Ok("$token = New-UploadToken -TimeToLive 1");
        await Task.Delay(1500);
        var file = Ps.NewFile("late.mp4", 1 << 20);
        var result = Ps.Run("Send-Video $args[0] -UploadToken $token", file);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UploadTokenRejected,VideoPlatforms.Commands.SendVideoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal(file, error.TargetObject);
        Assert.Empty(await Sandbox.ApiVideoVideosAsync());
    }
}

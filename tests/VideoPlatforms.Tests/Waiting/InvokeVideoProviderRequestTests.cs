using System.Management.Automation;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Waiting;

/// <summary>Invoke-VideoProviderRequest on every platform: GET/POST/DELETE, errors, redaction, and where credentials may go.</summary>
public sealed class InvokeVideoProviderRequestTests : SandboxTest
{
    public InvokeVideoProviderRequestTests(SandboxFixture sandbox) : base(sandbox) { }

    public static TheoryData<string> Platforms() => new(WaitPlatform.Names);

    private static string Prop(PSObject o, string name) => o.Properties[name]?.Value?.ToString() ?? "";

    [Fact]
    public void ApiVideo_GET_POST_PATCH_DELETE_round_trip_with_JSON_bodies()
    {
        Ps.ConnectApiVideo();
        var created = Ps.Ok("Invoke-VideoProviderRequest -Method Post -Path /videos -Body @{ title = 'raw one'; tags = @('x', 'y'); metadata = @(@{ key = 'k'; value = 'v' }) }").Single();
        var id = Prop(created, "videoId");
        Assert.Equal("raw one", Prop(created, "title"));
        Assert.IsType<PSCustomObject>(created.BaseObject);
        Assert.Equal(new[] { "x", "y" }, Ps.Ok("(Invoke-VideoProviderRequest videos/$($args[0])).tags", id).Select(o => o.ToString()));
        Assert.Equal("v", Ps.Ok("(Invoke-VideoProviderRequest videos/$($args[0])).metadata[0].value", id).Single().ToString());

        Ps.Ok("Invoke-VideoProviderRequest videos/$($args[0]) -Method Patch -Body '{\"title\":\"renamed\"}'", id);
        var page = Ps.Ok("Invoke-VideoProviderRequest videos -Query @{ title = 'renamed'; pageSize = 10 }").Single();
        Assert.Equal("renamed", Ps.Ok("$args[0].data[0].title", page).Single().ToString());
        Assert.Equal("renamed", Ps.Ok("(Get-Video -Id $args[0]).Title", id).Single().ToString());

        var deleted = Ps.Run("Invoke-VideoProviderRequest videos/$($args[0]) -Method Delete -Verbose", id);
        deleted.AssertNoErrors();
        Assert.Empty(deleted.Output);
        Assert.Contains(deleted.Verbose, v => v.Contains("204") && v.Contains("no body"));
        Assert.Equal("VideoNotFound,VideoPlatforms.Commands.GetVideoCommand", Assert.Single(Ps.Run("Get-Video -Id $args[0]", id).Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Vimeo_GET_me_POST_a_video_and_DELETE_it_with_the_versioned_Accept_header()
    {
        Ps.Ok(WaitPlatform.Get("Vimeo").Connect);
        Assert.Equal("Sandbox Vimeo User", Ps.Ok("(Invoke-VideoProviderRequest /me).name").Single().ToString());
        var created = Ps.Ok("Invoke-VideoProviderRequest me/videos -Method Post -Body ([pscustomobject]@{ name = 'raw vimeo'; upload = @{ approach = 'tus'; size = 1000 } })").Single();
        var uri = Prop(created, "uri");
        Assert.StartsWith("/videos/", uri);
        Assert.Equal("raw vimeo", Prop(created, "name"));
        Ps.Ok("Invoke-VideoProviderRequest $args[0] -Method Delete", uri);
        var raw = (await Sandbox.RequestsAsync("vimeo")).Where(r => r.GetProperty("path").GetString() is "/me" or "/me/videos").ToList();
        Assert.Equal(2, raw.Count);
        Assert.All(raw, r => Assert.Contains("version=3.4", r.GetProperty("headers").GetProperty("Accept").GetString()));
        Assert.Equal("VideoNotFound", ((VideoProviderException)Assert.Single(Ps.Run("Get-Video -Id $args[0]", uri.Split('/').Last()).Errors).Exception).ErrorId);
    }

    [Fact]
    public async Task A_signed_Vimeo_download_link_is_masked_unless_IncludeSignedUrl_asks_for_it()
    {
        Ps.Ok(WaitPlatform.Get("Vimeo").Connect);
        var file = Ps.NewFile("signed.mp4", 40_000, seed: 31);
        var id = Ps.Ok("(Send-Video $args[0]).Id", file).Single().ToString();

        // Asked for: the link as Vimeo sent it, and it works.
        var usable = Ps.Run("(Invoke-VideoProviderRequest videos/$($args[0]) -Query @{ fields = 'download' } -IncludeSignedUrl -Verbose -Debug).download[0].link", id);
        usable.AssertNoErrors();
        var link = Assert.Single(usable.Output).ToString();
        var signature = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["s"];
        Assert.False(string.IsNullOrEmpty(signature));
        Assert.NotEqual("***", signature);
        using (var download = await new HttpClient().GetAsync(link))
            Assert.True(download.IsSuccessStatusCode, $"the signed link answered {(int)download.StatusCode}");
        // Only the output carries it: -Verbose and -Debug still mask it.
        Faults.SecretScan.AssertClean([signature!], usable.Verbose.Concat(usable.Debug).ToList());

        // By default: the same answer with the signature masked, anywhere in the output and the streams.
        var masked = Ps.Run("Invoke-VideoProviderRequest videos/$($args[0]) -Query @{ fields = 'download' } -Verbose -Debug", id);
        masked.AssertNoErrors();
        Assert.EndsWith("s=***", Ps.Ok("$args[0].download[0].link", masked.Output.Single()).Single().ToString());
        Faults.SecretScan.AssertClean([signature!], Faults.SecretScan.Texts([masked]));
    }

    [Fact]
    public void A_signed_Ziggeo_upload_form_has_its_policy_and_signature_masked_unless_IncludeSignedUrl()
    {
        Ps.Ok(WaitPlatform.Get("Ziggeo").Connect);
        var masked = Ps.Ok("(Invoke-VideoProviderRequest v1/videos-upload-url -Method Post -Body @{ video_type = 'mp4' }).url_data.fields").Single();
        Assert.Equal("***", Prop(masked, "policy"));
        Assert.Equal("***", Prop(masked, "x-amz-signature"));
        Assert.NotEqual("***", Prop(masked, "key"));

        var usable = Ps.Ok("(Invoke-VideoProviderRequest v1/videos-upload-url -Method Post -Body @{ video_type = 'mp4' } -IncludeSignedUrl).url_data.fields").Single();
        Assert.NotEqual("***", Prop(usable, "policy"));
        Assert.Matches("^[0-9a-fA-F]{16,}$", Prop(usable, "x-amz-signature"));
    }

    [Fact]
    public async Task Ziggeo_takes_form_fields_with_structured_values_as_JSON_strings_and_arrays_come_one_by_one()
    {
        Ps.Ok(WaitPlatform.Get("Ziggeo").Connect);
        var created = Ps.Ok("Invoke-VideoProviderRequest v1/videos/ -Method Post -Body @{ tags = 'raw,form'; key = 'rawkey' }").Single();
        var token = Prop(created, "token");
        Assert.Equal("rawkey", Prop(created, "key"));
        var stored = await Sandbox.GetAsync($"_sandbox/ziggeo/videos/{token}");
        Assert.Equal(new[] { "raw", "form" }, stored.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // data travels as a JSON string (docs/platforms/ziggeo.md#2-endpoints) and is read back as an object.
        Ps.Ok("Invoke-VideoProviderRequest v1/videos/_rawkey -Method Post -Body @{ data = @{ title = 'from raw' } }");
        Assert.Equal("from raw", Ps.Ok("(Get-Video -Id $args[0]).Title", token).Single().ToString());

        Ps.Ok("Invoke-VideoProviderRequest v1/videos/ -Method Post -Body @{ key = 'second' }");
        var listed = Ps.Ok("Invoke-VideoProviderRequest v1/videos/ -Query @{ limit = 10 }");
        Assert.Equal(2, listed.Count);
        Assert.All(listed, v => Assert.IsType<PSCustomObject>(v.BaseObject));
        Assert.Equal("2", Ps.Ok("(Invoke-VideoProviderRequest v1/videos/count).count").Single().ToString());

        Ps.Ok("Invoke-VideoProviderRequest v1/videos/$($args[0]) -Method Delete", token);
        Assert.Equal("1", Ps.Ok("(Invoke-VideoProviderRequest v1/videos/count).count").Single().ToString());
        var notForm = Ps.Fails("Invoke-VideoProviderRequest v1/videos/ -Method Post -Body @(1, 2)");
        Assert.Equal("BodyNotForm,VideoPlatforms.Commands.InvokeVideoProviderRequestCommand", notForm.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task BigGo_paths_are_under_api_v1_and_result_false_is_an_error_whatever_the_status()
    {
        Ps.Ok(WaitPlatform.Get("BigGo").Connect);
        Assert.Equal(SandboxCredentials.BigGoUserId, Ps.Ok("(Invoke-VideoProviderRequest video_auth/self -Method Post).userid").Single().ToString());
        // The full form is accepted too.
        Assert.Equal("tw", Ps.Ok("(Invoke-VideoProviderRequest /api/v1/video_auth/self -Method Post).region").Single().ToString());
        var other = Ps.Ok("Invoke-VideoProviderRequest user/$($args[0])/video/ -Query @{ p = 2 }", SandboxCredentials.BigGoOtherUserId).Single();
        Assert.Equal("3", Ps.Ok("@($args[0].user_video.data).Count", other).Single().ToString());

        var file = Ps.NewFile("raw.mp4", 20_000, 7);
        var id = Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0]", file).Single().BaseObject).Id;
        Ps.Ok("Invoke-VideoProviderRequest video/$($args[0]) -Method Patch -Body @{ title = 'patched' }", id);
        Assert.Equal("patched", Ps.Ok("(Get-Video -Id $args[0]).Title", id).Single().ToString());
        Assert.Equal("True", Ps.Ok("(Invoke-VideoProviderRequest video/$($args[0]) -Method Delete).result", id).Single().ToString());

        await Sandbox.AddFaultAsync(new
        {
            platform = "biggo", method = "GET", pathPattern = "/api/v1/video/*", kind = "status", status = 200, times = 1,
            body = "{\"result\":false,\"error\":{\"code\":1006,\"message\":\"bad value\"}}",
            headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        var error = Assert.Single(Ps.Run("Invoke-VideoProviderRequest video/whatever").Errors);
        Assert.Equal("InvalidArgument,VideoPlatforms.Commands.InvokeVideoProviderRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal("1006", ((VideoProviderException)error.Exception).ProviderCode);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void A_refusal_is_a_non_terminating_error_record_naming_the_path(string platform)
    {
        var p = WaitPlatform.Get(platform);
        Ps.Ok(p.Connect);
        var path = platform switch { "ApiVideo" => "videos/nosuch", "Vimeo" => "videos/999999999", "Ziggeo" => "v1/videos/nosuch", _ => "video/nosuch" };
        var result = Ps.Run("Invoke-VideoProviderRequest $args[0]; 'after'", path);
        Assert.Null(result.Terminating);
        Assert.Equal("after", Assert.Single(result.Output).ToString());
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.EndsWith(",VideoPlatforms.Commands.InvokeVideoProviderRequestCommand", error.FullyQualifiedErrorId);
        Assert.Equal(path, error.TargetObject);
        Assert.Equal(404, ((VideoProviderException)error.Exception).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Debug_and_verbose_show_the_request_but_never_a_secret(string platform)
    {
        var p = WaitPlatform.Get(platform);
        Ps.Ok(p.Connect);
        var path = platform switch { "ApiVideo" => "videos", "Vimeo" => "me", "Ziggeo" => "v1/application", _ => "user/self/video/" };
        var result = Ps.Run("$DebugPreference = 'Continue'; Invoke-VideoProviderRequest $args[0] -Verbose -Debug; Invoke-VideoProviderRequest nosuch/path -Debug", path);
        Assert.NotEmpty(result.Output);
        Assert.Single(result.Errors);
        var texts = result.AllText().Append(Ps.Screen).ToList();
        Assert.Contains(texts, t => t.Contains("request headers") && t.Contains("Authorization: ***"));
        foreach (var secret in await p.SecretsAsync(Sandbox))
            foreach (var text in texts)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text[..Math.Min(300, text.Length)]}");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task The_credentials_never_go_to_another_host_or_another_platforms_prefix(string platform)
    {
        var p = WaitPlatform.Get(platform);
        Ps.Ok(p.Connect);
        await Sandbox.Admin.DeleteAsync("_sandbox/requests");
        foreach (var path in new[] { "https://evil.example.com/videos", "//evil.example.com/videos", $"{Sandbox.Server.BaseUri}apivideo-not/videos" })
        {
            var error = Assert.Single(Ps.Run("Invoke-VideoProviderRequest $args[0]", path).Errors);
            Assert.Equal("AbsoluteUrlNotAllowed,VideoPlatforms.Commands.InvokeVideoProviderRequestCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }
        var climb = Assert.Single(Ps.Run("Invoke-VideoProviderRequest ../vimeo/me").Errors);
        Assert.Equal("PathOutsideApi,VideoPlatforms.Commands.InvokeVideoProviderRequestCommand", climb.FullyQualifiedErrorId);
        Assert.Single(Ps.Run("Invoke-VideoProviderRequest 'x/%2e%2e/%2E%2E/vimeo/me'").Errors);
        Assert.Empty(await Sandbox.RequestsAsync(p.SandboxName));

        // An absolute URL under the connection's own base is just a longer way to write the path.
        var own = platform switch
        {
            "ApiVideo" => $"{Sandbox.Server.ApiVideoBaseUri}videos",
            "Vimeo" => $"{Sandbox.Server.VimeoBaseUri}me",
            "Ziggeo" => $"{Sandbox.Server.ZiggeoBaseUri}v1/application",
            _ => $"{Sandbox.Server.BigGoBaseUri}api/v1/user/self/video/",
        };
        Assert.NotEmpty(Ps.Ok("Invoke-VideoProviderRequest $args[0]", own));
    }

    [Fact]
    public void Bad_method_body_and_upload_only_connections_are_refused_clearly()
    {
        Ps.ConnectApiVideo();
        var body = Ps.Fails("Invoke-VideoProviderRequest videos -Body @{ a = 1 }");
        Assert.Equal("BodyNotAllowed,VideoPlatforms.Commands.InvokeVideoProviderRequestCommand", body.FullyQualifiedErrorId);
        Assert.Contains("-Method Post", body.Exception.Message);
        Assert.Equal("ParameterArgumentValidationError,VideoPlatforms.Commands.InvokeVideoProviderRequestCommand",
            Ps.Fails("Invoke-VideoProviderRequest videos -Method Trace").FullyQualifiedErrorId);
        var whatIf = Ps.Run("Invoke-VideoProviderRequest videos -Method Post -Body @{ title = 'no' } -WhatIf");
        whatIf.AssertNoErrors();
        Assert.Empty(Ps.Ok("Get-Video"));

        Ps.Ok("Connect-VideoProvider -Provider ApiVideo -UploadToken ([System.Net.NetworkCredential]::new('', 'to1sometoken').SecurePassword) -BaseUri $ApiVideoUri");
        var uploadOnly = Assert.Single(Ps.Run("Invoke-VideoProviderRequest videos").Errors);
        Assert.Equal("UploadOnlyConnection,VideoPlatforms.Commands.InvokeVideoProviderRequestCommand", uploadOnly.FullyQualifiedErrorId);
    }
}

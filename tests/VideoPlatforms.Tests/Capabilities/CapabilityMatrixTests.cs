using System.Management.Automation;
using VideoPlatforms.Tests.Faults;
using VideoPlatforms.Tests.Harness;
using VideoPlatforms.Tests.Transfer;

namespace VideoPlatforms.Tests.Capabilities;

/// <summary>
/// Every parameter of every cmdlet on every platform is either honoured, with its effect checked against the Sandbox,
/// or refused with ParameterNotSupported before anything is sent. The platform-dependent parameters are found by
/// walking the cmdlets: each carries [DependsOnPlatform] or is listed here as platform-independent, so a new
/// parameter that is neither fails <see cref="Every_parameter_is_declared_platform_dependent_or_listed_as_common"/>.
/// </summary>
public sealed class CapabilityMatrixTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    /// <summary>
    /// Parameters whose meaning is the same on every platform (ids, paths, paging, waiting, retries), or that pick what
    /// the platform is: credentials (each platform's connect refuses the kinds it does not take, CredentialNotSupported),
    /// the authorization-code flow (AuthorizationCodeNotSupported where a platform has none) and upload tokens as a
    /// whole (UploadTokensNotSupported on a platform without them).
    /// </summary>
    private static readonly Dictionary<string, string[]> PlatformIndependent = new()
    {
        ["Clear-VideoUploadJournal"] = ["InputObject", "Path", "Provider", "State"],
        ["Connect-VideoProvider"] = ["Provider", "ApiKey", "Credential", "AuthorizationCode", "State", "RedirectUri", "UploadToken", "AccessToken", "ApplicationToken", "PrivateKey", "Environment", "BaseUri", "Name", "MaximumRetryCount", "MaximumRetryIntervalSec", "RetryBaseDelayMilliseconds", "TimeoutSec", "PassThru"],
        ["Copy-Video"] = ["Id", "Destination", "AllowDuplicate", "Connection"],
        ["Disconnect-VideoProvider"] = ["Name", "Connection"],
        ["Get-UploadToken"] = ["Token", "Connection"],
        ["Get-Video"] = ["Id", "Connection", "IncludeTotalCount", "Skip", "First"],
        ["Get-VideoProvider"] = ["Name", "Default", "ListAvailable"],
        ["Get-VideoProviderAuthorizationUrl"] = ["Provider", "ClientId", "RedirectUri", "Scope", "Environment", "BaseUri"],
        ["Get-VideoUploadJournal"] = ["Path", "Provider", "State"],
        ["Invoke-VideoProviderRequest"] = ["Path", "Method", "Query", "Body", "ContentType", "IncludeSignedUrl", "Connection"],
        ["New-UploadToken"] = ["Connection"],
        ["Remove-UploadToken"] = ["Token", "Force", "Connection"],
        ["Remove-Video"] = ["Id", "Force", "Connection"],
        ["Save-Video"] = ["Id", "Path", "Quality", "Force", "Connection"],
        ["Send-Video"] = ["Path", "LiteralPath", "Title", "Description", "ThrottleLimit", "Resume", "Wait", "WaitTimeout", "PollInterval", "Connection"],
        ["Set-Video"] = ["Id", "Title", "Description", "PassThru", "Connection"],
        ["Sync-Video"] = ["Recurse", "Filter", "Delete", "Force", "IfChanged", "ThrottleLimit", "FolderId", "Connection"],
        ["Wait-Video"] = ["Id", "Timeout", "PollInterval", "Connection"],
        ["Add-VideoCaption"] = ["Video", "Path", "Language", "Connection"],
        ["Get-VideoCaption"] = ["Video", "Language", "Kind", "Connection"],
        ["Remove-VideoCaption"] = ["Video", "Language", "Kind", "TrackId", "Force", "Connection"],
    };

    /// <summary>
    /// Hidden parameters that only bind a piped object's properties (its Provider, to refuse another platform's item;
    /// its Title, to name it in a prompt): nobody types them, and they mean the same on every platform.
    /// </summary>
    private static readonly HashSet<string> Ignored = ["ItemProvider", "ItemTitle"];

    [Fact]
    public void Every_parameter_is_declared_platform_dependent_or_listed_as_common()
    {
        // Read from the imported module, as PowerShell sees it: each parameter, and the option its marker names.
        var rows = Ps.Ok("""
            Get-Command -Module VideoPlatforms | ForEach-Object {
                $command = $_
                $command.Parameters.Values |
                    Where-Object { $_.Name -notin [System.Management.Automation.Cmdlet]::CommonParameters -and $_.Name -notin [System.Management.Automation.Cmdlet]::OptionalCommonParameters } |
                    ForEach-Object {
                        $marker = $_.Attributes | Where-Object { $_.GetType().Name -eq 'DependsOnPlatformAttribute' }
                        '{0}|{1}|{2}' -f $command.Name, $_.Name, ($(if ($marker) { [string]$marker.Option } else { '' }))
                    }
            }
            """).Select(o => o.ToString().Split('|')).ToList();
        Assert.NotEmpty(rows);
        var seen = new List<PlatformOption>();
        var unlisted = new List<string>();
        foreach (var (name, parameter, marked) in rows.Select(r => (r[0], r[1], r[2])))
        {
            if (Ignored.Contains(parameter)) continue;
            var common = PlatformIndependent.TryGetValue(name, out var list) && list.Contains(parameter);
            if (marked.Length > 0)
            {
                Assert.False(common, $"{name} -{parameter} is both marked [DependsOnPlatform] and listed as platform-independent.");
                var option = PlatformOptions.Of(Enum.Parse<PlatformOption>(marked));
                Assert.True(option.Command == name && option.Parameter == parameter,
                    $"{name} -{parameter} is marked {marked}, which is {option.Command} -{option.Parameter}.");
                seen.Add(option.Option);
            }
            else if (!common)
            {
                unlisted.Add($"{name} -{parameter}");
            }
        }
        Assert.True(unlisted.Count == 0,
            "Parameters neither marked [DependsOnPlatform] (an option every provider declares) nor listed as platform-independent: " + string.Join(", ", unlisted));
        Assert.Equal(PlatformOptions.All.Select(o => o.Option).Order(), seen.Order());
    }

    public static TheoryData<PlatformOption, string> Matrix()
    {
        var data = new TheoryData<PlatformOption, string>();
        foreach (var option in PlatformOptions.All)
            foreach (var platform in PlatformCase.All)
                data.Add(option.Option, platform.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_option_is_honoured_with_its_effect_or_refused_before_anything_is_sent(PlatformOption option, string platform)
    {
        var descriptor = ProviderRegistry.Get(platform);
        var support = descriptor.Capabilities[option];
        var info = PlatformOptions.Of(option);
        if (option is PlatformOption.UploadPrivacy or PlatformOption.UpdatePrivacy)
        {
            // Each value on its own: api.video takes Public and Private and refuses Unlisted.
            foreach (var value in Enum.GetNames<VideoPrivacy>())
            {
                if (support.Accepts(value)) await HonouredAsync(option, platform, value);
                else await RefusedAsync(option, platform, descriptor, info, value);
            }
            return;
        }
        if (option is PlatformOption.AddCaptionKind)
        {
            // Each kind on its own: api.video takes Captions and Chapters, Ziggeo only Subtitles.
            foreach (var value in Enum.GetNames<CaptionKind>())
            {
                if (support.Accepts(value)) await HonouredAsync(option, platform, value);
                else await RefusedAsync(option, platform, descriptor, info, value);
            }
            return;
        }
        if (support.IsHonoured) await HonouredAsync(option, platform, null);
        else await RefusedAsync(option, platform, descriptor, info, null);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Refused: ParameterNotSupported, naming the parameter and the platform, and not one request sent.
    // ----------------------------------------------------------------------------------------------------------------

    private async Task RefusedAsync(PlatformOption option, string platform, ProviderDescriptor descriptor, OptionInfo info, string? value)
    {
        var p = PlatformCase.Named(platform);
        var file = Ps.NewFile("refused.mp4", 2_000, seed: 3);
        Ps.NewFile("poster.png", 500, seed: 4);
        string script;
        if (option is PlatformOption.ConnectScope or PlatformOption.ConnectRegion)
        {
            script = p.Connect + (option == PlatformOption.ConnectScope ? " -Scope public" : " -Region tw");
        }
        else
        {
            Ps.Ok(p.Connect);
            script = RefusalScript(option, value ?? "");
        }
        var before = (await Sandbox.RequestsAsync(p.AdminName)).Length;

        var result = Ps.Run(script, file);

        var record = result.Terminating?.ErrorRecord ?? result.Errors.FirstOrDefault();
        Assert.True(record is not null, $"{info.Command} -{info.Parameter} {value} on {platform}: accepted, but {platform} declares it refused ({result.Output.Count} objects out).");
        Assert.Equal(before, (await Sandbox.RequestsAsync(p.AdminName)).Length);
        if (info.Command == "New-UploadToken" && !descriptor.Capabilities.UploadTokens)
        {
            // A platform without upload tokens refuses the command as a whole, saying what to do instead.
            Assert.StartsWith("UploadTokensNotSupported,", record!.FullyQualifiedErrorId);
            return;
        }
        Assert.True(record!.FullyQualifiedErrorId.StartsWith(CapabilityCheck.ErrorId + ",", StringComparison.Ordinal),
            $"{info.Command} -{info.Parameter} {value} on {platform}: {record.FullyQualifiedErrorId}: {record.Exception.Message}");
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Contains("-" + info.Parameter, record.Exception.Message);
        Assert.Contains(descriptor.DisplayName, record.Exception.Message);
        if (value is not null) Assert.Contains(value, record.Exception.Message);
    }

    /// <summary>A command using the option that would otherwise be valid ($args[0] is a small video file).</summary>
    private static string RefusalScript(PlatformOption option, string value) => option switch
    {
        PlatformOption.ListTitle => "Get-Video -Title x",
        PlatformOption.ListTag => "Get-Video -Tag x",
        PlatformOption.ListMetadata => "Get-Video -Metadata @{ k = 'v' }",
        PlatformOption.ListStatus => "Get-Video -Status Failed",
        PlatformOption.ListUser => "Get-Video -User someone",
        PlatformOption.UploadTag => "Send-Video -LiteralPath $args[0] -Tag x",
        PlatformOption.UploadMetadata => "Send-Video -LiteralPath $args[0] -Metadata @{ k = 'v' }",
        PlatformOption.UploadPrivacy => $"Send-Video -LiteralPath $args[0] -Privacy {value}",
        PlatformOption.UploadChunkSize => "Send-Video -LiteralPath $args[0] -ChunkSize 5MB",
        PlatformOption.UploadChunkConcurrency => "Send-Video -LiteralPath $args[0] -ChunkConcurrency 4",
        PlatformOption.UploadWithToken => "Send-Video -LiteralPath $args[0] -UploadToken abcdefgh12345678",
        PlatformOption.UploadReplace => "Send-Video -LiteralPath $args[0] -ReplaceVideoId someid",
        PlatformOption.UpdateTag => "Set-Video -Id someid -Tag x",
        PlatformOption.UpdateMetadata => "Set-Video -Id someid -Metadata @{ k = 'v' }",
        PlatformOption.UpdatePrivacy => $"Set-Video -Id someid -Privacy {value}",
        PlatformOption.UpdateKey => "Set-Video -Id someid -Key mykey",
        PlatformOption.UpdateExpiresOn => "Set-Video -Id someid -ExpiresOn ([datetime]'2031-05-06')",
        PlatformOption.UpdateThumbnail => "Set-Video -Id someid -ThumbnailPath poster.png",
        PlatformOption.UpdateThumbnailAt => "Set-Video -Id someid -ThumbnailAt 00:00:01",
        PlatformOption.TokenTimeToLive => "New-UploadToken -TimeToLive 3600",
        PlatformOption.TokenGrant => "New-UploadToken -Grant @{ read = 'all' }",
        PlatformOption.TokenSessionLimit => "New-UploadToken -SessionLimit 2",
        PlatformOption.TokenUsageTime => "New-UploadToken -UsageTime 600",
        PlatformOption.UploadCaptions => "Send-Video -LiteralPath $args[0] -CaptionPath talk.en.vtt",
        PlatformOption.AddCaptionKind => $"Add-VideoCaption -Video someid -Path talk.vtt -Language en -Kind {value}",
        PlatformOption.AddCaptionLabel => "Add-VideoCaption -Video someid -Path talk.vtt -Language en -Label English",
        PlatformOption.AddCaptionDefault => "Add-VideoCaption -Video someid -Path talk.vtt -Language en -Default",
        PlatformOption.DownloadCaptions => "Save-Video -Id someid -IncludeCaptions",
        PlatformOption.UploadSkipExisting => "Send-Video -LiteralPath $args[0] -SkipExisting",
        PlatformOption.SyncFolder => "Sync-Video -Path $Work",
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "No refusal script: add one with the option."),
    };

    // ----------------------------------------------------------------------------------------------------------------
    // Honoured: the effect, read back from the platform.
    // ----------------------------------------------------------------------------------------------------------------

    private async Task HonouredAsync(PlatformOption option, string platform, string? value)
    {
        var p = PlatformCase.Named(platform);
        if (option is not (PlatformOption.ConnectScope or PlatformOption.ConnectRegion)) Ps.Ok(p.Connect);
        switch (option)
        {
            case PlatformOption.ListTitle:
            {
                var alpha = Upload("alpha one");
                var beta = Upload("beta two");
                var listed = Videos("Get-Video -Title alpha").Select(v => v.Id).ToList();
                Assert.Contains(alpha.Id, listed);
                Assert.DoesNotContain(beta.Id, listed);
                break;
            }
            case PlatformOption.ListTag:
            {
                var red = Upload("red", "-Tag red");
                var blue = Upload("blue", "-Tag blue");
                Assert.Equal(new[] { red.Id }, Videos("Get-Video -Tag red").Select(v => v.Id));
                Assert.DoesNotContain(blue.Id, Videos("Get-Video -Tag red").Select(v => v.Id));
                break;
            }
            case PlatformOption.ListMetadata:
            {
                var one = Upload("one", "-Metadata @{ k = '1' }");
                Upload("two", "-Metadata @{ k = '2' }");
                Assert.Equal(new[] { one.Id }, Videos("Get-Video -Metadata @{ k = '1' }").Select(v => v.Id));
                break;
            }
            case PlatformOption.ListStatus:
            {
                var good = Upload("good");
                var bad = Upload("bad");
                await Sandbox.PostAsync($"_sandbox/{p.AdminName}/videos/{bad.Id}/fail-processing", new { });
                Assert.Equal(new[] { bad.Id }, Videos("Get-Video -Status Failed").Select(v => v.Id));
                var others = Videos("Get-Video -Status Ready, Processing, Uploading").Select(v => v.Id).ToList();
                Assert.Contains(good.Id, others);
                Assert.DoesNotContain(bad.Id, others);
                break;
            }
            case PlatformOption.ListUser:
            {
                var own = Upload("mine");
                var listed = Videos("Get-Video -User $BigGoOtherUser");
                Assert.NotEmpty(listed);
                Assert.DoesNotContain(own.Id, listed.Select(v => v.Id));
                Assert.All(listed, v => Assert.Equal(SandboxOtherUser(), v.Raw["userid"]?.ToString()));
                break;
            }
            case PlatformOption.UploadTag:
                Assert.Equal(new[] { "blue", "red" }, Read(Upload("tagged", "-Tag red, blue").Id).Tags.Order());
                break;
            case PlatformOption.UploadMetadata:
                Assert.Equal("v", Read(Upload("meta", "-Metadata @{ k = 'v' }").Id).Metadata["k"]);
                break;
            case PlatformOption.UploadPrivacy:
                Assert.Equal(Enum.Parse<VideoPrivacy>(value!), Read(Upload("private " + value, $"-Privacy {value}", seed: 10 + (int)Enum.Parse<VideoPrivacy>(value!)).Id).Privacy);
                break;
            case PlatformOption.UploadChunkSize:
            {
                // Two chunks where the default chunk size would send one request.
                var (size, chunk) = platform == "ApiVideo" ? (6L << 20, "5MB") : (3L << 20, "1MB");
                var file = Ps.NewFile("chunked.mp4", size, seed: 5);
                Ps.Ok($"Send-Video -LiteralPath $args[0] -ChunkSize {chunk}", file);
                var sends = (await Sandbox.RequestsAsync(p.AdminName)).Count(r => platform == "ApiVideo"
                    ? r.Str("method") == "POST" && r.Str("path").EndsWith("/source", StringComparison.Ordinal)
                    : r.Str("method") == "PATCH" && r.Str("path").StartsWith("/tus/", StringComparison.Ordinal));
                Assert.True(sends >= 2, $"{platform}: {sends} upload request(s) with -ChunkSize {chunk} for {size} bytes");
                break;
            }
            case PlatformOption.UploadChunkConcurrency:
            {
                // Three chunks, each held a while, sent two at a time: their windows in the Sandbox overlap.
                var file = Ps.NewFile("wide.mp4", (14L << 20) + 3, seed: 7);
                await Sandbox.AddFaultAsync(new { platform = p.AdminName, method = "POST", pathPattern = "^/videos/[^/]+/source$", kind = "delay", delayMs = 400, times = 0 });
                var video = Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0] -ChunkSize 5MB -ChunkConcurrency 2", file).Single().BaseObject);
                var starts = (await Sandbox.RequestsAsync(p.AdminName)).Where(r => r.Str("method") == "POST" && r.Str("path").EndsWith("/source", StringComparison.Ordinal))
                    .Select(r => r.GetProperty("startedAt").GetDateTimeOffset()).ToList();
                Assert.Equal(3, starts.Count);
                Assert.Contains(starts, s => starts.Count(o => o <= s && s < o.AddMilliseconds(400)) >= 2);
                Assert.Equal(video.Id, Read(video.Id).Id);
                break;
            }
            case PlatformOption.UploadWithToken:
            {
                var token = Ps.Ok("(New-UploadToken).Token").Single().ToString();
                var video = Upload("by token", "-UploadToken $args[1]", extra: token);
                Assert.Contains(await Sandbox.RequestsAsync(p.AdminName), r => r.Str("path") == "/upload");
                Assert.Equal(video.Id, Read(video.Id).Id);
                break;
            }
            case PlatformOption.UploadReplace:
            {
                var original = Upload("original");
                var count = await Platforms.AdminVideoCountAsync(Sandbox, platform);
                var replacement = Ps.NewFile("replacement.mp4", 3_000, seed: 9);
                var replaced = Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0] -ReplaceVideoId $args[1]", replacement, original.Id).Single().BaseObject);
                Assert.Equal(original.Id, replaced.Id);
                Assert.Equal(count, await Platforms.AdminVideoCountAsync(Sandbox, platform));
                break;
            }
            case PlatformOption.UploadSkipExisting:
            {
                // The second run finds the first one's video on the platform, with its local journal gone.
                var file = Ps.NewFile("twice.mp4", 4_000, seed: 50);
                var first = Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0] -SkipExisting", file).Single().BaseObject);
                if (Directory.Exists(Path.Combine(Ps.Work, "journal"))) Directory.Delete(Path.Combine(Ps.Work, "journal"), recursive: true);
                var count = await Platforms.AdminVideoCountAsync(Sandbox, platform);
                var second = Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0] -SkipExisting", file).Single().BaseObject);
                Assert.Equal(first.Id, second.Id);
                Assert.Equal(count, await Platforms.AdminVideoCountAsync(Sandbox, platform));
                break;
            }
            case PlatformOption.SyncFolder:
            {
                // The folder's file is uploaded carrying the folder's markers; the second run finds it on the platform
                // with the local journal gone, and uploads nothing.
                var folder = Path.GetDirectoryName(Ps.NewFile(Path.Combine("synced", "one.mp4"), 3_000, seed: 60))!;
                var first = Assert.IsType<VideoPlatforms.Sync.SyncResult>(Ps.Ok("Sync-Video -Path $args[0]", folder).Single().BaseObject);
                Assert.Equal(VideoPlatforms.Sync.SyncAction.Upload, first.Action);
                var stored = Read(first.VideoId!);
                Assert.Equal(folder, stored.Metadata[VideoPlatforms.Upload.ContentMarkers.SyncFolderKey]);
                Assert.Equal("one.mp4", stored.Metadata[VideoPlatforms.Upload.ContentMarkers.SyncPathKey]);
                if (Directory.Exists(Path.Combine(Ps.Work, "journal"))) Directory.Delete(Path.Combine(Ps.Work, "journal"), recursive: true);
                var count = await Platforms.AdminVideoCountAsync(Sandbox, platform);
                var second = Assert.IsType<VideoPlatforms.Sync.SyncResult>(Ps.Ok("Sync-Video -Path $args[0]", folder).Single().BaseObject);
                Assert.Equal(VideoPlatforms.Sync.SyncAction.Skip, second.Action);
                Assert.Equal(first.VideoId, second.VideoId);
                Assert.Equal(count, await Platforms.AdminVideoCountAsync(Sandbox, platform));
                break;
            }
            case PlatformOption.UpdateTag:
                Assert.Equal(new[] { "x", "y" }, Set(Upload("retag").Id, "-Tag x, y").Tags.Order());
                break;
            case PlatformOption.UpdateMetadata:
                Assert.Equal("v", Set(Upload("remeta").Id, "-Metadata @{ k = 'v' }").Metadata["k"]);
                break;
            case PlatformOption.UpdatePrivacy:
            {
                var video = Upload("privacy " + value, seed: 20 + (int)Enum.Parse<VideoPrivacy>(value!));
                Assert.Equal(Enum.Parse<VideoPrivacy>(value!), Set(video.Id, $"-Privacy {value}").Privacy);
                Assert.Equal(Enum.Parse<VideoPrivacy>(value!), Read(video.Id).Privacy);
                break;
            }
            case PlatformOption.UpdateKey:
            {
                var video = Upload("keyed");
                Set(video.Id, "-Key mykey");
                Assert.Equal(video.Id, Read("_mykey").Id);
                break;
            }
            case PlatformOption.UpdateExpiresOn:
                Assert.Equal("2031-05-06", Set(Upload("expiring").Id, "-ExpiresOn ([datetime]'2031-05-06')").Raw["expire_on"]);
                break;
            case PlatformOption.UpdateThumbnail:
            {
                var video = Upload("poster");
                Ps.NewFile("poster.png", 5_000, seed: 6);
                var set = Set(video.Id, "-ThumbnailPath poster.png");
                if (platform == "Ziggeo")
                    Assert.Equal(true, set.Raw["default_stream"] is System.Collections.IDictionary stream ? stream["has_image"] : null);
                else
                    Assert.NotNull(set.ThumbnailUrl);
                Assert.Contains(await Sandbox.RequestsAsync(p.AdminName), r => r.Str("path").Contains("thumbnail", StringComparison.Ordinal) || r.Str("path").Contains("pictures", StringComparison.Ordinal)
                    || r.Str("path").EndsWith("/image", StringComparison.Ordinal));
                break;
            }
            case PlatformOption.UpdateThumbnailAt:
            {
                var video = Upload("frame");
                Assert.NotNull(Set(video.Id, "-ThumbnailAt 00:00:01.500").ThumbnailUrl);
                var pick = Assert.Single(await Sandbox.RequestsAsync(p.AdminName), r => r.Str("method") == "PATCH" && r.Str("path").EndsWith("/thumbnail", StringComparison.Ordinal));
                Assert.Equal("200", pick.GetProperty("status").GetRawText());
                Assert.True((await Platforms.AdminVideoAsync(Sandbox, platform, video.Id)).GetProperty("hasThumbnail").GetBoolean());
                break;
            }
            case PlatformOption.TokenTimeToLive:
            {
                var token = Assert.IsType<UploadToken>(Ps.Ok("New-UploadToken -TimeToLive 3600").Single().BaseObject);
                Assert.InRange(token.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
                break;
            }
            case PlatformOption.TokenGrant:
            {
                // Only Ziggeo has grants: its stored auth token holds them.
                Ps.Ok("New-UploadToken -Grant @{ read = 'all' }");
                var stored = Assert.Single(await VideoPlatforms.Tests.Ziggeo.ZiggeoSandbox.ZiggeoAuthTokensAsync(Sandbox));
                Assert.Contains("\"read\":\"all\"", stored.GetProperty("grants").GetString());
                break;
            }
            case PlatformOption.TokenSessionLimit:
                Assert.Equal(3L, Convert.ToInt64(Assert.IsType<UploadToken>(Ps.Ok("New-UploadToken -SessionLimit 3").Single().BaseObject).Raw["session_limit"]));
                break;
            case PlatformOption.TokenUsageTime:
                Assert.Equal(600L, Convert.ToInt64(Assert.IsType<UploadToken>(Ps.Ok("New-UploadToken -UsageTime 600").Single().BaseObject).Raw["usage_expiration_time"]));
                break;
            case PlatformOption.ConnectScope:
            {
                // Honoured: a scope the token was not granted is named, and one it has connects.
                var missing = Ps.Fails(p.Connect + " -Scope made-up-scope");
                Assert.StartsWith("ScopeMissing,", missing.FullyQualifiedErrorId);
                Ps.Ok(p.Connect + " -Scope public");
                break;
            }
            case PlatformOption.ConnectRegion:
            {
                var connection = Assert.IsType<VideoProviderConnection>(Ps.Ok(p.Connect + " -Region tw -PassThru").Single().BaseObject);
                Assert.Equal("tw", connection.Region);
                Assert.Contains(await Sandbox.RequestsAsync(p.AdminName), r => Platforms.Header(r, "region") == "tw");
                break;
            }
            case PlatformOption.UploadCaptions:
            {
                var file = Ps.NewFile("captioned.mp4", 2_500, seed: 40);
                var caption = CaptionFile();
                var english = Path.Combine(Path.GetDirectoryName(caption)!, "talk.en.vtt");
                File.Copy(caption, english, overwrite: true);
                var video = Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0] -CaptionPath $args[1]", file, english).Single().BaseObject);
                if (platform == "Ziggeo")
                    Assert.Equal("en", Read(video.Id).Raw["default_stream"] is System.Collections.IDictionary stream ? StreamSubtitle(stream, "lang") : null);
                else
                    Assert.Equal("en", Assert.IsType<VideoCaption>(Ps.Ok("Get-VideoCaption -Video $args[0]", video.Id).Single().BaseObject).Language);
                break;
            }
            case PlatformOption.AddCaptionKind:
            {
                var video = Upload("captioned " + value, seed: 30 + (int)Enum.Parse<CaptionKind>(value!));
                Ps.Ok($"Add-VideoCaption -Video $args[0] -Path $args[1] -Language en -Kind {value}", video.Id, CaptionFile());
                if (platform == "Ziggeo")
                    Assert.Equal("en", Read(video.Id).Raw["default_stream"] is System.Collections.IDictionary stream ? StreamSubtitle(stream, "lang") : null);
                else
                    Assert.Equal(Enum.Parse<CaptionKind>(value!), Assert.IsType<VideoCaption>(Ps.Ok("Get-VideoCaption -Video $args[0]", video.Id).Single().BaseObject).Kind);
                break;
            }
            case PlatformOption.AddCaptionLabel:
            {
                var video = Upload("labelled");
                Ps.Ok("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en -Label 'English (UK)'", video.Id, CaptionFile());
                if (platform == "Ziggeo")
                    Assert.Equal("English (UK)", Read(video.Id).Raw["default_stream"] is System.Collections.IDictionary stream ? StreamSubtitle(stream, "label") : null);
                else
                    Assert.Equal("English (UK)", Assert.IsType<VideoCaption>(Ps.Ok("Get-VideoCaption -Video $args[0]", video.Id).Single().BaseObject).Label);
                break;
            }
            case PlatformOption.AddCaptionDefault:
            {
                var video = Upload("default captions");
                Ps.Ok("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en -Default", video.Id, CaptionFile());
                Assert.True(Assert.IsType<VideoCaption>(Ps.Ok("Get-VideoCaption -Video $args[0]", video.Id).Single().BaseObject).Default);
                break;
            }
            case PlatformOption.DownloadCaptions:
            {
                var video = Upload("saved with captions");
                Ps.Ok("Add-VideoCaption -Video $args[0] -Path $args[1] -Language en", video.Id, CaptionFile());
                var folder = Directory.CreateDirectory(Path.Combine(Ps.Work, "saved-" + platform)).FullName;
                var saved = Assert.IsType<VideoDownloadResult>(Ps.Ok("Save-Video -Id $args[0] -Path $args[1] -IncludeCaptions", video.Id, folder).Single().BaseObject);
                var caption = Path.Combine(folder, Path.GetFileNameWithoutExtension(saved.Path) + ".en.vtt");
                Assert.Equal(new[] { caption }, saved.Captions);
                Assert.Equal(File.ReadAllBytes(CaptionFile()), File.ReadAllBytes(caption));
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(option), option, "No effect check: add one with the option.");
        }
    }

    private string CaptionFile()
    {
        var path = Path.Combine(Ps.Work, "talk.vtt");
        File.WriteAllText(path, "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello.\n");
        return path;
    }

    /// <summary>A field of the subtitle the Sandbox's Ziggeo stream shows (its own record, docs/platforms/ziggeo.md#subtitles-and-stream-images).</summary>
    private static string? StreamSubtitle(System.Collections.IDictionary stream, string field) =>
        stream["subtitles"] is System.Collections.IList { Count: 1 } list && list[0] is System.Collections.IDictionary subtitle ? subtitle[field]?.ToString() : null;

    private static string SandboxOtherUser() => VideoPlatforms.Sandbox.SandboxCredentials.BigGoOtherUserId;

    private int _uploads;

    private Video Upload(string title, string parameters = "", int seed = 1, string? extra = null)
    {
        // A different file per title: BigGo refuses the same bytes twice.
        var file = Ps.NewFile(title.Replace(' ', '-') + ".mp4", 2_000 + title.Length, seed: seed + 100 * ++_uploads);
        var args = extra is null ? new object[] { file } : new object[] { file, extra };
        return Assert.IsType<Video>(Ps.Ok($"Send-Video -LiteralPath $args[0] -Title '{title}' {parameters}", args).Single().BaseObject);
    }

    private List<Video> Videos(string script) => Ps.Ok(script).Select(o => Assert.IsType<Video>(o.BaseObject)).ToList();

    private Video Read(string id) => Assert.IsType<Video>(Ps.Ok("Get-Video -Id $args[0]", id).Single().BaseObject);

    private Video Set(string id, string parameters) => Assert.IsType<Video>(Ps.Ok($"Set-Video -Id $args[0] {parameters} -PassThru", id).Single().BaseObject);
}

using System.Management.Automation;
using VideoPlatforms.Tests.Faults;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Capabilities;

/// <summary>
/// Tab completion reads the same declaration the engine refuses from: a parameter whose values depend on the platform
/// offers, through TabExpansion2 as a person's Tab does, exactly the values the target connection's platform declares.
/// Every expectation is computed from the declaration, so a new entry changes completion and these tests alike.
/// </summary>
public sealed class CapabilityCompletionTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    /// <summary>Every parameter with a finite set of values that depend on the platform, and its values' enum.</summary>
    private static readonly (string Command, string Parameter, Type Values)[] FiniteParameters =
    [
        ("Send-Video", "Privacy", typeof(VideoPrivacy)),
        ("Set-Video", "Privacy", typeof(VideoPrivacy)),
        ("Get-Video", "Status", typeof(VideoStatus)),
        ("Add-VideoCaption", "Kind", typeof(CaptionKind)),
    ];

    private CommandCompletion Expand(string line) =>
        (CommandCompletion)Ps.Ok("TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length", line).Single().BaseObject;

    private string[] Complete(string line) => Expand(line).CompletionMatches.Select(m => m.CompletionText).ToArray();

    /// <summary>What the declaration says <paramref name="platform"/> takes, in the order completion lists them.</summary>
    private static string[] Declared(string platform, string command, string parameter, Type values)
    {
        var support = ProviderRegistry.Get(platform).Capabilities[PlatformOptions.Find(command, parameter)!.Option];
        return Enum.GetNames(values).Where(support.Accepts).Order(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    [Theory]
    [MemberData(nameof(PlatformCase.Names), MemberType = typeof(PlatformCase))]
    public void Each_parameter_offers_what_the_default_connections_platform_declares(string platform)
    {
        Ps.Ok(PlatformCase.Named(platform).Connect);
        foreach (var (command, parameter, values) in FiniteParameters)
        {
            var expected = Declared(platform, command, parameter, values);
            // Refused outright (api.video's -Status): nothing at all is offered, not even file names.
            Assert.True(expected.SequenceEqual(Complete($"{command} -{parameter} ")),
                $"{command} -{parameter} on {platform}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", Complete($"{command} -{parameter} "))}].");
        }
    }

    [Theory]
    [MemberData(nameof(PlatformCase.Names), MemberType = typeof(PlatformCase))]
    public void A_parameter_the_platform_refuses_offers_nothing_and_one_it_honours_completes_as_usual(string platform)
    {
        // Every platform-dependent parameter with the declaration-reading completer, as pwsh sees the commands.
        var parameters = Ps.Ok("""
            foreach ($command in Get-Command -Module VideoPlatforms) {
                foreach ($parameter in $command.Parameters.Values) {
                    if ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] -and $_.Type.Name -eq 'PlatformParameterCompleter' }) {
                        '{0}|{1}' -f $command.Name, $parameter.Name
                    }
                }
            }
            """).Select(o => o.ToString().Split('|')).ToList();
        Assert.True(parameters.Count >= 20, $"Only {parameters.Count} parameters carry the completer.");

        Ps.Ok("$connection = " + PlatformCase.Named(platform).Connect + " -PassThru");
        // "As usual" is the completer answering null, which hands the word back to PowerShell's own completion (file
        // names in a full pwsh, checked in tests/Pester/Completion.Tests.ps1; this runspace has no file lister, so
        // here the completer's own answer is read).
        bool HandsBack(string command, string parameter) => (bool)Ps.Ok("""
            $fake = if ($args[0] -eq 'Connect-VideoProvider') { @{ Provider = $connection.Provider } } else { @{ Connection = $connection } }
            [object]::ReferenceEquals($null, [VideoPlatforms.Commands.PlatformParameterCompleter]::new().CompleteArgument($args[0], $args[1], '', $null, $fake))
            """, command, parameter).Single().BaseObject;
        foreach (var (command, parameter) in parameters.Select(p => (p[0], p[1])))
        {
            var option = PlatformOptions.Find(command, parameter)!;
            var line = command == "Connect-VideoProvider" ? $"{command} -Provider {platform} -{parameter} " : $"{command} -{parameter} ";
            var offered = Complete(line);
            var support = ProviderRegistry.Get(platform).Capabilities[option.Option];
            if (!support.IsHonoured) Assert.True(offered.Length == 0 && !HandsBack(command, parameter), $"{line}on {platform}: refused, but offered {string.Join(", ", offered)}.");
            else if (support.Values is { } values) Assert.Equal(values.Order(StringComparer.OrdinalIgnoreCase), offered);
            else Assert.True(HandsBack(command, parameter), $"{line}on {platform}: honoured, so PowerShell's own completion was expected, but the completer answered.");
        }
    }

    [Fact]
    public void The_Connection_on_the_line_wins_over_the_default()
    {
        Ps.Ok("$vimeo = " + PlatformCase.Vimeo.Connect + " -PassThru");
        Ps.Ok(PlatformCase.ApiVideo.Connect);   // the default now
        var onVimeo = Declared("Vimeo", "Send-Video", "Privacy", typeof(VideoPrivacy));
        var onApiVideo = Declared("ApiVideo", "Send-Video", "Privacy", typeof(VideoPrivacy));
        Assert.NotEqual(onVimeo, onApiVideo);   // the test means something only while the two declarations differ

        Assert.Equal(onApiVideo, Complete("Send-Video -Privacy "));
        Assert.Equal(onVimeo, Complete("Send-Video -Connection $vimeo -Privacy "));
        // -Connection after the word being completed counts too.
        const string Line = "Set-Video -Id x -Privacy  -Connection $vimeo";
        var atPrivacy = (CommandCompletion)Ps.Ok("TabExpansion2 -inputScript $args[0] -cursorColumn $args[1]", Line, Line.IndexOf("  ", StringComparison.Ordinal) + 1).Single().BaseObject;
        Assert.Equal(onVimeo, atPrivacy.CompletionMatches.Select(m => m.CompletionText));
        Assert.Equal(onVimeo.Where(v => v.StartsWith('P')), Complete("Set-Video -Connection $vimeo -Privacy p"));
        // -Status: refused by api.video, filtered by the module on Vimeo.
        Assert.Empty(Complete("Get-Video -Status "));
        Assert.Equal(Declared("Vimeo", "Get-Video", "Status", typeof(VideoStatus)), Complete("Get-Video -Connection $vimeo -Status "));
        // The values after a comma of -Status too.
        Assert.Equal(Declared("Vimeo", "Get-Video", "Status", typeof(VideoStatus)), Complete("Get-Video -Connection $vimeo -Status Ready,"));
    }

    [Fact]
    public void With_no_connection_every_value_is_offered_saying_which_platforms_take_it()
    {
        foreach (var (command, parameter, values) in FiniteParameters)
            Assert.Equal(Enum.GetNames(values).Order(StringComparer.OrdinalIgnoreCase), Complete($"{command} -{parameter} "));

        var unlisted = Expand("Send-Video -Privacy Unl").CompletionMatches.Single();
        var takers = ProviderRegistry.All.Where(d => d.Capabilities[PlatformOption.UploadPrivacy].Accepts("Unlisted")).Select(d => d.DisplayName);
        Assert.Equal($"Unlisted: taken by {string.Join(", ", takers)}.", unlisted.ToolTip);
    }

    [Fact]
    public void The_values_still_bind_as_the_enum_does()
    {
        // Any case, and a wrong name is refused with PowerShell's own enum message naming the enum and its values.
        Ps.Ok(PlatformCase.Vimeo.Connect);
        var file = Ps.NewFile("bind.mp4", 64 << 10);
        Assert.Equal(VideoPrivacy.Unlisted, Ps.Ok("(Send-Video $args[0] -Privacy unlisted).Privacy", file).Single().BaseObject);
        Assert.Equal(VideoPrivacy.Private, Ps.Ok("([pscustomobject]@{ LiteralPath = $args[0]; Privacy = [VideoPlatforms.VideoPrivacy]::Private } | Send-Video).Privacy", file).Single().BaseObject);
        var wrong = Ps.Fails("Get-Video -Status Ready, Bogus");
        Assert.Contains("Cannot convert value \"Bogus\" to type \"VideoPlatforms.VideoStatus\"", wrong.Exception.Message);
        Assert.Contains(string.Join(", ", Enum.GetNames<VideoStatus>()), wrong.Exception.Message);
    }
}

using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Module;

/// <summary>The compiled help, read the way a person reads it: Get-Help -Full in the hosted engine.</summary>
public sealed class HelpTests : SandboxTest
{
    public HelpTests(SandboxFixture sandbox) : base(sandbox) { }

    internal static readonly string[] Names =
    {
        "Connect-VideoProvider", "Get-VideoProvider", "Disconnect-VideoProvider", "Send-Video", "Get-Video",
        "Set-Video", "Remove-Video", "New-UploadToken", "Get-UploadToken", "Remove-UploadToken", "Get-VideoProviderAuthorizationUrl",
        "Wait-Video", "Invoke-VideoProviderRequest",
        "Save-Video", "Copy-Video",
        "Get-VideoUploadJournal", "Clear-VideoUploadJournal", "Sync-Video",
        "Add-VideoCaption", "Get-VideoCaption", "Remove-VideoCaption",
    };

    public static TheoryData<string> Cmdlets() => new(Names);

    [Fact]
    public void Every_exported_cmdlet_is_covered_by_these_tests()
    {
        var exported = Ps.Ok("(Get-Command -Module VideoPlatforms).Name").Select(o => o.ToString()).OrderBy(n => n);
        Assert.Equal(Names.OrderBy(n => n), exported);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Full_has_synopsis_description_parameters_examples_inputs_and_outputs(string name)
    {
        string One(string expression) => Ps.Ok($"$h = Get-Help {name} -Full; {expression}").Select(o => o?.ToString() ?? "").FirstOrDefault() ?? "";

        Assert.Equal("MamlCommandHelpInfo", One("$h.PSObject.TypeNames[0].Split('#')[0]"));
        var synopsis = One("$h.Synopsis");
        Assert.False(string.IsNullOrWhiteSpace(synopsis) || synopsis.StartsWith(name), $"{name} synopsis: '{synopsis}'");
        Assert.True(One("($h.description | ForEach-Object Text) -join ' '").Length > 80, $"{name} has a real description");

        // Parameters marked [Parameter(DontShow = true)] bind a property of a piped object and are not meant to be typed:
        // help leaves them out, as tab completion does.
        const string hidden = "$_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }";
        var parameters = Ps.Ok($"(Get-Command {name}).Parameters.Values | Where-Object {{ $_.Name -notin [System.Management.Automation.Cmdlet]::CommonParameters -and $_.Name -ne 'UseTransaction' -and -not ({hidden}) }} | ForEach-Object Name")
            .Select(o => o.ToString()).ToList();
        Assert.NotEmpty(parameters);
        foreach (var parameter in parameters)
        {
            var description = One($"(($h.parameters.parameter | Where-Object name -eq '{parameter}').description | ForEach-Object Text) -join ' '");
            Assert.True(description.Length > 10, $"{name} -{parameter} is described in help");
        }
        foreach (var parameter in Ps.Ok($"(Get-Command {name}).Parameters.Values | Where-Object {{ {hidden} }} | ForEach-Object Name").Select(o => o.ToString()))
            Assert.Empty(Ps.Ok($"$h.parameters.parameter | Where-Object name -eq '{parameter}'"));

        Assert.True(int.Parse(One("@($h.examples.example).Count")) >= 2, $"{name} has at least two examples");
        Assert.All(Ps.Ok($"(Get-Help {name} -Full).examples.example | ForEach-Object code"), code => Assert.Contains("-", code.ToString()));
        Assert.NotEmpty(One("(@($h.inputTypes.inputType) | ForEach-Object { $_.type.name }) -join ','"));
        Assert.NotEmpty(One("(@($h.returnValues.returnValue) | ForEach-Object { $_.type.name }) -join ','"));
        Assert.Contains(name, One("($h.syntax.syntaxItem | ForEach-Object name) -join ','"));
    }

    [Fact]
    public void Syntax_comes_from_the_cmdlet_so_pipeline_input_and_aliases_are_right()
    {
        var literal = Ps.Ok("(Get-Help Send-Video -Full).parameters.parameter | Where-Object name -eq LiteralPath").Single();
        Assert.Equal("true (ByPropertyName)", literal.Properties["pipelineInput"].Value.ToString());
        Assert.Contains("FullName", literal.Properties["aliases"].Value.ToString());
        var path = Ps.Ok("(Get-Help Send-Video -Full).parameters.parameter | Where-Object name -eq Path").Single();
        Assert.Equal("true", path.Properties["globbing"].Value.ToString());
        Assert.Equal("0", path.Properties["position"].Value.ToString());
        var privacy = Ps.Ok("((Get-Help Send-Video -Full).parameters.parameter | Where-Object name -eq Privacy).parameterValueGroup.parameterValue").Select(o => o.ToString());
        Assert.Equal(new[] { "Public", "Unlisted", "Private" }, privacy);
    }

    [Fact]
    public void The_about_topic_is_found_by_Get_Help()
    {
        var text = string.Join("\n", Ps.Ok("Get-Help about_VideoPlatforms").Select(o => o.ToString()));
        Assert.StartsWith("TOPIC", text.TrimStart());
        Assert.Contains("about_VideoPlatforms", text);
        Assert.Contains("CONNECTIONS", text);
        Assert.Contains("Connect-VideoProvider", text);
    }
}

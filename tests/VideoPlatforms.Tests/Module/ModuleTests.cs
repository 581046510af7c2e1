using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using VideoPlatforms.Playground;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Module;

/// <summary>The module as pwsh sees it: manifest, exports, metadata, format file, completion.</summary>
public sealed class ModuleTests : SandboxTest
{
    public ModuleTests(SandboxFixture sandbox) : base(sandbox) { }

    private static readonly string ModuleDir = Path.GetDirectoryName(ModuleLocator.ManifestPath())!;

    [Fact]
    public void Manifest_passes_Test_ModuleManifest_and_exports_exactly_the_cmdlets()
    {
        var info = Assert.IsType<PSModuleInfo>(Assert.Single(Ps.Ok("Test-ModuleManifest -Path $args[0]", ModuleLocator.ManifestPath())).BaseObject);
        Assert.Equal("VideoPlatforms", info.Name);

        var cmdletTypes = Assembly.LoadFrom(Path.Combine(ModuleDir, "VideoPlatforms.dll")).GetTypes()
            .Select(t => t.GetCustomAttribute<CmdletAttribute>()).Where(a => a is not null)
            .Select(a => $"{a!.VerbName}-{a.NounName}").OrderBy(n => n).ToList();
        var exported = Ps.Ok("(Get-Module VideoPlatforms).ExportedCmdlets.Keys").Select(o => o.ToString()).OrderBy(n => n).ToList();
        Assert.Equal(cmdletTypes, exported);
        Assert.Equal("Binary", Ps.Ok("(Get-Module VideoPlatforms).ModuleType.ToString()").Single().ToString());
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type_and_verbs_are_approved()
    {
        var commands = Ps.Ok("Get-Command -Module VideoPlatforms").Select(o => Assert.IsAssignableFrom<CmdletInfo>(o.BaseObject)).ToList();
        // Every cmdlet the assembly defines is there (10 from the start, plus Get-VideoProviderAuthorizationUrl).
        Assert.Equal(Assembly.LoadFrom(Path.Combine(ModuleDir, "VideoPlatforms.dll")).GetTypes().Count(t => t.GetCustomAttribute<CmdletAttribute>() is not null), commands.Count);
        Assert.Contains(commands, c => c.Name == "Get-VideoProviderAuthorizationUrl");
        var approved = Ps.Ok("[System.Management.Automation.VerbsCommon].GetFields().Name + [System.Management.Automation.VerbsCommunications].GetFields().Name + [System.Management.Automation.VerbsLifecycle].GetFields().Name + [System.Management.Automation.VerbsData].GetFields().Name").Select(o => o.ToString()).ToHashSet();
        foreach (var command in commands)
        {
            Assert.Contains(command.Verb, approved);
            Assert.True(command.ImplementingType.GetCustomAttributes<OutputTypeAttribute>().Any(), $"{command.Name} declares [OutputType]");
        }
    }

    [Fact]
    public void Video_binds_by_property_name_into_every_cmdlet_that_takes_one()
    {
        foreach (var name in new[] { "Get-Video", "Set-Video", "Remove-Video", "Save-Video", "Copy-Video" })
        {
            var parameters = Ps.Ok($"(Get-Command {name}).Parameters").Single().BaseObject as System.Collections.IDictionary;
            var id = (ParameterMetadata)parameters!["Id"]!;
            Assert.Contains(id.ParameterSets.Values, s => s.ValueFromPipelineByPropertyName);
            var connection = (ParameterMetadata)parameters["Connection"]!;
            Assert.Contains(connection.ParameterSets.Values, s => s.ValueFromPipelineByPropertyName);
        }
    }

    [Fact]
    public void Format_file_has_a_table_view_for_every_output_type_and_a_list_view_for_videos()
    {
        var xml = XDocument.Load(Path.Combine(ModuleDir, "VideoPlatforms.Format.ps1xml"));
        var views = xml.Descendants("View").Select(v => (Type: v.Element("ViewSelectedBy")!.Element("TypeName")!.Value, Kind: v.Elements().Last().Name.LocalName)).ToList();
        foreach (var type in new[] { typeof(Video), typeof(UploadToken), typeof(VideoProviderConnection), typeof(ProviderDescriptor), typeof(ProviderAuthorization) })
            Assert.Contains((type.FullName!, "TableControl"), views);
        foreach (var type in new[] { typeof(Video), typeof(UploadToken), typeof(VideoProviderConnection) })
            Assert.Contains((type.FullName!, "ListControl"), views);

        // Every type a cmdlet declares as output has a view.
        var declared = Assembly.LoadFrom(Path.Combine(ModuleDir, "VideoPlatforms.dll")).GetTypes()
            .SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>()).SelectMany(a => a.Type).Select(t => t.Type)
            .Where(t => t is not null && t != typeof(void))
            // PSObject (Invoke-VideoProviderRequest's JSON as PSCustomObjects) is PowerShell's own: a view for it would
            // reformat every PSCustomObject in the session, so it is the one declared type left to PowerShell.
            .Where(t => t != typeof(System.Management.Automation.PSObject))
            .Select(t => t!.FullName!).Distinct();
        Assert.All(declared, name => Assert.Contains(views, v => v.Type == name));
    }

    [Fact]
    public void Build_script_and_examples_parse_without_errors()
    {
        var root = Path.GetFullPath(Path.Combine(ModuleDir, "..", ".."));
        foreach (var script in new[] { "build.ps1", Path.Combine("examples", "quickstart.ps1") })
        {
            var errors = Ps.Ok("$e = $null; $null = [System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$null, [ref]$e); $e | ForEach-Object { $_.ToString() }",
                Path.Combine(root, script));
            Assert.True(errors.Count == 0, $"{script}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void Provider_and_environment_complete_with_TabExpansion2()
    {
        // No match enumerates to a lone $null.
        string[] Complete(string line) => Ps.Ok("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", line)
            .Where(o => o is not null).Select(o => o.ToString()).ToArray();
        Assert.Contains("ApiVideo", Complete("Connect-VideoProvider -Provider Api"));
        Assert.Equal(new[] { "Sandbox" }, Complete("Connect-VideoProvider -Provider ApiVideo -Environment Sa"));

        Ps.Ok("Connect-VideoProvider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri -Name 'my account'");
        Assert.Contains("'my account'", Complete("Get-VideoProvider -Name my"));

        // Video ids this session has seen on the connection, matched by id or by title.
        var file = Ps.NewFile("completion clip.mp4", 1 << 20);
        var id = Ps.Ok("(Send-Video $args[0] -Title 'Quarterly review').Id", file).Single().ToString();
        Assert.Contains(id, Complete("Remove-Video -Id "));
        Assert.Contains(id, Complete("Get-Video -Id " + id[..4]));
        Assert.Contains(id, Complete("Set-Video -Id quarterly"));
        Assert.Empty(Complete("Set-Video -Id nothing-like-it"));
    }
}

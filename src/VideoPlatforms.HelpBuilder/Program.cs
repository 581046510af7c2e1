using System.Management.Automation;
using System.Management.Automation.Runspaces;
using VideoPlatforms.HelpBuilder;

// VideoPlatforms.HelpBuilder --module out/VideoPlatforms/VideoPlatforms.psd1 --docs docs/en-US [--xmldoc VideoPlatforms.xml]
// Writes <module>/en-US/VideoPlatforms.dll-Help.xml and about_*.help.txt. Gaps in the sources are reported as warnings;
// the tests (Get-Help -Full for every cmdlet) are what refuse incomplete help.
string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
    ?? throw new ArgumentException($"Missing {name}. Usage: --module <psd1> --docs <docs/en-US> [--xmldoc <xml>]");
var manifest = Path.GetFullPath(Arg("--module"));
var docs = Path.GetFullPath(Arg("--docs"));
var xmlDocs = new XmlDocs(args.Contains("--xmldoc") ? Arg("--xmldoc") : null);
var helpDir = Path.Combine(Path.GetDirectoryName(manifest)!, "en-US");
Directory.CreateDirectory(helpDir);

var state = InitialSessionState.CreateDefault2();
state.ImportPSModule(new[] { manifest });
using var runspace = RunspaceFactory.CreateRunspace(state);
runspace.Open();
using var ps = PowerShell.Create(runspace);
var cmdlets = ps.AddCommand("Get-Command").AddParameter("Module", "VideoPlatforms").Invoke()
    .Select(o => o.BaseObject).OfType<CmdletInfo>().OrderBy(c => c.Name).ToList();
if (cmdlets.Count == 0)
{
    Console.Error.WriteLine($"error: no cmdlets were found in {manifest}.");
    return 1;
}

var warnings = 0;
var commands = new List<(CmdletInfo, CommandDoc)>();
foreach (var cmdlet in cmdlets)
{
    var file = Path.Combine(docs, cmdlet.Name + ".md");
    if (!File.Exists(file))
    {
        Console.WriteLine($"warning: {cmdlet.Name} has no help source at {file}.");
        warnings++;
        commands.Add((cmdlet, new CommandDoc()));
        continue;
    }
    var doc = MarkdownHelp.Parse(File.ReadAllText(file));
    if (string.IsNullOrWhiteSpace(doc.Synopsis) || doc.Description.Count == 0 || doc.Examples.Count < 2)
    {
        Console.WriteLine($"warning: {file} needs a synopsis, a description and at least two examples.");
        warnings++;
    }
    commands.Add((cmdlet, doc));
}

// Each cmdlet's online page is its help source in the repository the manifest names (PrivateData.PSData.ProjectUri),
// so Get-Help -Online shows the same text Get-Help does, and a repository that moves needs one line changed.
ps.Commands.Clear();
var module = ps.AddCommand("Get-Module").AddParameter("Name", "VideoPlatforms").Invoke<PSModuleInfo>().Single();
if (module.ProjectUri is null)
{
    Console.Error.WriteLine($"error: {manifest} has no PrivateData.PSData.ProjectUri, which Get-Help -Online needs.");
    return 1;
}
var docsUri = new Uri(module.ProjectUri.AbsoluteUri.TrimEnd('/') + "/blob/main/docs/en-US/");
Uri OnlineHelp(string cmdlet) => new(docsUri, cmdlet + ".md");

var assemblyName = Path.GetFileName(cmdlets[0].ImplementingType.Assembly.Location);
var mamlPath = Path.Combine(helpDir, assemblyName + "-Help.xml");
MamlWriter.Write(commands, xmlDocs, OnlineHelp).Save(mamlPath);
foreach (var about in Directory.EnumerateFiles(docs, "about_*.md"))
{
    var target = Path.Combine(helpDir, Path.GetFileNameWithoutExtension(about) + ".help.txt");
    File.WriteAllText(target, AboutTopic.Convert(File.ReadAllText(about)));
}
Console.WriteLine($"VideoPlatforms help compiled: {commands.Count} cmdlets into {mamlPath}{(warnings > 0 ? $" ({warnings} warnings)" : "")}");
return 0;

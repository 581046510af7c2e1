using System.Management.Automation;
using System.Management.Automation.Runspaces;
using VideoPlatforms.Playground;
using VideoPlatforms.Sandbox;

// dotnet run --project src/VideoPlatforms.Playground -- <script.ps1> [--sandbox-urls http://127.0.0.1:0] [--no-sandbox]
// Starts the Sandbox in-process (unless --no-sandbox), sets VIDEOPLATFORMS_SANDBOX to its address, then runs the
// script in a hosted PowerShell 7 engine with the built module importable, printing what pwsh would print.
var script = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
if (script is null || !File.Exists(script))
{
    Console.Error.WriteLine("Usage: dotnet run --project src/VideoPlatforms.Playground -- <script.ps1> [--no-sandbox] [--sandbox-urls <url>]");
    Console.Error.WriteLine(script is null ? "No script was given." : $"The script '{script}' does not exist.");
    return 2;
}
var urlsIndex = Array.IndexOf(args, "--sandbox-urls");
var urls = urlsIndex >= 0 && urlsIndex + 1 < args.Length ? args[urlsIndex + 1] : "http://127.0.0.1:0";

await using var sandbox = args.Contains("--no-sandbox") ? null : await SandboxServer.StartAsync(new SandboxOptions { Urls = urls });
if (sandbox is not null)
{
    Environment.SetEnvironmentVariable("VIDEOPLATFORMS_SANDBOX", sandbox.BaseUri.ToString());
    Console.WriteLine($"Sandbox started at {sandbox.BaseUri}");
}
var manifest = ModuleLocator.ManifestPath();
Environment.SetEnvironmentVariable("VIDEOPLATFORMS_MODULE", manifest);

var host = new TextHost(Console.Out, width: Math.Clamp(Console.IsOutputRedirected ? 120 : Console.WindowWidth, 80, 200),
    showProgress: true, ansi: !Console.IsOutputRedirected);
var state = InitialSessionState.CreateDefault2();
using var runspace = RunspaceFactory.CreateRunspace(host, state);
runspace.Open();
using var ps = PowerShell.Create(runspace);
// Dot-source the script and send everything to Out-Default, exactly as pwsh does for a script run at its prompt.
ps.AddScript($". '{Path.GetFullPath(script).Replace("'", "''")}'").AddCommand("Out-Default");
ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
try
{
    ps.Invoke();
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
    return 1;
}
return ps.HadErrors ? 1 : host.ExitCode;

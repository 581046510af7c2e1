using System.Reflection;
using System.Runtime.Loader;

namespace VideoPlatforms.Loader;

// Why the module has a load context of its own
// ---------------------------------------------
// pwsh loads every module's assemblies into one shared default AssemblyLoadContext, where only one assembly of a
// name can live. With RestSharp, Newtonsoft.Json and Polly.Core there, whichever module loads first wins:
//  - another module's older RestSharp loaded first makes the default context refuse our reference to 112.1.0 with
//    FileLoadException. It refuses without raising AssemblyResolve or Resolving, so a resolve handler alone
//    (enough for PSResourceGet, whose cmdlets reach their dependencies only through it) cannot help while the
//    assembly holding the reference is itself in the default context;
//  - ours loaded first makes theirs fail with "Assembly with same name is already loaded";
//  - the same assembly version (Polly.Core is 8.0.0.0 for every 8.x) fails silently: the first file serves both.
//
// So the Engine and everything it references ship in the module's lib/ folder, which the default context never
// probes, and load here. The cmdlets (VideoPlatforms.dll, next to the manifest) stay in the default context, where
// PowerShell reflects over them; they reference only the Engine, System.Management.Automation and the framework (a
// test checks it). Their one reference into lib/, the Engine, cannot bind in the default context, which raises
// Default.Resolving, and ModuleInitializer answers it from here. From then on every reference the Engine makes
// comes to Load below first: lib/ wins, and what lib/ does not hold (the framework) falls through to the default
// context, so the Engine and the cmdlets share the framework's types and only the libraries are private.
// PowerShell's own Newtonsoft.Json stays PowerShell's: the Engine uses the 13.0.3 it was built and tested with.
//
// A host that carries the Engine itself (the xunit suite and the benchmarks reference it) lists it among its
// trusted assemblies, so the default context binds the cmdlets to the host's copy before Resolving is ever raised:
// the cmdlets' outputs are then the host's own Engine types, which its tests can inspect. That is the default
// context's own rule, not a special case here. pwsh and the Playground carry no Engine: it always comes from lib/.
//
// This is the pattern of jborean93's PowerShell-ALC samples and PSOpenAD (a private context for the assemblies that
// use the libraries), with the cmdlets left in the default context so the module stays a binary module.

/// <summary>The module's private load context: the assemblies in lib/ (the Engine and its libraries).</summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    public ModuleLoadContext(string directory) : base("VideoPlatforms", isCollectible: false)
    {
        _directory = directory;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Only what ships in lib/ is private; null sends everything else to the default context.
        if (string.IsNullOrEmpty(assemblyName.Name)) return null;
        var path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}

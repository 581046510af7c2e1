using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace VideoPlatforms.Loader;

/// <summary>
/// Runs when the manifest imports this assembly as a nested module, which PowerShell does before it loads the root
/// module (the cmdlets): the cmdlet types need the Engine as soon as they are inspected ([OutputType(typeof(Video))]),
/// so the handler must be in place first. See ModuleLoadContext.cs for why there is a private context at all.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private const string EngineAssemblyName = "VideoPlatforms.Engine";

    private static readonly Lazy<ModuleLoadContext> Context = new(() =>
        new ModuleLoadContext(Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "lib")));

    private static int _installed;

    /// <summary>The module's private load context, created on first use.</summary>
    internal static ModuleLoadContext LoadContext => Context.Value;

    public void OnImport()
    {
        // Once per process, whichever runspace imports first. The handler is never removed: the binding it makes
        // is permanent anyway, other runspaces may import the module again, and it answers for the Engine's name
        // alone, so it cannot hand the module's RestSharp, Newtonsoft.Json or Polly.Core to anyone else.
        if (Interlocked.Exchange(ref _installed, 1) == 0) AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal)) return null;
        var engine = LoadContext.LoadFromAssemblyName(name);
        ObjectModelTypeNames.Register(engine);
        return engine;
    }
}

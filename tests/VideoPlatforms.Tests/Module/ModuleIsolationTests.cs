using System.Reflection;
using System.Runtime.Loader;
using VideoPlatforms.Playground;

namespace VideoPlatforms.Tests.Module;

/// <summary>
/// The module's private load context (src/VideoPlatforms.Loader): which assembly sits where in out/VideoPlatforms,
/// and what the context resolves. Real pwsh with other versions of the libraries loaded is tested by
/// tests/Pester/Isolation.Tests.ps1; this process cannot show it, because it carries the Engine and its libraries
/// itself (so the cmdlets it imports bind to its copies, which is what lets these tests inspect their outputs).
/// </summary>
public sealed class ModuleIsolationTests
{
    private static readonly string ModuleDir = Path.GetDirectoryName(ModuleLocator.ManifestPath())!;
    private static readonly string LibDir = Path.Combine(ModuleDir, "lib");
    private static readonly string[] Libraries = { "RestSharp", "Newtonsoft.Json", "Polly.Core" };

    [Fact]
    public void Only_the_cmdlets_and_the_loader_sit_next_to_the_manifest_and_the_rest_in_lib()
    {
        var besideManifest = Directory.GetFiles(ModuleDir, "*.dll").Select(Path.GetFileName).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "VideoPlatforms.dll", "VideoPlatforms.Loader.dll" }, besideManifest);
        foreach (var name in Libraries.Append("VideoPlatforms.Engine"))
            Assert.True(File.Exists(Path.Combine(LibDir, name + ".dll")), $"{name}.dll is in lib/");
    }

    [Fact]
    public void The_cmdlets_reference_no_third_party_library_only_the_Engine()
    {
        // A reference from the cmdlets (default context) to RestSharp, Newtonsoft.Json or Polly.Core would bind in
        // the default context, to whichever copy another module loaded there: all of them must go through the Engine.
        var references = Assembly.LoadFrom(Path.Combine(ModuleDir, "VideoPlatforms.dll")).GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.Contains("VideoPlatforms.Engine", references);
        Assert.Empty(references.Intersect(Libraries));
        Assert.DoesNotContain("VideoPlatforms.Loader", references);
    }

    [Fact]
    public void The_private_context_loads_the_Engine_and_its_libraries_from_lib_and_shares_the_framework()
    {
        var loader = Assembly.LoadFrom(Path.Combine(ModuleDir, "VideoPlatforms.Loader.dll"));
        var contextType = loader.GetType("VideoPlatforms.Loader.ModuleLoadContext", throwOnError: true)!;
        var context = (AssemblyLoadContext)Activator.CreateInstance(contextType, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic,
            null, new object[] { LibDir }, null)!;

        var engine = context.LoadFromAssemblyName(new AssemblyName("VideoPlatforms.Engine"));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(engine));
        Assert.Equal(Path.Combine(LibDir, "VideoPlatforms.Engine.dll"), engine.Location);
        Assert.NotSame(typeof(Video).Assembly, engine);

        // The Engine's own references bind inside the context: the HTTP layer's RestClient, JSON settings and Polly
        // pipelines are lib/'s copies, not this host's.
        var fieldTypes = engine.GetType("VideoPlatforms.Http.ProviderHttp", throwOnError: true)!
            .GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic).Select(f => f.FieldType.Assembly).ToList();
        foreach (var name in Libraries)
        {
            var library = Assert.Single(fieldTypes.Where(a => a.GetName().Name == name).Distinct());
            Assert.Same(context, AssemblyLoadContext.GetLoadContext(library));
            Assert.Equal(Path.Combine(LibDir, name + ".dll"), library.Location);
        }

        // What lib/ does not hold comes from the default context, so the Engine and the cmdlets share framework types.
        Assert.Same(typeof(object).Assembly, context.LoadFromAssemblyName(typeof(object).Assembly.GetName()));
        Assert.Same(typeof(Uri).Assembly, engine.GetType("VideoPlatforms.Video", throwOnError: true)!.GetProperty("Url")!.PropertyType.Assembly);
    }
}

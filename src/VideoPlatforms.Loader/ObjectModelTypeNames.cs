using System.Management.Automation;
using System.Reflection;

namespace VideoPlatforms.Loader;

/// <summary>
/// Keeps type literals such as <c>[VideoPlatforms.Video]</c>, <c>$x -is [VideoPlatforms.Video]</c> and
/// <c>catch [VideoPlatforms.VideoProviderException]</c> working with the Engine in the module's private context.
/// </summary>
/// <remarks>
/// PowerShell resolves a type name only among the assemblies of the default load context (and those loaded from
/// bytes or with LoadFile): it deliberately ignores custom load contexts, so the same name cannot mean two types. The
/// object model (the Engine's namespace <c>VideoPlatforms</c>: Video, UploadToken, VideoProviderConnection, the enums
/// and exceptions) is what a person names in scripts, so each of its types is registered as a type accelerator under
/// its full name, which is what that name resolved to before the Engine moved. PowerShell's accelerator table has no
/// public API; if a future PowerShell moves it, the module still works and only these type literals are lost.
/// </remarks>
internal static class ObjectModelTypeNames
{
    private const string ObjectModelNamespace = "VideoPlatforms";

    public static void Register(Assembly engine)
    {
        var add = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators")
            ?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
        if (add is null) return;
        foreach (var type in engine.GetExportedTypes())
        {
            if (type.Namespace != ObjectModelNamespace || type.IsGenericTypeDefinition || type.FullName is null) continue;
            add.Invoke(null, new object[] { type.FullName, type });
        }
    }
}

namespace VideoPlatforms.Playground;

/// <summary>Finds the built module (out/VideoPlatforms/VideoPlatforms.psd1) from wherever a program runs in the repository.</summary>
public static class ModuleLocator
{
    public static string ManifestPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "out", "VideoPlatforms", "VideoPlatforms.psd1");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("The built module was not found in out/VideoPlatforms. Run 'dotnet build' at the repository root first.");
    }
}

using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace VideoPlatforms.Pester;

/// <summary>
/// Runs tests/Pester/Invoke-PesterSuite.ps1 in a real pwsh (the repository's local tool: <c>dotnet pwsh</c>) and reads
/// the JSON it writes. A fresh process each time, started with -NoProfile, so the module is imported exactly as a
/// user imports it and nothing of the test host leaks in.
/// </summary>
internal static class PesterProcess
{
    private static readonly string RepositoryRoot = Metadata("RepositoryRoot");

    /// <summary>The NuGet packages folder Pester was downloaded to (the build's NuGetPackageRoot).</summary>
    public static readonly string NuGetPackages = Metadata("NuGetPackageRoot");

    public static string PesterFolder => Path.Combine(RepositoryRoot, "tests", "Pester");

    public static string ModuleManifest => Path.Combine(RepositoryRoot, "out", "VideoPlatforms", "VideoPlatforms.psd1");

    /// <summary>Where the runs leave their JSON, JUnit XML and console output, for a person to read after a failure.</summary>
    public static string OutputFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "pester")).FullName;

    /// <summary>Runs the suite script with <paramref name="arguments"/>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string consoleLog, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The tool manifest (dotnet-tools.json) is found from the working directory.
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", Path.Combine(PesterFolder, "Invoke-PesterSuite.ps1") }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["VIDEOPLATFORMS_NUGET_PACKAGES"] = NuGetPackages;
        start.Environment["VIDEOPLATFORMS_MODULE"] = ModuleManifest;
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        void Append(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            process.WaitForExit(); // drains the redirected streams
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append($"(stopped: the Pester run took longer than {timeout.TotalMinutes:0} minutes)");
            await process.WaitForExitAsync();
        }
        string text;
        lock (output) text = output.ToString();
        await File.WriteAllTextAsync(consoleLog, text);
        return (limit.IsCancellationRequested ? -1 : process.ExitCode, text);
    }

    /// <summary>The JSON record the suite script wrote, or null when it wrote none.</summary>
    public static PesterRecord? ReadRecord(string path)
    {
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<PesterRecord>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
    }

    /// <summary>The last lines of a console output: enough to see why a run died.</summary>
    public static string Tail(string text, int lines = 40) =>
        string.Join(Environment.NewLine, text.Split('\n').Select(l => l.TrimEnd('\r')).TakeLast(lines));

    private static string Metadata(string key) =>
        typeof(PesterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly was built without its {key}.");
}

/// <summary>What Invoke-PesterSuite.ps1 writes: one record per test file and one per test.</summary>
internal sealed record PesterRecord(PesterFile[] Files, PesterTest[] Tests);

/// <summary>A test file: whether it loaded, and the errors of loading it or of its BeforeAll/AfterAll blocks.</summary>
internal sealed record PesterFile(string File, string Result, string[] Errors);

/// <summary>One test, keyed "file > block > ... > test", with its result and error messages.
/// <see cref="Skip"/>: the test's -Skip condition held at discovery (a test for another OS); it is no case, so it
/// counts neither as passed nor as failed.</summary>
internal sealed record PesterTest(string Key, string File, int Line, string Result, bool Skip, int DurationMs, string[] Errors);

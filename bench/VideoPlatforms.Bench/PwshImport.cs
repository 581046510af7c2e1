using System.Diagnostics;
using System.Globalization;

namespace VideoPlatforms.Bench;

/// <summary>
/// Scenario 6: Import-Module in a fresh real pwsh. Each run is a new pwsh process that first imports an empty module
/// (timed too: the first import of a process pays for PowerShell's own module machinery, as an interactive pwsh has
/// already paid by loading PSReadLine before the prompt appears), then times Import-Module of the module alone: wall
/// time, and the CPU time the process spent meanwhile (all threads, JIT and GC included). Telemetry and the update
/// check are off in the child, so pwsh's start-up work does not run in the middle of the measurement.
/// pwsh is the --pwsh given, else the repository's local tool (dotnet-tools.json: run `dotnet tool restore` once),
/// started as `dotnet pwsh`.
/// </summary>
internal static class PwshImport
{
    public sealed record Timing(double EmptyWallMilliseconds, double WallMilliseconds, double CpuMilliseconds);

    /// <summary>An empty manifest module in <paramref name="folder"/>, imported first in every run.</summary>
    public static string WriteEmptyModule(string folder)
    {
        Directory.CreateDirectory(folder);
        var manifest = Path.Combine(folder, "Empty.psd1");
        File.WriteAllText(manifest, "@{ ModuleVersion = '1.0'; GUID = '9f0c1e9a-5b7e-4c43-9a55-000000000006'; FunctionsToExport = @() }");
        return manifest;
    }

    public static Timing Measure(string manifest, string emptyManifest, string? pwsh, string repositoryRoot)
    {
        static string Quote(string path) => "'" + path.Replace("'", "''") + "'";
        var script = "$process = [System.Diagnostics.Process]::GetCurrentProcess(); " +
                     $"$watch = [System.Diagnostics.Stopwatch]::StartNew(); Import-Module {Quote(emptyManifest)} -ErrorAction Stop; $empty = $watch.Elapsed.TotalMilliseconds; " +
                     "$process.Refresh(); $cpu = $process.TotalProcessorTime; " +
                     $"$watch.Restart(); Import-Module {Quote(manifest)} -ErrorAction Stop; $watch.Stop(); " +
                     "$process.Refresh(); " +
                     "[string]::Format([cultureinfo]::InvariantCulture, '{0} {1} {2}', $empty, $watch.Elapsed.TotalMilliseconds, ($process.TotalProcessorTime - $cpu).TotalMilliseconds)";
        var start = new ProcessStartInfo(pwsh ?? "dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        if (pwsh is null) start.ArgumentList.Add("pwsh");
        foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-Command", script }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()?.Split(' ');
        var numbers = fields?.Select(f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN).ToArray();
        if (process.ExitCode != 0 || numbers is not { Length: 3 } || numbers.Any(double.IsNaN))
            throw new InvalidOperationException($"pwsh could not import {manifest} (exit code {process.ExitCode}): {output}\n{error}");
        var timing = new Timing(numbers[0], numbers[1], numbers[2]);
        Console.WriteLine($"  import   pwsh     {Path.GetFileName(manifest),-24} {timing.WallMilliseconds,8:0.0} ms (CPU {timing.CpuMilliseconds:0.0} ms; empty module first: {timing.EmptyWallMilliseconds:0.0} ms)");
        return timing;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

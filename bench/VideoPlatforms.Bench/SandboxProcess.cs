using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatforms.Bench;

/// <summary>The Sandbox in a process of its own, so its memory and CPU are not counted as the module's.</summary>
internal sealed class SandboxProcess : IDisposable
{
    private readonly Process _process;

    private SandboxProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        Admin = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri BaseUri { get; }

    public HttpClient Admin { get; }

    /// <summary>The Sandbox's user + system CPU seconds so far (what it spends on a measurement is the difference).</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    public static SandboxProcess Start(string storage)
    {
        var dll = Path.Combine(RepoRoot(), "src", "VideoPlatforms.Sandbox", "bin", "Release", "net10.0", "VideoPlatforms.Sandbox.dll");
        if (!File.Exists(dll)) dll = dll.Replace(Path.Combine("bin", "Release"), Path.Combine("bin", "Debug"));
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:0 --quiet --storage \"{storage}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The Sandbox did not start.");
        Scratch.Track(process);
        while (process.StandardOutput.ReadLine() is { } line)
        {
            const string marker = "listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) return new SandboxProcess(process, new Uri(line[(at + marker.Length)..].Trim().TrimEnd('/') + "/"));
        }
        throw new InvalidOperationException("The Sandbox exited before saying where it listens: " + process.StandardError.ReadToEnd());
    }

    public async Task ResetAsync() => (await Admin.PostAsync("_sandbox/reset", null)).EnsureSuccessStatusCode();

    /// <summary>Every request waits this long before it is answered: a link's round trip.</summary>
    public async Task SetLatencyAsync(int milliseconds)
    {
        await Admin.DeleteAsync("_sandbox/faults");
        if (milliseconds > 0)
            (await Admin.PostAsJsonAsync("_sandbox/faults", new { platform = "*", method = "*", pathPattern = ".*", kind = "delay", delayMs = milliseconds, times = 0 })).EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> GetAsync(string path) => await Admin.GetFromJsonAsync<JsonElement>(path);

    public async Task<int> CountRequestsAsync(string platform, string method, string path) =>
        (await GetAsync($"_sandbox/requests?platform={platform}")).EnumerateArray()
            .Count(r => r.GetProperty("method").GetString() == method && r.GetProperty("path").GetString() == path);

    /// <summary>The requests the Sandbox logged for a platform that match <paramref name="match"/> (method, path).</summary>
    public async Task<int> CountRequestsAsync(string platform, Func<JsonElement, bool> match) =>
        (await GetAsync($"_sandbox/requests?platform={platform}")).EnumerateArray().Count(match);

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VideoPlatforms.psd1"))) return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository.");
    }

    public void Dispose()
    {
        Admin.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
            Scratch.Untrack(_process);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

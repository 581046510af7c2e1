using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace VideoPlatforms.Bench;

/// <summary>curl as a reference sender: one stream, its upload speed, and its CPU time.</summary>
internal static class Curl
{
    /// <summary>Bytes per second uploaded (curl's own figure for one request, or bytes over wall time), and user + system CPU seconds.</summary>
    public sealed record Run(double BytesPerSecond, double CpuSeconds, double Seconds = 0);

    /// <summary>PUTs the file to <paramref name="uri"/> (no Expect: 100-continue) and reports curl's own upload speed.</summary>
    public static Run Upload(string file, Uri uri)
    {
        var (output, seconds, cpu) = Start(new[] { "-sS", "-o", "/dev/null", "-H", "Expect:", "--max-time", "600", "-T", file, "-w", "%{speed_upload}", uri.ToString() }, null);
        return new Run(double.Parse(output.Trim(), CultureInfo.InvariantCulture), cpu, seconds);
    }

    /// <summary>Runs the requests of a curl config (given on stdin, so no credential is on a command line); bytes per second is left to the caller.</summary>
    public static Run RunConfig(string config)
    {
        var (_, seconds, cpu) = Start(new[] { "--max-time", "900", "-K", "-" }, config);
        return new Run(0, cpu, seconds);
    }

    private static (string Output, double Seconds, double CpuSeconds) Start(string[] arguments, string? stdin)
    {
        var before = ChildrenCpuSeconds();
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        Scratch.Track(process);
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        Scratch.Untrack(process);
        if (process.ExitCode != 0) throw new InvalidOperationException($"curl failed ({process.ExitCode}): {errors.Result}");
        // The children's times are counted once waited for: the difference is this curl's alone (runs are sequential).
        return (output, watch.Elapsed.TotalSeconds, ChildrenCpuSeconds() - before);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, ref RUsage usage);

    /// <summary>User + system CPU seconds of every child process this process has waited for (RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpuSeconds()
    {
        var usage = new RUsage { Rest = new long[14] };
        if (getrusage(-1, ref usage) != 0) return double.NaN;
        return usage.UserSeconds + usage.SystemSeconds + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e6;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace VideoPlatforms.Bench;

/// <summary>curl as a reference sender: one stream, its upload speed as curl measures it, and its CPU time.</summary>
internal static class Curl
{
    public sealed record Run(double BytesPerSecond, double CpuSeconds);

    /// <summary>PUTs the file to <paramref name="uri"/> (no Expect: 100-continue) and reports curl's own upload speed.</summary>
    public static Run Upload(string file, Uri uri)
    {
        var before = ChildrenCpuSeconds();
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-sS", "-o", "/dev/null", "-H", "Expect:", "--max-time", "600", "-T", file, "-w", "%{speed_upload}", uri.ToString() })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"curl failed ({process.ExitCode}): {error}");
        // The children's times are counted once waited for: the difference is this curl's alone (runs are sequential).
        return new Run(double.Parse(output.Trim(), CultureInfo.InvariantCulture), ChildrenCpuSeconds() - before);
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

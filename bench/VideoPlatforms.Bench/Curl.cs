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

    /// <summary>
    /// <paramref name="streams"/> curls PUTting the file at once: the bytes of them all over the wall time, and their CPU.
    /// The link emulator's check of its rate, where one stream checks its window.
    /// </summary>
    public static Run UploadAtOnce(string file, Uri uri, int streams)
    {
        var before = ChildrenCpuSeconds();
        var watch = Stopwatch.StartNew();
        var runs = Enumerable.Range(0, streams).Select(_ => Task.Run(() => Launch(new[] { "-sS", "-o", "/dev/null", "-H", "Expect:", "--max-time", "600", "-T", file, uri.ToString() }, null))).ToArray();
        Task.WaitAll(runs);
        watch.Stop();
        return new Run(streams * new FileInfo(file).Length / watch.Elapsed.TotalSeconds, ChildrenCpuSeconds() - before, watch.Elapsed.TotalSeconds);
    }

    /// <summary>CPU seconds of <c>openssl dgst -sha256</c> over the file: what hashing it costs outside .NET, with the same library.</summary>
    public static double Sha256Cpu(string file)
    {
        var before = ChildrenCpuSeconds();
        Launch(new[] { "-sha256", file }, null, "openssl", "dgst");
        return ChildrenCpuSeconds() - before;
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
        var watch = Stopwatch.StartNew();
        var output = Launch(arguments, stdin);
        watch.Stop();
        // The children's times are counted once waited for: the difference is this curl's alone (runs are sequential).
        return (output, watch.Elapsed.TotalSeconds, ChildrenCpuSeconds() - before);
    }

    private static string Launch(string[] arguments, string? stdin, string program = "curl", string? command = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        if (command is not null) start.ArgumentList.Add(command);
        foreach (var a in arguments) start.ArgumentList.Add(a);
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
        Scratch.Untrack(process);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {errors.Result}");
        return output;
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

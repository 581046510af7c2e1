namespace VideoPlatforms.Bench;

/// <summary>
/// CPU time by thread, from /proc/self/task (Linux): which threads spent a measurement's CPU. A thread that ends
/// meanwhile takes its time with it, so these are lower bounds. Elsewhere every figure is 0.
/// </summary>
internal static class ThreadCpu
{
    // The runtime names the thread that recompiles hot methods in the background ".NET Tiered Compilation Worker";
    // Linux keeps the first 15 characters.
    private const string TierUpThread = ".NET Tiered Com";

    /// <summary>user + system CPU seconds of each live thread, keyed "tid/name".</summary>
    public static Dictionary<string, double> Snapshot()
    {
        var seconds = new Dictionary<string, double>();
        if (!Directory.Exists("/proc/self/task")) return seconds;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // After the parenthesised name: utime and stime are the 12th and 13th fields (the 14th and 15th of the line), in 1/100 s.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                seconds[$"{Path.GetFileName(task)}/{name}"] = (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return seconds;
    }

    /// <summary>
    /// The CPU seconds the JIT's tier-up thread spent between two snapshots. The runtime ends that thread when it has
    /// been idle for a while and starts a new one later, so each thread's own difference counts (a new one from zero).
    /// </summary>
    public static double TierUpSeconds(Dictionary<string, double> before, Dictionary<string, double> after) =>
        Between(before, after).Where(t => t.Name == TierUpThread).Sum(t => t.Seconds);

    /// <summary>What each kind of thread (by name) spent between two snapshots, most first.</summary>
    public static IEnumerable<(string Name, double Seconds)> Between(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.Select(t => (Name: t.Key[(t.Key.IndexOf('/') + 1)..], Seconds: t.Value - before.GetValueOrDefault(t.Key)))
            .GroupBy(t => t.Name).Select(g => (g.Key, g.Sum(t => t.Seconds))).Where(g => g.Item2 > 0).OrderByDescending(g => g.Item2);
}

using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace VideoPlatforms.Bench;

/// <summary>
/// Scenario 8's answer to "what does the JIT compile during an upload": the runtime's own MethodLoadVerbose events,
/// heard in-process, each method with the tier it was compiled at. Only when VP_BENCH_JIT_LOG names a folder (the
/// listener costs CPU of its own, so figures taken with it are not the ones reported).
/// </summary>
internal sealed class JitLog : EventListener
{
    // The runtime's JIT keyword; MethodLoadVerbose is raised at Verbose level.
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentQueue<string> _methods = new();

    // When the JIT began the method it is compiling on each thread (MethodJittingStarted), to time each compilation.
    private readonly ConcurrentDictionary<long, DateTime> _started = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is { } started && started.StartsWith("MethodJittingStarted", StringComparison.Ordinal))
        {
            _started[e.OSThreadId] = e.TimeStamp;
            return;
        }
        if (e.EventName is not "MethodLoadVerbose_V1" and not "MethodLoadVerbose_V2" and not "MethodLoadVerbose" || e.Payload is null) return;
        string Field(string name) => e.PayloadNames!.IndexOf(name) is var i and >= 0 ? Convert.ToString(e.Payload[i], System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";
        var flags = Convert.ToUInt32(e.Payload[e.PayloadNames!.IndexOf("MethodFlags")], System.Globalization.CultureInfo.InvariantCulture);
        // MethodFlags: bit 0 dynamic (a DynamicMethod: emitted IL), bits 7-9 the optimisation tier.
        var tier = ((flags >> 7) & 0x7) switch
        {
            1 => "MinOpts", 2 => "Optimized", 3 => "Tier0", 4 => "Tier1", 5 => "Tier1OSR", 6 => "Tier0Instr", 7 => "Tier1Instr", _ => "Unknown",
        };
        var milliseconds = _started.TryRemove(e.OSThreadId, out var begun) ? (e.TimeStamp - begun).TotalMilliseconds : double.NaN;
        _methods.Enqueue($"{milliseconds:0.000}\t{tier}\t{((flags & 1) != 0 ? "dynamic" : "static")}\t{Field("MethodNamespace")}::{Field("MethodName")}");
    }

    // Each thread's CPU at the last Flush, to say which threads spent an upload's CPU.
    private Dictionary<string, double> _threads = ThreadCpu.Snapshot();

    /// <summary>
    /// The methods compiled since the last call, written to <paramref name="path"/> (elapsed milliseconds on the
    /// compiling thread from the start of the method's compilation to its end, preemption included; tier; name);
    /// beside it (.threads) the CPU seconds each kind of thread spent meanwhile.
    /// </summary>
    public void Flush(string path)
    {
        var lines = new List<string>();
        while (_methods.TryDequeue(out var line)) lines.Add(line);
        File.WriteAllLines(path, lines);
        var now = ThreadCpu.Snapshot();
        File.WriteAllLines(path + ".threads", ThreadCpu.Between(_threads, now).Select(g => $"{g.Seconds:0.00}\t{g.Name}"));
        _threads = now;
    }
}

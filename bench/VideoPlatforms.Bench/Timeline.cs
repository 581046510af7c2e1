using System.Globalization;
using System.Text.Json;

/// <summary>
/// Where one api.video upload's wall time went, from the Sandbox's request log (each request's arrival and
/// duration, as the Sandbox saw them: half a round trip after the module sent them). Printed under each
/// Send-Video measurement of scenario 7 (and under curl's Vimeo run), so a gap to the link's rate can be put down to a part:
/// what came before the first chunk (the create), the chunks, and the time fewer chunks than asked were in flight.
/// </summary>
internal static class Timeline
{
    /// <remarks>
    /// <paramref name="startedUnixMs"/>: when the measured command began; null to count from the first request (a
    /// curl run). A chunk is a request with <c>Content-Range</c> (api.video) or a tus <c>PATCH</c> (Vimeo).
    /// </remarks>
    public static async Task<string> DescribeAsync(HttpClient admin, string platform, long? startedUnixMs, double? seconds, int concurrency)
    {
        var log = JsonDocument.Parse(await admin.GetStringAsync($"_sandbox/requests?platform={platform}")).RootElement;
        var raw = (log.ValueKind == JsonValueKind.Array ? log : log.GetProperty("data")).EnumerateArray().Select(e => new
        {
            Method = e.GetProperty("method").GetString(),
            Path = e.GetProperty("path").GetString() ?? "",
            Headers = e.GetProperty("headers"),
            At = e.GetProperty("startedAt").GetDateTimeOffset().ToUnixTimeMilliseconds(),
            Seconds = e.GetProperty("durationMs").GetDouble() / 1000.0,
        }).ToList();
        if (raw.Count == 0) return "timeline: nothing in the Sandbox's log";
        var origin = startedUnixMs ?? raw.Min(e => e.At);
        var entries = raw.Select(e => new
        {
            e.Method,
            e.Path,
            Chunk = e.Headers.TryGetProperty("Content-Range", out _) || (e.Method == "PATCH" && e.Headers.TryGetProperty("Upload-Offset", out _)),
            Start = (e.At - origin) / 1000.0,
            e.Seconds,
        }).Where(e => e.Start >= -0.5).OrderBy(e => e.Start).ToList();
        var chunks = entries.Where(e => e.Chunk).ToList();
        if (chunks.Count == 0) return "timeline: no chunk in the Sandbox's log";
        string At(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
        var first = entries[0];
        var chunkStart = chunks.Min(c => c.Start);
        var chunkEnd = chunks.Max(c => c.Start + c.Seconds);
        // Time between the first chunk's arrival and the last one's answer with fewer than `concurrency` chunks in flight.
        var edges = chunks.SelectMany(c => new[] { (T: c.Start, D: 1), (T: c.Start + c.Seconds, D: -1) }).OrderBy(e => e.T).ThenBy(e => e.D).ToList();
        double thin = 0;
        var open = 0;
        for (var i = 0; i < edges.Count - 1; i++)
        {
            open += edges[i].D;
            if (open < concurrency) thin += edges[i + 1].T - edges[i].T;
        }
        // Each chunk's time at the Sandbox (first byte in to answer out), and the wait from one answer to the next
        // chunk's first byte (one round trip at least, when chunks go one at a time).
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }
        var ordered = chunks.OrderBy(c => c.Start).ToList();
        var each = Median(ordered.Select(c => c.Seconds));
        var gaps = concurrency == 1 ? Median(ordered.Zip(ordered.Skip(1), (a, b) => b.Start - (a.Start + a.Seconds))) : double.NaN;
        var others = entries.Where(e => !e.Chunk).Select(e => $"{e.Method} {Shorten(e.Path)} {At(e.Start)}-{At(e.Start + e.Seconds)}");
        return $"timeline (s from the command's start, as the Sandbox saw it): first request {At(first.Start)}; {chunks.Count} chunks {At(chunkStart)}-{At(chunkEnd)} " +
               $"(median {At(each)} each{(double.IsNaN(gaps) ? "" : $", {At(gaps)} from an answer to the next; in order: {string.Join(" ", ordered.Select(c => At(c.Seconds)))}")}), " +
               $"fewer than {concurrency} in flight for {At(thin)}; end {(seconds is { } total ? At(total) : "-")}; others: {string.Join(", ", others)}";
    }

    private static string Shorten(string path) => System.Text.RegularExpressions.Regex.Replace(path, "/(vi[A-Za-z0-9]{10,}|[0-9a-f]{20,}|[0-9]{6,})", "/{id}");
}

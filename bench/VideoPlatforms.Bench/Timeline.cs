using System.Globalization;
using System.Text.Json;

/// <summary>
/// Where one api.video upload's wall time went, from the Sandbox's request log (each request's arrival and
/// duration, as the Sandbox saw them: half a round trip after the module sent them). Printed under each
/// Send-Video -ChunkConcurrency measurement of scenario 7, so a gap to the link's rate can be put down to a part:
/// what came before the first chunk (the create), the chunks, and the time fewer chunks than asked were in flight.
/// </summary>
internal static class Timeline
{
    public static async Task<string> DescribeAsync(HttpClient admin, Result run, int concurrency)
    {
        var log = JsonDocument.Parse(await admin.GetStringAsync("_sandbox/requests?platform=apivideo")).RootElement;
        var entries = (log.ValueKind == JsonValueKind.Array ? log : log.GetProperty("data")).EnumerateArray().Select(e => new
        {
            Method = e.GetProperty("method").GetString(),
            Path = e.GetProperty("path").GetString() ?? "",
            Chunk = e.GetProperty("headers").TryGetProperty("Content-Range", out _),
            Start = (e.GetProperty("startedAt").GetDateTimeOffset().ToUnixTimeMilliseconds() - run.StartedUnixMs) / 1000.0,
            Seconds = e.GetProperty("durationMs").GetDouble() / 1000.0,
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
        var others = entries.Where(e => !e.Chunk).Select(e => $"{e.Method} {Shorten(e.Path)} {At(e.Start)}-{At(e.Start + e.Seconds)}");
        return $"timeline (s from the command's start, as the Sandbox saw it): first request {At(first.Start)}; {chunks.Count} chunks {At(chunkStart)}-{At(chunkEnd)}, " +
               $"fewer than {concurrency} in flight for {At(thin)}; end {At(run.Seconds)}; others: {string.Join(", ", others)}";
    }

    private static string Shorten(string path) => System.Text.RegularExpressions.Regex.Replace(path, "/vi[A-Za-z0-9]{10,}", "/{id}");
}

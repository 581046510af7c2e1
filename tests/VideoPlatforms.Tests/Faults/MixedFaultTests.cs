using System.Management.Automation;
using System.Text;
using System.Text.Json;
using VideoPlatforms.Tests.Harness;
using Xunit.Abstractions;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// The fault suite: a batch of uploads per platform under a seeded mix of faults on every request (auth, creates,
/// chunks, status reads) — 429 with each header form, 500/502/503, lost requests, answers lost after the platform
/// acted, connections cut mid-body, answers
/// slower than the timeout, 2xx bodies that are not JSON, access tokens expiring mid-run. Every file must end as a
/// Video whose bytes the Sandbox holds exactly (SHA-256), or as an ErrorRecord naming it; no video may exist twice,
/// and no video may exist that neither came back nor was named in an error.
/// </summary>
public sealed class MixedFaultTests(SandboxFixture sandbox, ITestOutputHelper output) : SandboxTest(sandbox)
{
    private const int Files = 12;

    /// <summary>label, rule. Probabilities add to 0.385, so about 32% of requests are faulted (each rule rolls in turn).</summary>
    internal static IEnumerable<(string Label, object Rule)> Profile(DateTimeOffset now) =>
    [
        ("429 Retry-After seconds", new { kind = "status", status = 429, headers = new Dictionary<string, string> { ["Retry-After"] = "0" }, times = 0, probability = 0.035, seed = 5 }),
        ("429 Retry-After date", new { kind = "status", status = 429, headers = new Dictionary<string, string> { ["Retry-After"] = now.AddMinutes(-1).ToString("r") }, times = 0, probability = 0.035, seed = 12 }),
        ("429 X-RateLimit-Retry-After", new { kind = "status", status = 429, headers = new Dictionary<string, string> { ["X-RateLimit-Retry-After"] = "0" }, times = 0, probability = 0.035, seed = 13 }),
        ("429 X-RateLimit-Reset", new { kind = "status", status = 429, headers = new Dictionary<string, string> { ["X-RateLimit-Reset"] = FaultSandbox.Epoch(now.AddMinutes(-1)) }, times = 0, probability = 0.035, seed = 14 }),
        ("500", new { kind = "status", status = 500, times = 0, probability = 0.035, seed = 15 }),
        ("502", new { kind = "status", status = 502, times = 0, probability = 0.035, seed = 16 }),
        ("503", new { kind = "status", status = 503, times = 0, probability = 0.035, seed = 17 }),
        ("drop (response lost)", new { kind = "drop", times = 0, probability = 0.035, seed = 18 }),
        ("dropMidBody", new { kind = "dropMidBody", afterBytes = 700, times = 0, probability = 0.035, seed = 19 }),
        ("malformedJson", new { kind = "malformedJson", times = 0, probability = 0.03, seed = 20 }),
        ("actThenDrop (done, answer lost)", new { kind = "actThenDrop", times = 0, probability = 0.03, seed = 28 }),
        ("delay past timeout", new { kind = "delay", delayMs = 2600, times = 0, probability = 0.01, seed = 21 }),
    ];

    public static TheoryData<string> Platforms => PlatformCase.Names();

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Batch_under_mixed_faults_ends_intact_or_reported_and_never_duplicated(string name)
    {
        var platform = PlatformCase.Named(name);
        var files = MakeFiles(platform);
        var labels = new Dictionary<int, string>();
        foreach (var (label, rule) in Profile(DateTimeOffset.UtcNow)) labels[await Sandbox.AddRuleAsync(rule)] = label;

        // Tokens expiring mid-run: BigGo's after every few calls (deterministic); api.video's on a timer.
        if (platform == PlatformCase.BigGo) await Sandbox.PutAsync("_sandbox/biggo/config", new { accessTokenRequestLimit = 9 });
        using var expiry = platform == PlatformCase.ApiVideo ? new Timer(_ => Sandbox.Admin.PostAsync("_sandbox/apivideo/expire-tokens", null).Wait(), null, 700, 2000) : null;

        var result = Ps.Run(
            $"{platform.Connect} -MaximumRetryCount 8 -MaximumRetryIntervalSec 1 -RetryBaseDelayMilliseconds 5 -TimeoutSec 2\n" +
            $"Send-Video -Path $args[0] -ThrottleLimit 4 {(platform.ChunkSize is { } c ? "-ChunkSize " + c : "")} -ErrorAction Continue",
            new object[] { files.Keys.ToArray() });
        expiry?.Dispose();
        await Sandbox.Admin.DeleteAsync("_sandbox/faults");

        Assert.Null(result.Terminating);
        var videos = result.Output.Select(o => Assert.IsType<VideoPlatforms.Video>(o.BaseObject)).ToList();
        var stored = await Sandbox.VideosAsync(platform);
        var requests = await Sandbox.AllRequestsAsync();

        // Each file ends exactly one way: a Video, or errors naming it.
        var failed = new Dictionary<string, List<ErrorRecord>>();
        foreach (var (path, sha) in files)
        {
            var sent = videos.Where(v => v.Path == path).ToList();
            var errors = result.Errors.Where(e => Names(e, path)).ToList();
            Assert.True(sent.Count + (errors.Count > 0 ? 1 : 0) == 1,
                $"{Path.GetFileName(path)}: {sent.Count} videos and {errors.Count} errors; all errors: {string.Join(" | ", result.Errors.Select(e => e.FullyQualifiedErrorId + " [" + e.TargetObject + "]: " + e.Exception.Message))}");
            if (errors.Count > 0)
            {
                failed[path] = errors;
                continue;
            }
            var match = stored.Where(s => SameId(s.Id(), sent[0].Id)).ToList();
            Assert.True(match.Count == 1, $"{Path.GetFileName(path)} came back as video {sent[0].Id}, which the Sandbox holds {match.Count} times");
            Assert.Equal(sha, match[0].Str("sha256"));
        }
        Assert.All(result.Errors, e => Assert.Contains(files.Keys, path => Names(e, path)));

        // No duplicates: no content and no title twice on the platform.
        var duplicates = stored.Where(s => s.Str("sha256").Length > 0).GroupBy(s => s.Str("sha256")).Count(g => g.Count() > 1)
                         + files.Keys.Count(path => stored.Count(s => s.GetRawText().Contains(Title(path), StringComparison.Ordinal)) > 1);

        // No orphan: every stored video came back, or is named (by id) in the error of its file.
        var orphans = stored.Where(s => !videos.Any(v => SameId(s.Id(), v.Id))
                                        && !failed.Values.SelectMany(e => e).Any(e => e.Exception.Message.Contains(s.Id(), StringComparison.Ordinal)))
            .Select(s => $"{s.Id()} {s.GetRawText()}").ToList();

        var faulted = requests.Where(r => r.TryGetProperty("fault", out var f) && f.ValueKind == JsonValueKind.Object).ToList();
        var report = new StringBuilder();
        report.AppendLine($"Fault matrix, {platform.Name}: {requests.Length} requests, {faulted.Count} faulted ({100.0 * faulted.Count / requests.Length:0.0}%)");
        foreach (var group in faulted.GroupBy(r => r.GetProperty("fault").GetProperty("ruleId").GetInt32()).OrderBy(g => g.Key))
            report.AppendLine($"  {labels.GetValueOrDefault(group.Key, "rule " + group.Key),-28} {group.Count(),4}");
        report.AppendLine($"  files {files.Count}, sent {videos.Count}, intact {videos.Count}, reported failed {failed.Count}, duplicates {duplicates}, orphans {orphans.Count}");
        foreach (var (path, errors) in failed) report.AppendLine($"    {Path.GetFileName(path)}: {errors[0].FullyQualifiedErrorId}: {errors[0].Exception.Message}");
        output.WriteLine(report.ToString());

        Assert.True(faulted.Count >= 0.2 * requests.Length, report.ToString());
        Assert.Equal(0, duplicates);
        Assert.True(orphans.Count == 0, "orphans: " + string.Join("\n", orphans) + "\n" + report);
        // Most files make it: the faults are passing ones and the retries are there to ride them out.
        Assert.True(videos.Count >= Files / 2, report.ToString());
    }

    private Dictionary<string, string> MakeFiles(PlatformCase platform)
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < Files; i++)
        {
            var size = i < platform.LargeSizes.Length ? platform.LargeSizes[i] : 1_000 + (i * 37_111L);
            var path = Ps.NewFile($"fault {platform.Name} {i:00}.mp4", size, seed: 1000 + i);
            files[path] = PsSession.Sha256(path);
        }
        return files;
    }

    private static string Title(string path) => Path.GetFileNameWithoutExtension(path);

    private static bool Names(ErrorRecord e, string path) =>
        (e.TargetObject?.ToString() ?? "").Contains(Path.GetFileName(path), StringComparison.Ordinal)
        || e.Exception.Message.Contains(Path.GetFileName(path), StringComparison.Ordinal);

    private static bool SameId(string stored, string id) =>
        stored.Length > 0 && (id == stored || id.EndsWith("/" + stored, StringComparison.Ordinal));
}

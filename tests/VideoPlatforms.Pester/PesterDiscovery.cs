namespace VideoPlatforms.Pester;

/// <summary>
/// The Pester suite's files and tests, listed by a discovery pass (Pester's Run.SkipRun: nothing runs, no Sandbox is
/// needed). xunit asks for them when it discovers the theories, so each Pester test becomes a case of its own.
/// </summary>
internal static class PesterDiscovery
{
    private static readonly Lazy<PesterRecord> Listed = new(Discover);

    public static PesterRecord Record => Listed.Value;

    private static PesterRecord Discover()
    {
        var json = Path.Combine(PesterProcess.OutputFolder, "discovery.json");
        File.Delete(json);
        var (exitCode, output) = PesterProcess.RunAsync(new[] { "-Discover", "-ResultPath", json },
            new Dictionary<string, string>(), Path.Combine(PesterProcess.OutputFolder, "discovery.log"), TimeSpan.FromMinutes(3)).GetAwaiter().GetResult();
        var record = PesterProcess.ReadRecord(json);
        if (exitCode != 0 || record is null)
            throw new InvalidOperationException($"Listing the Pester tests failed (exit code {exitCode}):{Environment.NewLine}{PesterProcess.Tail(output)}");
        // Two tests of one name would count as one case and hide each other's result.
        var duplicate = record.Tests.GroupBy(t => t.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two Pester tests have the same name, so one would hide the other: '{duplicate.Key}'. Give each a distinct name.");
        return record;
    }
}

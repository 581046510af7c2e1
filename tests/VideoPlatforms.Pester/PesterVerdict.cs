namespace VideoPlatforms.Pester;

/// <summary>
/// What one xunit case makes of the Pester run: null when its test (or file) passed, else why not, naming the test
/// and carrying Pester's message. Kept apart from the cases so the runner's own tests check the same rules.
/// </summary>
internal static class PesterVerdict
{
    /// <summary>A test passed in the run; or it failed, was skipped or did not run, or is missing from the results.</summary>
    public static string? ForTest(PesterRecord run, string test, string consoleLog)
    {
        var ran = run.Tests.SingleOrDefault(t => t.Key == test);
        if (ran is null) return $"{test} was discovered but is not in the run's results (see {consoleLog}).";
        if (ran.Result == "Passed") return null;
        // A skip decided while running is a failure: a platform that lacks something gets a test of its refusal, not a
        // skip. (A -Skip condition that holds at discovery keeps the test out of the cases altogether.)
        var why = ran.Errors.Length > 0 ? string.Join(Environment.NewLine, ran.Errors) : "no error message";
        return $"{test} (line {ran.Line}): {ran.Result}{Environment.NewLine}{why}";
    }

    /// <summary>
    /// A file loaded and its BeforeAll/AfterAll blocks ran cleanly, and it ran no test that discovery did not list
    /// (those would be counted by no case).
    /// </summary>
    public static string? ForFile(PesterRecord run, PesterRecord discovered, string file, string consoleLog)
    {
        var ran = run.Files.SingleOrDefault(f => f.File == file);
        if (ran is null) return $"{file} was discovered but is not in the run's results (see {consoleLog}).";
        if (ran.Errors.Length > 0) return $"{file}:{Environment.NewLine}{string.Join(Environment.NewLine, ran.Errors)}";
        var listed = discovered.Tests.Where(t => t.File == file).Select(t => t.Key).ToHashSet();
        var unlisted = run.Tests.Where(t => t.File == file && !listed.Contains(t.Key)).Select(t => t.Key).ToList();
        return unlisted.Count == 0 ? null
            : $"{file} ran tests that discovery did not list, so no case counts them (a name that expands from something other than -ForEach data?):{Environment.NewLine}{string.Join(Environment.NewLine, unlisted)}";
    }
}

namespace VideoPlatforms.Pester;

/// <summary>
/// Every Pester test of tests/Pester as one xunit case (so dotnet test's "Passed: N" counts it and a failure names it
/// with its message), and every test file as one more case: it loaded, its BeforeAll/AfterAll blocks ran cleanly, and
/// it ran no test that discovery did not list.
/// </summary>
public sealed class PesterSuite : IClassFixture<PesterRunFixture>
{
    private readonly PesterRunFixture _run;

    public PesterSuite(PesterRunFixture run) => _run = run;

    public static TheoryData<string> Files => new(PesterDiscovery.Record.Files.Select(f => f.File));

    public static TheoryData<string> Tests => new(PesterDiscovery.Record.Tests.Select(t => t.Key));

    [Theory]
    [MemberData(nameof(Files))]
    public void File_loads_and_runs_its_blocks_cleanly(string file)
    {
        var record = Ran();
        var ran = record.Files.SingleOrDefault(f => f.File == file);
        if (ran is null) Assert.Fail($"{file} was discovered but is not in the run's results (see {_run.ConsoleLog}).");
        if (ran.Errors.Length > 0) Assert.Fail($"{file}:{Environment.NewLine}{string.Join(Environment.NewLine, ran.Errors)}");

        var listed = PesterDiscovery.Record.Tests.Where(t => t.File == file).Select(t => t.Key).ToHashSet();
        var unlisted = record.Tests.Where(t => t.File == file && !listed.Contains(t.Key)).Select(t => t.Key).ToList();
        Assert.True(unlisted.Count == 0,
            $"{file} ran tests that discovery did not list, so no case counts them (a name that expands from something other than -ForEach data?):{Environment.NewLine}{string.Join(Environment.NewLine, unlisted)}");
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public void Test(string test)
    {
        var ran = Ran().Tests.SingleOrDefault(t => t.Key == test);
        if (ran is null) Assert.Fail($"{test} was discovered but is not in the run's results (see {_run.ConsoleLog}).");
        if (ran.Result != "Passed")
        {
            var why = ran.Errors.Length > 0 ? string.Join(Environment.NewLine, ran.Errors) : "no error message";
            Assert.Fail($"{test} (line {ran.Line}): {ran.Result}{Environment.NewLine}{why}");
        }
    }

    private PesterRecord Ran()
    {
        if (_run.Record is null) Assert.Fail(_run.Failure);
        return _run.Record;
    }
}

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

    // A test whose own -Skip condition holds here (one for another OS) is no case; any other skip fails its case.
    public static TheoryData<string> Tests => new(PesterDiscovery.Record.Tests.Where(t => !t.Skip).Select(t => t.Key));

    [PesterTheory(Prefix = "Pester file loads and runs its blocks cleanly")]
    [MemberData(nameof(Files))]
    public void File_loads_and_runs_its_blocks_cleanly(string file)
    {
        if (PesterVerdict.ForFile(Ran(), PesterDiscovery.Record, file, _run.ConsoleLog) is { } failure) Assert.Fail(failure);
    }

    [PesterTheory]
    [MemberData(nameof(Tests))]
    public void Test(string test)
    {
        if (PesterVerdict.ForTest(Ran(), test, _run.ConsoleLog) is { } failure) Assert.Fail(failure);
    }

    private PesterRecord Ran()
    {
        if (_run.Record is null) Assert.Fail(_run.Failure);
        return _run.Record;
    }
}

namespace VideoPlatforms.Pester;

/// <summary>
/// The runner's own guarantees, on a folder of deliberately broken Pester files (no Sandbox needed): a failing test,
/// a BeforeAll that throws, a file that does not parse, and a test whose name discovery cannot foresee each fail
/// by name with Pester's message; none silently counts as zero tests.
/// </summary>
public sealed class RunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vp-pester-runner-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Broken_files_and_failing_tests_each_fail_by_name_with_Pester_s_message()
    {
        File.WriteAllText(Path.Combine(_folder, "Probe.Tests.ps1"), """
            Describe 'Probe <Name>' -ForEach @(@{ Name = 'one' }) {
                It 'passes' { 1 | Should -Be 1 }
                It 'fails with a message' { 1 | Should -Be 2 -Because 'the runner must name me' }
            }
            Describe 'Setup' {
                BeforeAll { throw 'setup exploded' }
                It 'never runs' { 1 | Should -Be 1 }
            }
            Describe 'Unforeseeable' {
                BeforeAll { $made = 'at run time' }
                It 'named <made>' { 1 | Should -Be 1 }
            }
            """);
        File.WriteAllText(Path.Combine(_folder, "Broken.Tests.ps1"), "Describe 'Broken' { It 'x' { ( } }");

        var discovered = await RunAsync("-Discover");
        var run = await RunAsync();
        Assert.Equal(new[] { "Broken.Tests.ps1", "Probe.Tests.ps1" }, discovered.Files.Select(f => f.File).Order());

        Assert.Null(PesterVerdict.ForTest(run, "Probe.Tests.ps1 > Probe one > passes", "log"));
        Assert.Contains("Expected 2, because the runner must name me, but got 1.", PesterVerdict.ForTest(run, "Probe.Tests.ps1 > Probe one > fails with a message", "log"));
        Assert.StartsWith("Probe.Tests.ps1 > Probe one > fails with a message (line 3): Failed", PesterVerdict.ForTest(run, "Probe.Tests.ps1 > Probe one > fails with a message", "log"));
        Assert.Contains("setup exploded", PesterVerdict.ForTest(run, "Probe.Tests.ps1 > Setup > never runs", "log"));

        // Discovery cannot know a BeforeAll variable: the name it listed is missing from the run, and the file says
        // which test ran uncounted.
        var foreseen = Assert.Single(discovered.Tests, t => t.Key.Contains("Unforeseeable")).Key;
        Assert.Contains("was discovered but is not in the run's results", PesterVerdict.ForTest(run, foreseen, "log"));
        var probeFile = PesterVerdict.ForFile(run, discovered, "Probe.Tests.ps1", "log");
        Assert.Contains("setup exploded", probeFile);

        var broken = PesterVerdict.ForFile(run, discovered, "Broken.Tests.ps1", "log");
        Assert.Contains("Missing closing ')' in expression.", broken);
    }

    [Fact]
    public async Task A_test_that_ran_but_was_not_discovered_fails_its_file()
    {
        File.WriteAllText(Path.Combine(_folder, "Late.Tests.ps1"), """
            Describe 'Late' {
                BeforeAll { $made = 'at run time' }
                It 'named <made>' { 1 | Should -Be 1 }
            }
            """);
        var discovered = await RunAsync("-Discover");
        var run = await RunAsync();
        Assert.Contains("Late.Tests.ps1 > Late > named at run time", PesterVerdict.ForFile(run, discovered, "Late.Tests.ps1", "log"));
    }

    [Fact]
    public async Task A_skip_condition_that_holds_at_discovery_is_no_case_and_a_skip_while_running_fails()
    {
        File.WriteAllText(Path.Combine(_folder, "Skips.Tests.ps1"), """
            Describe 'Skips' {
                It 'is for another OS' -Skip:$true { 1 | Should -Be 2 }
                It 'skips itself while running' { Set-ItResult -Skipped -Because 'a platform lacked something' }
            }
            """);
        var discovered = await RunAsync("-Discover");
        var run = await RunAsync();
        Assert.True(discovered.Tests.Single(t => t.Key == "Skips.Tests.ps1 > Skips > is for another OS").Skip);
        var selfSkipped = discovered.Tests.Single(t => t.Key == "Skips.Tests.ps1 > Skips > skips itself while running");
        Assert.False(selfSkipped.Skip);
        Assert.Contains("Skipped", PesterVerdict.ForTest(run, selfSkipped.Key, "log"));
    }

    private async Task<PesterRecord> RunAsync(params string[] extra)
    {
        var json = Path.Combine(_folder, $"result-{Guid.NewGuid():n}.json");
        var (_, output) = await PesterProcess.RunAsync(new[] { "-Path", _folder, "-ResultPath", json }.Concat(extra),
            new Dictionary<string, string>(), Path.Combine(_folder, "console.log"), TimeSpan.FromMinutes(3));
        return PesterProcess.ReadRecord(json) ?? throw new InvalidOperationException($"The runner wrote no results:{Environment.NewLine}{output}");
    }
}

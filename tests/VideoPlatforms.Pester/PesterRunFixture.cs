using VideoPlatforms.Sandbox;

namespace VideoPlatforms.Pester;

/// <summary>
/// The one run of the Pester suite that every case reads: a Sandbox on an ephemeral loopback port, then
/// <c>dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1</c> against it, with the upload
/// journal and copy records in a scratch folder (never the user's).
/// </summary>
public sealed class PesterRunFixture : IAsyncLifetime
{
    // The whole suite aims at under 3 minutes; this only stops a hung run from holding dotnet test forever.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private SandboxServer? _sandbox;
    private string? _scratch;

    internal PesterRecord? Record { get; private set; }

    /// <summary>Why there is no record, when the run died before writing one.</summary>
    internal string? Failure { get; private set; }

    internal int ExitCode { get; private set; }

    internal string ConsoleLog { get; } = Path.Combine(PesterProcess.OutputFolder, "run.log");

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync();
        _scratch = Directory.CreateTempSubdirectory("vp-pester-").FullName;
        var json = Path.Combine(PesterProcess.OutputFolder, "results.json");
        File.Delete(json);
        var environment = new Dictionary<string, string>
        {
            ["VIDEOPLATFORMS_SANDBOX"] = _sandbox.BaseUri.ToString(),
            ["VIDEOPLATFORMS_JOURNAL"] = Path.Combine(_scratch, "journal"),
            ["VIDEOPLATFORMS_STATE_DIR"] = Path.Combine(_scratch, "state"),
            ["TMPDIR"] = _scratch,
        };
        var (exitCode, output) = await PesterProcess.RunAsync(
            new[] { "-ResultPath", json, "-JUnitPath", Path.Combine(PesterProcess.OutputFolder, "junit.xml") },
            environment, ConsoleLog, Timeout);
        ExitCode = exitCode;
        Record = PesterProcess.ReadRecord(json);
        if (Record is null)
            Failure = $"The Pester run wrote no results (exit code {exitCode}); its output ({ConsoleLog}) ends:{Environment.NewLine}{PesterProcess.Tail(output)}";
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null) await _sandbox.DisposeAsync();
        if (_scratch is not null)
        {
            try { Directory.Delete(_scratch, recursive: true); }
            catch (IOException) { } // a file still held open by a dying process: the temp folder's cleanup gets it
        }
    }
}

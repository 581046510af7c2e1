using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using VideoPlatforms.Playground;
using VideoPlatforms.Sandbox;

namespace VideoPlatforms.Tests.Harness;

/// <summary>
/// A PowerShell 7 runspace with the built module imported from out/VideoPlatforms by its manifest, a host that
/// captures what a person would see, and variables pointing at the Sandbox ($SandboxUri, $ApiVideoUri, $ApiKey,
/// $ApiKey2, $Work). Each test gets its own, so the runspace's default connection never leaks between tests.
/// </summary>
public sealed class PsSession : IDisposable
{
    private readonly StringWriter _screen = new();

    public PsSession(SandboxFixture sandbox)
    {
        Work = Directory.CreateTempSubdirectory("vp-test-").FullName;
        Host = new TextHost(_screen, width: 160);
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { ModuleLocator.ManifestPath() });
        state.Variables.Add(new SessionStateVariableEntry("SandboxUri", sandbox.Server.BaseUri.ToString(), "The Sandbox root"));
        state.Variables.Add(new SessionStateVariableEntry("ApiVideoUri", sandbox.ApiVideoUri.ToString(), "api.video in the Sandbox"));
        state.Variables.Add(new SessionStateVariableEntry("ApiKey", Secure(SandboxCredentials.ApiVideoApiKey), "The Sandbox's first api.video key"));
        state.Variables.Add(new SessionStateVariableEntry("ApiKey2", Secure(SandboxCredentials.ApiVideoSecondApiKey), "The Sandbox's second api.video key"));
        state.Variables.Add(new SessionStateVariableEntry("Work", Work, "A scratch folder for this test"));
        // Each test's own upload journal (Send-Video -Resume), inside its scratch folder, never the user's.
        state.Variables.Add(new SessionStateVariableEntry("VideoPlatformsJournalPath", Path.Combine(Work, "journal"), "This test's upload journal"));
        AddPlatformVariables(state, sandbox);
        Runspace = RunspaceFactory.CreateRunspace(Host, state);
        Runspace.Open();
        Runspace.SessionStateProxy.Path.SetLocation(Work);
    }

    /// <summary>
    /// Each platform's Sandbox address and credentials as variables. One line per platform, so platforms added in
    /// parallel touch different lines.
    /// </summary>
    private static void AddPlatformVariables(InitialSessionState state, SandboxFixture sandbox)
    {
        // api.video: $ApiVideoUri, $ApiKey, $ApiKey2 (above, as the first platform).
        state.Variables.Add(new SessionStateVariableEntry("BigGoUri", sandbox.Server.BigGoBaseUri.ToString(), "BigGo in the Sandbox")); state.Variables.Add(new SessionStateVariableEntry("BigGoCredential", new PSCredential(SandboxCredentials.BigGoClientId, Secure(SandboxCredentials.BigGoClientSecret)), "The Sandbox's BigGo client id and secret")); state.Variables.Add(new SessionStateVariableEntry("BigGoOtherUser", SandboxCredentials.BigGoOtherUserId, "A BigGo user with seeded public videos"));
        // Ziggeo: $ZiggeoUri (default region; r1 tokens are sent to its -eu-west-1 sibling), $ZiggeoToken + $ZiggeoKey, $ZiggeoEuToken + $ZiggeoEuKey.
        foreach (var (name, value) in new (string, object)[] { ("ZiggeoUri", sandbox.Server.ZiggeoBaseUri.ToString()), ("ZiggeoToken", SandboxCredentials.ZiggeoApplicationToken), ("ZiggeoKey", Secure(SandboxCredentials.ZiggeoPrivateKey)), ("ZiggeoEuToken", SandboxCredentials.ZiggeoEuApplicationToken), ("ZiggeoEuKey", Secure(SandboxCredentials.ZiggeoEuPrivateKey)) }) state.Variables.Add(new SessionStateVariableEntry(name, value, "Ziggeo in the Sandbox"));
        state.Variables.Add(new SessionStateVariableEntry("VimeoUri", sandbox.Server.VimeoBaseUri.ToString(), "Vimeo in the Sandbox")); state.Variables.Add(new SessionStateVariableEntry("VimeoToken", Secure(SandboxCredentials.VimeoAccessToken), "The Sandbox's Vimeo personal access token (account 1)")); state.Variables.Add(new SessionStateVariableEntry("VimeoToken2", Secure(SandboxCredentials.VimeoSecondAccessToken), "The Sandbox's Vimeo personal access token (account 2)")); state.Variables.Add(new SessionStateVariableEntry("VimeoClient", new PSCredential(SandboxCredentials.VimeoClientId, Secure(SandboxCredentials.VimeoClientSecret)), "The Sandbox's Vimeo app (client id and secret)"));
    }

    public Runspace Runspace { get; }

    public TextHost Host { get; }

    /// <summary>A scratch folder, deleted with the session.</summary>
    public string Work { get; }

    /// <summary>Everything the host has been asked to show so far.</summary>
    public string Screen => _screen.ToString();

    public static System.Security.SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

    /// <summary>Runs a script with <paramref name="args"/> as $args; a terminating error is captured in the result rather than thrown.</summary>
    public PsResult Run(string script, params object[] args)
    {
        using var ps = PowerShell.Create(Runspace);
        ps.AddScript(script);
        foreach (var arg in args) ps.AddArgument(arg);
        RuntimeException? terminating = null;
        var output = new List<PSObject>();
        try
        {
            output.AddRange(ps.Invoke());
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }
        return new PsResult(output, ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
            ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Debug.Select(d => d.Message).ToList(),
            ps.Streams.Progress.ToList(), ps.Streams.Information.Select(i => i.ToString()).ToList(), terminating);
    }

    /// <summary>Runs a script that must succeed without any error; returns its output.</summary>
    public List<PSObject> Ok(string script, params object[] args)
    {
        var result = Run(script, args);
        result.AssertNoErrors();
        return result.Output;
    }

    /// <summary>
    /// Runs a script that must end in a terminating error and returns its record. The script is wrapped in
    /// try/catch, which catches terminating errors only: a mere WriteError does not count.
    /// </summary>
    public ErrorRecord Fails(string script, params object[] args)
    {
        var result = Run("try {\n" + script + "\n} catch { throw }", args);
        Assert.True(result.Terminating is not null, "expected a terminating error; got errors: " + string.Join(" | ", result.Errors.Select(e => e.FullyQualifiedErrorId)));
        return result.Terminating!.ErrorRecord;
    }

    /// <summary>Connects this runspace to the Sandbox's api.video with the first key.</summary>
    public void ConnectApiVideo(string extra = "") =>
        Ok($"Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri {extra}");

    /// <summary>Writes a file of random bytes (a seed makes it reproducible) and returns its full path.</summary>
    public string NewFile(string name, long size, int seed = 1)
    {
        var path = Path.Combine(Work, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using var stream = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            stream.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
        return path;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream)).ToLowerInvariant();
    }

    public void Dispose()
    {
        Runspace.Dispose();
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>What one script run produced, stream by stream.</summary>
public sealed record PsResult(
    List<PSObject> Output,
    List<ErrorRecord> Errors,
    List<string> Warnings,
    List<string> Verbose,
    List<string> Debug,
    List<ProgressRecord> Progress,
    List<string> Information,
    RuntimeException? Terminating)
{
    public T Single<T>() => Assert.IsType<T>(Assert.Single(Output).BaseObject);

    public IEnumerable<T> All<T>() => Output.Select(o => Assert.IsType<T>(o.BaseObject));

    public void AssertNoErrors()
    {
        if (Terminating is not null) Assert.Fail($"Terminating error: {Terminating.ErrorRecord?.FullyQualifiedErrorId}: {Terminating.Message}");
        if (Errors.Count > 0) Assert.Fail("Errors: " + string.Join(" | ", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}")));
    }

    /// <summary>The terminating error's record; fails if the run did not end with one.</summary>
    public ErrorRecord TerminatingRecord()
    {
        Assert.NotNull(Terminating);
        return Terminating!.ErrorRecord;
    }

    /// <summary>Every text the run produced anywhere, for secret scanning.</summary>
    public IEnumerable<string> AllText() =>
        Output.Select(o => o?.ToString() ?? "")
            .Concat(Errors.SelectMany(e => new[] { e.ToString(), e.Exception?.ToString() ?? "", e.ErrorDetails?.Message ?? "", e.TargetObject?.ToString() ?? "", e.FullyQualifiedErrorId }))
            .Concat(Warnings).Concat(Verbose).Concat(Debug).Concat(Information)
            .Concat(Progress.Select(p => $"{p.Activity} {p.StatusDescription} {p.CurrentOperation}"))
            .Concat(Terminating is null ? Array.Empty<string>() : new[] { Terminating.ToString(), Terminating.ErrorRecord?.ToString() ?? "" });
}

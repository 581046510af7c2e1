namespace VideoPlatforms.Tests.Harness;

/// <summary>
/// Base of tests that drive the module against the Sandbox: each test starts from an empty Sandbox and gets a fresh
/// runspace (<see cref="Ps"/>).
/// </summary>
public abstract class SandboxTest : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    protected SandboxTest(SandboxFixture sandbox)
    {
        Sandbox = sandbox;
        Ps = new PsSession(sandbox);
    }

    protected SandboxFixture Sandbox { get; }

    protected PsSession Ps { get; }

    public virtual Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync()
    {
        Ps.Dispose();
        return Task.CompletedTask;
    }
}

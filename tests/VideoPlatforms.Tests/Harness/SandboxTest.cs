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

    /// <summary>A second personal access token of the Sandbox's first Vimeo user, with other scopes than the first (<paramref name="scope"/>).</summary>
    protected async Task ConnectSecondVimeoTokenAsync(string name, string scope = "public private video_files")
    {
        using var response = await Sandbox.Admin.PostAsync("_sandbox/vimeo/tokens",
            new StringContent(System.Text.Json.JsonSerializer.Serialize(new { account = 1, scope }), System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var token = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
        Ps.Ok($"Connect-VideoProvider -Provider Vimeo -AccessToken ([System.Net.NetworkCredential]::new('', $args[0]).SecurePassword) -BaseUri $VimeoUri -Name {name}", token);
    }

    public virtual Task InitializeAsync() => Sandbox.ResetAsync();

    public Task DisposeAsync()
    {
        Ps.Dispose();
        return Task.CompletedTask;
    }
}

namespace VideoPlatforms.Sandbox.Tests.Infrastructure;

/// <summary>One real sandbox per test class; each test resets it (see <see cref="SandboxTest"/>).</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Base of every test class: a clean sandbox per test, an api.video client and an admin client. Tests in one
/// class run one after another, so the reset cannot disturb a neighbour.
/// </summary>
public abstract class SandboxTest : IClassFixture<SandboxFixture>, IDisposable
{
    protected SandboxTest(SandboxFixture fixture)
    {
        Server = fixture.Server;
        Server.State.Reset();
        Api = new ApiVideoTestClient(Server.ApiVideoBaseUri);
        Admin = new HttpClient { BaseAddress = new Uri(Server.BaseUri, "_sandbox/") };
    }

    protected SandboxServer Server { get; }

    /// <summary>Logged in as account 1 only after <see cref="ApiVideoTestClient.LoginAsync"/>.</summary>
    protected ApiVideoTestClient Api { get; }

    protected HttpClient Admin { get; }

    public void Dispose()
    {
        Api.Dispose();
        Admin.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<JsonElement> AdminVideoAsync(string videoId) =>
        await Json.ReadAsync(await Admin.GetAsync($"apivideo/videos/{videoId}"), HttpStatusCode.OK);

    protected async Task<JsonElement> AddFaultAsync(object rule)
    {
        var response = await Admin.PostAsync("faults", Json.Content(rule));
        return await Json.ReadAsync(response, HttpStatusCode.Created);
    }
}

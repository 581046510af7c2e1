namespace VideoPlatforms.Sandbox.Tests;

public sealed class HostingTests
{
    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task Refuses_to_bind_to_a_non_loopback_address(string urls)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(new SandboxOptions { Urls = urls }));
    }

    [Fact]
    public async Task Reports_the_bound_port_and_cleans_up_its_storage()
    {
        string storage;
        await using (var server = await SandboxServer.StartAsync())
        {
            Assert.Equal("127.0.0.1", server.BaseUri.Host);
            Assert.NotEqual(0, server.BaseUri.Port);
            Assert.EndsWith("/", server.BaseUri.AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(new Uri(server.BaseUri, "apivideo/"), server.ApiVideoBaseUri);
            storage = server.State.Storage.RootDirectory;
            Assert.True(Directory.Exists(storage));

            using var http = new HttpClient();
            var response = await http.GetAsync(new Uri(server.BaseUri, "_sandbox/"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.False(Directory.Exists(storage));
    }

    [Fact]
    public async Task A_given_storage_directory_is_used_and_kept()
    {
        var directory = Path.Combine(Path.GetTempPath(), "vp-sandbox-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var server = await SandboxServer.StartAsync(new SandboxOptions { StorageDirectory = directory }))
            {
                Assert.Equal(directory, server.State.Storage.RootDirectory);
            }

            Assert.True(Directory.Exists(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Two_servers_run_side_by_side()
    {
        await using var first = await SandboxServer.StartAsync();
        await using var second = await SandboxServer.StartAsync();
        Assert.NotEqual(first.BaseUri.Port, second.BaseUri.Port);
        first.State.ApiVideo.Seed(1, 2);
        Assert.Empty(second.State.ApiVideo.GetVideos());
    }
}

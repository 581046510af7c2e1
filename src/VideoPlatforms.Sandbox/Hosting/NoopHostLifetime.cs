using Microsoft.Extensions.Hosting;

namespace VideoPlatforms.Sandbox.Hosting;

/// <summary>
/// The default console lifetime hooks Ctrl+C and SIGTERM for every server started, which is wrong for a server
/// hosted inside a test run; Program.cs handles those signals itself.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

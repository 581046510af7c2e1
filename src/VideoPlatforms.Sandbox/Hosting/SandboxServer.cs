using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using VideoPlatforms.Sandbox.Admin;
using VideoPlatforms.Sandbox.Faults;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.RequestLog;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox;

/// <summary>
/// The sandbox: a real Kestrel server on loopback emulating the platforms' REST APIs, each under its own path
/// prefix, with an admin surface under /_sandbox. Start one per test class (port 0 picks a free port).
/// </summary>
public sealed partial class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly UploadStore _storage;
    private int _disposed;

    private SandboxServer(WebApplication app, UploadStore storage, SandboxState state, Uri baseUri)
    {
        _app = app;
        _storage = storage;
        State = state;
        BaseUri = baseUri;
    }

    /// <summary>Root of the server on the port actually bound, with a trailing slash, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; }

    /// <summary>The state the admin endpoints expose, for in-process inspection and control.</summary>
    public SandboxState State { get; }

    /// <summary>
    /// Starts a sandbox. Throws <see cref="ArgumentException"/> when <see cref="SandboxOptions.Urls"/> names a
    /// non-loopback address.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        if (!LoopbackAddresses.TryValidate(options.Urls, out var error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        var storage = new UploadStore(options.StorageDirectory);
        try
        {
            var state = new SandboxState(storage, TimeProvider.System);
            var app = Build(options, state, out var baseUriAccessor);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                          ?? throw new InvalidOperationException("Kestrel reported no listening address.");
            var baseUri = new Uri(address.TrimEnd('/') + "/");
            baseUriAccessor.Value = baseUri;
            return new SandboxServer(app, storage, state, baseUri);
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    private static WebApplication Build(SandboxOptions options, SandboxState state, out StrongBox<Uri> baseUri)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // Production: no developer exception page, no static-web-assets probing; errors are the platforms' own.
            EnvironmentName = Environments.Production,
        });

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls(options.Urls);
        // Container images set ASPNETCORE_HTTP_PORTS; the sandbox must listen only where it was told to.
        builder.WebHost.UseSetting("http_ports", string.Empty);
        builder.WebHost.UseSetting("https_ports", string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // A 200 MiB chunk plus multipart framing must get through; the platforms enforce their own limits.
            kestrel.Limits.MaxRequestBodySize = null;
            // People step through uploads in a debugger; a stalled client must not be cut off by the server.
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = long.MaxValue;
            form.ValueLengthLimit = int.MaxValue;
            form.MultipartHeadersLengthLimit = 64 * 1024;
        });
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Logging.ClearProviders();

        var app = builder.Build();
        var box = new StrongBox<Uri>(new Uri("http://127.0.0.1/"));
        baseUri = box;

        app.UseMiddleware<RequestLogMiddleware>(state);
        app.Use(async (context, next) =>
        {
            if (context.GetSandboxInfo()?.Platform is { } platform && !await platform.BeforeRequestAsync(context))
            {
                return;
            }

            await next(context);
        });
        app.UseMiddleware<FaultMiddleware>(state);
        app.UseRouting();

        AdminEndpoints.Map(app, state, () => box.Value!);
        foreach (var platform in state.Platforms)
        {
            platform.MapEndpoints(app);
        }

        app.Map("{**path}", () => AdminResults.Error(404,
            "Nothing here: each platform lives under its own prefix (" +
            string.Join(", ", state.Platforms.Select(p => p.Prefix.Value + "/")) + "), the admin surface under /_sandbox/."));
        return app;
    }

    /// <summary>Stops the server and deletes the storage directory if the sandbox created it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _app.DisposeAsync();
        _storage.Dispose();
    }
}

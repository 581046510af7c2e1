using System.Runtime.InteropServices;
using VideoPlatforms.Sandbox;
using VideoPlatforms.Sandbox.Hosting;

// dotnet run --project src/VideoPlatforms.Sandbox [-- --urls http://127.0.0.1:5080] [--storage DIR] [--quiet]
var urls = "http://127.0.0.1:5080";
string? storage = null;
var quiet = false;
for (var i = 0; i < args.Length; i++)
{
    var arg = args[i];
    string? Value(string name)
    {
        if (arg.StartsWith(name + "=", StringComparison.Ordinal))
        {
            return arg[(name.Length + 1)..];
        }

        return arg == name && i + 1 < args.Length ? args[++i] : null;
    }

    if (arg is "-h" or "--help" or "-?")
    {
        Console.WriteLine("Usage: VideoPlatforms.Sandbox [--urls http://127.0.0.1:5080] [--storage DIR] [--quiet]");
        Console.WriteLine("  --urls     loopback address(es) to listen on, ';'-separated (default http://127.0.0.1:5080)");
        Console.WriteLine("  --storage  directory for uploaded bytes (default: a temporary directory deleted on exit)");
        Console.WriteLine("  --quiet    do not print one line per request");
        return 0;
    }

    if (arg.StartsWith("--urls", StringComparison.Ordinal) && Value("--urls") is { } u)
    {
        urls = u;
    }
    else if (arg.StartsWith("--storage", StringComparison.Ordinal) && Value("--storage") is { } s)
    {
        storage = s;
    }
    else if (arg == "--quiet")
    {
        quiet = true;
    }
    else
    {
        Console.Error.WriteLine($"Unknown or incomplete argument '{arg}'. Use --help for usage.");
        return 2;
    }
}

if (!LoopbackAddresses.TryValidate(urls, out var refusal))
{
    Console.Error.WriteLine($"Refusing to start: {refusal}");
    return 2;
}

SandboxServer server;
try
{
    server = await SandboxServer.StartAsync(new SandboxOptions { Urls = urls, StorageDirectory = storage });
}
catch (IOException ex)
{
    Console.Error.WriteLine($"Could not listen on {urls}: {ex.Message}");
    return 1;
}

await using (server)
{
    Console.WriteLine($"VideoPlatforms Sandbox listening on {server.BaseUri.ToString().TrimEnd('/')}");
    foreach (var platform in server.State.Platforms)
    {
        foreach (var line in platform.DescribeForConsole(server.BaseUri))
        {
            Console.WriteLine("  " + line);
        }
    }

    Console.WriteLine($"  admin       {new Uri(server.BaseUri, "_sandbox/")}  (reset, requests, faults, per-platform inspection)");
    Console.WriteLine("Press Ctrl+C to stop.");

    if (!quiet)
    {
        server.State.Requests.EntryAdded += entry => Console.WriteLine(
            $"{entry.StartedAt.ToLocalTime():HH:mm:ss.fff} {entry.Method,-6} {entry.FullPath}{entry.QueryString} -> " +
            (entry.Aborted ? "connection dropped" : entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)) +
            $" ({entry.DurationMs:0} ms{(entry.Fault is { } f ? $", fault {f.RuleId} {f.Kind}" : string.Empty)})");
    }

    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.TrySetResult();
    };
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.TrySetResult();
    });
    await stop.Task;
    Console.WriteLine("Stopping.");
}

return 0;

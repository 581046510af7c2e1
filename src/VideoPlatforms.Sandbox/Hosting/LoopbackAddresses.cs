using System.Net;

namespace VideoPlatforms.Sandbox.Hosting;

/// <summary>
/// The admin surface has no authentication and hands out every secret the sandbox issued, so the sandbox must
/// only ever be reachable from this machine.
/// </summary>
internal static class LoopbackAddresses
{
    public static bool TryValidate(string urls, out string? error)
    {
        error = null;
        var parts = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            error = "No URL to listen on was given.";
            return false;
        }

        foreach (var part in parts)
        {
            // "http://*:80" and "http://+:80" are not valid URIs, and they are exactly what must be refused.
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                error = $"'{part}' is not an http:// or https:// URL on a loopback address (use e.g. http://127.0.0.1:5080).";
                return false;
            }

            if (!IsLoopbackHost(uri.Host))
            {
                error = $"'{part}' is not a loopback address. The sandbox has no authentication on its admin surface, " +
                        "so it only listens on 127.0.0.0/8, [::1] or localhost.";
                return false;
            }
        }

        return true;
    }

    private static bool IsLoopbackHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var trimmed = host.Trim('[', ']');
        return IPAddress.TryParse(trimmed, out var address) && IPAddress.IsLoopback(address);
    }
}

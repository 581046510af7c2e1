using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>HTTP Basic application token : private key on every server-API call (docs/platforms/ziggeo.md#1-authentication).</summary>
internal sealed class ZiggeoAuthenticator(string encoded) : IRequestAuthenticator
{
    public Task ApplyAsync(RestRequest request, CancellationToken cancellationToken)
    {
        request.AddOrUpdateHeader("Authorization", "Basic " + encoded);
        return Task.CompletedTask;
    }

    // A private key does not expire: a 401 is final.
    public Task<bool> TryRenewAsync(CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>
/// Which Ziggeo host an application lives on. The official SDKs pick it by the application token's prefix: for
/// each (prefix, host) in config.regions, a token starting with the prefix uses that host; the only prefix
/// defined is "r1", EU West 1 (docs/platforms/ziggeo.md#1-authentication; ZiggeoPythonSdk ZiggeoConfig.py, ZiggeoCSharpSDK ZiggeoConfig.cs).
/// </summary>
internal static class ZiggeoRegions
{
    private static readonly (string Prefix, string Region)[] Regions = { ("r1", "eu-west-1") };

    /// <summary>The region an application token belongs to, or null for the default region.</summary>
    public static string? RegionOf(string? applicationToken) =>
        applicationToken is null ? null : Regions.FirstOrDefault(r => applicationToken.StartsWith(r.Prefix, StringComparison.Ordinal)).Region;

    /// <summary>
    /// The regional address of a base URI, by one rule that reproduces the SDKs' hosts and works for any
    /// compatible endpoint (the Sandbox, a proxy): "-&lt;region&gt;" is appended to the base's last path segment,
    /// or, when the path is empty, to the first label of its host name. So https://srv-api.ziggeo.com/ becomes
    /// https://srv-api-eu-west-1.ziggeo.com/ and http://127.0.0.1:5080/ziggeo/ becomes
    /// http://127.0.0.1:5080/ziggeo-eu-west-1/. A base that already ends in "-&lt;region&gt;" is kept as it is.
    /// </summary>
    public static Uri ForRegion(Uri baseUri, string region)
    {
        var suffix = "-" + region;
        var path = baseUri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            var cut = path.LastIndexOf('/');
            var last = path[(cut + 1)..];
            if (last.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return baseUri;
            var regional = (cut < 0 ? "" : path[..(cut + 1)]) + last + suffix;
            return new UriBuilder(baseUri) { Path = "/" + regional + "/" }.Uri;
        }

        var host = baseUri.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        if (baseUri.HostNameType != UriHostNameType.Dns || dot <= 0)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "RegionalBaseUriUnknown",
                $"The application token belongs to Ziggeo's {region} region, but the address '{baseUri}' has no path segment or host name to derive that region's address from. Give the {region} address itself as -BaseUri (one ending in '{suffix}' is used as it is).");
        var label = host[..dot];
        if (label.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return baseUri;
        return new UriBuilder(baseUri) { Host = label + suffix + host[dot..] }.Uri;
    }
}

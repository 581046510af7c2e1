using VideoPlatforms.Http;
using VideoPlatforms.Providers.ApiVideo;
using VideoPlatforms.Providers.BigGo;
using VideoPlatforms.Providers.Ziggeo;
using VideoPlatforms.Providers.Vimeo;

namespace VideoPlatforms;

/// <summary>What the registry knows about a platform before any connection exists.</summary>
public sealed class ProviderDescriptor
{
    internal ProviderDescriptor(string name, string displayName, IReadOnlyDictionary<string, Uri> environments,
        string defaultEnvironment, string credentialHelp, Func<ProviderContext, IVideoProvider> create)
    {
        Name = name;
        DisplayName = displayName;
        Environments = environments;
        DefaultEnvironment = defaultEnvironment;
        CredentialHelp = credentialHelp;
        Create = create;
    }

    /// <summary>The name used with -Provider.</summary>
    public string Name { get; }

    /// <summary>How the platform names itself, e.g. api.video.</summary>
    public string DisplayName { get; }

    /// <summary>Named hosts of the platform (Production first).</summary>
    public IReadOnlyDictionary<string, Uri> Environments { get; }

    public string DefaultEnvironment { get; }

    /// <summary>One sentence on which credentials the platform takes, used in error messages.</summary>
    public string CredentialHelp { get; }

    internal Func<ProviderContext, IVideoProvider> Create { get; }

    /// <summary>
    /// Which platform-dependent options (listing filters, upload and update fields, token options) the platform
    /// honours, and how. Anything it does not declare is refused before any request (<see cref="CapabilityCheck"/>).
    /// </summary>
    public ProviderCapabilities Capabilities { get; internal init; } = new();

    /// <summary>
    /// For platforms whose credentials pick the host (a region prefix in a token): turns the chosen base URI into the
    /// one this request's credentials live on. Null: the base URI is used as chosen.
    /// </summary>
    internal Func<ConnectionRequest, Uri, Uri>? CredentialBaseUri { get; init; }
    /// <summary>Builds the authorization-code flow's first URL, for platforms that have the flow (null otherwise).</summary>
    internal Func<AuthorizationRequest, Uri, ProviderAuthorization>? Authorize { get; init; }

    /// <summary>
    /// The URL a user opens to grant this app access (step 1 of the authorization-code flow), with a fresh random
    /// state the caller must keep and check when the redirect comes back.
    /// </summary>
    public ProviderAuthorization NewAuthorization(AuthorizationRequest request)
    {
        if (Authorize is null)
            throw new VideoProviderException(ProviderErrorKind.NotSupported, "AuthorizationCodeNotSupported",
                $"{DisplayName} has no authorization-code flow. {CredentialHelp}");
        var (baseUri, _) = ProviderRegistry.ResolveBaseUri(this, new ConnectionRequest(Name) { BaseUri = request.BaseUri, Environment = request.Environment });
        return Authorize(request, baseUri);
    }
}

/// <summary>The platforms this module speaks to. Adding one is a folder under Providers and a line here.</summary>
public static class ProviderRegistry
{
    private static readonly IReadOnlyList<ProviderDescriptor> Descriptors = new[]
    {
        ApiVideoProvider.Descriptor,
        BigGoProvider.Descriptor,
        ZiggeoProvider.Descriptor,
        VimeoProvider.Descriptor,
    };

    public static IReadOnlyList<ProviderDescriptor> All => Descriptors;

    public static IEnumerable<string> Names => Descriptors.Select(d => d.Name);

    public static ProviderDescriptor? Find(string name) =>
        Descriptors.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    public static ProviderDescriptor Get(string name) => Find(name) ?? throw new VideoProviderException(
        ProviderErrorKind.InvalidArgument, "UnknownProvider",
        $"'{name}' is not a provider this module knows. Use one of: {string.Join(", ", Names)}.");

    /// <summary>Builds the connection and authenticates it; a wrong credential fails here.</summary>
    public static async Task<VideoProviderConnection> ConnectAsync(ConnectionRequest request, CancellationToken cancellationToken)
    {
        var descriptor = Get(request.Provider);
        CapabilityCheck.Check(descriptor, request);
        RefuseAuthorizationCodeWithoutTheFlow(descriptor, request);
        var (baseUri, environment) = ResolveBaseUri(descriptor, request);
        if (descriptor.CredentialBaseUri is { } forCredentials) baseUri = forCredentials(request, baseUri);
        var connection = new VideoProviderConnection(request.Name ?? descriptor.Name, descriptor.Name, baseUri, environment, request.Retry);
        var http = new ProviderHttp(descriptor.DisplayName, baseUri, request.Retry);
        try
        {
            var client = descriptor.Create(new ProviderContext(request, connection, http));
            // Every call on the connection goes through the guard, which refuses what the platform does not honour.
            connection.Attach(new CapabilityGuard(client, descriptor));
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Authorization codes belong to the authorization-code flow; a platform without it (no Authorize on
    /// its descriptor) would otherwise connect and quietly ignore one. (-Scope is a declared option: see the providers' Capabilities.)
    /// </summary>
    private static void RefuseAuthorizationCodeWithoutTheFlow(ProviderDescriptor descriptor, ConnectionRequest request)
    {
        if (descriptor.Authorize is null && request.AuthorizationCode is not null)
            throw new VideoProviderException(ProviderErrorKind.NotSupported, "AuthorizationCodeNotSupported",
                $"{descriptor.DisplayName} has no authorization-code flow. {descriptor.CredentialHelp}");
    }

    internal static (Uri BaseUri, string Environment) ResolveBaseUri(ProviderDescriptor descriptor, ConnectionRequest request)
    {
        if (request.BaseUri is { } custom)
        {
            if (request.Environment is not null)
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "BaseUriWithEnvironment",
                    "-BaseUri and -Environment both choose the host; give only one of them.");
            return (ValidateBaseUri(custom), "Custom");
        }
        var name = request.Environment ?? descriptor.DefaultEnvironment;
        var match = descriptor.Environments.FirstOrDefault(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase));
        if (match.Value is null)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "UnknownEnvironment",
                $"{descriptor.DisplayName} has no environment '{name}'. Use one of: {string.Join(", ", descriptor.Environments.Keys)}, or -BaseUri.");
        return (match.Value, match.Key);
    }

    /// <summary>
    /// Refuses plain http anywhere but loopback: credentials would cross the network in clear text.
    /// Also normalises the path to end in '/' so relative resources append instead of replacing the last segment.
    /// </summary>
    public static Uri ValidateBaseUri(Uri uri)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidBaseUri",
                $"-BaseUri '{uri}' is not an absolute http or https address. Give one such as https://ws.api.video.");
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InsecureBaseUri",
                $"-BaseUri '{uri.GetLeftPart(UriPartial.Authority)}' uses plain http to a host that is not loopback, which would send credentials unencrypted. Use https, or http only with 127.0.0.1, ::1 or localhost.");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidBaseUri",
                $"-BaseUri '{uri.GetLeftPart(UriPartial.Path)}' must not carry a query or fragment.");
        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}

/// <summary>What a provider is built from: the request, the connection it serves, and its HTTP pipeline.</summary>
internal sealed record ProviderContext(ConnectionRequest Request, VideoProviderConnection Connection, ProviderHttp Http);

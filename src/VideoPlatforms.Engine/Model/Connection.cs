using System.Security;

namespace VideoPlatforms;

/// <summary>
/// An authenticated link to one account on one platform. Holds no secret in any public member: the credentials
/// live inside the provider client, and only for as long as the connection does.
/// </summary>
public sealed class VideoProviderConnection : IDisposable
{
    private IVideoProvider? _client;

    internal VideoProviderConnection(string name, string provider, Uri baseUri, string? environment, RetryOptions retry)
    {
        Name = name;
        Provider = provider;
        BaseUri = baseUri;
        Environment = environment;
        Retry = retry;
        ConnectedAt = DateTimeOffset.Now;
    }

    /// <summary>The name the connection is known by in its runspace (default: the provider's name).</summary>
    public string Name { get; }

    public string Provider { get; }

    /// <summary>The API root every request of this connection goes to.</summary>
    public Uri BaseUri { get; }

    /// <summary>The platform's environment (e.g. Production, Sandbox), or Custom when -BaseUri chose the host.</summary>
    public string? Environment { get; }

    /// <summary>The account or user the credentials belong to, where the platform says.</summary>
    public string? Account => _client?.Account;

    /// <summary>Who the account is, stable across its credentials and their scopes (<see cref="IVideoProvider.AccountId"/>).</summary>
    internal string? AccountId => _client?.AccountId;

    /// <summary>The platform region the account works in, where the platform has regions (ConnectRegion); null elsewhere.</summary>
    public string? Region => _client?.Region;

    /// <summary>When the current access token expires; it is renewed before then. Null for keys that do not expire.</summary>
    public DateTimeOffset? ExpiresAt => _client?.CredentialExpiresAt;

    /// <summary>False for a connection that only holds a delegated upload token: it can upload and nothing else.</summary>
    public bool CanManageVideos => _client?.CanManageVideos ?? false;

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>How failed requests of this connection are retried.</summary>
    public RetryOptions Retry { get; }

    public bool IsDisposed { get; private set; }

    /// <summary>The platform client behind this connection.</summary>
    internal IVideoProvider Client => IsDisposed
        ? throw new ObjectDisposedException(nameof(VideoProviderConnection), $"The connection '{Name}' was disconnected. Connect again with Connect-VideoProvider.")
        : _client ?? throw new InvalidOperationException("The connection has no client yet.");

    internal void Attach(IVideoProvider client) => _client = client;

    // The videos this session has seen on the connection, newest first, for argument completion of -Id: a person
    // tabs through what they just listed or uploaded. Bounded, so a listing of 10,000 costs nothing to keep.
    private const int RecentLimit = 200;
    private readonly LinkedList<(string Id, string? Title)> _recent = new();

    /// <summary>Notes a video as seen on this connection (most recent first, one entry per id).</summary>
    internal void RememberVideo(string id, string? title)
    {
        lock (_recent)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Id != id) continue;
                _recent.Remove(node);
                break;
            }
            _recent.AddFirst((id, title));
            if (_recent.Count > RecentLimit) _recent.RemoveLast();
        }
    }

    /// <summary>The videos seen on this connection, most recent first.</summary>
    internal IReadOnlyList<(string Id, string? Title)> RecentVideos
    {
        get { lock (_recent) return _recent.ToArray(); }
    }

    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        _client?.Dispose();
    }

    public override string ToString() => $"{Name} ({Provider})";
}

/// <summary>How a connection retries requests that failed for a passing reason (429, 5xx, network faults).</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaximumRetryCount { get; init; } = 5;

    /// <summary>The longest single wait between attempts, whatever the server asks for.</summary>
    public TimeSpan MaximumRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first backoff delay; each later one doubles, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one request may take before it is abandoned as timed out.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);
}

/// <summary>
/// Everything <see cref="ProviderRegistry.ConnectAsync"/> needs. Each platform reads the credential fields it uses
/// and refuses, by name, the ones it lacks.
/// </summary>
public sealed class ConnectionRequest
{
    public ConnectionRequest(string provider) => Provider = provider;

    public string Provider { get; }

    public string? Name { get; init; }

    /// <summary>Overrides the host; plain http is refused except on loopback.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>A platform environment name, such as api.video's Sandbox.</summary>
    public string? Environment { get; init; }

    public string? Region { get; init; }

    public SecureString? ApiKey { get; init; }

    public SecureString? AccessToken { get; init; }

    /// <summary>A delegated upload token: the connection can upload and nothing else.</summary>
    public SecureString? UploadToken { get; init; }

    /// <summary>The public half of a key pair (a client id, an application token).</summary>
    public string? UserName { get; init; }

    /// <summary>The secret half of a key pair (a client secret, a private key).</summary>
    public SecureString? Secret { get; init; }

    /// <summary>OAuth scopes to ask for (client credentials) or to require of a given token, where the platform has scopes (ConnectScope).</summary>
    public IReadOnlyList<string>? Scope { get; init; }

    /// <summary>The code an authorization-code redirect returned, exchanged for a token with the client credentials.</summary>
    public SecureString? AuthorizationCode { get; init; }

    /// <summary>The redirect URI the authorization code was issued for; the exchange must repeat it.</summary>
    public Uri? RedirectUri { get; init; }

    public RetryOptions Retry { get; init; } = new();
}

namespace VideoPlatforms;

/// <summary>What step 1 of an OAuth authorization-code flow needs: the app, where to come back to, what to ask for.</summary>
public sealed class AuthorizationRequest
{
    public AuthorizationRequest(string clientId, Uri redirectUri)
    {
        ClientId = clientId;
        RedirectUri = redirectUri;
    }

    public string ClientId { get; }

    /// <summary>Where the platform sends the user back with <c>code</c> and <c>state</c>.</summary>
    public Uri RedirectUri { get; }

    public IReadOnlyList<string>? Scope { get; init; }

    /// <summary>Overrides the platform host (e.g. the Sandbox).</summary>
    public Uri? BaseUri { get; init; }

    public string? Environment { get; init; }
}

/// <summary>
/// The URL to open so a user grants access, and the random state that must come back with the code: comparing it
/// is what stops a forged redirect from slipping someone else's code in.
/// </summary>
public sealed class ProviderAuthorization
{
    public ProviderAuthorization(string provider, Uri url, string state, string clientId, Uri redirectUri, IReadOnlyList<string> scope)
    {
        Provider = provider;
        Url = url;
        State = state;
        ClientId = clientId;
        RedirectUri = redirectUri;
        Scope = scope.ToArray();
    }

    public string Provider { get; }

    public Uri Url { get; }

    public string State { get; }

    public string ClientId { get; }

    public Uri RedirectUri { get; }

    public string[] Scope { get; }

    public override string ToString() => Url.ToString();
}

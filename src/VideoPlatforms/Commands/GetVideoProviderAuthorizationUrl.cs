using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Gets the URL a user opens to let your app act for them (step 1 of the OAuth authorization-code flow).</para>
/// <para type="description">Open the Url in a browser; the platform sends the user back to -RedirectUri with code and state. Then run Connect-VideoProvider -ClientCredential ... -AuthorizationCode (code) -State (state) -RedirectUri (same URI). The session remembers the state, and Connect-VideoProvider refuses a state it did not issue.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "VideoProviderAuthorizationUrl")]
[OutputType(typeof(ProviderAuthorization))]
public sealed class GetVideoProviderAuthorizationUrlCommand : VideoCmdlet
{
    /// <summary><para type="description">The platform (Vimeo).</para></summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    [ValidateProvider]
    public string Provider { get; set; } = "";

    /// <summary><para type="description">Your app's client identifier.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string ClientId { get; set; } = "";

    /// <summary><para type="description">Where the platform sends the user back with the code; one of the callback URLs registered for the app.</para></summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    public Uri? RedirectUri { get; set; }

    /// <summary><para type="description">The scopes to ask for, e.g. public, private, upload, edit, delete. Default: public.</para></summary>
    [PSDefaultValue(Help = "public")]
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Scope { get; set; }

    /// <summary><para type="description">The platform environment, as for Connect-VideoProvider.</para></summary>
    [Parameter]
    [ArgumentCompleter(typeof(EnvironmentCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Environment { get; set; }

    /// <summary><para type="description">The API root to use instead of the platform's host (e.g. the Sandbox).</para></summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    protected override void EndProcessing()
    {
        ProviderAuthorization authorization;
        try
        {
            authorization = ProviderRegistry.Get(Provider).NewAuthorization(new AuthorizationRequest(ClientId, RedirectUri!)
            {
                Scope = Scope, BaseUri = BaseUri, Environment = Environment,
            });
        }
        catch (VideoProviderException ex)
        {
            Fail(ex, Provider);
            return;
        }
        AuthorizationStates.Current.Remember(authorization);
        WriteVerbose($"Open the Url; the redirect to {authorization.RedirectUri} carries code and state. This session will accept that state once.");
        WriteObject(authorization);
    }
}

/// <summary>
/// The authorization states this runspace issued and has not used yet. Per runspace, like connections: a state
/// only proves the redirect answers a request made here.
/// </summary>
internal sealed class AuthorizationStates
{
    private static readonly ConditionalWeakTable<Runspace, AuthorizationStates> PerRunspace = new();

    private readonly Dictionary<string, ProviderAuthorization> _pending = new(StringComparer.Ordinal);

    public static AuthorizationStates Current => PerRunspace.GetValue(
        Runspace.DefaultRunspace ?? throw new InvalidOperationException("VideoPlatforms cmdlets must run in a PowerShell runspace."),
        _ => new AuthorizationStates());

    public void Remember(ProviderAuthorization authorization)
    {
        lock (_pending) _pending[authorization.State] = authorization;
    }

    /// <summary>Takes the authorization a state belongs to (each state is good once); null if it was never issued here.</summary>
    public ProviderAuthorization? Take(string state)
    {
        lock (_pending) return _pending.Remove(state, out var found) ? found : null;
    }
}

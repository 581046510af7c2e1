using System.Management.Automation;
using System.Security;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Connects to a video platform account and makes it the session's default connection.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "VideoProvider", DefaultParameterSetName = ApiKeySet)]
[OutputType(typeof(VideoProviderConnection))]
public sealed class ConnectVideoProviderCommand : VideoCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string CredentialSet = "Credential";
    private const string UploadTokenSet = "UploadToken";
    private const string AccessTokenSet = "AccessToken";
    private const string ApplicationTokenSet = "ApplicationToken";

    /// <summary><para type="description">The platform: one of the names Get-VideoProvider -ListAvailable shows (ApiVideo, ...).</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    [ValidateProvider]
    public string Provider { get; set; } = "";

    /// <summary><para type="description">The platform's API key, as a SecureString (Read-Host -AsSecureString, or a SecretManagement vault).</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public SecureString? ApiKey { get; set; }

    /// <summary><para type="description">A key pair as a PSCredential: the user name is the public half (client id), the password the secret (client secret; for api.video the password is the API key and the user name is ignored).</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Alias("ClientCredential")]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    /// <summary><para type="description">With -ClientCredential: the code the authorization-code redirect brought back (Vimeo), as a SecureString. Needs -State and -RedirectUri.</para></summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    public SecureString? AuthorizationCode { get; set; }

    /// <summary><para type="description">With -AuthorizationCode: the state the redirect brought back. It must be one Get-VideoProviderAuthorizationUrl issued in this session.</para></summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNullOrEmpty]
    public string? State { get; set; }

    /// <summary><para type="description">With -AuthorizationCode: the redirect URI given to Get-VideoProviderAuthorizationUrl.</para></summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    public Uri? RedirectUri { get; set; }

    /// <summary><para type="description">OAuth scopes: asked for with -ClientCredential, required of the token with -AccessToken (Vimeo: public, private, upload, edit, delete, ...). Only Vimeo has scopes: other platforms refuse -Scope rather than ignore it.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.ConnectScope)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string[]? Scope { get; set; }

    /// <summary><para type="description">A delegated upload token, as a SecureString. The connection can upload (Send-Video) and nothing else.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = UploadTokenSet)]
    [ValidateNotNull]
    public SecureString? UploadToken { get; set; }

    /// <summary><para type="description">A ready-made access token (for example a Vimeo personal access token), as a SecureString.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public SecureString? AccessToken { get; set; }

    /// <summary><para type="description">The public application token of a platform that pairs it with a private key (Ziggeo). Its region prefix picks the host.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = ApplicationTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? ApplicationToken { get; set; }

    /// <summary><para type="description">The private key that goes with -ApplicationToken, as a SecureString.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = ApplicationTokenSet)]
    [ValidateNotNull]
    public SecureString? PrivateKey { get; set; }

    /// <summary><para type="description">The platform region where it has several (BigGo). Ziggeo takes its region from the application token.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.ConnectRegion)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string? Region { get; set; }

    /// <summary><para type="description">The platform environment to use, e.g. Sandbox for api.video's sandbox host. Defaults to Production.</para></summary>
    [PSDefaultValue(Help = "Production")]
    [Parameter]
    [ArgumentCompleter(typeof(EnvironmentCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Environment { get; set; }

    /// <summary><para type="description">The API root to use instead of the platform's host, e.g. the local Sandbox. Plain http is refused except to loopback addresses.</para></summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary><para type="description">The name the connection is known by in this session. Defaults to the provider's name; connecting again with the same name replaces the earlier connection.</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary><para type="description">How many times a request that failed for a passing reason (429, 5xx, network faults) is retried. 0 turns retries off. Default 5.</para></summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaximumRetryCount { get; set; } = 5;

    /// <summary><para type="description">The longest wait between retries, in seconds, whatever the server asks for. Default 60.</para></summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int MaximumRetryIntervalSec { get; set; } = 60;

    /// <summary><para type="description">The first backoff wait, in milliseconds, when the server does not say how long to wait; each later wait doubles it, with jitter, up to -MaximumRetryIntervalSec. Default 1000. Small values suit a local Sandbox rehearsal.</para></summary>
    [Parameter]
    [ValidateRange(0, 60000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary><para type="description">How long one request may take, in seconds, before it is abandoned as timed out. Default 100.</para></summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary><para type="description">Returns the connection. It becomes the session's default either way.</para></summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        CheckAuthorizationState();
        var request = new ConnectionRequest(Provider)
        {
            Name = Name,
            BaseUri = BaseUri,
            Environment = Environment,
            Region = Region,
            ApiKey = ApiKey,
            AccessToken = AccessToken,
            UploadToken = UploadToken,
            UserName = ApplicationToken ?? Credential?.UserName,
            Secret = PrivateKey ?? Credential?.Password,
            Scope = Scope,
            AuthorizationCode = AuthorizationCode,
            RedirectUri = RedirectUri,
            Retry = new RetryOptions
            {
                MaximumRetryCount = MaximumRetryCount,
                MaximumRetryDelay = TimeSpan.FromSeconds(MaximumRetryIntervalSec),
                BaseDelay = TimeSpan.FromMilliseconds(RetryBaseDelayMilliseconds),
                RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
            },
        };
        VideoProviderConnection connection;
        try
        {
            connection = Run(token => ProviderRegistry.ConnectAsync(request, token));
        }
        catch (VideoProviderException ex)
        {
            Fail(ex, Provider);
            return;
        }
        ConnectionStore.Current.Add(connection);
        WriteVerbose($"Connected to {connection.Provider} at {connection.BaseUri} as '{connection.Name}'; it is now the default connection.");
        if (PassThru) WriteObject(connection);
    }

    /// <summary>
    /// An authorization code is only accepted with a state this session issued (and not used yet) for the same
    /// redirect URI: a redirect carrying someone else's code cannot connect this session to their account.
    /// </summary>
    private void CheckAuthorizationState()
    {
        if (AuthorizationCode is null)
        {
            if (State is not null || RedirectUri is not null)
                Fail("AuthorizationCodeMissing", ErrorCategory.InvalidArgument,
                    "-State and -RedirectUri go with -AuthorizationCode (the code the authorization redirect brought back). Give the code too, or leave them out.", State ?? RedirectUri?.ToString());
            return;
        }
        if (string.IsNullOrEmpty(State))
            Fail("StateMissing", ErrorCategory.InvalidArgument,
                "-AuthorizationCode needs -State: the state value the redirect brought back, which this session checks against the one Get-VideoProviderAuthorizationUrl issued.", null);
        var issued = AuthorizationStates.Current.Take(State!);
        if (issued is null)
            ThrowTerminatingError(new ErrorRecord(new System.Security.SecurityException(
                    $"The state '{State}' was not issued by Get-VideoProviderAuthorizationUrl in this session, or was already used. The redirect may not answer your request; start again with Get-VideoProviderAuthorizationUrl."),
                "StateMismatch", ErrorCategory.SecurityError, State));
        if (RedirectUri is not null && issued!.RedirectUri != RedirectUri)
            Fail("RedirectUriMismatch", ErrorCategory.InvalidArgument,
                $"-RedirectUri '{RedirectUri}' is not the one the authorization URL was made with ('{issued.RedirectUri}'); the platform only exchanges the code with the same one.", RedirectUri);
    }
}

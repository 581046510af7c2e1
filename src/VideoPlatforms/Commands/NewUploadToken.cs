using System.Collections;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Creates a delegated upload token: whoever holds it can upload into the account without its key.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "UploadToken", SupportsShouldProcess = true)]
[OutputType(typeof(UploadToken))]
public sealed class NewUploadTokenCommand : ConnectedCmdlet
{
    /// <summary><para type="description">How long the token stays valid: a TimeSpan ('01:00:00') or a number of seconds. Default: it never expires.</para></summary>
    [PSDefaultValue(Help = "Never expires")]
    [Parameter(Position = 0)]
    [SecondsToTimeSpan]
    [DependsOnPlatform(PlatformOption.TokenTimeToLive)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public TimeSpan? TimeToLive { get; set; }

    /// <summary><para type="description">What the token allows, as the platform's grant object (Ziggeo): @{ create = @{ session_owned = $true } } (the default), read, update, destroy. api.video tokens have no grants.</para></summary>
    [Parameter]
    [ValidateNotNull]
    [DependsOnPlatform(PlatformOption.TokenGrant)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public Hashtable? Grant { get; set; }

    /// <summary><para type="description">How many sessions may use the token (Ziggeo). Default: no limit.</para></summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [DependsOnPlatform(PlatformOption.TokenSessionLimit)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public int? SessionLimit { get; set; }

    /// <summary><para type="description">How long the token stays usable after its first use (Ziggeo): a TimeSpan or a number of seconds. Default: no limit.</para></summary>
    [Parameter]
    [SecondsToTimeSpan]
    [DependsOnPlatform(PlatformOption.TokenUsageTime)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public TimeSpan? UsageTime { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        if (TimeToLive is { } ttl && ttl < TimeSpan.Zero)
            Fail("TimeToLiveNegative", ErrorCategory.InvalidArgument, $"-TimeToLive {ttl} is negative. Give a positive duration, or leave it out for a token that never expires.", ttl);
        var lifetime = TimeToLive is { } t && t > TimeSpan.Zero ? $"valid for {t}" : "that never expires";
        if (!ShouldProcess($"{connection.Provider} ({connection.Name})", $"Create an upload token {lifetime}")) return;
        try
        {
            WriteObject(Run(token => connection.Client.NewUploadTokenAsync(new UploadTokenRequest
            {
                TimeToLive = TimeToLive, Grants = Grant is null ? null : Plain(Grant), SessionLimit = SessionLimit, UsageTime = UsageTime,
            }, token)));
        }
        catch (VideoProviderException ex)
        {
            WriteFailure(ex, connection);
        }
    }

    /// <summary>The hashtable with PowerShell's wrappers removed, so the Engine sees plain dictionaries, lists and values.</summary>
    private static IDictionary Plain(IDictionary table)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in table) result[entry.Key.ToString()!] = PlainValue(entry.Value);
        return result;
    }

    private static object? PlainValue(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        IDictionary nested => Plain(nested),
        string text => text,
        IEnumerable list => list.Cast<object?>().Select(PlainValue).ToArray(),
        var other => other,
    };
}

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
    [Parameter(Position = 0)]
    [SecondsToTimeSpan]
    public TimeSpan? TimeToLive { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        if (TimeToLive is { } ttl && ttl < TimeSpan.Zero)
            Fail("TimeToLiveNegative", ErrorCategory.InvalidArgument, $"-TimeToLive {ttl} is negative. Give a positive duration, or leave it out for a token that never expires.", ttl);
        var lifetime = TimeToLive is { } t && t > TimeSpan.Zero ? $"valid for {t}" : "that never expires";
        if (!ShouldProcess($"{connection.Provider} ({connection.Name})", $"Create an upload token {lifetime}")) return;
        try
        {
            WriteObject(Run(token => connection.Client.NewUploadTokenAsync(new UploadTokenRequest { TimeToLive = TimeToLive }, token)));
        }
        catch (VideoProviderException ex)
        {
            WriteFailure(ex, connection);
        }
    }
}

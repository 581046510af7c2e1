using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Lists this session's connections, or with -ListAvailable the platforms the module speaks to.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "VideoProvider", DefaultParameterSetName = ConnectedSet)]
[OutputType(typeof(VideoProviderConnection), ParameterSetName = new[] { ConnectedSet })]
[OutputType(typeof(ProviderDescriptor), ParameterSetName = new[] { AvailableSet })]
public sealed class GetVideoProviderCommand : VideoCmdlet
{
    private const string ConnectedSet = "Connected";
    private const string AvailableSet = "ListAvailable";

    /// <summary><para type="description">Connection names to return; wildcards are allowed. Default: all.</para></summary>
    [Parameter(Position = 0, ParameterSetName = ConnectedSet)]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <summary><para type="description">Returns only the session's default connection: the one cmdlets use without -Connection.</para></summary>
    [Parameter(ParameterSetName = ConnectedSet)]
    public SwitchParameter Default { get; set; }

    /// <summary><para type="description">Lists the platforms the module can connect to, with their environments.</para></summary>
    [Parameter(Mandatory = true, ParameterSetName = AvailableSet)]
    public SwitchParameter ListAvailable { get; set; }

    protected override void EndProcessing()
    {
        if (ListAvailable)
        {
            WriteObject(ProviderRegistry.All, enumerateCollection: true);
            return;
        }
        var store = ConnectionStore.Current;
        if (Default)
        {
            if (store.Default is { } connection) WriteObject(connection);
            return;
        }
        var connections = store.All;
        if (Name is null)
        {
            WriteObject(connections, enumerateCollection: true);
            return;
        }
        WriteObject(store.Match(Name, WriteConnectionNotFound), enumerateCollection: true);
    }
}

using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Closes connections and forgets their credentials. Without parameters, closes the default connection.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "VideoProvider", DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class DisconnectVideoProviderCommand : VideoCmdlet
{
    private const string NameSet = "Name";
    private const string ConnectionSet = "Connection";

    /// <summary><para type="description">Names of the connections to close; wildcards are allowed.</para></summary>
    [Parameter(Position = 0, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <summary><para type="description">The connections to close, e.g. from Get-VideoProvider.</para></summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ConnectionSet)]
    public VideoProviderConnection[]? Connection { get; set; }

    protected override void ProcessRecord()
    {
        var store = ConnectionStore.Current;
        if (ParameterSetName == ConnectionSet)
        {
            foreach (var connection in Connection!) Close(store, connection);
            return;
        }
        if (Name is null)
        {
            if (store.Default is { } current) Close(store, current);
            else WriteWarning("No video provider is connected in this session; there was nothing to disconnect.");
            return;
        }
        foreach (var match in store.Match(Name, WriteConnectionNotFound)) Close(store, match);
    }

    private void Close(ConnectionStore store, VideoProviderConnection connection)
    {
        store.Remove(connection);
        WriteVerbose($"Disconnected '{connection.Name}' ({connection.Provider}).");
    }
}

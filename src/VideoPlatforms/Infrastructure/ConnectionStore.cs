using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace VideoPlatforms.Commands;

/// <summary>
/// The connections of one runspace and which is the default. Kept per runspace, never in a process-wide static,
/// so ForEach-Object -Parallel and thread jobs each have their own and never see or change another's.
/// </summary>
internal sealed class ConnectionStore
{
    private static readonly ConditionalWeakTable<Runspace, ConnectionStore> PerRunspace = new();

    // Only the runspace's own pipeline thread uses a store, but a lock costs nothing and survives misuse.
    private readonly object _gate = new();
    private readonly List<VideoProviderConnection> _connections = new();
    private VideoProviderConnection? _default;

    /// <summary>The store of the runspace running the current pipeline.</summary>
    public static ConnectionStore Current => PerRunspace.GetValue(
        Runspace.DefaultRunspace ?? throw new InvalidOperationException("VideoPlatforms cmdlets must run in a PowerShell runspace."),
        _ => new ConnectionStore());

    public VideoProviderConnection? Default
    {
        get { lock (_gate) return _default; }
    }

    /// <summary>A copy, so that piping Get-VideoProvider into Disconnect-VideoProvider does not change what is being enumerated.</summary>
    public IReadOnlyList<VideoProviderConnection> All
    {
        get { lock (_gate) return _connections.ToArray(); }
    }

    /// <summary>Adds the connection as the new default; one of the same name is replaced and closed.</summary>
    public void Add(VideoProviderConnection connection)
    {
        VideoProviderConnection? replaced;
        lock (_gate)
        {
            replaced = _connections.FirstOrDefault(c => string.Equals(c.Name, connection.Name, StringComparison.OrdinalIgnoreCase));
            if (replaced is not null) _connections.Remove(replaced);
            _connections.Add(connection);
            _default = connection;
        }
        replaced?.Dispose();
    }

    /// <summary>Removes and closes the connection; the most recent remaining one becomes the default.</summary>
    public bool Remove(VideoProviderConnection connection)
    {
        bool removed;
        lock (_gate)
        {
            removed = _connections.Remove(connection);
            if (ReferenceEquals(_default, connection)) _default = _connections.LastOrDefault();
        }
        connection.Dispose();
        return removed;
    }
}

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

    /// <summary>
    /// The connections whose names match any of <paramref name="names"/> (wildcards allowed, in order, no repeats).
    /// A plain name that matches nothing is passed to <paramref name="notFound"/>.
    /// </summary>
    public IReadOnlyList<VideoProviderConnection> Match(IEnumerable<string> names, Action<string> notFound)
    {
        var all = All;
        var result = new List<VideoProviderConnection>();
        foreach (var name in names)
        {
            var pattern = System.Management.Automation.WildcardPattern.Get(name, System.Management.Automation.WildcardOptions.IgnoreCase);
            var matches = all.Where(c => pattern.IsMatch(c.Name)).ToList();
            if (matches.Count == 0 && !System.Management.Automation.WildcardPattern.ContainsWildcardCharacters(name)) notFound(name);
            result.AddRange(matches.Where(m => !result.Contains(m)));
        }
        return result;
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

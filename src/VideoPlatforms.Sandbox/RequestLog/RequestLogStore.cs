namespace VideoPlatforms.Sandbox.RequestLog;

/// <summary>
/// Every platform request, in arrival order. Bounded so a long benchmark cannot grow it without limit; the oldest
/// entries go first.
/// </summary>
public sealed class RequestLogStore
{
    /// <summary>Entries kept at most.</summary>
    public const int Capacity = 100_000;

    private readonly object _sync = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _nextId;

    /// <summary>Raised after each entry is added, on the request's thread (Program.cs prints them).</summary>
    public event Action<RequestLogEntry>? EntryAdded;

    /// <summary>Entries in arrival order, optionally only one platform's.</summary>
    public IReadOnlyList<RequestLogEntry> List(string? platform = null)
    {
        lock (_sync)
        {
            return platform is null
                ? [.. _entries]
                : [.. _entries.Where(e => string.Equals(e.Platform, platform, StringComparison.OrdinalIgnoreCase))];
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _entries.Clear();
        }
    }

    internal long NextId() => Interlocked.Increment(ref _nextId);

    internal void Add(RequestLogEntry entry)
    {
        lock (_sync)
        {
            // Entries are added when requests finish, so keep them ordered by arrival (id) for readers.
            var node = _entries.Last;
            while (node is not null && node.Value.Id > entry.Id)
            {
                node = node.Previous;
            }

            if (node is null)
            {
                _entries.AddFirst(entry);
            }
            else
            {
                _entries.AddAfter(node, entry);
            }

            while (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }
        }

        EntryAdded?.Invoke(entry);
    }
}

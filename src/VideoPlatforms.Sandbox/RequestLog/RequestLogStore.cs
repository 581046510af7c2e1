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

    /// <summary>Requests whose answer has begun going out (or whose connection was closed) and whose entry is not written yet.</summary>
    private readonly HashSet<long> _answering = new();

    /// <summary>How long a reader waits at most for the entries of requests already answered.</summary>
    private static readonly TimeSpan AnsweredWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Entries in arrival order, optionally only one platform's. Requests already answered have their entries here:
    /// the read waits (2 s at most) for those still being written (RequestLog/AnsweringRequests.cs), so a client that
    /// got an answer, or saw its connection closed, then reads the log finds that request in it.
    /// </summary>
    public IReadOnlyList<RequestLogEntry> List(string? platform = null)
    {
        lock (_sync)
        {
            var until = DateTime.UtcNow + AnsweredWait;
            while (_answering.Count > 0 && DateTime.UtcNow < until)
                Monitor.Wait(_sync, until - DateTime.UtcNow);
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
            _answering.Clear();
            Monitor.PulseAll(_sync);
        }
    }

    internal long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>The request's answer is going out: its entry follows when the request ends.</summary>
    /// <remarks>
    /// A response with nothing written by the endpoint starts only after the request's middleware has returned, so
    /// after its entry is written: such an answer is not waited for.
    /// </remarks>
    internal void Answering(RequestLogTicket ticket)
    {
        lock (_sync)
        {
            if (!ticket.Logged) _answering.Add(ticket.Id);
        }
    }

    internal void Add(RequestLogEntry entry, RequestLogTicket? ticket = null)
    {
        lock (_sync)
        {
            if (ticket is not null) ticket.Logged = true;
            if (_answering.Remove(entry.Id)) Monitor.PulseAll(_sync);
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

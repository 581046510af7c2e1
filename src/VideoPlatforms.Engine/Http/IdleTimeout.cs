namespace VideoPlatforms.Http;

/// <summary>
/// A timeout that restarts whenever the transfer makes progress. A body of hundreds of megabytes on a slow link
/// must not be cut off by a deadline meant for small API calls, yet a transfer that stops moving must not hang:
/// so an upload request is abandoned only after the connection's RequestTimeout passes with no byte read into it,
/// or, once all of it is sent, with no answer.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _outer;

    public IdleTimeout(TimeSpan limit, CancellationToken outer)
    {
        Limit = limit;
        _outer = outer;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _source.CancelAfter(limit);
    }

    public TimeSpan Limit { get; }

    /// <summary>Cancelled by the caller's token, or when <see cref="Limit"/> passes without <see cref="Touch"/>.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>True when the stall, not the caller, cancelled <see cref="Token"/>.</summary>
    public bool Fired => _source.IsCancellationRequested && !_outer.IsCancellationRequested;

    /// <summary>Progress: the clock starts again.</summary>
    public void Touch()
    {
        try
        {
            if (!_source.IsCancellationRequested) _source.CancelAfter(Limit);
        }
        catch (ObjectDisposedException)
        {
            // A late progress report after the request ended: nothing to time any more.
        }
    }

    public void Dispose() => _source.Dispose();
}

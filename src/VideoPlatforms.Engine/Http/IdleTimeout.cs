namespace VideoPlatforms.Http;

/// <summary>
/// A timeout that restarts whenever the transfer makes progress. A body of hundreds of megabytes on a slow link
/// must not be cut off by a deadline meant for small API calls, yet a transfer that stops moving must not hang:
/// so an upload request is abandoned only after the connection's RequestTimeout passes with no byte read into it,
/// or, once all of it is sent, with no answer.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly CancellationTokenSource _clock;
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _outer;

    /// <param name="limit">How long the transfer may stand still.</param>
    /// <param name="outer">The caller's cancellation (Ctrl+C), which also cancels <see cref="Token"/>.</param>
    /// <param name="time">The clock (tests pass one they can advance); the system clock by default.</param>
    public IdleTimeout(TimeSpan limit, CancellationToken outer, TimeProvider? time = null)
    {
        Limit = limit;
        _outer = outer;
        _clock = new CancellationTokenSource(limit, time ?? TimeProvider.System);
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer, _clock.Token);
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
            if (!_clock.IsCancellationRequested) _clock.CancelAfter(Limit);
        }
        catch (ObjectDisposedException)
        {
            // A late progress report after the request ended: nothing to time any more.
        }
    }

    public void Dispose()
    {
        _source.Dispose();
        _clock.Dispose();
    }
}

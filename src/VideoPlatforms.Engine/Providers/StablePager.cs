using System.Runtime.CompilerServices;

namespace VideoPlatforms.Providers;

/// <summary>One request's worth of a listing: the items from the requested offset, the platform's total, and whether more follow.</summary>
internal readonly record struct PageSlice<T>(IReadOnlyList<T> Items, long? Total, bool More);

/// <summary>
/// Walks a listing by offset so that it stays complete while the caller deletes what it has been given:
/// <c>Get-Video | Remove-Video</c> deletes page 1 while page 2 is still to come, and on a page-numbered API every
/// later video then moves up a page. A plain page counter would skip a page's worth; this pager sees the total
/// drop, steps back by the drop, and never hands out an id twice, so it neither skips nor repeats.
/// </summary>
/// <remarks>
/// Deletions are assumed to be of items already handed out (the pipeline case); if others disappear instead, the
/// step back only re-reads items, which the id check drops. Items added meanwhile (sorted oldest first) land at the
/// end and are picked up. The total a fetch reports must be measured no earlier than its items (in the same answer,
/// or asked after it): a total older than the page can miss a delete that shifted the page.
/// </remarks>
internal static class StablePager
{
    /// <param name="fetch">Reads the listing from an offset.</param>
    /// <param name="idOf">The identity that keeps an item from being handed out twice.</param>
    /// <param name="skip">Where to start.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <param name="readAheadPageSize">
    /// For page-numbered listings whose total comes in the same answer as the items: the page size, which lets the
    /// pager ask for the following page while it waits for this one (see <see cref="ReadAhead{T}"/>). Null: one
    /// request at a time.
    /// </param>
    public static async IAsyncEnumerable<Page<T>> ListAsync<T>(
        Func<long, CancellationToken, Task<PageSlice<T>>> fetch, Func<T, string> idOf, long skip,
        [EnumeratorCancellation] CancellationToken cancellationToken, int? readAheadPageSize = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var offset = skip;
        long? lastTotal = null;
        using var ahead = new ReadAhead<T>(fetch, cancellationToken);
        // The walk over the pages, not a retry: each fetch is a call whose own retries run in the connection's
        // pipeline (Http/Resilience.cs); re-reading after a shrink asks for different items, not the same call again.
        while (true)
        {
            var current = ahead.Take(offset) ?? fetch(offset, cancellationToken);
            if (readAheadPageSize is { } size && lastTotal is { } known && (offset / size + 1) * size is var next && next < known)
                ahead.Start(next);
            var slice = await current.ConfigureAwait(false);
            if (lastTotal is { } before && slice.Total is { } now && now < before && offset > 0)
            {
                // Items behind the cursor were deleted: the unseen ones moved up by as many places.
                offset = Math.Max(0, offset - (before - now));
                lastTotal = now;
                OperationLog.Verbose($"The listing shrank by {before - now} while it was read; reading again from position {offset} so nothing is skipped.");
                continue;
            }
            lastTotal = slice.Total;
            var fresh = slice.Items.Where(item => seen.Add(idOf(item))).ToList();
            if (fresh.Count > 0 || !slice.More) yield return new Page<T>(fresh, slice.Total);
            offset += slice.Items.Count;
            if (!slice.More || slice.Items.Count == 0) yield break;
        }
    }

    /// <summary>
    /// The one page read ahead of the pager. With it, two requests are in flight: the page the pipeline is about to
    /// need and the one after, so a listing runs at about one round trip per page even when the client's own work
    /// per page (JSON, mapping) is not small next to the latency. The guess is checked, not trusted: the page is used
    /// only if the pager asks for exactly that offset next, and it goes through the same shrink check as any other,
    /// which is sound because its total came in the same answer as its items. A guess that turns out wrong (the
    /// listing shrank, a short page) is cancelled and its outcome ignored.
    /// </summary>
    private sealed class ReadAhead<T> : IDisposable
    {
        private readonly Func<long, CancellationToken, Task<PageSlice<T>>> _fetch;
        private readonly CancellationToken _listing;
        private (Task<PageSlice<T>> Task, long Offset, CancellationTokenSource Cancel)? _guess;

        public ReadAhead(Func<long, CancellationToken, Task<PageSlice<T>>> fetch, CancellationToken listing)
        {
            _fetch = fetch;
            _listing = listing;
        }

        public void Start(long offset)
        {
            Abandon();
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(_listing);
            var task = _fetch(offset, cancel.Token);
            // The source outlives the request by a moment only; nothing else holds its token.
            task.ContinueWith(_ => cancel.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _guess = (task, offset, cancel);
        }

        /// <summary>The page read ahead, if it is the one at <paramref name="offset"/>; otherwise cancels it.</summary>
        public Task<PageSlice<T>>? Take(long offset)
        {
            if (_guess is { } guess && guess.Offset == offset)
            {
                _guess = null;
                return guess.Task;
            }
            Abandon();
            return null;
        }

        private void Abandon()
        {
            if (_guess is not { } guess) return;
            _guess = null;
            try
            {
                if (!guess.Task.IsCompleted) guess.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished in the meantime: nothing to cancel.
            }
            // Nobody awaits an abandoned guess: observe its failure so it is not reported as unobserved.
            guess.Task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        /// <summary>The listing ended or the caller stopped early (-First): cancel the guess rather than wait for it.</summary>
        public void Dispose() => Abandon();
    }
}

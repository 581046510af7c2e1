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
    public static async IAsyncEnumerable<Page<T>> ListAsync<T>(
        Func<long, CancellationToken, Task<PageSlice<T>>> fetch, Func<T, string> idOf, long skip,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var offset = skip;
        long? lastTotal = null;
        while (true)
        {
            var slice = await fetch(offset, cancellationToken).ConfigureAwait(false);
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
}

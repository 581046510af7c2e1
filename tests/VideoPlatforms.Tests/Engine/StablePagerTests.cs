using VideoPlatforms.Providers;

namespace VideoPlatforms.Tests.Engine;

/// <summary>
/// The pager against an in-memory page-numbered listing whose total comes with each page, as api.video's, Vimeo's
/// and BigGo's do: complete and without repeats, with the next page read ahead, and while the caller deletes.
/// </summary>
public sealed class StablePagerTests
{
    private const int PageSize = 10;

    /// <summary>A page-numbered listing over a shared list, counting the requests in flight at once.</summary>
    private sealed class Listing
    {
        private readonly object _gate = new();
        private int _inFlight;

        public Listing(int count) => Items = Enumerable.Range(0, count).Select(i => $"v{i:D4}").ToList();

        public List<string> Items { get; }

        public int MostInFlight { get; private set; }

        public int Requests { get; private set; }

        public void Delete(string id)
        {
            lock (_gate) Items.Remove(id);
        }

        public async Task<PageSlice<string>> FetchAsync(long offset, CancellationToken token)
        {
            lock (_gate) { Requests++; MostInFlight = Math.Max(MostInFlight, ++_inFlight); }
            try
            {
                await Task.Delay(5, token);
                lock (_gate)
                {
                    var page = offset / PageSize;
                    var data = Items.Skip((int)(page * PageSize)).Take(PageSize).ToList();
                    var items = data.Skip((int)(offset % PageSize)).ToList();
                    return new PageSlice<string>(items, Items.Count, data.Count > 0 && (page + 1) * PageSize < Items.Count);
                }
            }
            finally
            {
                lock (_gate) _inFlight--;
            }
        }
    }

    private static async Task<List<string>> ReadAll(Listing listing, long skip = 0, Action<string>? onItem = null)
    {
        var seen = new List<string>();
        await foreach (var page in StablePager.ListAsync(listing.FetchAsync, id => id, skip, CancellationToken.None, readAheadPageSize: PageSize))
        {
            foreach (var id in page.Items)
            {
                seen.Add(id);
                onItem?.Invoke(id);
            }
        }
        return seen;
    }

    [Fact]
    public async Task Reads_every_item_once_with_the_next_page_already_asked_for()
    {
        var listing = new Listing(95);
        var seen = await ReadAll(listing);
        Assert.Equal(listing.Items, seen);
        Assert.Equal(2, listing.MostInFlight);
        // Ten pages; the guess is never made past the known total, so no request is wasted.
        Assert.Equal(10, listing.Requests);
    }

    [Fact]
    public async Task A_skip_that_is_not_a_page_boundary_still_reads_ahead_on_the_right_page()
    {
        var listing = new Listing(57);
        Assert.Equal(listing.Items.Skip(13), await ReadAll(listing, skip: 13));
        Assert.Equal(5, listing.Requests);
    }

    [Fact]
    public async Task Deleting_what_was_handed_out_while_reading_ahead_skips_and_repeats_nothing()
    {
        var listing = new Listing(230);
        var all = listing.Items.ToList();
        var seen = await ReadAll(listing, onItem: listing.Delete);
        Assert.Equal(all, seen);
        Assert.Empty(listing.Items);
    }

    [Fact]
    public async Task Stopping_early_cancels_the_page_read_ahead()
    {
        var listing = new Listing(1000);
        await foreach (var page in StablePager.ListAsync(listing.FetchAsync, id => id, 0, CancellationToken.None, readAheadPageSize: PageSize))
        {
            if (page.Items.Contains("v0015")) break;
        }
        // Page 1 alone, then page 2 with page 3 ahead: nothing further is asked once the caller stops.
        await Task.Delay(50);
        Assert.Equal(3, listing.Requests);
    }
}

namespace VideoPlatforms.Upload;

/// <summary>One contiguous byte range of a file, inclusive of <see cref="Last"/> as HTTP ranges are.</summary>
internal readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public override string ToString() => $"{First}-{Last}";
}

/// <summary>Splits a file into chunks and, after a fault, works out what is still missing from what the server has.</summary>
internal static class ChunkPlan
{
    public static IReadOnlyList<ByteRange> Split(long fileSize, long chunkSize)
    {
        var chunks = new List<ByteRange>((int)Math.Min(int.MaxValue, (fileSize + chunkSize - 1) / chunkSize));
        for (long first = 0; first < fileSize; first += chunkSize)
            chunks.Add(new ByteRange(first, Math.Min(first + chunkSize, fileSize) - 1));
        return chunks;
    }

    /// <summary>
    /// The chunks for <paramref name="concurrency"/> at once, each at most <paramref name="chunkSize"/> and, but for
    /// the file's last, at least <paramref name="minimumChunk"/>.
    /// </summary>
    /// <remarks>
    /// Chunks that start together over one link share it evenly and so finish together; each worker then waits a round
    /// trip for its answer and its next chunk's first bytes, and for that round trip the link carries nothing, once per
    /// chunk. And the file's last chunk, started after all others, ends alone on the link at one connection's rate.
    /// So the first chunks ramp up (1/n, 2/n, ... of a chunk), which sets the workers a fraction of a chunk apart and
    /// their waits fall while the others send, and the last ones ramp down the same way, so they end together. The
    /// middle is cut evenly. Where a ramp step would be under the platform's minimum, or the file too small for both
    /// ramps, the plain cut (<see cref="Split"/>) is used.
    /// </remarks>
    public static IReadOnlyList<ByteRange> Staggered(long fileSize, long chunkSize, int concurrency, long minimumChunk)
    {
        var step = chunkSize / Math.Max(concurrency, 1);
        var ramp = step * concurrency * (concurrency - 1) / 2;
        if (concurrency <= 1 || step < Math.Max(minimumChunk, 1) || fileSize < 2 * ramp + chunkSize) return Split(fileSize, chunkSize);

        var sizes = new List<long>();
        for (var k = 1; k < concurrency; k++) sizes.Add(step * k);
        var middle = fileSize - 2 * ramp;
        var count = (middle + chunkSize - 1) / chunkSize;
        for (var i = 0; i < count; i++) sizes.Add(middle / count + (i < middle % count ? 1 : 0));
        for (var k = concurrency - 1; k >= 1; k--) sizes.Add(step * k);

        var chunks = new List<ByteRange>(sizes.Count);
        long first = 0;
        foreach (var size in sizes)
        {
            chunks.Add(new ByteRange(first, first + size - 1));
            first += size;
        }
        return chunks;
    }

    /// <summary>The ranges of [0, fileSize) not covered by <paramref name="received"/>, each cut to at most chunkSize.</summary>
    public static IReadOnlyList<ByteRange> Missing(long fileSize, long chunkSize, IEnumerable<ByteRange> received)
    {
        var result = new List<ByteRange>();
        long next = 0;
        foreach (var range in received.OrderBy(r => r.First))
        {
            if (range.First > next) AddCut(result, next, range.First - 1, chunkSize);
            next = Math.Max(next, range.Last + 1);
        }
        if (next < fileSize) AddCut(result, next, fileSize - 1, chunkSize);
        return result;
    }

    /// <summary>The parts of <paramref name="chunk"/> not covered by <paramref name="received"/> (after a fault, what of one chunk to send again).</summary>
    public static IReadOnlyList<ByteRange> MissingWithin(ByteRange chunk, IEnumerable<ByteRange> received)
    {
        var result = new List<ByteRange>();
        var next = chunk.First;
        foreach (var range in received.OrderBy(r => r.First))
        {
            if (range.Last < next) continue;
            if (range.First > chunk.Last) break;
            if (range.First > next) result.Add(new ByteRange(next, range.First - 1));
            next = Math.Max(next, range.Last + 1);
            if (next > chunk.Last) break;
        }
        if (next <= chunk.Last) result.Add(new ByteRange(next, chunk.Last));
        return result;
    }

    private static void AddCut(List<ByteRange> into, long first, long last, long chunkSize)
    {
        for (var start = first; start <= last; start += chunkSize)
            into.Add(new ByteRange(start, Math.Min(start + chunkSize - 1, last)));
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.##} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} B",
    };
}

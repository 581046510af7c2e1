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

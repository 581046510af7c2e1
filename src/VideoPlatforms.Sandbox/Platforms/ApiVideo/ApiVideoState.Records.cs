namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>An api.video account: one API key, its own videos and upload tokens.</summary>
internal sealed record ApiVideoAccount(int Number, string ApiKey);

internal sealed record MetadataEntry(string Key, string Value);

/// <summary>A video container. Mutable; only touched under <see cref="ApiVideoState"/>'s lock.</summary>
internal sealed class VideoRecord
{
    public required string VideoId { get; init; }
    public required int Account { get; init; }

    /// <summary>Creation order: the tie-breaker that keeps listings stable when timestamps are equal.</summary>
    public required long Sequence { get; init; }

    public required string Title { get; set; }
    public string Description { get; set; } = string.Empty;
    public bool Public { get; set; } = true;
    public bool Panoramic { get; set; }
    public bool Mp4Support { get; set; } = true;
    public string? PlayerId { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<MetadataEntry> Metadata { get; set; } = [];
    public string? Language { get; set; }
    public string? LanguageOrigin { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public SourceUpload Upload { get; } = new();

    /// <summary>The upload token that created the video, when it came from POST /upload.</summary>
    public string? UploadToken { get; init; }

    public string? ThumbnailPath { get; set; }
    public string? ThumbnailTimecode { get; set; }

    /// <summary>Set by the admin endpoint fail-processing: every quality reports "failed" and the video never plays.</summary>
    public bool EncodingFailed { get; set; }
}

internal enum UploadMode
{
    None,
    Whole,
    Bytes,
    Parts,
}

/// <summary>An accepted chunk: its file and where it sits in the source.</summary>
internal sealed record StoredChunk(string? Path, long Length, long From, long Part);

/// <summary>The source of a video as it arrives. Mutable; only touched under the state's lock.</summary>
internal sealed class SourceUpload
{
    public UploadMode Mode { get; set; }
    public long? TotalBytes { get; set; }

    /// <summary>Number of parts once known ("part n/N" with a number), else null.</summary>
    public long? TotalParts { get; set; }

    public SortedList<long, StoredChunk> ByteChunks { get; } = [];
    public SortedList<long, StoredChunk> Parts { get; } = [];
    public StoredChunk? Whole { get; set; }

    /// <summary>All bytes are in and the hash is being computed; later chunks are refused as if complete.</summary>
    public bool Finalizing { get; set; }

    public bool Complete { get; set; }
    public long Size { get; set; }
    public string? Sha256 { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Seeded videos have no file: their source is the shared seed content.</summary>
    public bool Seeded { get; set; }

    public bool Started => Mode != UploadMode.None;

    public int ChunkCount => Whole is not null ? 1 : ByteChunks.Count + Parts.Count;

    public long ReceivedBytes => Whole?.Length ?? ByteChunks.Values.Sum(c => c.Length) + Parts.Values.Sum(c => c.Length);

    /// <summary>Chunks in source order, whatever order they arrived in.</summary>
    public IEnumerable<StoredChunk> OrderedChunks =>
        Whole is not null ? [Whole] : Mode == UploadMode.Bytes ? ByteChunks.Values : Parts.Values;

    public IEnumerable<string> Paths => OrderedChunks.Select(c => c.Path).OfType<string>();

    /// <summary>Hashes the source in order as its chunks arrive (see <see cref="Storage.OrderedHasher"/>).</summary>
    public Storage.OrderedHasher Hasher { get; } = new();

    /// <summary>The chunk files from the start of the source with no gap, in order: what can be hashed before the rest arrives.</summary>
    public List<string> ContiguousPaths()
    {
        var result = new List<string>();
        if (Whole is not null)
        {
            return Paths.ToList();
        }

        var next = Mode == UploadMode.Bytes ? 0L : 1L;
        foreach (var chunk in Mode == UploadMode.Bytes ? ByteChunks.Values : Parts.Values)
        {
            if ((Mode == UploadMode.Bytes ? chunk.From : chunk.Part) != next)
            {
                break;
            }

            next += Mode == UploadMode.Bytes ? chunk.Length : 1;
            if (chunk.Path is not null)
            {
                result.Add(chunk.Path);
            }
        }

        return result;
    }

    /// <summary>Received byte ranges, adjacent chunks merged, as api.video's status reports them.</summary>
    public List<(long From, long To, long Total)> MergedByteRanges()
    {
        var result = new List<(long From, long To, long Total)>();
        if (Complete)
        {
            result.Add((0, Size - 1, Size));
            return result;
        }

        if (Mode != UploadMode.Bytes)
        {
            return result;
        }

        var total = TotalBytes ?? 0;
        foreach (var chunk in ByteChunks.Values)
        {
            var to = chunk.From + chunk.Length - 1;
            if (result.Count > 0 && result[^1].To + 1 == chunk.From)
            {
                result[^1] = (result[^1].From, to, total);
            }
            else
            {
                result.Add((chunk.From, to, total));
            }
        }

        return result;
    }
}

internal sealed record AccessTokenRecord(int Account, DateTimeOffset ExpiresAt);

internal sealed record UploadTokenRecord(string Token, int Account, long Ttl, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, long Sequence);

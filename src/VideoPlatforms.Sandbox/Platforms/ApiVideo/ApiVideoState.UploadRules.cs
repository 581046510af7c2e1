namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// api.video's rules for attaching a source to a video, whole or in Content-Range chunks. <see cref="Check"/> runs
/// twice: before the body is read (to fail fast) and again under the lock at commit (another chunk may have
/// landed meanwhile).
/// </summary>
internal static class SourceUploadRules
{
    public const long MaxRequestBytes = 200L * 1024 * 1024;
    public const long MinChunkBytes = 5L * 1024 * 1024;
    public const long MaxTotalBytes = 52_428_800_000;
    public const int MaxParts = 10_000;

    /// <summary>Checks that need only the header and the current upload state.</summary>
    public static ApiVideoError? Check(SourceUpload upload, ContentRange? range)
    {
        if (upload.Complete || upload.Finalizing)
        {
            return ApiVideoErrors.SourceAlreadyUploaded();
        }

        switch (range)
        {
            case null:
                return upload.Started ? ApiVideoErrors.RangeAlreadyInitiated() : null;

            case ContentRange.Bytes bytes:
                if (bytes.Total == 0)
                {
                    return ApiVideoErrors.BytesTotalZero();
                }

                if (bytes.Total > MaxTotalBytes)
                {
                    return ApiVideoErrors.BytesTotalTooHigh(MaxTotalBytes);
                }

                if (bytes.From > bytes.To)
                {
                    return ApiVideoErrors.BytesFromTooHigh();
                }

                if (bytes.To >= bytes.Total)
                {
                    return ApiVideoErrors.BytesToTooHighTotal();
                }

                if (bytes.Length > MaxRequestBytes)
                {
                    return ApiVideoErrors.BytesRangeTooLarge(MaxRequestBytes);
                }

                if (bytes.Length < MinChunkBytes && bytes.To != bytes.Total - 1)
                {
                    return ApiVideoErrors.BytesRangeTooSmall(MinChunkBytes);
                }

                if (upload.Mode == UploadMode.Parts)
                {
                    return ApiVideoErrors.RangeStartedWithPart();
                }

                if (upload.Mode == UploadMode.Bytes)
                {
                    if (upload.TotalBytes != bytes.Total)
                    {
                        return ApiVideoErrors.BytesDifferentTotal(upload.TotalBytes ?? 0);
                    }

                    if (Overlaps(upload, bytes))
                    {
                        return ApiVideoErrors.BytesRangeOverlap();
                    }
                }

                return null;

            case ContentRange.Part part:
                if (part.Number == 0)
                {
                    return ApiVideoErrors.PartZero();
                }

                if (part.Total == 0)
                {
                    return ApiVideoErrors.PartTotalZero();
                }

                if (part.Total > MaxParts)
                {
                    return ApiVideoErrors.PartTotalTooHigh(MaxParts);
                }

                if (part.Number > MaxParts)
                {
                    return ApiVideoErrors.PartTooHighAllowed(MaxParts);
                }

                if (part.Number > part.Total)
                {
                    return ApiVideoErrors.PartTooHighTotal();
                }

                if (upload.Mode == UploadMode.Bytes)
                {
                    return ApiVideoErrors.RangeStartedWithBytes();
                }

                if (upload.Mode == UploadMode.Parts)
                {
                    if (part.Total is { } total)
                    {
                        if (upload.TotalParts is { } known && known != total)
                        {
                            return ApiVideoErrors.PartDifferentTotal((int)known);
                        }

                        if (upload.Parts.Count > 0 && upload.Parts.Keys[^1] > total)
                        {
                            return ApiVideoErrors.PartTotalTooLow();
                        }
                    }

                    if (upload.TotalParts is { } knownTotal && part.Number > knownTotal)
                    {
                        return ApiVideoErrors.PartTooHighTotal();
                    }

                    if (upload.Parts.ContainsKey(part.Number))
                    {
                        return ApiVideoErrors.PartAlreadySent();
                    }
                }

                return null;

            default:
                return ApiVideoErrors.RangeMalformed();
        }
    }

    /// <summary>Checks on the received file part, once it is on disk.</summary>
    public static ApiVideoError? CheckReceived(SourceUpload upload, ContentRange? range, long length)
    {
        if (length == 0)
        {
            return ApiVideoErrors.EmptyFile();
        }

        switch (range)
        {
            case ContentRange.Bytes bytes when bytes.Length != length:
                return ApiVideoErrors.BytesRangeMismatch(bytes.Length, length);

            case ContentRange.Part part:
                var last = part.FlaggedLast || upload.TotalParts == part.Number;
                return length < MinChunkBytes && !last ? ApiVideoErrors.PartTooSmall(MinChunkBytes) : null;

            default:
                return null;
        }
    }

    /// <summary>Records an accepted chunk; true when the source is now complete.</summary>
    public static bool Add(SourceUpload upload, ContentRange? range, string? path, long length)
    {
        switch (range)
        {
            case null:
                upload.Mode = UploadMode.Whole;
                upload.Whole = new StoredChunk(path, length, 0, 0);
                return true;

            case ContentRange.Bytes bytes:
                upload.Mode = UploadMode.Bytes;
                upload.TotalBytes = bytes.Total;
                upload.ByteChunks.Add(bytes.From, new StoredChunk(path, length, bytes.From, 0));
                // No overlaps are ever accepted, so the source is whole exactly when the lengths add up.
                return upload.ByteChunks.Values.Sum(c => c.Length) == bytes.Total;

            case ContentRange.Part part:
                upload.Mode = UploadMode.Parts;
                upload.TotalParts ??= part.Total;
                upload.Parts.Add(part.Number, new StoredChunk(path, length, 0, part.Number));
                return upload.TotalParts is { } total && upload.Parts.Count == total;

            default:
                throw new ArgumentOutOfRangeException(nameof(range));
        }
    }

    private static bool Overlaps(SourceUpload upload, ContentRange.Bytes bytes)
    {
        foreach (var chunk in upload.ByteChunks.Values)
        {
            var chunkTo = chunk.From + chunk.Length - 1;
            if (chunk.From <= bytes.To && bytes.From <= chunkTo)
            {
                return true;
            }
        }

        return false;
    }
}

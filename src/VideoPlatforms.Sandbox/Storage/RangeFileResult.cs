using System.Buffers;
using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace VideoPlatforms.Sandbox.Storage;

/// <summary>
/// A stored source served as one downloadable file, the way a CDN serves a video: <c>Content-Length</c>, a strong
/// <c>ETag</c> (the SHA-256 of the bytes), <c>Accept-Ranges: bytes</c>, a single <c>Range</c> answered with 206 and
/// <c>Content-Range</c>, an unsatisfiable one with 416 and <c>Content-Range: bytes */length</c> (RFC 9110 14.4, 15.5.17),
/// and <c>If-Range</c> honoured (a stale validator gets the whole file, 200). Several ranges in one request are
/// answered with the whole file, which RFC 9110 allows. The bytes stream from the stored chunk files in order with
/// a pooled buffer; nothing is read into memory whole.
/// </summary>
internal sealed class RangeFileResult(IReadOnlyList<string> paths, long length, string sha256, string contentType) : IResult
{
    private const int BufferSize = 64 * 1024;

    public string ETag => $"\"{sha256}\"";

    public async Task ExecuteAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = ETag;
        response.ContentType = contentType;

        long from = 0;
        var to = length - 1;
        var partial = false;
        if (request.Headers.Range.Count > 0 && IfRangeHolds(request))
        {
            switch (ParseRange(request.Headers.Range.ToString(), length, out var start, out var end))
            {
                case RangeOutcome.Satisfiable:
                    (from, to, partial) = (start, end, true);
                    break;
                case RangeOutcome.Unsatisfiable:
                    response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                    response.Headers.ContentRange = $"bytes */{length.ToString(CultureInfo.InvariantCulture)}";
                    response.ContentLength = 0;
                    return;
            }
        }

        response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        if (partial)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{to}/{length}");
        }

        response.ContentLength = to - from + 1;
        if (HttpMethods.IsHead(request.Method) || length == 0)
        {
            return;
        }

        await CopyAsync(response.Body, from, to - from + 1, context.RequestAborted);
    }

    private bool IfRangeHolds(HttpRequest request)
    {
        var ifRange = request.Headers[HeaderNames.IfRange].ToString();
        // Only a strong entity tag can validate a range (RFC 9110 13.1.5); a date or a weak tag gets the whole file.
        return ifRange.Length == 0 || string.Equals(ifRange, ETag, StringComparison.Ordinal);
    }

    internal enum RangeOutcome
    {
        Ignored,
        Satisfiable,
        Unsatisfiable,
    }

    /// <summary>Reads one <c>bytes=</c> range; anything else (other units, several ranges, bad syntax) is ignored.</summary>
    internal static RangeOutcome ParseRange(string header, long length, out long from, out long to)
    {
        from = 0;
        to = length - 1;
        header = header.Trim();
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(','))
        {
            return RangeOutcome.Ignored;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return RangeOutcome.Ignored;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // bytes=-N: the last N bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return RangeOutcome.Ignored;
            }

            if (suffix == 0 || length == 0)
            {
                return RangeOutcome.Unsatisfiable;
            }

            from = Math.Max(0, length - suffix);
            return RangeOutcome.Satisfiable;
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            return RangeOutcome.Ignored;
        }

        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end < from)
            {
                return RangeOutcome.Ignored;
            }

            to = Math.Min(end, length - 1);
        }

        return from >= length ? RangeOutcome.Unsatisfiable : RangeOutcome.Satisfiable;
    }

    private async Task CopyAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            foreach (var path in paths)
            {
                if (count <= 0)
                {
                    break;
                }

                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                if (offset >= file.Length)
                {
                    offset -= file.Length;
                    continue;
                }

                file.Position = offset;
                offset = 0;
                int read;
                while (count > 0 && (read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, count)), cancellationToken)) > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    count -= read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

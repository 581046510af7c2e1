namespace VideoPlatforms.Sandbox.Hosting;

internal static class RequestBody
{
    /// <summary>
    /// Reads and discards up to <paramref name="limit"/> body bytes. An HTTP/1.1 client still sending its body
    /// when the answer arrives often reports a reset connection instead of the answer, so endpoints that reject a
    /// request before reading it drain it first.
    /// </summary>
    public static async Task<long> DrainAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (total < limit)
        {
            var want = (int)Math.Min(buffer.Length, limit - total);
            var read = await body.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Drains the body, swallowing a client that went away (there is nobody to answer then).</summary>
    public static async Task DrainQuietlyAsync(HttpContext context)
    {
        try
        {
            await DrainAsync(context.Request.Body, long.MaxValue, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
        }
    }
}

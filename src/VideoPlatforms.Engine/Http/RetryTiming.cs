using System.Globalization;
using RestSharp;

namespace VideoPlatforms.Http;

/// <summary>
/// How long to wait before the next attempt: what the server asked for if it said (Retry-After,
/// X-RateLimit-Retry-After, X-RateLimit-Reset), else exponential backoff with equal jitter (<see cref="Backoff"/>);
/// never past the cap. <see cref="Resilience"/> is what calls it; nothing else waits between attempts.
/// </summary>
internal static class RetryTiming
{
    public static TimeSpan NextDelay(RetryOptions options, int attempt, RestResponse? response, out string reason) =>
        Wait(options, attempt, response is null ? null : ServerRequestedDelay(response), Random.Shared.NextDouble(), out reason);

    /// <summary>
    /// The wait before retry <paramref name="attempt"/> (0 first): <paramref name="asked"/> (what the server asked
    /// for) held between zero and the cap when there is one, else <see cref="Backoff"/> with the draw <paramref name="unit"/>.
    /// The server's word wins over the backoff in both directions: a 429 storm ends when the server's window resets,
    /// not when our doubling catches up with it.
    /// </summary>
    public static TimeSpan Wait(RetryOptions options, int attempt, TimeSpan? asked, double unit, out string reason)
    {
        if (asked is { } wait)
        {
            reason = $"the server asked to wait {wait.TotalSeconds:0.#} s";
            return wait > options.MaximumRetryDelay ? options.MaximumRetryDelay : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        reason = "backing off";
        return Backoff(options, attempt, unit);
    }

    /// <summary>
    /// The backoff before retry <paramref name="attempt"/> (0 first) with equal jitter: with b = BaseDelay * 2^attempt,
    /// a point in the upper half [b/2, b] picked by <paramref name="unit"/> (a draw from [0, 1)), then capped at
    /// MaximumRetryDelay.
    /// </summary>
    /// <remarks>
    /// Equal, not full, jitter (full would draw from [0, b]): a 429 storm is mostly met by the server's own
    /// Retry-After, which wins over this; where the server says nothing, the floor of b/2 keeps one client (a batch's
    /// parallel uploads share one connection) from coming back at once and spending its retries inside the window
    /// that refused it, while the half-width spread still keeps parallel workers from retrying in lockstep. The cap
    /// applies after the draw, so once b/2 reaches MaximumRetryDelay every wait is the cap itself.
    /// </remarks>
    public static TimeSpan Backoff(RetryOptions options, int attempt, double unit)
    {
        if (unit is < 0 or >= 1 || double.IsNaN(unit)) throw new ArgumentOutOfRangeException(nameof(unit), unit, "A draw from [0, 1).");
        var ceiling = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var delay = TimeSpan.FromMilliseconds(ceiling / 2 + unit * ceiling / 2);
        return delay > options.MaximumRetryDelay ? options.MaximumRetryDelay : delay;
    }

    /// <summary>The wait a file server's Retry-After asks for (seconds or a date), never negative; null when it asks none.</summary>
    public static TimeSpan? ServerRequestedDelay(System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter)
    {
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } at ? at - DateTimeOffset.UtcNow : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>
    /// The wait the server asked for, never negative: a Retry-After date or X-RateLimit-Reset already past (clock
    /// skew, a slow answer) means "now", and callers hand the value straight to Task.Delay, which throws on negatives.
    /// </summary>
    public static TimeSpan? ServerRequestedDelay(RestResponse response) =>
        AskedDelay(response) is { } wait ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : null;

    private static TimeSpan? AskedDelay(RestResponse response)
    {
        string? Header(string name) => response.Headers?
            .FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();

        // Retry-After: delta-seconds or an HTTP date (RFC 9110 10.2.3).
        if (Header("Retry-After") is { } retryAfter)
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)) return TimeSpan.FromSeconds(s);
            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at - DateTimeOffset.UtcNow;
        }
        // api.video: seconds until the window resets. Only meaningful on a 429: on success it is always present.
        if ((int)response.StatusCode == 429 && Header("X-RateLimit-Retry-After") is { } avRetry
            && double.TryParse(avRetry, NumberStyles.Float, CultureInfo.InvariantCulture, out var avSeconds))
            return TimeSpan.FromSeconds(avSeconds);
        // A reset time (docs/platforms/vimeo.md#6-rate-limits-and-retries), seen both as a Unix timestamp and as a date string; parse both.
        if ((int)response.StatusCode == 429 && Header("X-RateLimit-Reset") is { } reset)
        {
            if (long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
                return DateTimeOffset.FromUnixTimeSeconds(unix) - DateTimeOffset.UtcNow;
            if (DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at - DateTimeOffset.UtcNow;
        }
        return null;
    }
}

using System.Globalization;
using RestSharp;

namespace VideoPlatforms.Http;

/// <summary>
/// How long to wait before the next attempt: what the server asked for if it said (Retry-After,
/// X-RateLimit-Retry-After, X-RateLimit-Reset), else exponential backoff with full jitter; never past the cap.
/// </summary>
internal static class RetryTiming
{
    public static TimeSpan NextDelay(RetryOptions options, int attempt, RestResponse? response, out string reason)
    {
        var asked = response is null ? null : ServerRequestedDelay(response);
        if (asked is { } wait)
        {
            reason = $"the server asked to wait {wait.TotalSeconds:0.#} s";
            return wait > options.MaximumRetryDelay ? options.MaximumRetryDelay : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        // Full jitter (a random point in [0, base * 2^attempt]) spreads a fleet of clients apart after a shared
        // fault instead of having them retry in lockstep; the floor of half keeps a single client from hammering.
        var ceiling = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var ms = ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2;
        reason = "backing off";
        var delay = TimeSpan.FromMilliseconds(ms);
        return delay > options.MaximumRetryDelay ? options.MaximumRetryDelay : delay;
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
        // Vimeo: the reset time, seen both as a Unix timestamp and as a date string; parse both.
        if ((int)response.StatusCode == 429 && Header("X-RateLimit-Reset") is { } reset)
        {
            if (long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
                return DateTimeOffset.FromUnixTimeSeconds(unix) - DateTimeOffset.UtcNow;
            if (DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at - DateTimeOffset.UtcNow;
        }
        return null;
    }
}

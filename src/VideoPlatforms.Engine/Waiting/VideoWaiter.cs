namespace VideoPlatforms;

/// <summary>How long and how often to wait for videos.</summary>
public sealed record WaitOptions
{
    /// <summary>The first interval between two checks of one video; it grows by <see cref="BackoffFactor"/> up to <see cref="MaximumInterval"/>.</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaximumInterval { get; init; } = TimeSpan.FromSeconds(30);

    public double BackoffFactor { get; init; } = 1.5;

    /// <summary>How long one video may take, counted from when its wait starts.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many status requests one waiter has in flight at once: fifty videos are checked together, but never with
    /// fifty simultaneous requests against one account's rate limit.
    /// </summary>
    public int MaximumConcurrentChecks { get; init; } = 8;
}

/// <summary>Where one video's wait stands, for a progress line.</summary>
public sealed record WaitProgress(string VideoId, VideoStatus? Status, int Checks, TimeSpan Elapsed, TimeSpan NextCheckIn);

/// <summary>How one video's wait ended: the final video, or why there is none.</summary>
public sealed record WaitResult(string VideoId, Video? Video, VideoProviderException? Error)
{
    public bool IsReady => Video is { Status: VideoStatus.Ready };
}

/// <summary>
/// Waits until videos are ready to play or have failed, by polling each platform's own readiness signal through
/// <see cref="IVideoProvider.GetVideoAsync"/> (each platform's signal: docs/platforms/&lt;platform&gt;.md#video-object-and-status). Each provider maps
/// its own states, failures included, to <see cref="Video.Status"/>; the waiter reads nothing else. Many videos are waited for
/// at once, each on its own backing-off schedule, sharing a cap on requests in flight. Plain .NET: the cmdlets,
/// tests and benchmarks drive it the same way.
/// </summary>
public sealed class VideoWaiter
{
    private readonly WaitOptions _options;
    // Not disposed on purpose: after Ctrl+C, waits still unwinding in the background release it, and a SemaphoreSlim
    // whose wait handle is never used holds nothing that needs disposing.
    private readonly SemaphoreSlim _checks;

    public VideoWaiter(WaitOptions options)
    {
        if (options.InitialInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "The poll interval must be positive.");
        if (options.Timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "The timeout must not be negative.");
        _options = options;
        _checks = new SemaphoreSlim(Math.Max(1, options.MaximumConcurrentChecks));
    }

    public WaitOptions Options => _options;

    /// <summary>
    /// Waits for one video. Never throws for the video's own outcome (failed processing, timeout, deleted meanwhile):
    /// those come back in <see cref="WaitResult.Error"/> so the other videos go on. Throws only
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <remarks>A <c>path</c> (the local file of a Send-Video -Wait upload) is kept on the resulting video.</remarks>
    public async Task<WaitResult> WaitAsync(IVideoProvider provider, string videoId, string? path,
        IProgress<WaitProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var interval = _options.InitialInterval;
        var maximum = _options.MaximumInterval < interval ? interval : _options.MaximumInterval;
        VideoStatus? last = null;
        VideoProviderException? lastTransient = null;
        // Polling, not a retry: each check is a GET whose own retries run in the connection's pipeline
        // (Http/Resilience.cs); this loop asks again because the video is not ready yet, at the caller's interval
        // and within the caller's -Timeout.
        for (var checks = 1; ; checks++)
        {
            Video? video = null;
            await _checks.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                video = await provider.GetVideoAsync(videoId, cancellationToken).ConfigureAwait(false);
                lastTransient = null;
            }
            catch (VideoProviderException ex) when (ex.IsTransient)
            {
                // The request was already retried by the connection's policy. A wait is long: one bad minute of the
                // platform must not end it, so keep polling until the timeout says otherwise.
                lastTransient = ex;
                OperationLog.Verbose($"Checking {provider.Name} video {videoId} failed ({ex.ErrorId}); trying again. {ex.Message}");
            }
            catch (VideoProviderException ex)
            {
                return new WaitResult(videoId, null, ex);
            }
            finally
            {
                _checks.Release();
            }

            if (video is not null)
            {
                last = video.Status;
                if (video.Status == VideoStatus.Ready)
                {
                    OperationLog.Verbose($"{provider.Name} video {videoId} is ready after {checks} check(s), {clock.Elapsed.TotalSeconds:0.0} s.");
                    return new WaitResult(videoId, path is null ? video : video.WithPath(path), null);
                }
                if (video.Status == VideoStatus.Failed)
                    return new WaitResult(videoId, path is null ? video : video.WithPath(path),
                        Failed(provider, videoId, $"{provider.Name} reports that processing video {videoId}{(video.Title is { Length: > 0 } t ? $" ('{t}')" : "")} failed."));
            }

            var left = _options.Timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                return new WaitResult(videoId, video, TimedOut(provider, videoId, last, checks, lastTransient));
            var delay = interval < left ? interval : left;
            OperationLog.Verbose($"{provider.Name} video {videoId}: {last?.ToString() ?? "status unknown"} (check {checks}); next check in {delay.TotalSeconds:0.0} s.");
            progress?.Report(new WaitProgress(videoId, last, checks, clock.Elapsed, delay));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(maximum.Ticks, (long)(interval.Ticks * Math.Max(1.0, _options.BackoffFactor))));
        }
    }

    private static VideoProviderException Failed(IVideoProvider provider, string id, string message) =>
        new(ProviderErrorKind.InvalidData, "VideoProcessingFailed",
            $"{message} The video {id} still exists on {provider.Name}: upload the source again (Send-Video), or remove it with Remove-Video -Id {id}.");

    private VideoProviderException TimedOut(IVideoProvider provider, string id, VideoStatus? last, int checks, VideoProviderException? lastError) =>
        new(ProviderErrorKind.Timeout, "WaitTimeout",
            $"{provider.Name} video {id} was not ready after {Format(_options.Timeout)} ({checks} check(s)); its last status was {last?.ToString() ?? "unknown"}"
            + (lastError is null ? "." : $", and the last check failed: {lastError.Message}")
            + $" It may still become ready: wait again with Wait-Video -Id {id} and a longer -Timeout.");

    internal static string Format(TimeSpan span) => span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.###} s"
        : span.TotalMinutes < 60 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalHours:0.#} h";
}

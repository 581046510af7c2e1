using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.Engine;

/// <summary>The waiter's schedule and outcomes against a scripted provider: no server, no runspace.</summary>
public sealed class VideoWaiterTests
{
    [Fact]
    public async Task The_interval_starts_at_the_poll_interval_and_backs_off_to_the_cap()
    {
        var provider = new ScriptedProvider(Enumerable.Repeat<object>(VideoStatus.Processing, 6).Append(VideoStatus.Ready));
        var reports = new List<WaitProgress>();
        var waiter = new VideoWaiter(new WaitOptions
        {
            InitialInterval = TimeSpan.FromMilliseconds(10), MaximumInterval = TimeSpan.FromMilliseconds(30), BackoffFactor = 2, Timeout = TimeSpan.FromMinutes(5),
        });
        var result = await waiter.WaitAsync(provider, "v1", "/tmp/v1.mp4", new SyncProgress<WaitProgress>(reports.Add), CancellationToken.None);

        Assert.True(result.IsReady);
        Assert.Null(result.Error);
        Assert.Equal("/tmp/v1.mp4", result.Video!.Path);
        Assert.Equal(7, provider.Calls);
        Assert.Equal(new[] { 10, 20, 30, 30, 30, 30 }, reports.Select(r => (int)r.NextCheckIn.TotalMilliseconds));
        Assert.Equal(Enumerable.Range(1, 6), reports.Select(r => r.Checks));
        Assert.All(reports, r => Assert.Equal(VideoStatus.Processing, r.Status));
    }

    [Fact]
    public async Task A_transient_failure_keeps_waiting_and_a_final_one_ends_the_wait_with_its_error()
    {
        var flaky = new ScriptedProvider(new object[]
        {
            new VideoProviderException(ProviderErrorKind.ServerError, "ProviderServerError", "boom"), VideoStatus.Ready,
        });
        var waiter = new VideoWaiter(new WaitOptions { InitialInterval = TimeSpan.FromMilliseconds(1) });
        Assert.True((await waiter.WaitAsync(flaky, "v", null, null, CancellationToken.None)).IsReady);

        var gone = new ScriptedProvider(new object[] { new VideoProviderException(ProviderErrorKind.NotFound, "VideoNotFound", "no such video") });
        var result = await waiter.WaitAsync(gone, "v", null, null, CancellationToken.None);
        Assert.Equal("VideoNotFound", result.Error!.ErrorId);
        Assert.Equal(1, gone.Calls);

        // A failed transcode comes as the video's Status, whatever the platform calls it (BigGo maps its error 1001 to
        // Failed itself): the waiter knows no platform's error ids, so an error it is given stays that error.
        var failed = new ScriptedProvider(new object[] { VideoStatus.Failed });
        Assert.Equal("VideoProcessingFailed", (await waiter.WaitAsync(failed, "v", null, null, CancellationToken.None)).Error!.ErrorId);
        var refused = new ScriptedProvider(new object[] { new VideoProviderException(ProviderErrorKind.InvalidData, "TranscodeFailed", "1001") });
        Assert.Equal("TranscodeFailed", (await waiter.WaitAsync(refused, "v", null, null, CancellationToken.None)).Error!.ErrorId);
    }

    [Fact]
    public async Task A_timeout_of_zero_checks_once_and_cancellation_throws()
    {
        var provider = new ScriptedProvider(Enumerable.Repeat<object>(VideoStatus.Uploading, 100));
        var waiter = new VideoWaiter(new WaitOptions { Timeout = TimeSpan.Zero });
        var result = await waiter.WaitAsync(provider, "v", null, null, CancellationToken.None);
        Assert.Equal("WaitTimeout", result.Error!.ErrorId);
        Assert.Contains("last status was Uploading", result.Error.Message);
        Assert.Equal(1, provider.Calls);

        using var stop = new CancellationTokenSource();
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new VideoWaiter(new WaitOptions()).WaitAsync(provider, "v", null, null, stop.Token));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would make the order racy).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Answers GetVideoAsync from a script of statuses and exceptions; nothing else is called by the waiter.</summary>
    private sealed class ScriptedProvider(IEnumerable<object> script) : Harness.FakeProvider
    {
        private readonly Queue<object> _script = new(script);

        public int Calls { get; private set; }

        public override Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Calls++;
            return _script.Dequeue() switch
            {
                VideoStatus status => Task.FromResult(new Video(Name, id, null) { Status = status }),
                Exception ex => Task.FromException<Video>(ex),
                var other => throw new InvalidOperationException(other.ToString()),
            };
        }

        public override string Name => "Scripted";
    }
}

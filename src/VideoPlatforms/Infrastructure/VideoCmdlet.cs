using System.Collections.Concurrent;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// The base of every cmdlet here. It owns the CancellationTokenSource that Ctrl+C (StopProcessing) cancels, and it
/// runs Engine work off the pipeline thread while the pipeline thread drains what that work reports (verbose,
/// debug, warnings, progress): PowerShell only accepts Write* calls from the pipeline thread.
/// </summary>
public abstract partial class VideoCmdlet : PSCmdlet, IDisposable
{
    // How often progress is redrawn at most: often enough to look alive, rarely enough never to slow a transfer.
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(MessageKind Kind, string Text)> _messages = new();
    private readonly AutoResetEvent _wake = new(false);

    private enum MessageKind { Verbose, Debug, Warning }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline is stopped.</summary>
    protected CancellationToken StopToken => _stop.Token;

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose()
    {
        _stop.Dispose();
        _wake.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs Engine work and waits for it on the pipeline thread, writing its messages and the latest progress as
    /// they come. A stop request cancels the work and ends the pipeline.
    /// </summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work, ProgressView? progress = null)
    {
        var task = Start(work);
        var views = progress is null ? Array.Empty<ProgressView>() : new[] { progress };
        while (!task.IsCompleted) Pump(views);
        Drain();
        return Result(task);
    }

    /// <summary>
    /// Starts Engine work in the background with this cmdlet's log, and wakes the pipeline thread when it ends.
    /// Several may run at once (Send-Video -ThrottleLimit); <see cref="Pump"/> serves them all.
    /// </summary>
    protected Task<T> Start<T>(Func<CancellationToken, Task<T>> work)
    {
        var log = new QueueLog(this);
        var task = Task.Run(async () =>
        {
            OperationLog.Current = log;
            return await work(_stop.Token).ConfigureAwait(false);
        });
        task.ContinueWith(_ => Wake(), TaskScheduler.Default);
        return task;
    }

    /// <summary>Waits a little (or until woken), then writes pending messages and redraws progress. Pipeline thread only.</summary>
    protected void Pump(IEnumerable<ProgressView> progress)
    {
        _wake.WaitOne(ProgressInterval);
        Drain();
        foreach (var view in progress) view.Write(this, ProgressInterval);
    }

    /// <summary>A finished task's result; a stop request becomes PipelineStoppedException, as PowerShell expects.</summary>
    protected T Result<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // Background work outlived its cmdlet (stopped pipeline): nobody is waiting any more.
        }
    }

    protected void Run(Func<CancellationToken, Task> work) => Run<object?>(async token =>
    {
        await work(token).ConfigureAwait(false);
        return null;
    });

    /// <summary>
    /// Streams an async listing onto the pipeline page by page, fetching the next page while the current one goes
    /// down the pipeline, so the pipeline does not wait on the network when it need not. <paramref name="onPage"/>
    /// returns false to stop (e.g. -First reached); <paramref name="wantsMoreAfter"/> says whether a page can leave
    /// the caller wanting more, so no page is fetched that will not be used.
    /// </summary>
    protected void RunPages<T>(IAsyncEnumerable<Page<T>> pages, Func<Page<T>, bool> onPage, Func<Page<T>, bool>? wantsMoreAfter = null)
    {
        var enumerator = pages.GetAsyncEnumerator(_stop.Token);
        Task<bool>? next = Start(_ => enumerator.MoveNextAsync().AsTask());
        try
        {
            while (next is not null && WaitFor(next))
            {
                var page = enumerator.Current;
                next = wantsMoreAfter?.Invoke(page) == false ? null : Start(_ => enumerator.MoveNextAsync().AsTask());
                if (!onPage(page)) break;
                next ??= Start(_ => enumerator.MoveNextAsync().AsTask());
            }
        }
        finally
        {
            // An async enumerator cannot be disposed while a MoveNext is running: let a prefetch that is no longer
            // wanted finish (or fail) first.
            if (next is { IsCompleted: false }) while (!next.IsCompleted) Pump(Array.Empty<ProgressView>());
            Run(async _ => await enumerator.DisposeAsync().ConfigureAwait(false));
        }
    }

    private bool WaitFor(Task<bool> task)
    {
        while (!task.IsCompleted) Pump(Array.Empty<ProgressView>());
        Drain();
        return Result(task);
    }

    protected void Drain()
    {
        while (_messages.TryDequeue(out var message))
        {
            switch (message.Kind)
            {
                case MessageKind.Verbose: WriteVerbose(message.Text); break;
                case MessageKind.Debug: WriteDebug(message.Text); break;
                case MessageKind.Warning: WriteWarning(message.Text); break;
            }
        }
    }

    /// <summary>Hands Engine messages to the pipeline thread and wakes it.</summary>
    private sealed class QueueLog : IOperationLog
    {
        private readonly VideoCmdlet _owner;

        public QueueLog(VideoCmdlet owner) => _owner = owner;

        public void Verbose(string message) => Enqueue(MessageKind.Verbose, message);

        public void Debug(string message) => Enqueue(MessageKind.Debug, message);

        public void Warning(string message) => Enqueue(MessageKind.Warning, message);

        private void Enqueue(MessageKind kind, string text)
        {
            _owner._messages.Enqueue((kind, text));
            _owner.Wake();
        }
    }
}

namespace VideoPlatforms.Upload;

/// <summary>
/// The work queue behind Send-Video and Sync-Video -ThrottleLimit: runs at most N uploads at once, starts the next
/// queued one as soon as one ends (so a large file never holds back the small ones), and hands each ended upload back
/// in the order they ended. It never writes anything itself: the caller (a cmdlet's pipeline thread, which alone may
/// call PowerShell's Write*) takes the ended uploads with <see cref="TakeEnded"/> and reads the running ones'
/// progress from <see cref="Running"/>. One upload's failure is that upload's result; the others go on.
/// </summary>
/// <typeparam name="T">What one upload gives back (a Video, or a sync result).</typeparam>
public sealed class UploadScheduler<T>
{
    private readonly object _gate = new();
    private readonly Func<Func<CancellationToken, Task<T>>, Task<T>> _start;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<ScheduledUpload<T>> _queued = new();
    private readonly List<ScheduledUpload<T>> _running = new();
    private readonly List<ScheduledUpload<T>> _ended = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="throttleLimit">Uploads running at once, at least 1.</param>
    /// <param name="cancellationToken">Stops everything: running uploads are cancelled, queued ones never start.</param>
    /// <param name="start">
    /// Runs one upload in the background; a cmdlet passes its own, which gives the work the cmdlet's log and wakes its
    /// pipeline thread when the work ends. Null: Task.Run.
    /// </param>
    public UploadScheduler(int throttleLimit, CancellationToken cancellationToken, Func<Func<CancellationToken, Task<T>>, Task<T>>? start = null)
    {
        if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one upload must be able to run.");
        ThrottleLimit = throttleLimit;
        _cancellationToken = cancellationToken;
        _start = start ?? (work => Task.Run(() => work(cancellationToken), CancellationToken.None));
    }

    public int ThrottleLimit { get; }

    /// <summary>Uploads added and not yet taken back with <see cref="TakeEnded"/> (queued, running, or ended).</summary>
    public int Pending
    {
        get { lock (_gate) return _queued.Count + _running.Count + _ended.Count; }
    }

    /// <summary>Whether an upload added now would start at once rather than wait in the queue.</summary>
    public bool HasFreeSlot
    {
        get { lock (_gate) return _queued.Count == 0 && _running.Count < ThrottleLimit; }
    }

    /// <summary>The uploads running now, each with its slot (0 to ThrottleLimit - 1, reused) and latest progress.</summary>
    public IReadOnlyList<ScheduledUpload<T>> Running
    {
        get { lock (_gate) return _running.ToList(); }
    }

    /// <summary>Completes when an upload ends (or is cancelled before it started); then ask again for the next change.</summary>
    public Task Changed
    {
        get { lock (_gate) return _changed.Task; }
    }

    /// <summary>
    /// Adds an upload: it starts now if a slot is free, else when one frees up, in the order added.
    /// <paramref name="work"/> receives the upload's progress sink and the cancellation token.
    /// </summary>
    public ScheduledUpload<T> Add(string file, long size, Func<IProgress<TransferProgress>, CancellationToken, Task<T>> work)
    {
        var upload = new ScheduledUpload<T>(file, size, work);
        lock (_gate) _queued.Enqueue(upload);
        StartQueued();
        return upload;
    }

    /// <summary>The uploads that ended since the last call, in the order they ended. Each has its result or its error.</summary>
    public IReadOnlyList<ScheduledUpload<T>> TakeEnded()
    {
        lock (_gate)
        {
            var ended = _ended.ToList();
            _ended.Clear();
            return ended;
        }
    }

    /// <summary>Waits until every added upload has ended, and returns them all in the order they ended (for callers without a pipeline to pump).</summary>
    public async Task<IReadOnlyList<ScheduledUpload<T>>> DrainAsync()
    {
        var all = new List<ScheduledUpload<T>>();
        while (true)
        {
            var changed = Changed;
            all.AddRange(TakeEnded());
            if (Pending == 0) return all;
            await changed.ConfigureAwait(false);
        }
    }

    /// <remarks>
    /// One loop, never a recursion: an upload that ends before this loop lets go of it (cancelled before it started,
    /// or finished at once) is ended here with <c>startNext: false</c>, and the loop starts the next. Before, each such
    /// end started the next one itself, a stack frame deeper each time: stopping a sync of some 21,000 queued files
    /// overflowed the stack and killed pwsh.
    /// </remarks>
    private void StartQueued()
    {
        while (true)
        {
            ScheduledUpload<T> next;
            TaskCompletionSource? cancelled = null;
            lock (_gate)
            {
                if (_queued.Count == 0 || (_running.Count >= ThrottleLimit && !_cancellationToken.IsCancellationRequested)) return;
                next = _queued.Dequeue();
                if (_cancellationToken.IsCancellationRequested)
                {
                    // Stopped: what has not started never starts. It moves from queued to ended under the one lock:
                    // in no list for a moment, Pending would read 0 and DrainAsync return without it.
                    next.Task = Task.FromCanceled<T>(_cancellationToken);
                    _ended.Add(next);
                    cancelled = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                else
                {
                    next.Slot = Enumerable.Range(0, ThrottleLimit).First(slot => _running.All(r => r.Slot != slot));
                    _running.Add(next);
                }
            }
            if (cancelled is not null)
            {
                cancelled.TrySetResult();
                continue;
            }
            Task<T> task;
            try
            {
                task = _start(token => next.Work(next.Progress, token));
            }
            catch (Exception ex)
            {
                task = Task.FromException<T>(ex);
            }
            next.Task = task;
            if (task.IsCompleted)
            {
                End(next, startNext: false);
                continue;
            }
            task.ContinueWith(_ => End(next, startNext: true), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void End(ScheduledUpload<T> upload, bool startNext)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _running.Remove(upload);
            _ended.Add(upload);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
        if (startNext) StartQueued();
    }
}

/// <summary>One upload in an <see cref="UploadScheduler{T}"/>: its file, its slot while running, its latest progress and its task.</summary>
public sealed class ScheduledUpload<T>
{
    private Task<T>? _task;

    internal ScheduledUpload(string file, long size, Func<IProgress<TransferProgress>, CancellationToken, Task<T>> work)
    {
        File = file;
        Size = size;
        Work = work;
    }

    public string File { get; }

    public long Size { get; }

    /// <summary>0 to ThrottleLimit - 1 while running: a progress line per slot can be reused as slots free up.</summary>
    public int Slot { get; internal set; } = -1;

    /// <summary>The latest progress the upload reported (replaced, never queued: reporting costs the upload nothing).</summary>
    public LatestProgress Progress { get; } = new();

    internal Func<IProgress<TransferProgress>, CancellationToken, Task<T>> Work { get; }

    /// <summary>The running or ended upload; null while it waits in the queue.</summary>
    public Task<T>? Task
    {
        get => Volatile.Read(ref _task);
        internal set => Volatile.Write(ref _task, value);
    }
}

/// <summary>An upload's latest progress report, written from any thread and read by whoever draws it.</summary>
public sealed class LatestProgress : IProgress<TransferProgress>
{
    private TransferProgress? _value;

    public TransferProgress? Value => Volatile.Read(ref _value);

    public void Report(TransferProgress value) => Volatile.Write(ref _value, value);
}

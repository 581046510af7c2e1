using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.Engine;

/// <summary>The upload journal's storage and the idle timeout, without a runspace or a server.</summary>
public sealed class JournalUnitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vp-journal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private UploadJournalEntry Entry(string name, long size = 100) => new()
    {
        Provider = "Vimeo", BaseUri = "https://api.vimeo.com/", Account = "/users/1", Path = Path.Combine(_folder, name), Size = size,
        LastWriteTimeUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), State = UploadJournalState.Uploading, VideoId = "42",
    };

    [Fact]
    public void Writers_on_many_threads_never_leave_a_torn_or_temporary_file()
    {
        var journal = new UploadJournal(Path.Combine(_folder, "j"));
        // Eight writers on the same entry and on entries of their own, as -ThrottleLimit 8 or several processes would.
        Parallel.For(0, 8, i =>
        {
            for (var n = 1; n <= 50; n++)
            {
                journal.Save(new UploadJournalEntry
                {
                    Provider = "Vimeo", BaseUri = "https://api.vimeo.com/", Account = "/users/1", Path = Entry("shared.mp4").Path, Size = 100,
                    LastWriteTimeUtc = Entry("x").LastWriteTimeUtc, State = UploadJournalState.Uploading, VideoId = "42", BytesConfirmed = n,
                });
                journal.Save(Entry($"own{i}.mp4") is var own ? Touch(own, n) : own);
                Assert.NotNull(journal.Find(Entry("shared.mp4")));
            }
        });
        var entries = journal.Entries().ToList();
        Assert.Equal(9, entries.Count);
        Assert.Equal(9, Directory.GetFiles(journal.Directory).Length); // no .tmp left behind
        Assert.All(entries.Where(e => e.Path.EndsWith("shared.mp4", StringComparison.Ordinal)), e => Assert.InRange(e.BytesConfirmed, 1, 50));
    }

    private static UploadJournalEntry Touch(UploadJournalEntry entry, long bytes)
    {
        entry.BytesConfirmed = bytes;
        return entry;
    }

    [Fact]
    public void The_same_file_at_another_size_or_on_another_account_is_another_entry()
    {
        var journal = new UploadJournal(_folder);
        journal.Save(Entry("a.mp4"));
        Assert.NotNull(journal.Find(Entry("a.mp4")));
        Assert.Null(journal.Find(Entry("a.mp4", size: 101)));
        var other = Entry("a.mp4");
        other.Account = "/users/2";
        Assert.Null(journal.Find(other));
        journal.Remove(Entry("a.mp4"));
        Assert.Null(journal.Find(Entry("a.mp4")));
    }

    [Fact]
    public void Prune_drops_finished_entries_past_their_lifetime_and_keeps_unfinished_ones()
    {
        var journal = new UploadJournal(_folder);
        var done = Entry("done.mp4");
        done.State = UploadJournalState.Complete;
        journal.Save(done);
        journal.Save(Entry("partial.mp4"));
        // Age the finished entry's record past the lifetime, as if written long ago.
        var file = journal.Find(done)!.JournalFile!;
        File.WriteAllText(file, File.ReadAllText(file).Replace(DateTimeOffset.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-", "2001-", StringComparison.Ordinal));
        journal.Prune();
        Assert.Null(journal.Find(done));
        Assert.NotNull(journal.Find(Entry("partial.mp4")));
    }

    [Fact]
    public void The_idle_timeout_waits_while_bytes_move_and_fires_once_they_stop()
    {
        var time = new ManualTime();
        using var idle = new IdleTimeout(TimeSpan.FromSeconds(100), CancellationToken.None, time);
        // Progress every 10 s for ten times the limit: a slow but moving transfer is never cut off.
        for (var i = 0; i < 100; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            idle.Touch();
        }
        Assert.False(idle.Token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(99));
        Assert.False(idle.Token.IsCancellationRequested);
        // The limit passes with no progress: it fires, and says it was the stall.
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(idle.Token.IsCancellationRequested);
        Assert.True(idle.Fired);
    }

    /// <summary>A clock the test moves by hand: timers fire when <see cref="Advance"/> passes their due time.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private readonly List<ManualTimer> _timers = new();
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            lock (_timers) _timers.Add(timer);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            _now += by;
            List<ManualTimer> due;
            lock (_timers) due = _timers.Where(t => t.Due is { } at && at <= _now).ToList();
            foreach (var timer in due) timer.Fire();
        }

        private sealed class ManualTimer : ITimer
        {
            private readonly ManualTime _owner;
            private readonly TimerCallback _callback;
            private readonly object? _state;

            public ManualTimer(ManualTime owner, TimerCallback callback, object? state)
            {
                _owner = owner;
                _callback = callback;
                _state = state;
            }

            public DateTimeOffset? Due { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : _owner._now + dueTime;
                return true;
            }

            public void Fire()
            {
                Due = null;
                _callback(_state);
            }

            public void Dispose() => Due = null;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    [Fact]
    public void The_default_folder_is_the_environment_variable_else_the_per_user_state_folder()
    {
        var before = Environment.GetEnvironmentVariable(UploadJournal.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(UploadJournal.EnvironmentVariable, _folder);
            Assert.Equal(_folder, UploadJournal.DefaultDirectory());
            Environment.SetEnvironmentVariable(UploadJournal.EnvironmentVariable, null);
            var folder = UploadJournal.DefaultDirectory();
            Assert.EndsWith(Path.Combine("VideoPlatforms", "journal"), folder);
            Assert.True(Path.IsPathRooted(folder));
        }
        finally
        {
            Environment.SetEnvironmentVariable(UploadJournal.EnvironmentVariable, before);
        }
    }

    [Fact]
    public void A_caller_cancellation_is_not_a_timeout()
    {
        using var outer = new CancellationTokenSource();
        using var idle = new IdleTimeout(TimeSpan.FromMinutes(5), outer.Token);
        outer.Cancel();
        Assert.True(idle.Token.IsCancellationRequested);
        Assert.False(idle.Fired);
    }
}

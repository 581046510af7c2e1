using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace VideoPlatforms.Upload;

/// <summary>How far one file's upload got, as the journal remembers it.</summary>
public enum UploadJournalState
{
    /// <summary>The upload started; no video exists on the platform yet (or none is known).</summary>
    Started,

    /// <summary>The platform created a video for the file; its bytes are not all there yet.</summary>
    Uploading,

    /// <summary>The whole file reached the platform and the video was read back.</summary>
    Complete,
}

/// <summary>
/// One file's entry: who it went to, which file (by path, size and last write time, so an edited file is a new
/// entry), the platform's video id and how many bytes the platform confirmed. Nothing secret: no key, token or
/// upload URL (upload URLs act as credentials, so a resume asks the platform for them again).
/// </summary>
public sealed class UploadJournalEntry
{
    public string Provider { get; set; } = "";

    /// <summary>The connection's API root, without user info or query.</summary>
    public string BaseUri { get; set; } = "";

    /// <summary>The account's display name (on some platforms it includes the token's scopes): shown, never part of the identity.</summary>
    public string? Account { get; set; }

    /// <summary>
    /// Who the account is, stable across its credentials and their scopes (IVideoProvider.AccountId): what the entry is
    /// keyed by, so -Resume with a second token of the same user finds the upload. Null in entries of earlier versions.
    /// </summary>
    public string? AccountId { get; set; }

    public string Path { get; set; } = "";

    public long Size { get; set; }

    public DateTime LastWriteTimeUtc { get; set; }

    public string? VideoId { get; set; }

    public long BytesConfirmed { get; set; }

    [JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
    public UploadJournalState State { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The caption files attached to the video (Send-Video -CaptionPath), as kind/language/file, so a resumed run attaches each once.</summary>
    public List<string> CaptionsAttached { get; set; } = new();

    /// <summary>The file the entry is stored in.</summary>
    [JsonIgnore]
    public string? JournalFile { get; internal set; }

    public override string ToString() => $"{Provider} {State} {Path}";
}

/// <summary>
/// The resume journal: one small JSON file per (connection identity, file) in a per-user folder, so a run that
/// died (restart, Ctrl+C, runbook timeout) can be finished by <c>Send-Video -Resume</c>. One file per entry, each
/// written to a temporary name and renamed over the old one, keeps writers from several threads
/// (-ThrottleLimit) and several processes from corrupting each other: the last complete write wins.
/// </summary>
public sealed class UploadJournal
{
    /// <summary>The environment variable that moves the journal (runbooks, tests).</summary>
    public const string EnvironmentVariable = "VIDEOPLATFORMS_JOURNAL";

    /// <summary>How long an entry for a finished upload is kept, so a re-run of the same batch still skips it.</summary>
    public static readonly TimeSpan CompletedLifetime = TimeSpan.FromDays(30);

    private const string Extension = ".json";

    private static readonly JsonSerializerSettings Settings = new()
    {
        Formatting = Formatting.Indented, DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    };

    public UploadJournal(string directory) => Directory = System.IO.Path.GetFullPath(directory);

    public string Directory { get; }

    /// <summary>
    /// Where the journal lives unless told otherwise: $env:VIDEOPLATFORMS_JOURNAL, else the per-user state folder
    /// (%LOCALAPPDATA%\VideoPlatforms\journal on Windows; $XDG_STATE_HOME/VideoPlatforms/journal or
    /// ~/.local/state/VideoPlatforms/journal elsewhere).
    /// </summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } overridden) return overridden;
        if (OperatingSystem.IsWindows())
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "VideoPlatforms", "journal");
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
            state = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return System.IO.Path.Combine(state, "VideoPlatforms", "journal");
    }

    /// <summary>A fresh entry for a file on a connection (not yet stored).</summary>
    public static UploadJournalEntry NewEntry(VideoProviderConnection connection, string path)
    {
        var info = new FileInfo(path);
        return new UploadJournalEntry
        {
            Provider = connection.Provider,
            BaseUri = PublicUri(connection.BaseUri),
            Account = connection.Account,
            AccountId = connection.AccountId,
            Path = info.FullName,
            Size = info.Length,
            LastWriteTimeUtc = info.LastWriteTimeUtc,
            State = UploadJournalState.Started,
        };
    }

    /// <summary>The stored entry for the same connection identity and the same file (path, size, last write), or null.</summary>
    /// <remarks>
    /// Entries were keyed by the account's display name before AccountId: where that name carries the token's scopes (docs/platforms/vimeo.md),
    /// so -Resume with another token of the same user missed its entry. An entry under the old key is still found,
    /// and moved to the new one.
    /// </remarks>
    public UploadJournalEntry? Find(UploadJournalEntry like)
    {
        if (Read(FileFor(like)) is { } entry) return entry;
        var legacyFile = FileFor(like, legacy: true);
        if (like.AccountId is null || legacyFile == FileFor(like) || Read(legacyFile) is not { } old) return null;
        old.AccountId = like.AccountId;
        Save(old);
        TryDelete(legacyFile);
        return old;
    }

    /// <summary>Stores an entry atomically (temp file + rename), replacing any earlier one for the same file.</summary>
    public void Save(UploadJournalEntry entry)
    {
        entry.UpdatedAt = DateTimeOffset.UtcNow;
        var target = FileFor(entry);
        System.IO.Directory.CreateDirectory(Directory);
        var temp = System.IO.Path.Combine(Directory, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, JsonConvert.SerializeObject(entry, Settings), new UTF8Encoding(false));
        // Windows refuses to rename over a file another thread or process is reading at that instant: a moment
        // later it works. The temp file is removed if it never does, so no stray files pile up. A wait for a local
        // file lock, not a retry of a network call: it stays out of the connection's pipeline (Http/Resilience.cs),
        // whose budget, backoff and Retry-After belong to a platform, and it is synchronous, tens of ms at most.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temp, target, overwrite: true);
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && attempt < 5)
            {
                Thread.Sleep(20 * attempt);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }
        entry.JournalFile = target;
    }

    /// <summary>Forgets an entry (nothing left to resume).</summary>
    public void Remove(UploadJournalEntry entry)
    {
        try
        {
            File.Delete(FileFor(entry));
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Every readable entry; unreadable files (a crash mid-write leaves only a .tmp, which is skipped) are ignored.</summary>
    public IEnumerable<UploadJournalEntry> Entries()
    {
        if (!System.IO.Directory.Exists(Directory)) yield break;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
        {
            if (Read(file) is { } entry) yield return entry;
        }
    }

    /// <summary>Deletes finished entries older than <see cref="CompletedLifetime"/>, and temp files a crash left.</summary>
    public void Prune()
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        var cutoff = DateTimeOffset.UtcNow - CompletedLifetime;
        foreach (var entry in Entries().Where(e => e.State == UploadJournalState.Complete && e.UpdatedAt < cutoff).ToList())
            TryDelete(entry.JournalFile!);
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, ".*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(temp) < DateTime.UtcNow.AddHours(-1)) TryDelete(temp);
        }
    }

    /// <summary>Deletes one stored entry by its file.</summary>
    public static void Delete(UploadJournalEntry entry)
    {
        if (entry.JournalFile is { } file) TryDelete(file);
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Another process is replacing it right now; it is that process's entry to keep.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static UploadJournalEntry? Read(string file)
    {
        try
        {
            var entry = JsonConvert.DeserializeObject<UploadJournalEntry>(File.ReadAllText(file), Settings);
            if (entry is null) return null;
            entry.JournalFile = file;
            return entry;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The entry's file: a hash of its identity, so names stay short and say nothing about the account.</summary>
    private string FileFor(UploadJournalEntry entry, bool legacy = false)
    {
        var identity = string.Join("\n", entry.Provider, entry.BaseUri, (legacy ? entry.Account : entry.AccountId ?? entry.Account) ?? "",
            OperatingSystem.IsWindows() ? entry.Path.ToUpperInvariant() : entry.Path,
            entry.Size.ToString(CultureInfo.InvariantCulture), entry.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32].ToLowerInvariant();
        return System.IO.Path.Combine(Directory, hash + Extension);
    }

    /// <summary>A base URI without user info or query, which could carry credentials.</summary>
    internal static string PublicUri(Uri uri) => new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.ToString();
}

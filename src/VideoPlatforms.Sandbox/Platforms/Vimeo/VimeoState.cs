using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>A Vimeo user of the sandbox: account 1 and account 2, each with a fixed personal access token.</summary>
internal sealed record VimeoAccount(int Number, long UserId, string Name, string PersonalToken);

/// <summary>An access token: personal, client-credentials (no user) or from an authorization code.</summary>
internal sealed record VimeoToken(string Token, int? Account, IReadOnlySet<string> Scopes, string Kind);

/// <summary>An authorization code waiting to be exchanged; single use.</summary>
internal sealed record VimeoCode(string Code, string ClientId, string RedirectUri, int Account, IReadOnlySet<string> Scopes);

/// <summary>A tus upload resource: the bytes so far live in one file, appended at <see cref="Offset"/>.</summary>
internal sealed class TusUpload
{
    public required string Id { get; init; }
    public required long VideoId { get; init; }
    public required long Length { get; init; }
    public required string FilePath { get; init; }
    public long? VersionId { get; init; }
    public string? FileName { get; init; }
    public long Offset { get; set; }
    public bool Complete { get; set; }
    public string? Sha256 { get; set; }

    /// <summary>Hashes the file in order as PATCHes add to it, so completing it waits only for the last bytes.</summary>
    public Storage.OrderedHasher Hasher { get; } = new();
}

internal sealed class VimeoPicture
{
    public required long Id { get; init; }
    public required long VideoId { get; init; }
    public required string Signature { get; init; }
    public bool Active { get; set; }
    public long? Size { get; set; }
    public string? Sha256 { get; set; }
}

/// <summary>A text track (docs/platforms/vimeo.md#text-tracks): created empty, its file PUT to its link, then activated.</summary>
internal sealed class VimeoTextTrack
{
    public required long Id { get; init; }
    public required long VideoId { get; init; }
    public required string Signature { get; init; }
    public required string Type { get; set; }
    public required string Language { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; }
    public byte[]? Content { get; set; }
}

internal sealed class VimeoVideo
{
    public required long Id { get; init; }
    public required int Account { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Name { get; set; } = "Untitled";
    public string? Description { get; set; }
    public string View { get; set; } = "anybody";
    public string? Password { get; set; }
    public List<string> Tags { get; } = [];
    public DateTimeOffset ModifiedAt { get; set; }
    public TusUpload? Upload { get; set; }
    public long? Size { get; set; }
    public string? Sha256 { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Versions { get; set; }
    public List<VimeoPicture> Pictures { get; } = [];
    public List<VimeoTextTrack> TextTracks { get; } = [];
    public bool Seeded { get; init; }

    /// <summary>Set by the admin endpoint fail-processing: transcode.status becomes "error" (docs/platforms/vimeo.md#video-object-and-status).</summary>
    public bool TranscodeFailed { get; set; }
}

/// <summary>Tunable behaviour, set through /_sandbox/vimeo/config.</summary>
public sealed record VimeoConfig
{
    /// <summary>Requests per minute before 429; 0 turns limiting off (the headers are still sent).</summary>
    public int RateLimitPerMinute { get; init; }

    /// <summary>Bytes an account may hold; a POST /me/videos past it gets 403 error 4101.</summary>
    public long QuotaBytes { get; init; } = 500L << 30;

    /// <summary>How long transcoding takes after the last byte arrives.</summary>
    public int TranscodeDelayMs { get; init; }
}

/// <summary>
/// The Vimeo emulation's data. One lock guards it all, as in the api.video emulation: requests are short and the
/// cross-object rules (an upload's offset against its video, a token's account) stay trivially consistent.
/// </summary>
public sealed partial class VimeoState
{
    internal const string AllScopes = "public private purchased create edit delete interact upload promo_codes video_files stats email purchase";

    /// <summary>What a personal access token of the sandbox is granted (everything the module uses).</summary>
    internal const string PersonalScopes = "public private create edit delete interact upload video_files";

    internal static readonly IReadOnlyList<VimeoAccount> Accounts =
    [
        new(1, 1001, "Sandbox Vimeo User", SandboxCredentials.VimeoAccessToken),
        new(2, 1002, "Second Sandbox Vimeo User", SandboxCredentials.VimeoSecondAccessToken),
    ];

    internal static readonly IReadOnlySet<string> KnownScopes = AllScopes.Split(' ').ToHashSet(StringComparer.Ordinal);

    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly string _uploadDirectory;
    private readonly Dictionary<long, VimeoVideo> _videos = [];
    private readonly Dictionary<string, VimeoToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VimeoCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TusUpload> _uploads = new(StringComparer.Ordinal);
    private readonly List<string> _issued = [];
    private readonly List<string> _issuedUploads = [];
    private VimeoConfig _config = new();
    private long _sequence;
    private DateTimeOffset _windowStart;
    private int _windowCount;

    internal VimeoState(TimeProvider time, string uploadDirectory)
    {
        _time = time;
        _uploadDirectory = uploadDirectory;
        Reset();
    }

    internal object Sync => _sync;

    internal DateTimeOffset Now => _time.GetUtcNow();

    public VimeoConfig Config
    {
        get => Volatile.Read(ref _config);
        set
        {
            if (value.RateLimitPerMinute < 0 || value.QuotaBytes < 0 || value.TranscodeDelayMs < 0)
            {
                throw new ArgumentException("rateLimitPerMinute, quotaBytes and transcodeDelayMs must not be negative.", nameof(value));
            }

            lock (_sync)
            {
                _windowStart = default;
                _windowCount = 0;
                Volatile.Write(ref _config, value);
            }
        }
    }

    internal void Reset()
    {
        lock (_sync)
        {
            _videos.Clear();
            _tokens.Clear();
            _codes.Clear();
            _uploads.Clear();
            _issued.Clear();
            _issuedUploads.Clear();
            _config = new VimeoConfig();
            _windowStart = default;
            _windowCount = 0;
            _sequence = 0;
            foreach (var account in Accounts)
            {
                _tokens[account.PersonalToken] = new VimeoToken(account.PersonalToken, account.Number, ParseScopes(PersonalScopes), "personal");
            }
        }
    }

    internal static HashSet<string> ParseScopes(string? text) =>
        (text ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    internal static VimeoAccount Account(int number) => Accounts.First(a => a.Number == number);

    internal static string NewSecret(int bytes = 20) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    // --- rate limit ---------------------------------------------------------------------------------------------

    internal (bool Allowed, int Limit, int Remaining, DateTimeOffset Reset) CountRequest()
    {
        var configured = Config.RateLimitPerMinute;
        var limit = configured > 0 ? configured : 2500;
        lock (_sync)
        {
            var now = Now;
            if (_windowStart == default || now - _windowStart >= TimeSpan.FromMinutes(1))
            {
                _windowStart = now;
                _windowCount = 0;
            }

            var reset = _windowStart.AddMinutes(1);
            if (configured > 0 && _windowCount >= limit)
            {
                return (false, limit, 0, reset);
            }

            _windowCount++;
            return (true, limit, Math.Max(0, limit - _windowCount), reset);
        }
    }

    // --- tokens -------------------------------------------------------------------------------------------------

    internal VimeoToken? FindToken(string token)
    {
        lock (_sync)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    internal VimeoToken IssueToken(int? account, IReadOnlySet<string> scopes, string kind)
    {
        var token = new VimeoToken(NewSecret(16), account, scopes, kind);
        lock (_sync)
        {
            _tokens[token.Token] = token;
            _issued.Add(token.Token);
        }

        return token;
    }

    internal VimeoCode IssueCode(string clientId, string redirectUri, int account, IReadOnlySet<string> scopes)
    {
        var code = new VimeoCode(NewSecret(12), clientId, redirectUri, account, scopes);
        lock (_sync)
        {
            _codes[code.Code] = code;
            _issued.Add(code.Code);
        }

        return code;
    }

    /// <summary>Takes a code out (codes are single use); null when unknown or already used.</summary>
    internal VimeoCode? TakeCode(string code)
    {
        lock (_sync)
        {
            return _codes.Remove(code, out var found) ? found : null;
        }
    }

    // --- videos -------------------------------------------------------------------------------------------------

    internal long AccountBytes(int account)
    {
        lock (_sync)
        {
            return _videos.Values.Where(v => v.Account == account).Sum(v => v.Upload?.Length ?? v.Size ?? 0);
        }
    }

    internal VimeoVideo CreateVideo(int account, long size, string? name, string? description, string? view, string? password)
    {
        lock (_sync)
        {
            var id = 700000000 + ++_sequence;
            var video = new VimeoVideo
            {
                Id = id,
                Account = account,
                CreatedAt = Now,
                ModifiedAt = Now,
                Name = string.IsNullOrWhiteSpace(name) ? "Untitled" : name,
                Description = description,
                View = view ?? "anybody",
                Password = password,
            };
            video.Upload = NewUpload(id, size, null, null);
            _videos[id] = video;
            return video;
        }
    }

    internal TusUpload NewVersion(VimeoVideo video, long size, string fileName)
    {
        lock (_sync)
        {
            var upload = NewUpload(video.Id, size, ++_sequence, fileName);
            video.Upload = upload;
            video.Versions++;
            video.ModifiedAt = Now;
            return upload;
        }
    }

    private TusUpload NewUpload(long videoId, long size, long? versionId, string? fileName)
    {
        var id = NewSecret(24);
        var upload = new TusUpload
        {
            Id = id, VideoId = videoId, Length = size, VersionId = versionId, FileName = fileName,
            FilePath = Path.Combine(_uploadDirectory, $"vimeo-tus-{id}.bin"),
        };
        _uploads[id] = upload;
        _issued.Add(id);
        _issuedUploads.Add(id);
        return upload;
    }

    /// <summary>Makes a video's transcode fail (admin); false when the video is unknown.</summary>
    internal bool FailTranscode(long id)
    {
        lock (_sync)
        {
            if (!_videos.TryGetValue(id, out var video)) return false;
            video.TranscodeFailed = true;
            return true;
        }
    }

    internal VimeoVideo? FindVideo(long id)
    {
        lock (_sync)
        {
            return _videos.GetValueOrDefault(id);
        }
    }

    internal List<VimeoVideo> VideosOf(int account)
    {
        lock (_sync)
        {
            return [.. _videos.Values.Where(v => v.Account == account)];
        }
    }

    internal bool DeleteVideo(long id)
    {
        lock (_sync)
        {
            if (!_videos.Remove(id, out var video))
            {
                return false;
            }

            foreach (var upload in _uploads.Values.Where(u => u.VideoId == id).ToList())
            {
                _uploads.Remove(upload.Id);
                Storage.UploadStore.TryDelete(upload.FilePath);
            }

            return true;
        }
    }

    internal TusUpload? FindUpload(string id)
    {
        lock (_sync)
        {
            return _uploads.GetValueOrDefault(id);
        }
    }

    /// <summary>After a PATCH: hashes what the upload holds so far in the background (those bytes are final: a PATCH only adds at the offset).</summary>
    internal void HashAhead(TusUpload upload)
    {
        lock (_sync)
        {
            if (!upload.Complete)
            {
                upload.Hasher.ExtendTo(upload.FilePath, upload.Offset);
            }
        }
    }

    /// <summary>Records bytes appended by a PATCH; false when another writer moved the offset meanwhile.</summary>
    internal bool Advance(TusUpload upload, long from, int count)
    {
        lock (_sync)
        {
            if (upload.Offset != from)
            {
                return false;
            }

            upload.Offset += count;
            return true;
        }
    }

    /// <summary>Hashes a finished upload once and makes it the video's source. Safe to call more than once.</summary>
    internal async Task CompleteAsync(TusUpload upload)
    {
        lock (_sync)
        {
            if (upload.Complete || upload.Offset != upload.Length)
            {
                return;
            }

            upload.Complete = true;
        }

        upload.Hasher.ExtendTo(upload.FilePath, upload.Length);
        var (size, sha) = await upload.Hasher.FinishAsync();
        lock (_sync)
        {
            upload.Sha256 = sha;
            if (_videos.TryGetValue(upload.VideoId, out var video) && ReferenceEquals(video.Upload, upload))
            {
                video.Size = size;
                video.Sha256 = sha;
                video.CompletedAt = Now;
                video.ModifiedAt = Now;
            }
        }
    }

    internal VimeoPicture AddPicture(VimeoVideo video)
    {
        lock (_sync)
        {
            var picture = new VimeoPicture { Id = 900000000 + ++_sequence, VideoId = video.Id, Signature = NewSecret(16) };
            video.Pictures.Add(picture);
            _issued.Add(picture.Signature);
            return picture;
        }
    }

    internal VimeoTextTrack AddTextTrack(VimeoVideo video, string type, string language, string name)
    {
        lock (_sync)
        {
            var track = new VimeoTextTrack { Id = 800000000 + ++_sequence, VideoId = video.Id, Signature = NewSecret(16), Type = type, Language = language, Name = name };
            video.TextTracks.Add(track);
            _issued.Add(track.Signature);
            return track;
        }
    }

    internal VimeoTextTrack? FindTextTrack(long trackId)
    {
        lock (_sync)
        {
            return _videos.Values.SelectMany(v => v.TextTracks).FirstOrDefault(t => t.Id == trackId);
        }
    }

    /// <summary>Only one text track per language and type can be active (the spec's PATCH description).</summary>
    internal void ActivateTextTrack(VimeoVideo video, VimeoTextTrack track, bool active)
    {
        lock (_sync)
        {
            if (active)
            {
                foreach (var other in video.TextTracks.Where(t => t.Type == track.Type && string.Equals(t.Language, track.Language, StringComparison.OrdinalIgnoreCase)))
                {
                    other.Active = false;
                }
            }

            track.Active = active;
            video.ModifiedAt = Now;
        }
    }

    internal bool RemoveTextTrack(VimeoVideo video, long trackId)
    {
        lock (_sync)
        {
            return video.TextTracks.RemoveAll(t => t.Id == trackId) > 0;
        }
    }

    internal VimeoPicture? FindPicture(long pictureId)
    {
        lock (_sync)
        {
            return _videos.Values.SelectMany(v => v.Pictures).FirstOrDefault(p => p.Id == pictureId);
        }
    }

    internal string PictureFile(VimeoPicture picture) => Path.Combine(_uploadDirectory, $"vimeo-picture-{picture.Id}.bin");

    internal void Activate(VimeoVideo video, VimeoPicture picture)
    {
        lock (_sync)
        {
            foreach (var other in video.Pictures)
            {
                other.Active = ReferenceEquals(other, picture);
            }

            video.ModifiedAt = Now;
        }
    }

    /// <summary>upload.status, transcode.status and the deprecated status, from where the bytes are.</summary>
    internal (string Upload, string? Transcode, string Status) StatusOf(VimeoVideo video)
    {
        if (video.Upload is { Complete: false } && video.Sha256 is null)
        {
            return ("in_progress", null, "uploading");
        }

        if (video.Upload is { Complete: false })
        {
            // A new version is arriving; the previous source keeps playing meanwhile.
            return ("in_progress", "complete", "available");
        }

        if (video.TranscodeFailed)
        {
            return ("complete", "error", "transcoding_error");
        }

        var done = video.CompletedAt is { } at && Now - at >= TimeSpan.FromMilliseconds(Config.TranscodeDelayMs);
        return done ? ("complete", "complete", "available") : ("complete", "in_progress", "transcoding");
    }

    internal IReadOnlyList<long> Seed(int account, int count, string prefix, string view)
    {
        if (Accounts.All(a => a.Number != account))
        {
            throw new ArgumentException("account must be 1 or 2.");
        }

        if (count is < 0 or > 10000)
        {
            throw new ArgumentException("count must be between 0 and 10000.");
        }

        lock (_sync)
        {
            var ids = new List<long>();
            for (var i = 1; i <= count; i++)
            {
                var id = 700000000 + ++_sequence;
                _videos[id] = new VimeoVideo
                {
                    Id = id, Account = account, CreatedAt = Now.AddSeconds(i), ModifiedAt = Now, Name = $"{prefix} {i}", View = view,
                    Size = 1024, Sha256 = "seeded", CompletedAt = Now.AddMinutes(-1), Seeded = true,
                };
                ids.Add(id);
            }

            return ids;
        }
    }

    // --- admin views --------------------------------------------------------------------------------------------

    internal JsonObject AdminView(VimeoVideo v)
    {
        lock (_sync)
        {
            var active = v.Pictures.FirstOrDefault(p => p.Active);
            return new JsonObject
            {
                ["account"] = v.Account,
                ["videoId"] = v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["name"] = v.Name,
                ["description"] = v.Description,
                ["privacyView"] = v.View,
                ["tags"] = new JsonArray([.. v.Tags.Select(t => (JsonNode)t)]),
                ["complete"] = v.Sha256 is not null && v.Upload is null or { Complete: true },
                ["size"] = v.Size,
                ["sha256"] = v.Sha256,
                ["uploadLength"] = v.Upload?.Length,
                ["uploadOffset"] = v.Upload?.Offset,
                ["versions"] = v.Versions,
                ["pictures"] = v.Pictures.Count,
                ["activePictureSha256"] = active?.Sha256,
                ["seeded"] = v.Seeded,
                ["createdAt"] = v.CreatedAt,
                ["completedAt"] = v.CompletedAt,
            };
        }
    }

    internal JsonArray AdminVideos()
    {
        lock (_sync)
        {
            return new JsonArray([.. _videos.Values.OrderBy(v => v.Id).Select(v => (JsonNode)AdminView(v))]);
        }
    }

    /// <summary>Every secret the emulation knows or issued: what the module must never print.</summary>
    internal JsonObject Secrets(Uri root)
    {
        lock (_sync)
        {
            // Every link ever issued, including those of deleted videos: a leak is a leak after the video is gone.
            var links = _issuedUploads.Select(id => new Uri(root, $"vimeo/tus/{id}").ToString()).ToList();
            return new JsonObject
            {
                ["personalTokens"] = new JsonArray([.. Accounts.Select(a => (JsonNode)a.PersonalToken)]),
                ["clientSecret"] = SandboxCredentials.VimeoClientSecret,
                ["issued"] = new JsonArray([.. _issued.Select(s => (JsonNode)s)]),
                ["uploadLinks"] = new JsonArray([.. links.Select(s => (JsonNode)s)]),
            };
        }
    }
}

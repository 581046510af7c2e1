using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>A BigGo user: the one behind the sandbox's client credentials, or a creator whose channel others list.</summary>
internal sealed record BigGoUser(string UserId, string AtUserId, string Name, string Region);

/// <summary>An issued access token; <see cref="RequestsLeft"/> is null when the request limit is off.</summary>
internal sealed record BigGoTokenRecord(string UserId, DateTimeOffset ExpiresAt, int? RequestsLeft);

/// <summary>One video as the emulation keeps it.</summary>
internal sealed class BigGoVideoRecord
{
    public required string VideoId { get; init; }
    public required string UserId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ReadyAt { get; init; }
    public string Title { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public int Access { get; set; }
    public int? ThumbnailTime { get; set; }
    public bool IsEdited { get; set; }
    public bool Deleted { get; set; }
    public bool Seeded { get; init; }

    /// <summary>Set by the admin endpoint fail-processing: reading the video answers error 1001 (docs/platforms/biggo.md#5-errors).</summary>
    public bool TranscodeFailed { get; set; }
    public string? Path { get; set; }
    public string? FileName { get; init; }
    public long Size { get; init; }
    public required string Sha256 { get; init; }
    public long? FileSizeHeader { get; init; }
    public string? Region { get; init; }
}

/// <summary>The emulation's settings (admin <c>/_sandbox/biggo/config</c>).</summary>
public sealed record BigGoConfig
{
    /// <summary>The <c>expires_in</c> of new access tokens, and when they stop working.</summary>
    public int AccessTokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>
    /// When above 0, a token answers JWT_EXPIRED after this many API calls, whatever <c>expires_in</c> said: a
    /// deterministic stand-in for a token that dies early (clock skew, revocation), so mid-run renewal is testable.
    /// </summary>
    public int AccessTokenRequestLimit { get; init; }

    /// <summary>How long a new upload stays "processing" (process_status 0) before it is complete (13).</summary>
    public int ProcessingDelayMs { get; init; }
}

/// <summary>
/// The BigGo emulation's data: the client, its user and a second creator, tokens, videos, configuration. One lock
/// guards it all, as in the api.video emulation: requests are short and cross-object rules stay consistent.
/// </summary>
public sealed partial class BigGoState
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The regions the sandbox knows for the <c>region</c> header.</summary>
    internal static readonly IReadOnlyList<string> Regions = ["tw", "hk", "sg", "my", "th", "id", "vn", "jp"];

    internal static readonly BigGoUser Owner = new(SandboxCredentials.BigGoUserId, "@sandbox", "Sandbox Uploader", "tw");

    internal static readonly BigGoUser Creator = new(SandboxCredentials.BigGoOtherUserId, "@creator", "Sandbox Creator", "tw");

    /// <summary>Videos the creator has after every reset: public ones (listed to others), one private, one unlisted.</summary>
    internal const int CreatorPublicVideos = 23;

    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, BigGoVideoRecord> _videos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BigGoTokenRecord> _tokens = new(StringComparer.Ordinal);
    private readonly List<string> _issuedTokens = [];
    private BigGoConfig _config = new();
    private long _sequence;

    internal BigGoState(TimeProvider time)
    {
        _time = time;
        SeedCreator();
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    public BigGoConfig Config
    {
        get => Volatile.Read(ref _config);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.AccessTokenLifetimeSeconds < 1)
            {
                throw new ArgumentException("accessTokenLifetimeSeconds must be at least 1.", nameof(value));
            }

            if (value.AccessTokenRequestLimit < 0 || value.ProcessingDelayMs < 0)
            {
                throw new ArgumentException("accessTokenRequestLimit and processingDelayMs must not be negative.", nameof(value));
            }

            Volatile.Write(ref _config, value);
        }
    }

    internal static BigGoUser? User(string userId) =>
        string.Equals(userId, Owner.UserId, StringComparison.Ordinal) ? Owner
        : string.Equals(userId, Creator.UserId, StringComparison.Ordinal) ? Creator
        : null;

    // ---------------------------------------------------------------------------------------------------------
    // Credentials
    // ---------------------------------------------------------------------------------------------------------

    internal (string Token, int Lifetime) IssueToken(string userId)
    {
        lock (_sync)
        {
            var config = Config;
            var now = Now;
            var token = NewJwt(userId, now, config.AccessTokenLifetimeSeconds);
            _tokens[token] = new BigGoTokenRecord(userId, now.AddSeconds(config.AccessTokenLifetimeSeconds),
                config.AccessTokenRequestLimit > 0 ? config.AccessTokenRequestLimit : null);
            _issuedTokens.Add(token);
            return (token, config.AccessTokenLifetimeSeconds);
        }
    }

    /// <summary>Checks a bearer token and counts the call against its request limit.</summary>
    internal (string? UserId, int ErrorCode, string Message) UseToken(string token)
    {
        lock (_sync)
        {
            if (!_tokens.TryGetValue(token, out var record))
            {
                return (null, BigGoErrors.JwtInvalid, "The access token is not one this server issued.");
            }

            if (record.ExpiresAt <= Now || record.RequestsLeft is <= 0)
            {
                return (null, BigGoErrors.JwtExpired, "The access token has expired. Run the client-credentials grant again.");
            }

            if (record.RequestsLeft is { } left)
            {
                _tokens[token] = record with { RequestsLeft = left - 1 };
            }

            return (record.UserId, 0, string.Empty);
        }
    }

    public int ExpireAccessTokens()
    {
        lock (_sync)
        {
            var now = Now;
            var expired = 0;
            foreach (var (token, record) in _tokens.ToList())
            {
                if (record.ExpiresAt > now && record.RequestsLeft is not <= 0)
                {
                    expired++;
                }

                _tokens[token] = record with { ExpiresAt = now };
            }

            return expired;
        }
    }

    public object GetSecrets()
    {
        lock (_sync)
        {
            return new
            {
                clientSecrets = new[] { SandboxCredentials.BigGoClientSecret },
                accessTokens = _issuedTokens.ToArray(),
            };
        }
    }

    private static string NewJwt(string userId, DateTimeOffset now, int lifetime)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "RS256" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = "auth.biggo.com",
            sub = userId,
            iat = now.ToUnixTimeSeconds(),
            exp = now.AddSeconds(lifetime).ToUnixTimeSeconds(),
            jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        });
        return $"{Base64Url(header)}.{Base64Url(payload)}.{Base64Url(RandomNumberGenerator.GetBytes(64))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // ---------------------------------------------------------------------------------------------------------
    // Videos
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Stores an uploaded file as a new video, or refuses it as a duplicate (error 1002) when the same user already
    /// has a video with the same bytes. Returns the new id, or null for a duplicate.
    /// </summary>
    internal string? AddUpload(string userId, string path, string? fileName, long size, string sha256, long fileSizeHeader, string? region)
    {
        lock (_sync)
        {
            if (_videos.Values.Any(v => !v.Deleted && v.UserId == userId && v.Sha256 == sha256))
            {
                return null;
            }

            var now = Now;
            var video = new BigGoVideoRecord
            {
                VideoId = NewId(),
                UserId = userId,
                Sequence = ++_sequence,
                CreatedAt = now,
                ReadyAt = now.AddMilliseconds(Config.ProcessingDelayMs),
                Title = System.IO.Path.GetFileNameWithoutExtension(fileName ?? string.Empty),
                Path = path,
                FileName = fileName,
                Size = size,
                Sha256 = sha256,
                FileSizeHeader = fileSizeHeader,
                Region = region,
            };
            _videos[video.VideoId] = video;
            return video.VideoId;
        }
    }

    /// <summary>Makes a video's transcode fail (admin); false when the video is unknown or deleted.</summary>
    internal bool FailTranscode(string videoId)
    {
        lock (_sync)
        {
            if (!_videos.TryGetValue(videoId, out var video) || video.Deleted) return false;
            video.TranscodeFailed = true;
            return true;
        }
    }

    /// <summary>Looks a video up by id, deleted ones included (callers tell 1004 from 1005).</summary>
    internal BigGoVideoRecord? Find(string videoId)
    {
        lock (_sync)
        {
            return _videos.TryGetValue(videoId, out var video) ? video : null;
        }
    }

    /// <summary>Applies an update under the lock, so concurrent PATCHes never interleave field by field.</summary>
    internal void Update(BigGoVideoRecord video, string? title, string? description, int? access, int? thumbnailTime)
    {
        lock (_sync)
        {
            video.Title = title ?? video.Title;
            video.Description = description ?? video.Description;
            video.Access = access ?? video.Access;
            video.ThumbnailTime = thumbnailTime ?? video.ThumbnailTime;
            video.IsEdited = true;
        }
    }

    internal void Delete(BigGoVideoRecord video)
    {
        string? path;
        lock (_sync)
        {
            video.Deleted = true;
            path = video.Path;
            video.Path = null;
        }

        UploadStore.TryDelete(path);
    }

    /// <summary>One page (1-based, 20 per page) of a user's videos, oldest first, and the total.</summary>
    internal (IReadOnlyList<BigGoVideoRecord> Page, int Total) ListUser(string userId, bool publicOnly, int page, int pageSize)
    {
        lock (_sync)
        {
            var all = _videos.Values
                .Where(v => !v.Deleted && v.UserId == userId && (!publicOnly || v.Access == 0))
                .OrderBy(v => v.Sequence)
                .ToList();
            return ([.. all.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize)).Take(pageSize)], all.Count);
        }
    }

    public IReadOnlyList<object> GetVideos()
    {
        lock (_sync)
        {
            return [.. _videos.Values.OrderBy(v => v.Sequence).Select(Info)];
        }
    }

    public object? GetVideo(string videoId)
    {
        lock (_sync)
        {
            return _videos.TryGetValue(videoId, out var video) ? Info(video) : null;
        }
    }

    private static object Info(BigGoVideoRecord v) => new
    {
        videoId = v.VideoId,
        userid = v.UserId,
        title = v.Title,
        description = v.Description,
        access = v.Access,
        thumbnailTime = v.ThumbnailTime,
        deleted = v.Deleted,
        complete = !v.Deleted && (v.Seeded || v.Path is not null),
        seeded = v.Seeded,
        fileName = v.FileName,
        size = v.Size,
        sha256 = v.Sha256,
        fileSizeHeader = v.FileSizeHeader,
        region = v.Region,
        createdAt = v.CreatedAt,
    };

    /// <summary>Creates <paramref name="count"/> complete videos for a user, titled "prefix 1" … "prefix N".</summary>
    public object Seed(string userId, int count, string titlePrefix, int access)
    {
        if (User(userId) is null)
        {
            throw new ArgumentException($"userid must be {Owner.UserId} or {Creator.UserId}.", nameof(userId));
        }

        if (count is < 0 or > 100_000)
        {
            throw new ArgumentException("count must be between 0 and 100,000.", nameof(count));
        }

        if (access is < 0 or > 2)
        {
            throw new ArgumentException("access must be 0 (public), 1 (private) or 2 (unlisted).", nameof(access));
        }

        var ids = new List<string>(count);
        lock (_sync)
        {
            for (var i = 1; i <= count; i++)
            {
                ids.Add(AddSeeded(userId, $"{titlePrefix} {i}", access).VideoId);
            }
        }

        return new { userid = userId, created = count, videoIds = ids };
    }

    private BigGoVideoRecord AddSeeded(string userId, string title, int access)
    {
        var id = NewId();
        // Seeded videos "hold" a short text unique to them, so they never collide with an upload as duplicates.
        var content = Encoding.ASCII.GetBytes($"VideoPlatforms BigGo sandbox seed video {id}.\n");
        var now = Now;
        var video = new BigGoVideoRecord
        {
            VideoId = id,
            UserId = userId,
            Sequence = ++_sequence,
            CreatedAt = now,
            ReadyAt = now,
            Title = title,
            Description = $"Seeded video {title}.",
            Access = access,
            Seeded = true,
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
        };
        _videos[id] = video;
        return video;
    }

    private void SeedCreator()
    {
        lock (_sync)
        {
            for (var i = 1; i <= CreatorPublicVideos; i++)
            {
                AddSeeded(Creator.UserId, $"Creator video {i}", access: 0);
            }

            AddSeeded(Creator.UserId, "Creator private video", access: 1);
            AddSeeded(Creator.UserId, "Creator unlisted video", access: 2);
        }
    }

    public void Reset()
    {
        List<string> files;
        lock (_sync)
        {
            files = [.. _videos.Values.Select(v => v.Path).OfType<string>()];
            _videos.Clear();
            _tokens.Clear();
            _issuedTokens.Clear();
            _sequence = 0;
            Volatile.Write(ref _config, new BigGoConfig());
            SeedCreator();
        }

        UploadStore.TryDelete(files);
    }

    private string NewId()
    {
        string id;
        do
        {
            id = RandomNumberGenerator.GetString(IdAlphabet, 16);
        }
        while (_videos.ContainsKey(id));
        return id;
    }
}

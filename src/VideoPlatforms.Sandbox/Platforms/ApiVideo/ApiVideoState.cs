using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// The api.video emulation's data: two accounts, their videos and upload tokens, issued credentials and
/// configuration. One lock guards it all: requests are short, and a single lock keeps the cross-object rules
/// (a chunk's checks against its video's other chunks, an account's view of its videos) trivially consistent.
/// </summary>
public sealed partial class ApiVideoState
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    internal static readonly IReadOnlyList<ApiVideoAccount> Accounts =
    [
        new(1, SandboxCredentials.ApiVideoApiKey),
        new(2, SandboxCredentials.ApiVideoSecondApiKey),
    ];

    /// <summary>The content every seeded video "has": tiny, fixed, so seeding 10,000 videos writes no files.</summary>
    internal static readonly byte[] SeedContent = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("VideoPlatforms sandbox seed video.\n", 30)));

    private static readonly string SeedSha256 = Convert.ToHexStringLower(SHA256.HashData(SeedContent));

    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, VideoRecord> _videos = new(StringComparer.Ordinal);

    // Videos in creation order, rebuilt only when videos come or go: listing oldest first (the default order, and
    // the one clients page with) then costs a filter, not a sort of the whole account on every page request.
    private List<VideoRecord>? _byCreation;
    private readonly Dictionary<string, AccessTokenRecord> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadTokenRecord> _uploadTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deletedUploadTokens = new(StringComparer.Ordinal);
    private readonly List<string> _issuedAccessTokens = [];
    private readonly List<string> _issuedRefreshTokens = [];
    private readonly List<string> _issuedUploadTokens = [];
    private ApiVideoConfig _config = new();
    private long _sequence;
    private DateTimeOffset _rateWindowStart;
    private int _rateWindowCount;

    internal ApiVideoState(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Current configuration. Setting it validates and replaces it whole.</summary>
    public ApiVideoConfig Config
    {
        get => Volatile.Read(ref _config);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.AccessTokenLifetimeSeconds < 1)
            {
                throw new ArgumentException("accessTokenLifetimeSeconds must be at least 1.", nameof(value));
            }

            if (value.RateLimitPerMinute < 0 || value.EncodingDelayMs < 0)
            {
                throw new ArgumentException("rateLimitPerMinute and encodingDelayMs must not be negative.", nameof(value));
            }

            lock (_sync)
            {
                if (value.RateLimitPerMinute != _config.RateLimitPerMinute)
                {
                    // A new limit starts a fresh window, so "allow N then refuse" holds right after configuring it.
                    _rateWindowStart = default;
                    _rateWindowCount = 0;
                }

                Volatile.Write(ref _config, value);
            }
        }
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    // ---------------------------------------------------------------------------------------------------------
    // Admin / in-process inspection
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Every video of both accounts, in creation order.</summary>
    public IReadOnlyList<ApiVideoVideoInfo> GetVideos()
    {
        lock (_sync)
        {
            return [.. _videos.Values.OrderBy(v => v.Sequence).Select(Info)];
        }
    }

    /// <summary>One video, whichever account owns it; null when unknown.</summary>
    public ApiVideoVideoInfo? GetVideo(string videoId)
    {
        lock (_sync)
        {
            return _videos.TryGetValue(videoId, out var video) ? Info(video) : null;
        }
    }

    /// <summary>
    /// Makes a video's encoding fail (admin): its qualities report "failed" and it never becomes playable, as the
    /// video-status schema allows (docs/platforms/apivideo.md#video-object-and-status). False when the video is unknown.
    /// </summary>
    public bool FailEncoding(string videoId)
    {
        lock (_sync)
        {
            if (!_videos.TryGetValue(videoId, out var video)) return false;
            video.EncodingFailed = true;
            return true;
        }
    }

    /// <summary>Every credential issued since the last reset, plus the fixed API keys.</summary>
    public ApiVideoSecrets GetSecrets()
    {
        lock (_sync)
        {
            return new ApiVideoSecrets
            {
                ApiKeys = [.. Accounts.Select(a => a.ApiKey)],
                AccessTokens = [.. _issuedAccessTokens],
                RefreshTokens = [.. _issuedRefreshTokens],
                UploadTokens = [.. _issuedUploadTokens],
            };
        }
    }

    /// <summary>Makes every access token issued so far expired; returns how many were still valid.</summary>
    public int ExpireAccessTokens()
    {
        lock (_sync)
        {
            var now = Now;
            var expired = 0;
            foreach (var (token, record) in _accessTokens.ToList())
            {
                if (record.ExpiresAt > now)
                {
                    expired++;
                }

                _accessTokens[token] = record with { ExpiresAt = now };
            }

            return expired;
        }
    }

    /// <summary>
    /// Creates <paramref name="count"/> videos with a complete (tiny, shared) source in one go, for listing tests
    /// and benchmarks. Titles are "<paramref name="titlePrefix"/> 1" … "<paramref name="titlePrefix"/> N".
    /// </summary>
    public ApiVideoSeedResult Seed(int account, int count, string titlePrefix = "Seed", IReadOnlyList<string>? tags = null)
    {
        if (Accounts.All(a => a.Number != account))
        {
            throw new ArgumentException("account must be 1 or 2.", nameof(account));
        }

        if (count is < 0 or > 1_000_000)
        {
            throw new ArgumentException("count must be between 0 and 1,000,000.", nameof(count));
        }

        var ids = new List<string>(count);
        lock (_sync)
        {
            var now = Now;
            for (var i = 1; i <= count; i++)
            {
                var video = NewVideo(account, $"{titlePrefix} {i}", now, uploadToken: null);
                video.Tags = tags is null ? [] : [.. tags];
                var upload = video.Upload;
                upload.Mode = UploadMode.Whole;
                upload.Whole = new StoredChunk(null, SeedContent.Length, 0, 0);
                upload.Seeded = true;
                upload.Complete = true;
                upload.Size = SeedContent.Length;
                upload.Sha256 = SeedSha256;
                upload.CompletedAt = now;
                ids.Add(video.VideoId);
            }
        }

        return new ApiVideoSeedResult(account, count, ids);
    }

    /// <summary>Forgets all videos, tokens and issued credentials and restores the default configuration.</summary>
    public void Reset()
    {
        List<string> files;
        lock (_sync)
        {
            files = [.. _videos.Values.SelectMany(FilesOf)];
            _videos.Clear();
            _tracks.Clear();
            _byCreation = null;
            _accessTokens.Clear();
            _refreshTokens.Clear();
            _uploadTokens.Clear();
            _deletedUploadTokens.Clear();
            _issuedAccessTokens.Clear();
            _issuedRefreshTokens.Clear();
            _issuedUploadTokens.Clear();
            _rateWindowCount = 0;
            _rateWindowStart = default;
            Volatile.Write(ref _config, new ApiVideoConfig());
        }

        UploadStore.TryDelete(files);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Rate limiting
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Headers shown while enforcement is off: a limit no test reaches, so a client that paces itself on
    /// X-RateLimit-Remaining is never slowed down by a sandbox that would not refuse it anyway.
    /// </summary>
    internal const int AdvertisedLimitWhenOff = 1_000_000;

    /// <summary>Counts the request in the current one-minute window (one window for the whole platform).</summary>
    internal (bool Allowed, int Limit, int Remaining, int RetryAfterSeconds) CountRequest()
    {
        var configured = Config.RateLimitPerMinute;
        var limit = configured > 0 ? configured : AdvertisedLimitWhenOff;
        lock (_sync)
        {
            var now = Now;
            if (_rateWindowStart == default || now - _rateWindowStart >= TimeSpan.FromMinutes(1))
            {
                _rateWindowStart = now;
                _rateWindowCount = 0;
            }

            var retryAfter = (int)Math.Max(1, Math.Ceiling((_rateWindowStart.AddMinutes(1) - now).TotalSeconds));
            if (configured > 0 && _rateWindowCount >= limit)
            {
                return (false, limit, 0, retryAfter);
            }

            _rateWindowCount++;
            return (true, limit, Math.Max(0, limit - _rateWindowCount), retryAfter);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Authentication
    // ---------------------------------------------------------------------------------------------------------

    internal static ApiVideoAccount? AccountForKey(string? apiKey) =>
        apiKey is null ? null : Accounts.FirstOrDefault(a => string.Equals(a.ApiKey, apiKey, StringComparison.Ordinal));

    internal AccessTokenJson IssueTokens(int account)
    {
        lock (_sync)
        {
            var lifetime = Config.AccessTokenLifetimeSeconds;
            var now = Now;
            var access = NewAccessToken(account, now, lifetime);
            var refresh = "def50200" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(96));
            _accessTokens[access] = new AccessTokenRecord(account, now.AddSeconds(lifetime));
            _refreshTokens[refresh] = account;
            _issuedAccessTokens.Add(access);
            _issuedRefreshTokens.Add(refresh);
            return new AccessTokenJson("Bearer", lifetime, access, refresh);
        }
    }

    /// <summary>Consumes a refresh token: each one can be used once.</summary>
    internal AccessTokenJson? Refresh(string refreshToken)
    {
        lock (_sync)
        {
            if (!_refreshTokens.Remove(refreshToken, out var account))
            {
                return null;
            }

            return IssueTokens(account);
        }
    }

    internal int? ValidateAccessToken(string token, out string detail)
    {
        lock (_sync)
        {
            if (!_accessTokens.TryGetValue(token, out var record))
            {
                detail = "The access token is unknown.";
                return null;
            }

            if (record.ExpiresAt <= Now)
            {
                detail = "The access token has expired.";
                return null;
            }

            detail = string.Empty;
            return record.Account;
        }
    }

    private static string NewAccessToken(int account, DateTimeOffset now, int lifetime)
    {
        // Shaped like the RS256 JWT the real API returns, so clients that peek at "exp" work; the signature is noise.
        var jti = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var header = JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "RS256", jti });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            aud = "library",
            jti,
            iat = now.ToUnixTimeSeconds(),
            nbf = now.ToUnixTimeSeconds(),
            exp = now.AddSeconds(lifetime).ToUnixTimeSeconds(),
            sub = $"sandbox-account-{account}",
            scopes = new[] { "sandbox.api.video" },
        });
        return $"{Base64Url(header)}.{Base64Url(payload)}.{Base64Url(RandomNumberGenerator.GetBytes(256))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // ---------------------------------------------------------------------------------------------------------
    // Upload tokens
    // ---------------------------------------------------------------------------------------------------------

    internal UploadTokenJson CreateUploadToken(int account, long ttl)
    {
        lock (_sync)
        {
            var now = Now;
            var token = new UploadTokenRecord("to" + RandomNumberGenerator.GetString(IdAlphabet, 22), account, ttl, now,
                ttl == 0 ? null : now.AddSeconds(ttl), ++_sequence);
            _uploadTokens[token.Token] = token;
            _issuedUploadTokens.Add(token.Token);
            return ApiVideoJson.Token(token);
        }
    }

    internal UploadTokenJson? GetUploadToken(int account, string token)
    {
        lock (_sync)
        {
            return _uploadTokens.TryGetValue(token, out var record) && record.Account == account ? ApiVideoJson.Token(record) : null;
        }
    }

    internal bool DeleteUploadToken(int account, string token)
    {
        lock (_sync)
        {
            if (!_uploadTokens.TryGetValue(token, out var record) || record.Account != account)
            {
                return false;
            }

            _uploadTokens.Remove(token);
            _deletedUploadTokens.Add(token);
            return true;
        }
    }

    internal (IReadOnlyList<UploadTokenJson> Page, int Total) ListUploadTokens(int account, string sortBy, bool descending, int page, int pageSize)
    {
        lock (_sync)
        {
            var tokens = _uploadTokens.Values.Where(t => t.Account == account);
            var ordered = sortBy == "ttl"
                ? (descending ? tokens.OrderByDescending(t => t.Ttl) : tokens.OrderBy(t => t.Ttl)).ThenBy(t => t.Sequence)
                : descending ? tokens.OrderByDescending(t => t.Sequence) : tokens.OrderBy(t => t.Sequence);
            var all = ordered.ToList();
            return ([.. all.Skip((page - 1) * pageSize).Take(pageSize).Select(ApiVideoJson.Token)], all.Count);
        }
    }

    /// <summary>The account an upload token uploads into, or null with the reason.</summary>
    internal int? ValidateUploadToken(string token, out string detail)
    {
        lock (_sync)
        {
            if (_uploadTokens.TryGetValue(token, out var record))
            {
                if (record.ExpiresAt is { } expiresAt && expiresAt <= Now)
                {
                    detail = $"The upload token expired at {ApiVideoJson.Date(expiresAt)}.";
                    return null;
                }

                detail = string.Empty;
                return record.Account;
            }

            detail = _deletedUploadTokens.Contains(token) ? "The upload token was deleted." : "The upload token does not exist.";
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Videos
    // ---------------------------------------------------------------------------------------------------------

    internal VideoJson CreateVideo(int account, VideoPayload payload, string assetRoot)
    {
        lock (_sync)
        {
            var video = NewVideo(account, payload.Title!, Now, uploadToken: null);
            payload.ApplyTo(video);
            return ApiVideoJson.Video(video, assetRoot);
        }
    }

    internal VideoJson? GetVideoJson(int account, string videoId, string assetRoot)
    {
        lock (_sync)
        {
            return Find(account, videoId) is { } video ? ApiVideoJson.Video(video, assetRoot) : null;
        }
    }

    internal VideoJson? UpdateVideo(int account, string videoId, VideoPayload payload, string assetRoot)
    {
        lock (_sync)
        {
            if (Find(account, videoId) is not { } video)
            {
                return null;
            }

            payload.ApplyTo(video);
            video.UpdatedAt = Now;
            return ApiVideoJson.Video(video, assetRoot);
        }
    }

    internal bool DeleteVideo(int account, string videoId)
    {
        List<string> files;
        lock (_sync)
        {
            if (Find(account, videoId) is not { } video)
            {
                return false;
            }

            _videos.Remove(videoId);
            _byCreation = null;
            files = [.. FilesOf(video)];
        }

        UploadStore.TryDelete(files);
        return true;
    }

    internal bool VideoExists(int account, string videoId)
    {
        lock (_sync)
        {
            return Find(account, videoId) is not null;
        }
    }

    internal (IReadOnlyList<VideoJson> Page, int Total) ListVideos(int account, VideoQuery query, string assetRoot)
    {
        lock (_sync)
        {
            _byCreation ??= [.. _videos.Values.OrderBy(v => v.Sequence)];
            IEnumerable<VideoRecord> videos = _byCreation.Where(v => v.Account == account);
            if (!string.IsNullOrEmpty(query.Title))
            {
                videos = videos.Where(v => v.Title.Contains(query.Title, StringComparison.OrdinalIgnoreCase));
            }

            if (!string.IsNullOrEmpty(query.Description))
            {
                videos = videos.Where(v => v.Description.Contains(query.Description, StringComparison.OrdinalIgnoreCase));
            }

            foreach (var tag in query.Tags)
            {
                videos = videos.Where(v => v.Tags.Contains(tag, StringComparer.Ordinal));
            }

            foreach (var (key, value) in query.Metadata)
            {
                videos = videos.Where(v => v.Metadata.Any(m => m.Key == key && m.Value == value));
            }

            if (query.SortBy is "createdAt" or "")
            {
                // Creation order is createdAt order with ties in sequence order, which is what the sort below gives.
                var inOrder = (query.Descending ? videos.Reverse() : videos).ToList();
                return ([.. inOrder.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(v => ApiVideoJson.Video(v, assetRoot))], inOrder.Count);
            }

            IOrderedEnumerable<VideoRecord> ordered = query.SortBy switch
            {
                "title" => query.Descending
                    ? videos.OrderByDescending(v => v.Title, StringComparer.OrdinalIgnoreCase)
                    : videos.OrderBy(v => v.Title, StringComparer.OrdinalIgnoreCase),
                "publishedAt" => query.Descending ? videos.OrderByDescending(v => v.PublishedAt) : videos.OrderBy(v => v.PublishedAt),
                "updatedAt" => query.Descending ? videos.OrderByDescending(v => v.UpdatedAt) : videos.OrderBy(v => v.UpdatedAt),
                _ => query.Descending ? videos.OrderByDescending(v => v.CreatedAt) : videos.OrderBy(v => v.CreatedAt),
            };
            // Equal timestamps (same second) keep creation order, reversed with the sort, so pages never shuffle.
            ordered = query.Descending ? ordered.ThenByDescending(v => v.Sequence) : ordered.ThenBy(v => v.Sequence);

            var all = ordered.ToList();
            var page = all.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(v => ApiVideoJson.Video(v, assetRoot));
            return ([.. page], all.Count);
        }
    }

    internal VideoStatusJson? GetStatus(int account, string videoId)
    {
        lock (_sync)
        {
            if (Find(account, videoId) is not { } video)
            {
                return null;
            }

            var upload = video.Upload;
            IngestJson? ingest = null;
            if (upload.Started)
            {
                var filesize = upload.Complete ? upload.Size : upload.Mode == UploadMode.Bytes ? upload.TotalBytes : null;
                ingest = new IngestJson(
                    upload.Complete ? "uploaded" : "uploading",
                    filesize,
                    [.. upload.MergedByteRanges().Select(r => new BytesRangeJson(r.From, r.To, r.Total))],
                    new ReceivedPartsJson([.. upload.Parts.Keys], upload.Mode == UploadMode.Parts ? upload.TotalParts : null));
            }

            return new VideoStatusJson(ingest, EncodingOf(video));
        }
    }

    private EncodingJson EncodingOf(VideoRecord video)
    {
        var upload = video.Upload;
        if (!upload.Complete)
        {
            return new EncodingJson(false, [], EncodingMetadataJson.Unknown);
        }

        var playable = !video.EncodingFailed && Now >= upload.CompletedAt!.Value.AddMilliseconds(Config.EncodingDelayMs);
        var status = video.EncodingFailed ? "failed" : playable ? "encoded" : "encoding";
        List<QualityJson> qualities = [new("hls", "720p", status)];
        if (video.Mp4Support)
        {
            qualities.Add(new QualityJson("mp4", "720p", status));
        }

        // The sandbox cannot decode video, so the "measured" values are fixed and the duration follows from the
        // size (about 1 Mbit/s), which keeps them deterministic for tests.
        var duration = Math.Max(1, upload.Size / 125_000);
        var bitrate = Math.Round(upload.Size * 8.0 / duration / 1000.0, 3);
        return new EncodingJson(playable, qualities, new EncodingMetadataJson(1280, 720, bitrate, duration, 25, 48000, "h264", "aac", "16/9"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sources and thumbnails
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Fast checks before the body is read, so a doomed chunk is not streamed to disk first.</summary>
    internal ApiVideoError? PrecheckSource(int account, string videoId, ContentRange? range)
    {
        lock (_sync)
        {
            return Find(account, videoId) is not { } video
                ? ApiVideoErrors.NotFound("videoId")
                : SourceUploadRules.Check(video.Upload, range);
        }
    }

    /// <summary>
    /// Accepts a received chunk (or refuses it), creating the video first when <paramref name="videoId"/> is null
    /// (first chunk of a token upload). When the chunk completes the source, the returned paths are the chunks
    /// to hash, in order, and the caller must call <see cref="FinishSource"/>.
    /// </summary>
    internal SourceCommit CommitSource(int account, string? videoId, ContentRange? range, long length, string path, string? newTitle, string? uploadToken)
    {
        lock (_sync)
        {
            VideoRecord? video;
            SourceUpload upload;
            if (videoId is null)
            {
                upload = new SourceUpload();
                video = null;
            }
            else if (Find(account, videoId) is { } found)
            {
                video = found;
                upload = found.Upload;
            }
            else
            {
                return new SourceCommit(ApiVideoErrors.NotFound("videoId"), null, null);
            }

            var error = SourceUploadRules.Check(upload, range) ?? SourceUploadRules.CheckReceived(upload, range, length);
            if (error is not null)
            {
                return new SourceCommit(error, null, null);
            }

            video ??= NewVideo(account, newTitle ?? "file", Now, uploadToken);
            var complete = SourceUploadRules.Add(video.Upload, range, path, length);
            video.UpdatedAt = Now;
            if (!complete)
            {
                // Hash what is contiguous from the start now, so the completing chunk waits only for the rest.
                video.Upload.Hasher.ExtendFiles(video.Upload.ContiguousPaths());
                return new SourceCommit(null, video, null);
            }

            video.Upload.Finalizing = true;
            video.Upload.Hasher.ExtendFiles([.. video.Upload.Paths]);
            return new SourceCommit(null, video, [.. video.Upload.Paths]);
        }
    }

    internal void FinishSource(VideoRecord video, long size, string sha256)
    {
        lock (_sync)
        {
            var upload = video.Upload;
            upload.Size = size;
            upload.Sha256 = sha256;
            upload.Complete = true;
            upload.Finalizing = false;
            upload.CompletedAt = Now;
        }
    }

    internal VideoJson Json(VideoRecord video, string assetRoot)
    {
        lock (_sync)
        {
            return ApiVideoJson.Video(video, assetRoot);
        }
    }

    /// <summary>Stores a thumbnail file; false when the video is gone (the caller then deletes the file).</summary>
    internal VideoJson? SetThumbnail(int account, string videoId, string? path, string? timecode, string assetRoot)
    {
        string? previous;
        VideoJson json;
        lock (_sync)
        {
            if (Find(account, videoId) is not { } video)
            {
                return null;
            }

            previous = path is not null ? video.ThumbnailPath : null;
            if (path is not null)
            {
                video.ThumbnailPath = path;
            }

            if (timecode is not null)
            {
                video.ThumbnailTimecode = timecode;
            }

            video.UpdatedAt = Now;
            json = ApiVideoJson.Video(video, assetRoot);
        }

        UploadStore.TryDelete(previous);
        return json;
    }

    // ---------------------------------------------------------------------------------------------------------

    private VideoRecord? Find(int account, string videoId) =>
        _videos.TryGetValue(videoId, out var video) && video.Account == account ? video : null;

    private VideoRecord NewVideo(int account, string title, DateTimeOffset now, string? uploadToken)
    {
        var video = new VideoRecord
        {
            VideoId = "vi" + RandomNumberGenerator.GetString(IdAlphabet, 22),
            Account = account,
            Sequence = ++_sequence,
            Title = title,
            CreatedAt = now,
            PublishedAt = now,
            UpdatedAt = now,
            UploadToken = uploadToken,
        };
        _videos.Add(video.VideoId, video);
        _byCreation = null;
        return video;
    }

    private static IEnumerable<string> FilesOf(VideoRecord video) =>
        video.Upload.OrderedChunks.Select(c => c.Path).Append(video.ThumbnailPath).OfType<string>();

    private static ApiVideoVideoInfo Info(VideoRecord video)
    {
        var upload = video.Upload;
        return new ApiVideoVideoInfo
        {
            Account = video.Account,
            VideoId = video.VideoId,
            Title = video.Title,
            Complete = upload.Complete,
            Size = upload.Complete ? upload.Size : upload.ReceivedBytes,
            Sha256 = upload.Complete ? upload.Sha256 : null,
            UploadMode = upload.Mode switch
            {
                UploadMode.Whole => "whole",
                UploadMode.Bytes => "bytes",
                UploadMode.Parts => "part",
                _ => "none",
            },
            ReceivedBytes = [.. upload.MergedByteRanges().Select(r => new ApiVideoByteRange(r.From, r.To, r.Total))],
            ReceivedParts = [.. upload.Parts.Keys],
            TotalBytes = upload.Complete ? upload.Size : upload.TotalBytes,
            TotalParts = upload.TotalParts,
            ChunkCount = upload.ChunkCount,
            UploadToken = video.UploadToken,
            Seeded = upload.Seeded,
            HasThumbnail = video.ThumbnailPath is not null || video.ThumbnailTimecode is not null,
            CreatedAt = video.CreatedAt,
            CompletedAt = upload.CompletedAt,
        };
    }
}

/// <summary>Outcome of <see cref="ApiVideoState.CommitSource"/>.</summary>
internal sealed record SourceCommit(ApiVideoError? Error, VideoRecord? Video, IReadOnlyList<string>? PathsToHash);

/// <summary>Filters, order and page of GET /videos.</summary>
internal sealed record VideoQuery(
    string? Title,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<KeyValuePair<string, string>> Metadata,
    string SortBy,
    bool Descending,
    int Page,
    int PageSize);

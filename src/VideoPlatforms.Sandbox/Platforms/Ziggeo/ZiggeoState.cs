using System.Security.Cryptography;
using System.Text;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>A Ziggeo application: its public token, its private key, and the region whose servers hold it.</summary>
internal sealed record ZiggeoApplication(string Token, string PrivateKey, string Name, string Region);

/// <summary>A stream of a video (docs/platforms/ziggeo.md#video-object-and-status).</summary>
internal sealed class ZiggeoStream
{
    public required string Token { get; init; }
    public required string VideoType { get; init; }
    public string CreationType { get; set; } = "SERVER_UPLOAD";
    public string State { get; set; } = "EMPTY";
    public string Streamable { get; set; } = "NO";
    public long Created { get; init; }
    public long? SubmissionDate { get; set; }
    public long? VideoSize { get; set; }
    public double? Duration { get; set; }

    /// <summary>The received file (sandbox storage), its size and SHA-256; null until the signed POST arrives.</summary>
    public string? FilePath { get; set; }
    public string? Sha256 { get; set; }

    /// <summary>Subtitles attached to the stream (docs/platforms/ziggeo.md#subtitles-and-stream-images).</summary>
    public List<ZiggeoSubtitle> Subtitles { get; } = [];

    /// <summary>The attached image (docs/platforms/ziggeo.md#subtitles-and-stream-images), kept in memory; null until one is attached.</summary>
    public byte[]? Image { get; set; }
}

/// <summary>A subtitle as it was attached: lang, label and the WebVTT text.</summary>
internal sealed record ZiggeoSubtitle(string Lang, string Label, string Data);

/// <summary>A video of one application (docs/platforms/ziggeo.md#video-object-and-status).</summary>
internal sealed class ZiggeoVideo
{
    public required string AppToken { get; init; }
    public required string Token { get; init; }
    public long Sequence { get; init; }
    public string? Key { get; set; }
    public List<string>? Tags { get; set; }
    public long Created { get; init; }
    public long? SubmissionDate { get; set; }
    public long? ConfirmedAtMs { get; set; }
    public double? Duration { get; set; }
    public int? MinDuration { get; set; }
    public int? MaxDuration { get; set; }
    public bool Volatile { get; set; }
    public string? ExpireOn { get; set; }
    public string? Data { get; set; }
    public bool Seeded { get; init; }
    public bool Failed { get; set; }
    public List<ZiggeoStream> Streams { get; } = [];
    public string? OriginalStream { get; set; }
    public string? DefaultStream { get; set; }
}

/// <summary>An auth token (docs/platforms/ziggeo.md#2-endpoints).</summary>
internal sealed class ZiggeoAuthToken
{
    public required string AppToken { get; init; }
    public required string Token { get; init; }
    public long Created { get; init; }
    public bool Volatile { get; set; }
    public bool Hidden { get; set; }
    public long? ExpirationDate { get; set; }
    public long? UsageExpirationTime { get; set; }
    public int? SessionLimit { get; set; }
    public string Grants { get; set; } = "{}";
}

/// <summary>A pre-signed S3-style POST handed out by videos-upload-url: which stream its file belongs to.</summary>
internal sealed record ZiggeoSignedUpload(string ObjectKey, string AppToken, string VideoToken, string StreamToken, string Policy, string Signature, DateTimeOffset Expires);

/// <summary>What the admin config endpoint reads and writes.</summary>
public sealed record ZiggeoConfig
{
    /// <summary>How long a confirmed video stays PROCESSING before it is READY (0: READY at once).</summary>
    public int ProcessingDelayMs { get; init; }

    /// <summary>How long a signed upload policy is valid.</summary>
    public int UploadUrlLifetimeSeconds { get; init; } = 3600;

    /// <summary>The duration every confirmed video reports: the sandbox does not decode video.</summary>
    public double DurationSeconds { get; init; } = 10.0;
}

/// <summary>
/// The Ziggeo emulation's data, shared by every regional endpoint and the S3-like upload endpoint. One lock guards
/// it all (requests are short).
/// </summary>
public sealed partial class ZiggeoState
{
    internal const string DefaultRegion = "default";
    internal const string EuWest1 = "eu-west-1";
    internal const string Bucket = "ziggeo-sandbox-uploads";

    internal static readonly IReadOnlyList<ZiggeoApplication> Applications =
    [
        new(SandboxCredentials.ZiggeoApplicationToken, SandboxCredentials.ZiggeoPrivateKey, "Sandbox Ziggeo application", DefaultRegion),
        new(SandboxCredentials.ZiggeoEuApplicationToken, SandboxCredentials.ZiggeoEuPrivateKey, "Sandbox Ziggeo application (eu-west-1)", EuWest1),
    ];

    // Signs upload policies, as AWS signs with the bucket owner's secret: clients never see it.
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ZiggeoVideo> _videos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZiggeoAuthToken> _authTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ZiggeoSignedUpload> _uploads = new(StringComparer.Ordinal);
    private readonly List<string> _issuedSecrets = [];
    private ZiggeoConfig _config = new();
    private long _sequence;

    internal ZiggeoState(TimeProvider time) => _time = time;

    internal object Sync => _sync;

    public ZiggeoConfig Config
    {
        get => Volatile.Read(ref _config);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.ProcessingDelayMs < 0 || value.UploadUrlLifetimeSeconds < 1 || value.DurationSeconds < 0)
            {
                throw new ArgumentException("processingDelayMs and durationSeconds must be >= 0, uploadUrlLifetimeSeconds >= 1.", nameof(value));
            }

            Volatile.Write(ref _config, value);
        }
    }

    internal DateTimeOffset Now => _time.GetUtcNow();

    internal long UnixNow => _time.GetUtcNow().ToUnixTimeSeconds();

    internal static ZiggeoApplication? Authenticate(string region, string token, string privateKey) =>
        Applications.FirstOrDefault(a => a.Region == region && a.Token == token && a.PrivateKey == privateKey);

    internal static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Finds a video by token, or by key when addressed as "_key" (docs/platforms/ziggeo.md#2-endpoints).</summary>
    internal ZiggeoVideo? Find(string appToken, string tokenOrKey)
    {
        lock (_sync)
        {
            if (tokenOrKey.StartsWith('_'))
            {
                var key = tokenOrKey[1..];
                return _videos.Values.FirstOrDefault(v => v.AppToken == appToken && v.Key == key);
            }

            return _videos.TryGetValue(tokenOrKey, out var video) && video.AppToken == appToken ? video : null;
        }
    }

    internal bool KeyInUse(string appToken, string key, ZiggeoVideo? except)
    {
        lock (_sync)
        {
            return _videos.Values.Any(v => v.AppToken == appToken && v.Key == key && !ReferenceEquals(v, except));
        }
    }

    internal ZiggeoVideo Create(string appToken, string videoType, Action<ZiggeoVideo> configure, bool seeded = false)
    {
        lock (_sync)
        {
            var now = UnixNow;
            var video = new ZiggeoVideo { AppToken = appToken, Token = NewToken(), Sequence = ++_sequence, Created = now, Seeded = seeded };
            var stream = new ZiggeoStream { Token = NewToken(), VideoType = videoType, Created = now };
            video.Streams.Add(stream);
            video.DefaultStream = stream.Token;
            configure(video);
            _videos[video.Token] = video;
            return video;
        }
    }

    internal bool Delete(ZiggeoVideo video)
    {
        lock (_sync)
        {
            if (!_videos.Remove(video.Token))
            {
                return false;
            }

            foreach (var stream in video.Streams)
            {
                UploadStore.TryDelete(stream.FilePath);
            }

            return true;
        }
    }

    /// <summary>Videos of an application, newest first (docs/platforms/ziggeo.md#4-listing-and-paging: the index is newest first).</summary>
    internal List<ZiggeoVideo> VideosOf(string appToken)
    {
        lock (_sync)
        {
            return [.. _videos.Values.Where(v => v.AppToken == appToken).OrderByDescending(v => v.Sequence)];
        }
    }

    internal string StateOf(ZiggeoVideo video)
    {
        lock (_sync)
        {
            if (video.Failed)
            {
                return "FAILED";
            }

            if (video.ConfirmedAtMs is not { } confirmed)
            {
                return "EMPTY";
            }

            return Now.ToUnixTimeMilliseconds() - confirmed >= Config.ProcessingDelayMs ? "READY" : "PROCESSING";
        }
    }

    /// <summary>A signed S3-style POST for the video's default stream: the policy names the object key and expires.</summary>
    internal ZiggeoSignedUpload SignUpload(ZiggeoVideo video, string extension)
    {
        var objectKey = $"{video.AppToken}/{video.Token}/{video.DefaultStream}/video.{extension}";
        var expires = Now.AddSeconds(Config.UploadUrlLifetimeSeconds);
        var policyJson = $"{{\"expiration\":\"{expires.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\",\"conditions\":[{{\"bucket\":\"{Bucket}\"}},{{\"key\":\"{objectKey}\"}}]}}";
        var policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(policyJson));
        var upload = new ZiggeoSignedUpload(objectKey, video.AppToken, video.Token, video.DefaultStream!, policy, Sign(policy), expires);
        lock (_sync)
        {
            _uploads[objectKey] = upload;
            _issuedSecrets.Add(policy);
            _issuedSecrets.Add(upload.Signature);
        }

        return upload;
    }

    internal static string Sign(string policy) => Convert.ToHexStringLower(HMACSHA256.HashData(SigningKey, Encoding.UTF8.GetBytes(policy)));

    internal ZiggeoSignedUpload? FindUpload(string objectKey)
    {
        lock (_sync)
        {
            return _uploads.GetValueOrDefault(objectKey);
        }
    }

    /// <summary>Stores a received file on its stream; a repeated POST (a retried upload) replaces the earlier file.</summary>
    internal bool AttachFile(ZiggeoSignedUpload upload, string path, long size, string sha256)
    {
        lock (_sync)
        {
            if (!_videos.TryGetValue(upload.VideoToken, out var video) || video.Streams.FirstOrDefault(s => s.Token == upload.StreamToken) is not { } stream)
            {
                return false;
            }

            UploadStore.TryDelete(stream.FilePath);
            stream.FilePath = path;
            stream.VideoSize = size;
            stream.Sha256 = sha256;
            stream.State = "UPLOADED";
            return true;
        }
    }

    /// <summary>
    /// confirm-video: the uploaded stream becomes the original (SERVER_UPLOAD, DEGRADED, READY) and a transcoded
    /// stream (TRANSCODED, YES) becomes the default, as the PHP SDK's integration test observes (docs/platforms/ziggeo.md#video-object-and-status).
    /// Confirming again is harmless and answers the same default stream.
    /// </summary>
    internal ZiggeoStream Confirm(ZiggeoVideo video, ZiggeoStream stream)
    {
        lock (_sync)
        {
            if (video.OriginalStream == stream.Token && video.Streams.FirstOrDefault(s => s.Token == video.DefaultStream) is { } already)
            {
                return already;
            }

            var now = UnixNow;
            stream.State = "READY";
            stream.Streamable = "DEGRADED";
            stream.SubmissionDate = now;
            stream.Duration = Config.DurationSeconds;
            var transcoded = new ZiggeoStream
            {
                Token = NewToken(), VideoType = "mp4", Created = now, CreationType = "TRANSCODED", State = "READY",
                Streamable = "YES", SubmissionDate = now, Duration = Config.DurationSeconds, VideoSize = stream.VideoSize,
            };
            video.Streams.Add(transcoded);
            video.OriginalStream = stream.Token;
            video.DefaultStream = transcoded.Token;
            video.SubmissionDate = now;
            video.Duration = Config.DurationSeconds;
            video.ConfirmedAtMs = Now.ToUnixTimeMilliseconds();
            return transcoded;
        }
    }

    internal ZiggeoAuthToken AddAuthToken(string appToken, Action<ZiggeoAuthToken> configure)
    {
        lock (_sync)
        {
            var token = new ZiggeoAuthToken { AppToken = appToken, Token = NewToken(), Created = UnixNow };
            configure(token);
            _authTokens[token.Token] = token;
            _issuedSecrets.Add(token.Token);
            return token;
        }
    }

    internal ZiggeoAuthToken? FindAuthToken(string appToken, string token)
    {
        lock (_sync)
        {
            return _authTokens.TryGetValue(token, out var found) && found.AppToken == appToken ? found : null;
        }
    }

    internal bool DeleteAuthToken(ZiggeoAuthToken token)
    {
        lock (_sync)
        {
            return _authTokens.Remove(token.Token);
        }
    }

    internal List<ZiggeoAuthToken> AuthTokens()
    {
        lock (_sync)
        {
            return [.. _authTokens.Values.OrderBy(t => t.Created)];
        }
    }

    /// <summary>Makes a video's processing fail (admin): its state_string becomes FAILED (docs/platforms/ziggeo.md#video-object-and-status). False when unknown.</summary>
    internal bool FailProcessing(string token)
    {
        lock (_sync)
        {
            if (_videos.Values.FirstOrDefault(v => v.Token == token) is not { } video) return false;
            video.Failed = true;
            return true;
        }
    }

    internal List<ZiggeoVideo> AllVideos()
    {
        lock (_sync)
        {
            return [.. _videos.Values.OrderBy(v => v.Sequence)];
        }
    }

    internal object Secrets()
    {
        lock (_sync)
        {
            var privateKeys = Applications.Select(a => a.PrivateKey).ToArray();
            var authTokens = _authTokens.Keys.ToArray();
            var uploadSecrets = _issuedSecrets.Except(authTokens).ToArray();
            return new
            {
                privateKeys,
                authTokens,
                uploadPolicies = uploadSecrets,
                all = privateKeys.Concat(_issuedSecrets).Distinct().ToArray(),
            };
        }
    }

    internal object Seed(string region, int count, string? keyPrefix, List<string>? tags)
    {
        if (count is < 0 or > 10_000)
        {
            throw new ArgumentException("count must be between 0 and 10000.");
        }

        var app = Applications.FirstOrDefault(a => a.Region == region)
                  ?? throw new ArgumentException($"region must be one of: {string.Join(", ", Applications.Select(a => a.Region))}.");
        var tokens = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var video = Create(app.Token, "mp4", v =>
            {
                v.Key = keyPrefix is null ? null : $"{keyPrefix}{i}";
                v.Tags = tags is { Count: > 0 } ? [.. tags] : null;
            }, seeded: true);
            var stream = video.Streams[0];
            stream.VideoSize = 1024;
            Confirm(video, stream);
            video.ConfirmedAtMs = 0; // seeded videos are READY whatever the processing delay
            tokens.Add(video.Token);
        }

        return new { region, created = count, tokens };
    }

    internal void Reset()
    {
        lock (_sync)
        {
            _videos.Clear();
            _authTokens.Clear();
            _uploads.Clear();
            _issuedSecrets.Clear();
            _sequence = 0;
            _config = new ZiggeoConfig();
        }
    }
}

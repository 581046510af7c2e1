namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>Tunable behaviour of the api.video emulation (PUT /_sandbox/apivideo/config).</summary>
public sealed record ApiVideoConfig
{
    /// <summary>Lifetime of access tokens from /auth/api-key and /auth/refresh (the real API: 3600).</summary>
    public int AccessTokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>Requests per minute before 429; 0 turns enforcement off (headers are still sent).</summary>
    public int RateLimitPerMinute { get; init; }

    /// <summary>How long after the upload completes a video becomes playable.</summary>
    public int EncodingDelayMs { get; init; }
}

/// <summary>An inclusive byte range of a source, as api.video reports received bytes.</summary>
public sealed record ApiVideoByteRange(long From, long To, long Total);

/// <summary>What the sandbox holds for one api.video video (admin view; not the API's video object).</summary>
public sealed record ApiVideoVideoInfo
{
    /// <summary>1 for <see cref="SandboxCredentials.ApiVideoApiKey"/>, 2 for <see cref="SandboxCredentials.ApiVideoSecondApiKey"/>.</summary>
    public required int Account { get; init; }
    public required string VideoId { get; init; }
    public required string Title { get; init; }

    /// <summary>True once every byte arrived and the hash was computed.</summary>
    public required bool Complete { get; init; }

    /// <summary>Source size when complete, else the bytes received so far.</summary>
    public required long Size { get; init; }

    /// <summary>Lowercase hex SHA-256 of the source; null until complete.</summary>
    public required string? Sha256 { get; init; }

    /// <summary>"none", "whole" (no Content-Range), "bytes" or "part".</summary>
    public required string UploadMode { get; init; }

    public required IReadOnlyList<ApiVideoByteRange> ReceivedBytes { get; init; }
    public required IReadOnlyList<long> ReceivedParts { get; init; }
    public required long? TotalBytes { get; init; }
    public required long? TotalParts { get; init; }
    public required int ChunkCount { get; init; }
    public required string? UploadToken { get; init; }
    public required bool Seeded { get; init; }
    public required bool HasThumbnail { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>Every credential the api.video emulation issued or accepts, so tests can check none leaks.</summary>
public sealed record ApiVideoSecrets
{
    public required IReadOnlyList<string> ApiKeys { get; init; }

    /// <summary>Every access token issued since the last reset, expired ones included.</summary>
    public required IReadOnlyList<string> AccessTokens { get; init; }

    /// <summary>Every refresh token issued since the last reset, consumed ones included.</summary>
    public required IReadOnlyList<string> RefreshTokens { get; init; }

    /// <summary>Every upload token created since the last reset, deleted ones included.</summary>
    public required IReadOnlyList<string> UploadTokens { get; init; }

    /// <summary>All of the above in one list.</summary>
    public IReadOnlyList<string> All => [.. ApiKeys, .. AccessTokens, .. RefreshTokens, .. UploadTokens];
}

/// <summary>Result of seeding.</summary>
public sealed record ApiVideoSeedResult(int Account, int Created, IReadOnlyList<string> VideoIds);

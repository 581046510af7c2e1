using System.Collections.Specialized;

namespace VideoPlatforms;

/// <summary>
/// A delegated upload credential: whoever holds <see cref="Token"/> can upload into the account without its key.
/// Handing it out is its purpose, so it is shown in output; it is still redacted from verbose and debug logs.
/// </summary>
public sealed class UploadToken
{
    public UploadToken(string provider, string token, VideoProviderConnection? connection)
    {
        Provider = provider;
        Token = token;
        Connection = connection;
    }

    public string Provider { get; }

    public string Token { get; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Null when the token never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Null when the token never expires.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>True once <see cref="ExpiresAt"/> has passed.</summary>
    public bool IsExpired => ExpiresAt is { } at && at <= DateTimeOffset.UtcNow;

    public OrderedDictionary Raw { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public VideoProviderConnection? Connection { get; }

    public override string ToString() => Token;
}

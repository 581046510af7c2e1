using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>
/// Download links of a video's files. Vimeo hands them out in the video's <c>download</c> array, to the owner with
/// the <c>video_files</c> scope only, as signed links that expire; the link itself is the credential.
/// </summary>
public sealed partial class VimeoState
{
    private static readonly TimeSpan DownloadLinkLifetime = TimeSpan.FromHours(1);
    private readonly byte[] _downloadKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>The stored file of a complete upload, its size and SHA-256; null when there is no file to serve.</summary>
    internal (IReadOnlyList<string> Paths, long Size, string Sha256)? DownloadSource(long videoId)
    {
        lock (_sync)
        {
            if (!_videos.TryGetValue(videoId, out var video) || video.Seeded
                || video.Upload is not { Complete: true, Sha256: { } sha } upload)
            {
                return null;
            }

            return ([upload.FilePath], upload.Length, sha);
        }
    }

    /// <summary>A fresh signed link's expiry (unix seconds) and signature, recorded as an issued secret.</summary>
    internal (long Expires, string Signature) SignDownload(long videoId)
    {
        var expires = Now.Add(DownloadLinkLifetime).ToUnixTimeSeconds();
        var signature = DownloadSignature(videoId, expires);
        lock (_sync)
        {
            _issued.Add(signature);
        }

        return (expires, signature);
    }

    /// <summary>Whether a link's signature is ours and it has not expired.</summary>
    internal bool CheckDownload(long videoId, string? expires, string? signature, out bool expired)
    {
        expired = false;
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(DownloadSignature(videoId, at));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return false;
        }

        expired = Now.ToUnixTimeSeconds() > at;
        return !expired;
    }

    private string DownloadSignature(long videoId, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_downloadKey, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{videoId}:{expires}"))));
}

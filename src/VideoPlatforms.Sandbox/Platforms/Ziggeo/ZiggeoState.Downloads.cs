namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>The bytes behind a stream's download (docs/platforms/ziggeo.md#downloads: GET /v1/videos/{t}/video).</summary>
public sealed partial class ZiggeoState
{
    /// <summary>
    /// The file a stream of <paramref name="video"/> serves, its size and SHA-256; null when it has none yet. The
    /// sandbox does not transcode: the TRANSCODED default stream serves the uploaded original's bytes.
    /// </summary>
    internal (IReadOnlyList<string> Paths, long Size, string Sha256)? DownloadSource(ZiggeoVideo video, string? streamToken)
    {
        lock (_sync)
        {
            var token = streamToken ?? video.DefaultStream;
            if (token is null || video.Streams.All(s => s.Token != token))
            {
                return null;
            }

            var original = video.Streams.FirstOrDefault(s => s.Token == video.OriginalStream)
                ?? video.Streams.FirstOrDefault(s => s.Token == token);
            if (original is not { FilePath: { } path, Sha256: { } sha, VideoSize: { } size })
            {
                return null;
            }

            return ([path], size, sha);
        }
    }
}

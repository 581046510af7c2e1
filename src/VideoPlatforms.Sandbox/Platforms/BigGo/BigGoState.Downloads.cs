namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>What a video's <c>meta.download.mp4</c> link serves (docs/platforms/biggo.md#downloads).</summary>
public sealed partial class BigGoState
{
    /// <summary>
    /// The uploaded file of a live, processed video, its size and SHA-256; null for deleted, seeded (no file) or
    /// still-processing videos, whose answers carry <c>download: []</c>. The sandbox does not transcode.
    /// </summary>
    internal (IReadOnlyList<string> Paths, long Size, string Sha256)? DownloadSource(string videoId)
    {
        lock (_sync)
        {
            if (!_videos.TryGetValue(videoId, out var video) || video.Deleted || video.Path is not { } path || Now < video.ReadyAt)
            {
                return null;
            }

            return ([path], video.Size, video.Sha256);
        }
    }
}

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>What the mp4 asset of a video serves (docs/platforms/apivideo.md#downloads: assets.mp4, "available only if mp4Support").</summary>
public sealed partial class ApiVideoState
{
    /// <summary>
    /// The stored chunks of a complete, uploaded source in source order, its size and SHA-256; null when there is
    /// nothing to serve (no such video, upload unfinished, mp4Support off, or a seeded video that has no file).
    /// The sandbox does not transcode, so the mp4 rendition is the uploaded bytes.
    /// </summary>
    internal (IReadOnlyList<string> Paths, long Size, string Sha256)? DownloadSource(string videoId)
    {
        lock (_sync)
        {
            if (!_videos.TryGetValue(videoId, out var video) || !video.Mp4Support
                || video.Upload is not { Complete: true, Seeded: false, Sha256: { } sha })
            {
                return null;
            }

            return ([.. video.Upload.Paths], video.Upload.Size, sha);
        }
    }

    /// <summary>
    /// The image behind assets.thumbnail: the one uploaded with POST /videos/{id}/thumbnail. Null for a video without
    /// one: the sandbox does not decode video, so it has no frame to offer (Sandbox choice; api.video makes one once
    /// the video is encoded).
    /// </summary>
    internal string? ThumbnailFile(string videoId)
    {
        lock (_sync)
        {
            return _videos.TryGetValue(videoId, out var video) && video.ThumbnailPath is { } path && File.Exists(path) ? path : null;
        }
    }
}

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>A caption or chapters file of a video, kept in memory (they are small).</summary>
internal sealed record TextTrackRecord(string Language, byte[] Content, bool Default);

/// <summary>
/// Captions and chapters: one WebVTT file per language and kind (docs/platforms/apivideo.md#captions-and-chapters).
/// Kept beside the videos under the same lock; a deleted video takes its tracks with it.
/// </summary>
public sealed partial class ApiVideoState
{
    private readonly Dictionary<(string VideoId, string Kind, string Language), TextTrackRecord> _tracks = new();

    /// <summary>Stores a track, replacing the one of that language and kind; null when the video is not the account's.</summary>
    internal TextTrackRecord? PutTrack(int account, string videoId, string kind, string language, byte[] content)
    {
        lock (_sync)
        {
            if (Find(account, videoId) is null) return null;
            var key = (videoId, kind, Canonical(language));
            var keepsDefault = _tracks.TryGetValue(key, out var old) && old.Default;
            return _tracks[key] = new TextTrackRecord(language, content, keepsDefault);
        }
    }

    /// <summary>The video's tracks of one kind, in language order; null when the video is not the account's.</summary>
    internal IReadOnlyList<TextTrackRecord>? Tracks(int account, string videoId, string kind)
    {
        lock (_sync)
        {
            if (Find(account, videoId) is null) return null;
            ForgetOrphans();
            return [.. _tracks.Where(t => t.Key.VideoId == videoId && t.Key.Kind == kind)
                .Select(t => t.Value).OrderBy(t => t.Language, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>One track; null when the video or the track is missing.</summary>
    internal TextTrackRecord? Track(int account, string videoId, string kind, string language)
    {
        lock (_sync)
        {
            return Find(account, videoId) is not null && _tracks.TryGetValue((videoId, kind, Canonical(language)), out var track) ? track : null;
        }
    }

    /// <summary>The track's file for its public src link (no key needed, like the video's other assets).</summary>
    internal TextTrackRecord? PublicTrack(string videoId, string kind, string language)
    {
        lock (_sync)
        {
            return _videos.ContainsKey(videoId) && _tracks.TryGetValue((videoId, kind, Canonical(language)), out var track) ? track : null;
        }
    }

    internal bool DeleteTrack(int account, string videoId, string kind, string language)
    {
        lock (_sync)
        {
            return Find(account, videoId) is not null && _tracks.Remove((videoId, kind, Canonical(language)));
        }
    }

    /// <summary>Makes one caption the video's default (and no other); null when the video or caption is missing.</summary>
    internal TextTrackRecord? SetDefaultCaption(int account, string videoId, string language, bool isDefault)
    {
        lock (_sync)
        {
            if (Find(account, videoId) is null || !_tracks.TryGetValue((videoId, "captions", Canonical(language)), out var track)) return null;
            if (isDefault)
            {
                foreach (var key in _tracks.Keys.Where(k => k.VideoId == videoId && k.Kind == "captions").ToList())
                    _tracks[key] = _tracks[key] with { Default = false };
            }

            return _tracks[(videoId, "captions", Canonical(language))] = track with { Default = isDefault };
        }
    }

    /// <summary>Tracks of videos deleted since: dropped lazily, so DeleteVideo need not know about them.</summary>
    private void ForgetOrphans()
    {
        foreach (var key in _tracks.Keys.Where(k => !_videos.ContainsKey(k.VideoId)).ToList()) _tracks.Remove(key);
    }

    private static string Canonical(string language) => language.ToLowerInvariant();
}

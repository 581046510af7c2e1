using System.Globalization;

namespace VideoPlatforms.Download;

/// <summary>Picks the rendition a person asked for: the best by default, or one named by quality or height.</summary>
internal static class RenditionChooser
{
    public const string Best = "Best";

    /// <summary>
    /// Best is the source file where the platform offers it (nothing re-encoded beats the original), else the tallest
    /// picture, then the largest file. A name matches a rendition's quality (source, 1080p, original...) or, as
    /// "1080" or "1080p", its height.
    /// </summary>
    public static VideoRendition Choose(IReadOnlyList<VideoRendition> renditions, string? quality, string displayName, string videoId)
    {
        if (renditions.Count == 0)
            throw new VideoProviderException(ProviderErrorKind.InvalidData, "NoRenditions", $"{displayName} offers no file to download for video '{videoId}'.");
        if (string.IsNullOrWhiteSpace(quality) || string.Equals(quality, Best, StringComparison.OrdinalIgnoreCase))
            return renditions.OrderByDescending(r => r.IsSource).ThenByDescending(r => r.Height ?? 0).ThenByDescending(r => r.Size ?? 0).First();

        var named = renditions.FirstOrDefault(r => string.Equals(r.Quality, quality, StringComparison.OrdinalIgnoreCase));
        if (named is not null) return named;
        var digits = quality.EndsWith('p') || quality.EndsWith('P') ? quality[..^1] : quality;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            var tall = renditions.FirstOrDefault(r => r.Height == height);
            if (tall is not null) return tall;
        }

        throw new VideoProviderException(ProviderErrorKind.NotFound, "QualityNotAvailable",
            $"{displayName} video '{videoId}' has no '{quality}' rendition. It has: {string.Join(", ", renditions.Select(r => r.ToString()))}. Give -Quality one of those, or Best (the default).")
        {
            RecommendedAction = $"Use -Quality {renditions[0].Quality} or -Quality Best.",
        };
    }
}

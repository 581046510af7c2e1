using RestSharp;
using VideoPlatforms.Download;

namespace VideoPlatforms.Providers;

/// <summary>Downloads, the same on every platform once a provider has listed its renditions.</summary>
internal abstract partial class VideoProviderBase
{
    public abstract Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken);

    public async Task<VideoDownloadResult> DownloadAsync(VideoRendition rendition, string path, bool overwrite, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var downloader = new RangeDownloader(DisplayName, Http.Retry, Http.Redactor, ApplyCredentialsAsync);
        var file = await downloader.DownloadAsync(rendition, path, overwrite, progress, cancellationToken).ConfigureAwait(false);
        return new VideoDownloadResult(rendition, file.Path, file.Bytes, file.Sha256, file.ResumedFrom);
    }

    /// <summary>
    /// A track's WebVTT file, read from the link its listing gave (<see cref="VideoCaption.FileLocation"/>) with the
    /// same resuming, retrying and redacting download as a video; the link is a link on its own, no credentials go to it.
    /// </summary>
    public virtual async Task<string> DownloadCaptionAsync(VideoCaption caption, string path, bool overwrite, CancellationToken cancellationToken)
    {
        var what = $"{caption.Kind.ToString().ToLowerInvariant()} ({caption.Language})";
        if (caption.FileLocation is not { } location)
            throw new VideoProviderException(ProviderErrorKind.NotSupported, "CaptionNotReadable",
                $"{DisplayName} gives no link to read the {what} of video {caption.VideoId}, so its text cannot be downloaded.");
        return await DownloadLinkAsync(location, caption.VideoId, what, path, overwrite, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A file a video's listing links to (a track, the thumbnail image), read without credentials: the link is public or signed.</summary>
    internal async Task<string> DownloadLinkAsync(Uri location, string videoId, string what, string path, bool overwrite, CancellationToken cancellationToken)
    {
        var file = new VideoRendition(Name, videoId, what, location, authenticated: false);
        var downloader = new RangeDownloader(DisplayName, Http.Retry, Http.Redactor, null);
        var saved = await downloader.DownloadAsync(file, path, overwrite, null, cancellationToken).ConfigureAwait(false);
        return saved.Path;
    }

    /// <summary>Opens a rendition as a stream that resumes itself after a drop (Copy-Video's pipe into an upload).</summary>
    internal Task<RenditionStream> OpenRenditionAsync(VideoRendition rendition, CancellationToken cancellationToken) =>
        RenditionStream.OpenAsync(new RangeDownloader(DisplayName, Http.Retry, Http.Redactor, ApplyCredentialsAsync), rendition, cancellationToken);

    /// <summary>
    /// Puts the connection's credentials on a download request, for the platforms whose download endpoint takes
    /// them (a video CDN behind the API's own credentials: docs/platforms/ziggeo.md#downloads). The authenticator speaks RestSharp, so its headers are carried
    /// over from a scratch request.
    /// </summary>
    private async Task ApplyCredentialsAsync(System.Net.Http.HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Http.Authenticator is null) return;
        var scratch = new RestRequest();
        await Http.Authenticator.ApplyAsync(scratch, cancellationToken).ConfigureAwait(false);
        foreach (var header in scratch.Parameters.Where(p => p.Type == ParameterType.HttpHeader))
        {
            request.Headers.Remove(header.Name!);
            request.Headers.TryAddWithoutValidation(header.Name!, header.Value?.ToString());
        }
    }

    /// <summary>A clear error for a video that has nothing to download yet (still uploading or processing).</summary>
    internal VideoProviderException NothingToDownload(string id, string why) =>
        new(ProviderErrorKind.InvalidData, "NoRenditions", $"{DisplayName} offers no file to download for video '{id}': {why}");
}

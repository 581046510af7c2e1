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

    /// <summary>Opens a rendition as a stream that resumes itself after a drop (Copy-Video's pipe into an upload).</summary>
    internal Task<RenditionStream> OpenRenditionAsync(VideoRendition rendition, CancellationToken cancellationToken) =>
        RenditionStream.OpenAsync(new RangeDownloader(DisplayName, Http.Retry, Http.Redactor, ApplyCredentialsAsync), rendition, cancellationToken);

    /// <summary>
    /// Puts the connection's credentials on a download request, for the platforms whose download endpoint takes
    /// them (Ziggeo's video CDN, docs/platforms/ziggeo.md#downloads). The authenticator speaks RestSharp, so its headers are carried
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
    protected VideoProviderException NothingToDownload(string id, string why) =>
        new(ProviderErrorKind.InvalidData, "NoRenditions", $"{DisplayName} offers no file to download for video '{id}': {why}");
}

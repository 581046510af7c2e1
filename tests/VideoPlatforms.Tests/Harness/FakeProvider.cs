namespace VideoPlatforms.Tests.Harness;

/// <summary>
/// An IVideoProvider for engine unit tests that need no Sandbox: every call is refused with NotSupportedException
/// unless a test's fake overrides it, so a fake says only what it scripts, and an unexpected call fails loudly.
/// </summary>
internal abstract class FakeProvider : IVideoProvider
{
    public virtual string Name => "Fake";
    public virtual string? Account => null;
    public virtual string? AccountId => null;
    public virtual string? Region => null;
    public virtual DateTimeOffset? CredentialExpiresAt => null;
    public virtual bool CanManageVideos => true;
    public virtual ChunkSizeLimits ChunkSizes => ChunkSizeLimits.WholeFile;
    public virtual void ValidateUpload(UploadRequest request) => throw new NotSupportedException();
    public virtual void ValidateUpdate(VideoUpdate update) => throw new NotSupportedException();
    public virtual Task ConnectAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task DeleteVideoAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<ProviderResponse> InvokeAsync(ProviderRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<VideoDownloadResult> DownloadAsync(VideoRendition rendition, string path, bool overwrite, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual void ValidateCaption(CaptionRequest request) => throw new NotSupportedException();
    public virtual Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual Task<string> DownloadCaptionAsync(VideoCaption caption, string path, bool overwrite, CancellationToken cancellationToken) => throw new NotSupportedException();
    public virtual void ValidateDownload(DownloadRequest request) => throw new NotSupportedException();
    public virtual void Dispose() { }
}

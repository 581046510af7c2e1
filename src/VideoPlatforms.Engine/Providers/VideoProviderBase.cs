using System.Net;
using System.Security;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Providers;

/// <summary>
/// What every platform client shares: its HTTP pipeline, its connection, chunk-size checks, and clear refusals
/// for operations a platform does not have (rather than inventing them).
/// </summary>
internal abstract partial class VideoProviderBase : IVideoProvider
{
    protected VideoProviderBase(ProviderContext context, string displayName)
    {
        Http = context.Http;
        Connection = context.Connection;
        Request = context.Request;
        DisplayName = displayName;
    }

    // Internal, not protected: a platform's role classes (<P>Captions, <P>Uploader, <P>Connector) reach them through the provider.
    internal ProviderHttp Http { get; }

    internal VideoProviderConnection Connection { get; }

    internal ConnectionRequest Request { get; }

    protected string DisplayName { get; }

    private CreateGuard? _creates;

    /// <summary>Where creates go so an uncertain failure is recovered without a duplicate (see <see cref="CreateGuard"/>).</summary>
    internal CreateGuard Creates => LazyInitializer.EnsureInitialized(ref _creates, () => new CreateGuard(this, Http));

    public abstract string Name { get; }

    public virtual string? Account => null;

    public virtual string? AccountId => Account;

    public virtual DateTimeOffset? CredentialExpiresAt => null;

    public virtual string? Region => null;

    public virtual bool CanManageVideos => true;

    public abstract ChunkSizeLimits ChunkSizes { get; }

    public virtual void ValidateUpload(UploadRequest request)
    {
        ResolveChunkSize(request.ChunkSize);
        if (request.ChunkConcurrency is { } concurrency and (< 1 or > UploadRequest.MaximumChunkConcurrency))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ChunkConcurrencyOutOfRange",
                $"-ChunkConcurrency {concurrency} is outside 1 to {UploadRequest.MaximumChunkConcurrency}: the number of chunks of one file sent at once. For example: -ChunkConcurrency 4.");
    }

    public virtual void ValidateUpdate(VideoUpdate update)
    {
    }

    public abstract Task ConnectAsync(CancellationToken cancellationToken);

    public abstract Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken);

    public abstract IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A listed video with the status that filtering by status must go by. The listing's own status, unless the
    /// platform's listing cannot show every state (its declaration says ListStatus is filtered by the module): then the
    /// provider reads the video itself. Null when the video is gone meanwhile.
    /// </summary>
    internal virtual Task<Video?> ExactStatusAsync(Video listed, CancellationToken cancellationToken) => Task.FromResult<Video?>(listed);

    public abstract Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken);

    public abstract Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken);

    public abstract Task DeleteVideoAsync(string id, CancellationToken cancellationToken);

    public virtual Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken) => throw NoUploadTokens();

    public virtual Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken) => throw NoUploadTokens();

    public virtual IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken) => throw NoUploadTokens();

    public virtual Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken) => throw NoUploadTokens();

    public virtual void ValidateCaption(CaptionRequest request)
    {
    }

    public virtual Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken) => throw NoCaptions();

    public virtual Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken) => throw NoCaptions();

    public virtual Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken) => throw NoCaptions();

    public virtual void ValidateDownload(DownloadRequest request)
    {
    }

    /// <summary>The refusal for a platform that has no text tracks at all (its declaration refuses every caption option).</summary>
    protected virtual VideoProviderException NoCaptions() => new(ProviderErrorKind.NotSupported, "CaptionsNotSupported",
        $"{DisplayName} has no captions, subtitles or chapters that this module can reach, so there is nothing for this command to do on a {Name} connection. Publish the captions beside the video instead.");

    protected virtual VideoProviderException NoUploadTokens() => new(ProviderErrorKind.NotSupported, "UploadTokensNotSupported",
        $"{DisplayName} has no delegated upload tokens, so there is nothing for this command to do on a {Name} connection.");

    /// <summary>The chunk size to use, or an error naming the platform's limits.</summary>
    internal long ResolveChunkSize(long? requested)
    {
        var limits = ChunkSizes;
        if (requested is null) return limits.Default;
        if (requested < limits.Minimum || requested > limits.Maximum)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "ChunkSizeOutOfRange",
                $"-ChunkSize {requested} ({ChunkPlan.Format(requested.Value)}) is outside what {DisplayName} accepts: {ChunkPlan.Format(limits.Minimum)} to {ChunkPlan.Format(limits.Maximum)}. For example: -ChunkSize 50MB.");
        return requested.Value;
    }

    /// <summary>The plain text of a secret, for the moment it is put on the wire; registered for redaction first.</summary>
    internal string Reveal(SecureString secret)
    {
        var plain = new NetworkCredential(string.Empty, secret).Password;
        Http.Redactor.Add(plain);
        return plain;
    }

    public void Dispose() => Http.Dispose();
}

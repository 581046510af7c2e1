using System.Runtime.CompilerServices;
using VideoPlatforms.Providers;

namespace VideoPlatforms;

/// <summary>
/// Stands in front of every connection's provider (<see cref="ProviderRegistry.ConnectAsync"/> puts it there), so
/// every caller, cmdlet or engine, goes through <see cref="CapabilityCheck"/>: an option the platform's declaration
/// does not honour is refused before the provider sees it. Options declared <see cref="Support.Client"/> are done
/// here too, on what the provider returns; everything else passes straight through.
/// </summary>
internal sealed class CapabilityGuard : IVideoProvider
{
    private readonly IVideoProvider _inner;
    private readonly ProviderDescriptor _platform;

    public CapabilityGuard(IVideoProvider inner, ProviderDescriptor platform)
    {
        _inner = inner;
        _platform = platform;
    }

    /// <summary>The provider behind the guard, for engine code that needs its internals (Copy-Video's pipe).</summary>
    public IVideoProvider Inner => _inner;

    /// <summary>The provider itself, whether or not <paramref name="provider"/> is a guard in front of it.</summary>
    public static IVideoProvider Unwrap(IVideoProvider provider) => provider is CapabilityGuard guard ? guard._inner : provider;

    public string Name => _inner.Name;

    public string? Account => _inner.Account;

    public string? AccountId => _inner.AccountId;

    public DateTimeOffset? CredentialExpiresAt => _inner.CredentialExpiresAt;

    public string? Region => _inner.Region;

    public bool CanManageVideos => _inner.CanManageVideos;

    public ChunkSizeLimits ChunkSizes => _inner.ChunkSizes;

    public void ValidateUpload(UploadRequest request)
    {
        CapabilityCheck.Check(_platform, request);
        _inner.ValidateUpload(request);
    }

    public void ValidateUpdate(VideoUpdate update)
    {
        CapabilityCheck.Check(_platform, update);
        _inner.ValidateUpdate(update);
    }

    public Task ConnectAsync(CancellationToken cancellationToken) => _inner.ConnectAsync(cancellationToken);

    public Task<Video> GetVideoAsync(string id, CancellationToken cancellationToken) => _inner.GetVideoAsync(id, cancellationToken);

    public IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, CancellationToken cancellationToken)
    {
        CapabilityCheck.Check(_platform, query);
        return query.Statuses is { Count: > 0 } && _platform.Capabilities[PlatformOption.ListStatus].How == Support.Client
            ? ByStatusAsync(query, cancellationToken)
            : _inner.ListVideosAsync(query, cancellationToken);
    }

    /// <summary>
    /// -Status where the platform's listing cannot filter by it but each video says its state: the whole listing is
    /// read and only the videos in a wanted state are kept. -Skip counts matching videos (so it is applied here, not
    /// by the platform), and no page has a total: the platform counts every video, not the matching ones, and a wrong
    /// total would be worse than none (Get-Video -IncludeTotalCount then says the total is unknown).
    /// </summary>
    private async IAsyncEnumerable<Page<Video>> ByStatusAsync(VideoQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = query.Statuses!.ToHashSet();
        var unfiltered = new VideoQuery { Title = query.Title, Tags = query.Tags, Metadata = query.Metadata, User = query.User, PageSize = query.PageSize };
        var provider = _inner as VideoProviderBase;
        var toSkip = query.Skip;
        OperationLog.Verbose($"{_platform.DisplayName} cannot list by status: reading the listing and keeping the videos that are {string.Join(" or ", wanted)}.");
        await foreach (var page in _inner.ListVideosAsync(unfiltered, cancellationToken).ConfigureAwait(false))
        {
            var kept = new List<Video>();
            // A few reads at once where the provider must read each video for its status (a listing that cannot show every state: ExactStatusAsync), in listing order.
            using var reads = new SemaphoreSlim(4);
            var exact = await Task.WhenAll(page.Items.Select(async listed =>
            {
                if (provider is null) return listed;
                await reads.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await provider.ExactStatusAsync(listed, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    reads.Release();
                }
            })).ConfigureAwait(false);
            foreach (var video in exact)
            {
                if (video?.Status is not { } status || !wanted.Contains(status)) continue;
                if (toSkip > 0)
                {
                    toSkip--;
                    continue;
                }
                kept.Add(video);
            }
            yield return new Page<Video>(kept, null);
        }
    }

    public Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        CapabilityCheck.Check(_platform, request);
        return _inner.UploadAsync(request, progress, cancellationToken);
    }

    public Task<Video> UpdateVideoAsync(string id, VideoUpdate update, CancellationToken cancellationToken)
    {
        CapabilityCheck.Check(_platform, update);
        return _inner.UpdateVideoAsync(id, update, cancellationToken);
    }

    public Task DeleteVideoAsync(string id, CancellationToken cancellationToken) => _inner.DeleteVideoAsync(id, cancellationToken);

    public Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken)
    {
        // Without upload tokens the provider refuses the command itself, which says more than refusing its options.
        if (_platform.Capabilities.UploadTokens) CapabilityCheck.Check(_platform, request);
        return _inner.NewUploadTokenAsync(request, cancellationToken);
    }

    public Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken) => _inner.GetUploadTokenAsync(token, cancellationToken);

    public IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken) => _inner.ListUploadTokensAsync(cancellationToken);

    public Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken) => _inner.DeleteUploadTokenAsync(token, cancellationToken);

    public Task<ProviderResponse> InvokeAsync(ProviderRequest request, CancellationToken cancellationToken) => _inner.InvokeAsync(request, cancellationToken);

    public Task<IReadOnlyList<VideoRendition>> GetRenditionsAsync(string id, CancellationToken cancellationToken) => _inner.GetRenditionsAsync(id, cancellationToken);

    public Task<VideoDownloadResult> DownloadAsync(VideoRendition rendition, string path, bool overwrite, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        _inner.DownloadAsync(rendition, path, overwrite, progress, cancellationToken);

    public void ValidateCaption(CaptionRequest request)
    {
        CapabilityCheck.Check(_platform, request);
        Captions.LanguageTag.Validate(request.Language);
        Captions.WebVttFile.Validate(request.FilePath, request.Kind ?? CaptionKind.Captions);
        _inner.ValidateCaption(request);
    }

    public Task<VideoCaption> AddCaptionAsync(string videoId, CaptionRequest request, CancellationToken cancellationToken)
    {
        ValidateCaption(request);
        return _inner.AddCaptionAsync(videoId, request, cancellationToken);
    }

    public Task<IReadOnlyList<VideoCaption>> GetCaptionsAsync(string videoId, CancellationToken cancellationToken) => _inner.GetCaptionsAsync(videoId, cancellationToken);

    public Task RemoveCaptionAsync(VideoCaption caption, CancellationToken cancellationToken) => _inner.RemoveCaptionAsync(caption, cancellationToken);

    public Task<string> DownloadCaptionAsync(VideoCaption caption, string path, bool overwrite, CancellationToken cancellationToken) =>
        _inner.DownloadCaptionAsync(caption, path, overwrite, cancellationToken);

    public void ValidateDownload(DownloadRequest request)
    {
        CapabilityCheck.Check(_platform, request);
        _inner.ValidateDownload(request);
    }

    public void Dispose() => _inner.Dispose();
}

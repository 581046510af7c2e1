using VideoPlatforms.Sandbox.Faults;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Platforms.ApiVideo;
using VideoPlatforms.Sandbox.Platforms.BigGo;
using VideoPlatforms.Sandbox.Platforms.Ziggeo;
using VideoPlatforms.Sandbox.Platforms.Vimeo;
using VideoPlatforms.Sandbox.RequestLog;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox;

/// <summary>
/// Everything the sandbox knows, shared by the HTTP endpoints, the admin endpoints and in-process callers.
/// All members are thread-safe.
/// </summary>
public sealed class SandboxState
{
    internal static readonly PathString AdminPrefix = new("/_sandbox");

    internal SandboxState(UploadStore storage, TimeProvider time)
    {
        Storage = storage;
        Time = time;
        ApiVideo = new ApiVideoState(time);
        BigGo = new BigGoState(time);
        Ziggeo = new ZiggeoState(time);
        Vimeo = new VimeoState(time, Path.Combine(storage.RootDirectory, "uploads"));
        Platforms = [new ApiVideoPlatform(ApiVideo, storage), new BigGoPlatform(BigGo, storage), new VimeoPlatform(Vimeo),
            new ZiggeoPlatform(Ziggeo, ZiggeoState.DefaultRegion), new ZiggeoPlatform(Ziggeo, ZiggeoState.EuWest1), new ZiggeoS3Platform(Ziggeo, storage)];
    }

    /// <summary>Every platform request received (admin calls excluded).</summary>
    public RequestLogStore Requests { get; } = new();

    /// <summary>Fault rules applied to platform requests.</summary>
    public FaultStore Faults { get; } = new();

    /// <summary>api.video accounts, videos, tokens and configuration.</summary>
    public ApiVideoState ApiVideo { get; }

    /// <summary>BigGo users, videos, tokens and configuration.</summary>
    public BigGoState BigGo { get; }

    /// <summary>Ziggeo applications (both regions), videos, auth tokens and signed uploads.</summary>
    public ZiggeoState Ziggeo { get; }

    /// <summary>Vimeo accounts, videos, tokens, tus uploads and configuration.</summary>
    public VimeoState Vimeo { get; }

    /// <summary>Where uploaded bytes are kept.</summary>
    public UploadStore Storage { get; }

    internal TimeProvider Time { get; }

    internal IReadOnlyList<ISandboxPlatform> Platforms { get; }

    /// <summary>Back to a freshly started sandbox: every platform's data, tokens and configuration, the faults and the request log.</summary>
    public void Reset()
    {
        Faults.Clear();
        foreach (var platform in Platforms)
        {
            platform.Reset();
        }

        Storage.Clear();
        Requests.Clear();
    }
}

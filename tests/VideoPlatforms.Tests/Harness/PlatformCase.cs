namespace VideoPlatforms.Tests.Harness;

/// <summary>
/// The one table of the platforms as the cross-platform tests see them (faults, bad input, secrets, waiting, raw
/// requests, Save-Video and Copy-Video, captions): how to connect in a PsSession, the Sandbox's admin name, chunking,
/// the Sandbox setting that delays processing and the path of its download endpoint. A fifth platform is one row
/// here (and one in tests/Pester/Platforms.psd1).
/// </summary>
/// <param name="Name">The registry name (-Provider).</param>
/// <param name="Connect">Connect-VideoProvider with the PsSession's Sandbox variables (see <see cref="PsSession"/>).</param>
/// <param name="AdminName">The platform's name under /_sandbox/ (request log, fault rules, config, videos).</param>
/// <param name="ChunkSize">A -ChunkSize the platform takes; null where it takes the whole file in one request.</param>
/// <param name="LargeSizes">File sizes that make a multi-chunk (or large single-request) upload.</param>
/// <param name="DelayField">The Sandbox config field that delays processing, in milliseconds.</param>
/// <param name="DownloadPattern">A regex of the download endpoint's path, to find downloads in the request log.</param>
public sealed record PlatformCase(
    string Name,
    string Connect,
    string AdminName,
    string? ChunkSize,
    long[] LargeSizes,
    string DelayField,
    string DownloadPattern)
{
    public override string ToString() => Name;

    public static readonly PlatformCase ApiVideo = new("ApiVideo",
        "Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $ApiVideoUri", "apivideo", "5MB", [6L << 20, (11L << 20) + 12345],
        "encodingDelayMs", "/mp4/source\\.mp4$");

    public static readonly PlatformCase Vimeo = new("Vimeo",
        "Connect-VideoProvider -Provider Vimeo -AccessToken $VimeoToken -BaseUri $VimeoUri", "vimeo", "1MB", [(5L << 19) + 77, (3L << 20) + 1],
        "transcodeDelayMs", "^/_download/");

    public static readonly PlatformCase Ziggeo = new("Ziggeo",
        "Connect-VideoProvider -Provider Ziggeo -ApplicationToken $ZiggeoToken -PrivateKey $ZiggeoKey -BaseUri $ZiggeoUri", "ziggeo", null, [700_001],
        "processingDelayMs", "^/v1/videos/[^/]+(/streams/[^/]+)?/video$");

    public static readonly PlatformCase BigGo = new("BigGo",
        "Connect-VideoProvider -Provider BigGo -ClientCredential $BigGoCredential -BaseUri $BigGoUri", "biggo", null, [650_003],
        "processingDelayMs", "^/static/video/");

    public static readonly PlatformCase[] All = [ApiVideo, Vimeo, Ziggeo, BigGo];

    public static TheoryData<string> Names() => new(All.Select(p => p.Name));

    /// <summary>The platforms whose capability declaration honours <paramref name="option"/>, in table order.</summary>
    public static TheoryData<string> Honouring(PlatformOption option) =>
        new(All.Where(p => ProviderRegistry.All.Single(d => d.Name == p.Name).Capabilities[option].IsHonoured).Select(p => p.Name));

    public static PlatformCase Named(string name) => All.Single(p => p.Name == name);
}

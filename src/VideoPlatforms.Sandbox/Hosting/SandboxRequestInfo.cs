namespace VideoPlatforms.Sandbox.Hosting;

/// <summary>
/// Which platform a request is for and its path inside that platform, worked out once by the outermost
/// middleware so the log, the faults and the platform agree on it.
/// </summary>
internal sealed class SandboxRequestInfo
{
    public required ISandboxPlatform? Platform { get; init; }

    /// <summary>The path inside the platform ("/videos/x"), or the full path when no platform owns it.</summary>
    public required string PlatformPath { get; init; }

    public required bool IsAdmin { get; init; }

    /// <summary>Set by whatever deliberately cut the connection, so the log can say why.</summary>
    public bool Aborted { get; set; }

    public RequestLog.RequestFault? Fault { get; set; }

    public static SandboxRequestInfo Resolve(PathString path, IReadOnlyList<ISandboxPlatform> platforms)
    {
        if (path.StartsWithSegments(SandboxState.AdminPrefix))
        {
            return new SandboxRequestInfo { Platform = null, PlatformPath = path.Value ?? "/", IsAdmin = true };
        }

        foreach (var platform in platforms)
        {
            if (path.StartsWithSegments(platform.Prefix, out var remaining))
            {
                var inner = remaining.HasValue ? remaining.Value! : "/";
                return new SandboxRequestInfo { Platform = platform, PlatformPath = inner, IsAdmin = false };
            }
        }

        return new SandboxRequestInfo { Platform = null, PlatformPath = path.Value ?? "/", IsAdmin = false };
    }
}

internal static class SandboxRequestInfoExtensions
{
    public static SandboxRequestInfo? GetSandboxInfo(this HttpContext context) => context.Features.Get<SandboxRequestInfo>();
}

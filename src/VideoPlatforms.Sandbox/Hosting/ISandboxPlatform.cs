namespace VideoPlatforms.Sandbox.Hosting;

/// <summary>
/// One emulated platform behind its own path prefix. The shared pieces (request log, faults, storage, admin reset)
/// only talk to platforms through this, so adding a platform means adding one implementation (docs/ARCHITECTURE.md).
/// </summary>
internal interface ISandboxPlatform
{
    /// <summary>Short name used in URLs, the request log and fault rules, e.g. "apivideo".</summary>
    string Name { get; }

    /// <summary>Path prefix on the sandbox host, e.g. "/apivideo".</summary>
    PathString Prefix { get; }

    /// <summary>Lines printed by Program.cs for people rehearsing scripts.</summary>
    IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri);

    /// <summary>Maps the platform's own API under <see cref="Prefix"/>.</summary>
    void MapEndpoints(IEndpointRouteBuilder app);

    /// <summary>Maps platform-specific admin endpoints under /_sandbox/{Name}.</summary>
    void MapAdminEndpoints(IEndpointRouteBuilder admin);

    /// <summary>
    /// Runs before faults and endpoints (rate limiting, per-response headers). Returns false when it has
    /// answered the request itself.
    /// </summary>
    ValueTask<bool> BeforeRequestAsync(HttpContext context);

    /// <summary>The body a real server of this platform would send with this status, for injected faults.</summary>
    string ErrorBody(int status);

    /// <summary>Back to a freshly started platform: no data, no tokens, default configuration.</summary>
    void Reset();
}

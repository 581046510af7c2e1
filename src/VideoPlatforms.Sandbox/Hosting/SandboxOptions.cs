namespace VideoPlatforms.Sandbox;

/// <summary>How to start a <see cref="SandboxServer"/>.</summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// Where to listen, in ASP.NET Core "urls" form (several separated by ';'). Port 0 picks a free port, so
    /// parallel test classes never collide. Only loopback addresses are accepted: the sandbox has no auth on its
    /// admin surface and must never be reachable from another machine.
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>
    /// Where uploaded bytes are kept. Null means a fresh temporary directory that is deleted on dispose; a
    /// directory given here is left in place (only the files the sandbox wrote in it are removed on reset).
    /// </summary>
    public string? StorageDirectory { get; set; }
}

namespace VideoPlatforms.Sandbox;

/// <summary>
/// The fixed credentials the sandbox accepts. They are not secret: they only open the local emulator. Each platform's
/// are in its own folder (Platforms/&lt;Platform&gt;/&lt;Platform&gt;Credentials.cs).
/// </summary>
public static partial class SandboxCredentials;

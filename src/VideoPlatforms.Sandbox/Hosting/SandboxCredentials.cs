namespace VideoPlatforms.Sandbox;

/// <summary>The fixed credentials the sandbox accepts. They are not secret: they only open the local emulator.</summary>
public static class SandboxCredentials
{
    /// <summary>api.video API key of account 1.</summary>
    public const string ApiVideoApiKey = "sandbox-apivideo-key";

    /// <summary>api.video API key of account 2, a separate project whose videos account 1 must not see.</summary>
    public const string ApiVideoSecondApiKey = "sandbox-apivideo-key-2";
}

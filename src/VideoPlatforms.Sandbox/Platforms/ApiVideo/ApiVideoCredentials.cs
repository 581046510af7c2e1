namespace VideoPlatforms.Sandbox;

// api.video's part of what a client needs to reach the Sandbox: the address (SandboxServer) and the fixed
// credentials (SandboxCredentials). Both classes are partial so each platform keeps its part in its own folder;
// tests and the Playground read each as one class.

public static partial class SandboxCredentials
{
    /// <summary>api.video API key of account 1.</summary>
    public const string ApiVideoApiKey = "sandbox-apivideo-key";

    /// <summary>api.video API key of account 2, a separate project whose videos account 1 must not see.</summary>
    public const string ApiVideoSecondApiKey = "sandbox-apivideo-key-2";
}

public sealed partial class SandboxServer
{
    /// <summary>What a client uses as api.video's base URL: <see cref="BaseUri"/> + "apivideo/".</summary>
    public Uri ApiVideoBaseUri => new(BaseUri, "apivideo/");
}

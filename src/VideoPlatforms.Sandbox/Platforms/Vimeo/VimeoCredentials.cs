namespace VideoPlatforms.Sandbox;

// Vimeo's part of what a client needs to reach the Sandbox: the address (SandboxServer) and the fixed
// credentials (SandboxCredentials). Both classes are partial so each platform keeps its part in its own folder;
// tests and the Playground read each as one class.

public static partial class SandboxCredentials
{
    /// <summary>Vimeo personal access token of account 1 (user 1001), with the scopes public private create edit delete interact upload video_files.</summary>
    public const string VimeoAccessToken = "sandbox-vimeo-token-1";

    /// <summary>Vimeo personal access token of account 2 (user 1002), whose videos account 1 must not see.</summary>
    public const string VimeoSecondAccessToken = "sandbox-vimeo-token-2";

    /// <summary>Vimeo app client id, for client credentials and the authorization-code flow.</summary>
    public const string VimeoClientId = "sandbox-vimeo-client";

    /// <summary>Vimeo app client secret that goes with <see cref="VimeoClientId"/>.</summary>
    public const string VimeoClientSecret = "sandbox-vimeo-secret";
}

public sealed partial class SandboxServer
{
    /// <summary>What a client uses as Vimeo's API root: <see cref="BaseUri"/> + "vimeo/".</summary>
    public Uri VimeoBaseUri => new(BaseUri, "vimeo/");
}

namespace VideoPlatforms.Sandbox;

/// <summary>The fixed credentials the sandbox accepts. They are not secret: they only open the local emulator.</summary>
public static class SandboxCredentials
{
    /// <summary>api.video API key of account 1.</summary>
    public const string ApiVideoApiKey = "sandbox-apivideo-key";

    /// <summary>api.video API key of account 2, a separate project whose videos account 1 must not see.</summary>
    public const string ApiVideoSecondApiKey = "sandbox-apivideo-key-2";

    /// <summary>Vimeo personal access token of account 1 (user 1001), with the scopes public private create edit delete interact upload video_files.</summary>
    public const string VimeoAccessToken = "sandbox-vimeo-token-1";

    /// <summary>Vimeo personal access token of account 2 (user 1002), whose videos account 1 must not see.</summary>
    public const string VimeoSecondAccessToken = "sandbox-vimeo-token-2";

    /// <summary>Vimeo app client id, for client credentials and the authorization-code flow.</summary>
    public const string VimeoClientId = "sandbox-vimeo-client";

    /// <summary>Vimeo app client secret that goes with <see cref="VimeoClientId"/>.</summary>
    public const string VimeoClientSecret = "sandbox-vimeo-secret";
}

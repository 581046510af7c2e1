namespace VideoPlatforms.Sandbox;

/// <summary>The fixed credentials the sandbox accepts. They are not secret: they only open the local emulator.</summary>
public static class SandboxCredentials
{
    /// <summary>api.video API key of account 1.</summary>
    public const string ApiVideoApiKey = "sandbox-apivideo-key";

    /// <summary>api.video API key of account 2, a separate project whose videos account 1 must not see.</summary>
    public const string ApiVideoSecondApiKey = "sandbox-apivideo-key-2";

    /// <summary>BigGo client id (the "certificate" of account.biggo.com) of the sandbox's BigGo user.</summary>
    public const string BigGoClientId = "sandbox-biggo-client";

    /// <summary>BigGo client secret that goes with <see cref="BigGoClientId"/>.</summary>
    public const string BigGoClientSecret = "sandbox-biggo-secret";

    /// <summary>The userid the BigGo client credentials belong to (account region tw).</summary>
    public const string BigGoUserId = "sandbox-biggo-user";

    /// <summary>A second BigGo user with seeded videos, for Get-Video -User.</summary>
    public const string BigGoOtherUserId = "sandbox-biggo-creator";

    /// <summary>Ziggeo application token of the default-region application (srv-api.ziggeo.com, /ziggeo in the Sandbox).</summary>
    public const string ZiggeoApplicationToken = "sandboxziggeoapp0000000000000001";

    /// <summary>Ziggeo private key of the default-region application.</summary>
    public const string ZiggeoPrivateKey = "sandbox-ziggeo-private-key";

    /// <summary>Ziggeo application token of the eu-west-1 application: the r1 prefix picks that region (/ziggeo-eu-west-1).</summary>
    public const string ZiggeoEuApplicationToken = "r1sandboxziggeoapp00000000000002";

    /// <summary>Ziggeo private key of the eu-west-1 application.</summary>
    public const string ZiggeoEuPrivateKey = "sandbox-ziggeo-eu-private-key";

    /// <summary>Vimeo personal access token of account 1 (user 1001), with the scopes public private create edit delete interact upload video_files.</summary>
    public const string VimeoAccessToken = "sandbox-vimeo-token-1";

    /// <summary>Vimeo personal access token of account 2 (user 1002), whose videos account 1 must not see.</summary>
    public const string VimeoSecondAccessToken = "sandbox-vimeo-token-2";

    /// <summary>Vimeo app client id, for client credentials and the authorization-code flow.</summary>
    public const string VimeoClientId = "sandbox-vimeo-client";

    /// <summary>Vimeo app client secret that goes with <see cref="VimeoClientId"/>.</summary>
    public const string VimeoClientSecret = "sandbox-vimeo-secret";
}

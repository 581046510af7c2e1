namespace VideoPlatforms.Sandbox;

/// <summary>The fixed credentials the sandbox accepts. They are not secret: they only open the local emulator.</summary>
public static class SandboxCredentials
{
    /// <summary>api.video API key of account 1.</summary>
    public const string ApiVideoApiKey = "sandbox-apivideo-key";

    /// <summary>api.video API key of account 2, a separate project whose videos account 1 must not see.</summary>
    public const string ApiVideoSecondApiKey = "sandbox-apivideo-key-2";

    /// <summary>Ziggeo application token of the default-region application (srv-api.ziggeo.com, /ziggeo in the Sandbox).</summary>
    public const string ZiggeoApplicationToken = "sandboxziggeoapp0000000000000001";

    /// <summary>Ziggeo private key of the default-region application.</summary>
    public const string ZiggeoPrivateKey = "sandbox-ziggeo-private-key";

    /// <summary>Ziggeo application token of the eu-west-1 application: the r1 prefix picks that region (/ziggeo-eu-west-1).</summary>
    public const string ZiggeoEuApplicationToken = "r1sandboxziggeoapp00000000000002";

    /// <summary>Ziggeo private key of the eu-west-1 application.</summary>
    public const string ZiggeoEuPrivateKey = "sandbox-ziggeo-eu-private-key";
}

namespace VideoPlatforms.Sandbox;

// Ziggeo's part of what a client needs to reach the Sandbox: the address (SandboxServer) and the fixed
// credentials (SandboxCredentials). Both classes are partial so each platform keeps its part in its own folder;
// tests and the Playground read each as one class.

public static partial class SandboxCredentials
{
    /// <summary>Ziggeo application token of the default-region application (srv-api.ziggeo.com, /ziggeo in the Sandbox).</summary>
    public const string ZiggeoApplicationToken = "sandboxziggeoapp0000000000000001";

    /// <summary>Ziggeo private key of the default-region application.</summary>
    public const string ZiggeoPrivateKey = "sandbox-ziggeo-private-key";

    /// <summary>Ziggeo application token of the eu-west-1 application: the r1 prefix picks that region (/ziggeo-eu-west-1).</summary>
    public const string ZiggeoEuApplicationToken = "r1sandboxziggeoapp00000000000002";

    /// <summary>Ziggeo private key of the eu-west-1 application.</summary>
    public const string ZiggeoEuPrivateKey = "sandbox-ziggeo-eu-private-key";
}

public sealed partial class SandboxServer
{
    /// <summary>Ziggeo's server API (default region) in the Sandbox: <see cref="BaseUri"/> + "ziggeo/". An r1 token's
    /// requests go to the eu-west-1 sibling, "ziggeo-eu-west-1/".</summary>
    public Uri ZiggeoBaseUri => new(BaseUri, "ziggeo/");
}

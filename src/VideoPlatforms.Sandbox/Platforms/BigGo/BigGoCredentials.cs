namespace VideoPlatforms.Sandbox;

// BigGo's part of what a client needs to reach the Sandbox: the address (SandboxServer) and the fixed
// credentials (SandboxCredentials). Both classes are partial so each platform keeps its part in its own folder;
// tests and the Playground read each as one class.

public static partial class SandboxCredentials
{
    /// <summary>BigGo client id (the "certificate" of account.biggo.com) of the sandbox's BigGo user.</summary>
    public const string BigGoClientId = "sandbox-biggo-client";

    /// <summary>BigGo client secret that goes with <see cref="BigGoClientId"/>.</summary>
    public const string BigGoClientSecret = "sandbox-biggo-secret";

    /// <summary>The userid the BigGo client credentials belong to (account region tw).</summary>
    public const string BigGoUserId = "sandbox-biggo-user";

    /// <summary>A second BigGo user with seeded videos, for Get-Video -User.</summary>
    public const string BigGoOtherUserId = "sandbox-biggo-creator";
}

public sealed partial class SandboxServer
{
    /// <summary>What a client uses as BigGo's base URL (token at auth/v1/token, API under api/v1/): <see cref="BaseUri"/> + "biggo/".</summary>
    public Uri BigGoBaseUri => new(BaseUri, "biggo/");
}

using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Connecting (docs/platforms/ziggeo.md#1-authentication): every call carries the application token and private key
/// (<see cref="ZiggeoAuthenticator"/>), so connecting is one cheap authenticated read that a wrong key fails.
/// </summary>
internal sealed partial class ZiggeoProvider
{
    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The cheapest authenticated call: a wrong key fails here rather than at the first real command.
            var application = await Http.SendForJsonAsync(new RestRequest("v1/application"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            _applicationName = JsonText.String(application, "name") is { Length: > 0 } name ? name : _applicationToken;
            OperationLog.Verbose($"Ziggeo accepted the application token for '{_applicationName}' at {Http.BaseUri}.");
        }
        catch (VideoProviderException ex) when (ex.StatusCode is 401 or 403)
        {
            var region = ZiggeoRegions.RegionOf(_applicationToken) ?? "default";
            throw ex.Reword("AuthenticationFailed",
                $"Ziggeo refused the application token '{_applicationToken}' with this private key at {Http.BaseUri} ({region} region). Check the private key in the Ziggeo dashboard (application > Overview > Private key), then connect again.",
                ProviderErrorKind.Unauthorized);
        }
    }
}

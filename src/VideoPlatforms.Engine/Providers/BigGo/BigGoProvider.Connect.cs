using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>
/// Connecting (docs/platforms/biggo.md#1-authentication): the client-credentials grant by <see
/// cref="BigGoAuthenticator"/>, then the account's own account, region and upload permission.
/// </summary>
internal sealed partial class BigGoProvider
{
    /// <summary>Runs the grant, then asks <c>video_auth/self</c> whether the account may upload and who it is.</summary>
    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _auth.SignInAsync(cancellationToken).ConfigureAwait(false);
        JObject self;
        try
        {
            self = await CallAsync(new RestRequest("api/v1/video_auth/self", Method.Post), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (_requestedRegion is not null && ex.Kind == ProviderErrorKind.InvalidArgument)
        {
            throw ex.Reword("UnknownRegion",
                $"BigGo refused the region '{_requestedRegion}': {(ex as BigGoApiException)?.PlatformMessage ?? ex.Message} Give the account's region (e.g. -Region tw), or leave -Region out to use the account's own.");
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.Forbidden)
        {
            throw ex.Reword("UploadNotPermitted",
                $"BigGo says the account of these client credentials may not upload videos: {ex.Message} Check the account at account.biggo.com.");
        }
        _account = JsonText.String(self, "userid");
        _region = JsonText.String(self, "region") ?? _requestedRegion;
        if (_requestedRegion is not null && _region is not null && !string.Equals(_requestedRegion, _region, StringComparison.OrdinalIgnoreCase))
            OperationLog.Warning($"-Region '{_requestedRegion}' was given, but the BigGo account {_account} is in region '{_region}'. Requests carry region '{_requestedRegion}' as asked.");
        OperationLog.Verbose($"Connected to BigGo as user {_account ?? "(unknown)"} ({JsonText.String(self, "at_userid")}), region {_region ?? "(not said)"}; the account may upload.");
    }
}

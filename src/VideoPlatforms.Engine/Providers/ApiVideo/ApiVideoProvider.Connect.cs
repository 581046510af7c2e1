namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>
/// Connecting (docs/platforms/apivideo.md#1-authentication): an API key is exchanged for a bearer token by
/// <see cref="ApiVideoAuthenticator"/>; an upload token alone has nothing to check until it uploads.
/// </summary>
internal sealed partial class ApiVideoProvider
{
    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_auth is not null)
            await _auth.SignInAsync(cancellationToken).ConfigureAwait(false);
        else
            // No endpoint lets an upload token check itself without the key; the first upload will.
            OperationLog.Verbose("Connected to api.video with an upload token only: it can upload, and is checked by the first upload.");
    }
}

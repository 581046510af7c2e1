using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>
/// Signs each request with the connection's bearer token. Vimeo tokens do not expire and have no refresh token
/// (docs/platforms/vimeo.md#1-authentication): a 401 is final. The token itself is got by
/// <see cref="VimeoConnector.ConnectAsync"/> (given, or exchanged for client credentials or an authorization code).
/// </summary>
internal sealed class VimeoAuthenticator(Func<string?> token) : IRequestAuthenticator
{
    public Task ApplyAsync(RestRequest request, CancellationToken cancellationToken)
    {
        request.AddOrUpdateHeader("Authorization", "Bearer " + token());
        return Task.CompletedTask;
    }

    public Task<bool> TryRenewAsync(CancellationToken cancellationToken) => Task.FromResult(false);
}

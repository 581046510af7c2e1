using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>
/// Upload tokens (docs/platforms/apivideo.md#1-authentication): created, read, listed and deleted with the API key.
/// </summary>
internal sealed class ApiVideoUploadTokens
{
    private readonly ApiVideoProvider _provider;

    public ApiVideoUploadTokens(ApiVideoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private VideoProviderConnection Connection => _provider.Connection;

    private static string Escape(string id) => ApiVideoProvider.Escape(id);

    private void RequireKey(string what) => _provider.RequireKey(what);

    private const int MaxPageSize = ApiVideoProvider.MaxPageSize;

    private Task<PageSlice<T>> FetchPageAsync<T>(string resource, long offset, int pageSize, Action<RestRequest> filters, Func<JObject, T> map, CancellationToken cancellationToken) =>
        _provider.FetchPageAsync(resource, offset, pageSize, filters, map, cancellationToken);

    public async Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken)
    {
        RequireKey("create upload tokens");
        var ttl = request.TimeToLive is { } t ? (long)Math.Ceiling(t.TotalSeconds) : 0;
        if (ttl < 0 || ttl > int.MaxValue)
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "TimeToLiveOutOfRange",
                $"-TimeToLive {request.TimeToLive} is outside what api.video accepts: 0 (never expires) to {int.MaxValue} seconds.");
        var create = new RestRequest("upload-tokens", Method.Post);
        ProviderHttp.AddJsonBody(create, new { ttl });
        JObject json;
        try
        {
            json = await Http.SendForJsonAsync(create, RequestKind.NonIdempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw ex.NotingWhatMayExist("an upload token may have been created: Get-UploadToken lists the account's tokens, and Remove-UploadToken removes one you did not get.");
        }
        Http.Redactor.Add(JsonText.String(json, "token"));
        return ApiVideoJson.ToUploadToken(json, Connection);
    }

    public async Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken)
    {
        RequireKey("read upload tokens");
        Http.Redactor.Add(token);
        try
        {
            var json = await Http.SendForJsonAsync(new RestRequest($"upload-tokens/{Escape(token)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            return ApiVideoJson.ToUploadToken(json, Connection);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw TokenNotFound(ex);
        }
    }

    public IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken)
    {
        RequireKey("list upload tokens");
        return StablePager.ListAsync((offset, token) => FetchPageAsync("upload-tokens", offset, MaxPageSize, request =>
        {
            request.AddQueryParameter("sortBy", "createdAt");
            request.AddQueryParameter("sortOrder", "asc");
        }, t =>
        {
            Http.Redactor.Add(JsonText.String(t, "token"));
            return ApiVideoJson.ToUploadToken(t, Connection);
        }, token), t => t.Token, 0, cancellationToken);
    }

    public async Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken)
    {
        RequireKey("delete upload tokens");
        Http.Redactor.Add(token);
        try
        {
            await Http.DeleteAsync(new RestRequest($"upload-tokens/{Escape(token)}", Method.Delete), cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw TokenNotFound(ex);
        }
    }

    private static VideoProviderException TokenNotFound(VideoProviderException ex) =>
        ex.Reword("UploadTokenNotFound", "api.video has no such upload token in this account. Get-UploadToken lists them.");
}

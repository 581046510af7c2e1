using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Auth tokens (docs/platforms/ziggeo.md#2-endpoints): created, read and deleted by token; the server API has no index of them.
/// </summary>
internal sealed class ZiggeoUploadTokens
{
    private readonly ZiggeoProvider _provider;

    public ZiggeoUploadTokens(ZiggeoProvider provider) => _provider = provider;

    private ProviderHttp Http => _provider.Http;

    private VideoProviderConnection Connection => _provider.Connection;

    private static string Escape(string id) => ZiggeoProvider.Escape(id);

    /// <summary>What a new auth token allows when -Grant is not given: a browser recorder may create its own videos.</summary>
    private static readonly JObject DefaultGrants = new() { ["create"] = new JObject { ["session_owned"] = true } };

    private static VideoProviderException TokenNotFound(VideoProviderException ex) =>
        ex.Reword("UploadTokenNotFound", "Ziggeo has no such auth token in this application: it was never created here, or it was deleted. Create one with New-UploadToken.");

    public async Task<UploadToken> NewUploadTokenAsync(UploadTokenRequest request, CancellationToken cancellationToken)
    {
        var create = new RestRequest("v1/authtokens/", Method.Post);
        // grants travel as a JSON string (docs/platforms/ziggeo.md#2-endpoints: PHP json_encodes them; the Python demo passes a string).
        create.AddParameter("grants", request.Grants is { Count: > 0 } grants ? JsonConvert.SerializeObject(grants) : DefaultGrants.ToString(Formatting.None));
        if (request.TimeToLive is { } ttl && ttl > TimeSpan.Zero)
            create.AddParameter("expiration_date", DateTimeOffset.UtcNow.Add(ttl).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        if (request.SessionLimit is { } limit)
        {
            if (limit < 1)
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "SessionLimitOutOfRange",
                    $"-SessionLimit {limit} must be 1 or more; leave it out for a token without a session limit.");
            create.AddParameter("session_limit", limit.ToString(CultureInfo.InvariantCulture));
        }
        if (request.UsageTime is { } usage)
        {
            if (usage < TimeSpan.FromSeconds(1))
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "UsageTimeOutOfRange",
                    $"-UsageTime {usage} must be at least one second; leave it out for a token whose use is not time-limited.");
            create.AddParameter("usage_expiration_time", ((long)Math.Ceiling(usage.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }
        JObject json;
        try
        {
            json = await Http.SendForJsonAsync(create, RequestKind.NonIdempotent, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex)
        {
            throw ex.NotingWhatMayExist("an auth token may have been created that this command cannot name (Ziggeo does not list auth tokens); it grants only what was asked, until it expires.");
        }
        Http.Redactor.Add(JsonText.String(json, "token"));
        return ZiggeoJson.ToUploadToken(json, Connection);
    }

    public async Task<UploadToken> GetUploadTokenAsync(string token, CancellationToken cancellationToken)
    {
        Http.Redactor.Add(token);
        try
        {
            var json = await Http.SendForJsonAsync(new RestRequest($"v1/authtokens/{Escape(token)}"), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
            return ZiggeoJson.ToUploadToken(json, Connection);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw TokenNotFound(ex);
        }
    }

    /// <summary>The server API has get, create, update and delete for auth tokens, but no index (docs/platforms/ziggeo.md#2-endpoints).</summary>
    public IAsyncEnumerable<Page<UploadToken>> ListUploadTokensAsync(CancellationToken cancellationToken) =>
        throw new VideoProviderException(ProviderErrorKind.NotSupported, "UploadTokenListingNotSupported",
            "Ziggeo has no endpoint that lists auth tokens, so Get-UploadToken cannot list them. Give the token you kept when it was created: Get-UploadToken -Token <token>.");

    public async Task DeleteUploadTokenAsync(string token, CancellationToken cancellationToken)
    {
        Http.Redactor.Add(token);
        try
        {
            await Http.DeleteAsync(new RestRequest($"v1/authtokens/{Escape(token)}", Method.Delete), cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotFound)
        {
            throw TokenNotFound(ex);
        }
    }
}

using System.Globalization;
using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// api.video (ws.api.video) under /apivideo. Paths inside the prefix are exactly the API's. The endpoint groups
/// live in the other ApiVideoPlatform.*.cs files; this one holds the wiring and the helpers they share.
/// </summary>
internal sealed partial class ApiVideoPlatform(ApiVideoState state, UploadStore storage) : ISandboxPlatform
{
    /// <summary>JSON payloads are small; a larger body is a client bug, not something to buffer.</summary>
    private const int MaxJsonBodyBytes = 1024 * 1024;

    public string Name => "apivideo";

    public PathString Prefix { get; } = new("/apivideo");

    public IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri)
    {
        yield return $"api.video   base URI  {new Uri(sandboxBaseUri, "apivideo/")}";
        yield return $"            API keys  {SandboxCredentials.ApiVideoApiKey} (account 1), {SandboxCredentials.ApiVideoSecondApiKey} (account 2)";
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix.Value!);
        var routes = new PlatformRoutes(group);
        MapAuth(routes);
        MapVideos(routes);
        MapUploads(routes);
        MapUploadTokens(routes);
        MapDownloads(routes);
        MapCaptions(routes);

        // Lowest precedence: anything the routes above did not take, in the API's own 404/405 shapes.
        group.Map("{**path}", (RequestDelegate)(async context =>
        {
            await RequestBody.DrainQuietlyAsync(context);
            var path = context.GetSandboxInfo()?.PlatformPath ?? "/";
            var methods = routes.MethodsFor(path);
            if (methods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                await ApiVideoErrors.MethodNotAllowed().ToResult().ExecuteAsync(context);
            }
            else
            {
                await ApiVideoErrors.UnrecognizedUrl().ToResult().ExecuteAsync(context);
            }
        }));
    }

    public async ValueTask<bool> BeforeRequestAsync(HttpContext context)
    {
        var (allowed, limit, remaining, retryAfter) = state.CountRequest();
        var response = context.Response;
        response.OnStarting(() =>
        {
            // A fault rule may set its own values; otherwise every api.video response carries these three.
            response.Headers.TryAdd("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture));
            response.Headers.TryAdd("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
            response.Headers.TryAdd("X-RateLimit-Retry-After", retryAfter.ToString(CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        });

        if (allowed)
        {
            return true;
        }

        await RequestBody.DrainQuietlyAsync(context);
        await ApiVideoErrors.TooManyRequests().ToResult().ExecuteAsync(context);
        return false;
    }

    public string ErrorBody(int status) => ApiVideoErrors.Generic(status).ToJson();

    public void Reset() => state.Reset();

    // --- helpers shared by the endpoint files ------------------------------------------------------------------

    /// <summary>The origin the client reached us on, so asset URLs point back at this sandbox.</summary>
    private static string AssetRoot(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";

    private static string RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? string.Empty;

    /// <summary>Authenticates a request: "Bearer &lt;access token&gt;" or Basic with the API key as user name.</summary>
    private ApiVideoError? Authenticate(HttpContext context, out int account)
    {
        account = 0;
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return ApiVideoErrors.MissingAuthorizationHeader();
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        var value = space < 0 ? string.Empty : header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
        {
            if (state.ValidateAccessToken(value, out var detail) is not { } tokenAccount)
            {
                return ApiVideoErrors.InvalidAccessToken(detail);
            }

            account = tokenAccount;
            return null;
        }

        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
        {
            string decoded;
            try
            {
                decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value));
            }
            catch (FormatException)
            {
                return ApiVideoErrors.InvalidAuthorizationHeader();
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? decoded : decoded[..colon];
            if (ApiVideoState.AccountForKey(user) is not { } keyAccount)
            {
                return ApiVideoErrors.InvalidApiKey();
            }

            account = keyAccount.Number;
            return null;
        }

        return ApiVideoErrors.InvalidAuthorizationHeader();
    }

    /// <summary>Reads a JSON object body. An empty body counts as {} when <paramref name="emptyIsObject"/>.</summary>
    private static async Task<(JsonElement Root, ApiVideoError? Error)> ReadJsonObjectAsync(HttpContext context, bool emptyIsObject = false)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxJsonBodyBytes)
            {
                await RequestBody.DrainQuietlyAsync(context);
                return (default, ApiVideoErrors.InvalidPayload($"JSON bodies are limited to {MaxJsonBodyBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 && emptyIsObject)
        {
            return (JsonDocument.Parse("{}").RootElement.Clone(), null);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (default, ApiVideoErrors.InvalidPayload("The body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (default, ApiVideoErrors.InvalidPayload("The body cannot be JSON-decoded: " + ex.Message));
        }
    }

    /// <summary>Reads currentPage and pageSize the way every api.video list endpoint does.</summary>
    private static ApiVideoError? ReadPaging(IQueryCollection query, out int page, out int pageSize)
    {
        page = 1;
        pageSize = 25;
        // Both parameters are checked and every bad one reported, as the API's own 400 example does.
        ApiVideoError? pageError = null, sizeError = null;
        if (query.TryGetValue("currentPage", out var pageValue)
            && (!int.TryParse(pageValue.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            pageError = ApiVideoErrors.QueryOutOfRange("currentPage", 1, null);
        }

        if (query.TryGetValue("pageSize", out var sizeValue)
            && (!int.TryParse(sizeValue.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
        {
            sizeError = ApiVideoErrors.QueryOutOfRange("pageSize", 1, 100);
        }

        return ApiVideoErrors.Combine(pageError, sizeError);
    }

    private static ApiVideoError? ReadSortOrder(IQueryCollection query, out bool descending)
    {
        descending = false;
        if (!query.TryGetValue("sortOrder", out var value))
        {
            return null;
        }

        switch (value.ToString())
        {
            case "asc":
                return null;
            case "desc":
                descending = true;
                return null;
            default:
                return ApiVideoErrors.InvalidQuery("sortOrder", "This value should be one of \"asc\", \"desc\".");
        }
    }

    /// <summary>
    /// The pagination object. Links are relative to the API root WITHOUT the sandbox prefix ("/videos?..."), as
    /// the real API emits them; the filters of the request are kept so following "next" keeps filtering.
    /// </summary>
    private static PaginationJson Paginate(HttpRequest request, string path, int page, int pageSize, int total, int items)
    {
        var pagesTotal = Math.Max(1, (total + pageSize - 1) / pageSize);
        var kept = string.Join("&", request.Query
            .Where(q => q.Key is not ("currentPage" or "pageSize"))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}")));
        string Link(int p) => $"{path}?{(kept.Length > 0 ? kept + "&" : string.Empty)}currentPage={p}&pageSize={pageSize}";

        var links = new List<PaginationLinkJson> { new("self", Link(page)), new("first", Link(1)) };
        if (page > 1)
        {
            links.Add(new PaginationLinkJson("previous", Link(Math.Min(page - 1, pagesTotal))));
        }

        if (page < pagesTotal)
        {
            links.Add(new PaginationLinkJson("next", Link(page + 1)));
        }

        links.Add(new PaginationLinkJson("last", Link(pagesTotal)));
        return new PaginationJson(page, items, pageSize, pagesTotal, total, links);
    }

    /// <summary>Rejects a request whose body was not read yet, reading it first so the client sees the answer.</summary>
    private static async Task<IResult> RejectUnreadAsync(HttpContext context, ApiVideoError error)
    {
        await RequestBody.DrainQuietlyAsync(context);
        return error.ToResult();
    }
}

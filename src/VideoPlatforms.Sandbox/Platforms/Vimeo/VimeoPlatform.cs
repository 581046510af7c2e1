using System.Globalization;
using System.Text.Json.Nodes;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>
/// Vimeo API 3.4 (api.vimeo.com) under /vimeo, written from docs/platforms/vimeo.md and the OpenAPI document. Paths
/// inside the prefix are the API's; the tus host and the picture upload host, separate hosts on the real service,
/// live under the same prefix at /tus/{id} and /_upload/pictures/{id} so upload links stay absolute on this sandbox.
/// </summary>
internal sealed partial class VimeoPlatform(VimeoState state) : ISandboxPlatform
{
    public string Name => "vimeo";

    public PathString Prefix { get; } = new("/vimeo");

    public IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri)
    {
        yield return $"Vimeo       base URI  {new Uri(sandboxBaseUri, "vimeo/")}";
        yield return $"            tokens    {SandboxCredentials.VimeoAccessToken} (account 1), {SandboxCredentials.VimeoSecondAccessToken} (account 2)";
        yield return $"            client    {SandboxCredentials.VimeoClientId} / {SandboxCredentials.VimeoClientSecret} (GET /vimeo/oauth/authorize approves as account 1)";
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix.Value!);
        var routes = new PlatformRoutes(group);
        MapAuth(routes);
        MapVideos(routes);
        MapTus(routes);
        MapDownloads(routes);
        MapTextTracks(routes);
        group.Map("{**path}", (RequestDelegate)(async context =>
        {
            await RequestBody.DrainQuietlyAsync(context);
            var methods = routes.MethodsFor(context.GetSandboxInfo()?.PlatformPath ?? "/");
            if (methods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                await VimeoErrors.Legacy(405, "This method is not allowed on this resource.").ExecuteAsync(context);
            }
            else
            {
                await VimeoErrors.Legacy(404, "The requested page couldn't be found.").ExecuteAsync(context);
            }
        }));
    }

    public async ValueTask<bool> BeforeRequestAsync(HttpContext context)
    {
        var path = context.GetSandboxInfo()?.PlatformPath ?? "/";
        if (IsUploadHost(path))
        {
            // The tus and picture hosts are not the API: no rate-limit headers, and a PATCH keeps what arrives.
            return await PrepareTusPatchAsync(context, path);
        }

        var (allowed, limit, remaining, reset) = state.CountRequest();
        var response = context.Response;
        response.OnStarting(() =>
        {
            response.Headers.TryAdd("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture));
            response.Headers.TryAdd("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
            // The format is not pinned by an official source (docs/platforms/vimeo.md#6-rate-limits-and-retries); an ISO 8601 date is what is seen.
            response.Headers.TryAdd("X-RateLimit-Reset", reset.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        });
        if (allowed)
        {
            return true;
        }

        await RequestBody.DrainQuietlyAsync(context);
        await Results.Text(VimeoErrors.Generic(429), "application/json", System.Text.Encoding.UTF8, 429).ExecuteAsync(context);
        return false;
    }

    private static bool IsUploadHost(string path) =>
        path.StartsWith("/tus/", StringComparison.Ordinal) || path.StartsWith("/_upload/", StringComparison.Ordinal)
        || path.StartsWith("/_download/", StringComparison.Ordinal);

    public string ErrorBody(int status) => VimeoErrors.Generic(status);

    public void Reset() => state.Reset();

    // --- helpers ------------------------------------------------------------------------------------------------

    private static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";

    private static string RouteValue(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? string.Empty;

    /// <summary>The bearer token of the request, or the 401 a missing or unknown one gets.</summary>
    private (VimeoToken? Token, IResult? Error) Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return (null, VimeoErrors.InvalidToken());
        }

        return state.FindToken(header[bearer.Length..].Trim()) is { } token ? (token, null) : (null, VimeoErrors.InvalidToken());
    }

    /// <summary>Authenticates and checks the scope the operation's <c>security</c> names in api.yaml.</summary>
    private async Task<(VimeoToken? Token, IResult? Error)> RequireAsync(HttpContext context, string? scope, bool user)
    {
        var (token, error) = Authenticate(context);
        error ??= user && token!.Account is null ? VimeoErrors.NoUser() : null;
        error ??= scope is not null && !token!.Scopes.Contains(scope) ? VimeoErrors.MissingScope(scope) : null;
        if (error is not null)
        {
            await RequestBody.DrainQuietlyAsync(context);
        }

        return (token, error);
    }

    private static (string ClientId, string Secret)? BasicClient(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsSandboxClient((string ClientId, string Secret)? client) =>
        client is { } c && c.ClientId == SandboxCredentials.VimeoClientId && c.Secret == SandboxCredentials.VimeoClientSecret;

    private static JsonObject UserJson(VimeoAccount account, string root) => new()
    {
        ["uri"] = $"/users/{account.UserId}",
        ["name"] = account.Name,
        ["link"] = $"{root}vimeo/user{account.UserId}",
        ["account"] = "pro",
    };

    private JsonObject AuthJson(VimeoToken token, string root)
    {
        var json = new JsonObject
        {
            ["access_token"] = token.Token,
            ["token_type"] = "bearer",
            ["scope"] = string.Join(' ', token.Scopes.OrderBy(s => s, StringComparer.Ordinal)),
            ["app"] = new JsonObject { ["name"] = "VideoPlatforms Sandbox app", ["uri"] = "/apps/1" },
        };
        if (token.Account is { } account)
        {
            json["user"] = UserJson(VimeoState.Account(account), root);
        }

        return json;
    }

    private JsonObject VideoJson(VimeoVideo v, string root, bool withUploadLink)
    {
        var (upload, transcode, status) = state.StatusOf(v);
        var id = v.Id.ToString(CultureInfo.InvariantCulture);
        var active = v.Pictures.FirstOrDefault(p => p.Active);
        var uploadJson = new JsonObject { ["status"] = upload, ["approach"] = "tus", ["size"] = v.Upload?.Length ?? v.Size };
        if (withUploadLink && v.Upload is { Complete: false } pending)
        {
            uploadJson["upload_link"] = $"{root}vimeo/tus/{pending.Id}";
        }

        return new JsonObject
        {
            ["uri"] = $"/videos/{id}",
            ["name"] = v.Name,
            ["description"] = v.Description,
            ["type"] = "video",
            ["link"] = $"{root}vimeo/watch/{id}",
            ["duration"] = status == "available" ? Math.Max(1, (v.Size ?? 0) / (256 * 1024)) : 0,
            ["width"] = status == "available" ? 1920 : 0,
            ["height"] = status == "available" ? 1080 : 0,
            ["created_time"] = v.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            ["modified_time"] = v.ModifiedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            ["release_time"] = v.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            ["privacy"] = new JsonObject { ["view"] = v.View, ["embed"] = "public", ["download"] = false, ["add"] = true, ["comments"] = "anybody" },
            ["pictures"] = new JsonObject
            {
                ["uri"] = active is null ? null : $"/videos/{id}/pictures/{active.Id}",
                ["active"] = active is not null,
                ["type"] = active is null ? "default" : "custom",
                ["base_link"] = $"{root}vimeo/_pictures/{active?.Id ?? 0}",
                ["sizes"] = new JsonArray(new JsonObject
                {
                    ["width"] = 640, ["height"] = 360,
                    ["link"] = $"{root}vimeo/_pictures/{active?.Id ?? 0}_640x360.jpg",
                }),
            },
            ["tags"] = new JsonArray([.. v.Tags.Select(t => (JsonNode)new JsonObject
            {
                ["uri"] = $"/videos/{id}/tags/{Uri.EscapeDataString(t)}", ["name"] = t, ["tag"] = t, ["canonical"] = t.ToLowerInvariant(),
            })]),
            ["user"] = UserJson(VimeoState.Account(v.Account), root),
            ["upload"] = uploadJson,
            ["transcode"] = transcode is null ? null : new JsonObject { ["status"] = transcode },
            ["status"] = status,
            ["is_playable"] = status == "available",
            ["resource_key"] = $"rk{id}",
        };
    }
}

using System.Globalization;
using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Ziggeo's server API (srv-api.ziggeo.com, docs/platforms/ziggeo.md) for one region: the default region under
/// /ziggeo, eu-west-1 under /ziggeo-eu-west-1, sharing one <see cref="ZiggeoState"/>. Each region knows only its
/// own applications, as the real hosts do, so a client that picks the wrong host for an r1 token gets 401.
/// Paths inside the prefix are exactly the server API's (/v1/...). HTTP Basic token:private_key on every call.
/// </summary>
internal sealed partial class ZiggeoPlatform(ZiggeoState state, string region) : ISandboxPlatform
{
    private const int MaxLimit = 100;

    public string Name => region == ZiggeoState.DefaultRegion ? "ziggeo" : "ziggeo-" + region;

    public PathString Prefix => new("/" + Name);

    public IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri)
    {
        var app = ZiggeoState.Applications.First(a => a.Region == region);
        yield return $"Ziggeo      base URI  {new Uri(sandboxBaseUri, Name + "/")} ({region} region)";
        yield return $"            token     {app.Token}  private key {app.PrivateKey}";
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix.Value!);
        var routes = new PlatformRoutes(group);
        routes.Map("GET", "/v1/application", c => Authenticated(c, a => Task.FromResult(SandboxJson.Json(new Dictionary<string, object?>
        {
            ["volatile"] = false, ["token"] = a.Token, ["name"] = a.Name, ["region"] = region,
            ["auth_token_required_for_create"] = false, ["created"] = 1700000000L, ["owned"] = true,
        }))));
        routes.Map("GET", "/v1/videos", c => Authenticated(c, a => Task.FromResult(Index(c, a))));
        routes.Map("POST", "/v1/videos", c => Authenticated(c, a => CreateAsync(c, a)));
        routes.Map("GET", "/v1/videos/count", c => Authenticated(c, a => Task.FromResult(Count(c, a))));
        routes.Map("POST", "/v1/videos-upload-url", c => Authenticated(c, a => UploadUrlAsync(c, a)));
        routes.Map("GET", "/v1/videos/{video}", c => Authenticated(c, a => Task.FromResult(WithVideo(c, a, v => SandboxJson.Json(VideoJson(v))))));
        routes.Map("POST", "/v1/videos/{video}", c => Authenticated(c, a => UpdateOrPostDeleteAsync(c, a)));
        routes.Map("DELETE", "/v1/videos/{video}", c => Authenticated(c, a => Task.FromResult(DeleteVideo(c, a))));
        routes.Map("GET", "/v1/videos/{video}/streams", c => Authenticated(c, a => Task.FromResult(
            WithVideo(c, a, v => SandboxJson.Json(v.Streams.Select(StreamJson).ToList())))));
        MapDownloads(routes);
        routes.Map("POST", "/v1/videos/{video}/streams/{stream}/image", c => Authenticated(c, a => AttachImageAsync(c, a)));
        routes.Map("POST", "/v1/videos/{video}/streams/{stream}/subtitle", c => Authenticated(c, a => AttachSubtitleAsync(c, a)));
        routes.Map("POST", "/v1/videos/{video}/streams/{stream}/confirm-video", c => Authenticated(c, a => Task.FromResult(Confirm(c, a))));
        routes.Map("POST", "/v1/authtokens", c => Authenticated(c, a => CreateAuthTokenAsync(c, a)));
        routes.Map("GET", "/v1/authtokens/{token}", c => Authenticated(c, a => Task.FromResult(WithAuthToken(c, a, t => SandboxJson.Json(AuthTokenJson(t))))));
        routes.Map("POST", "/v1/authtokens/{token}", c => Authenticated(c, a => UpdateAuthTokenAsync(c, a)));
        routes.Map("DELETE", "/v1/authtokens/{token}", c => Authenticated(c, a => Task.FromResult(WithAuthToken(c, a, t =>
        {
            state.DeleteAuthToken(t);
            return Results.Ok();
        }))));

        group.Map("{**path}", (RequestDelegate)(async context =>
        {
            await RequestBody.DrainQuietlyAsync(context);
            var methods = routes.MethodsFor(context.GetSandboxInfo()?.PlatformPath ?? "/");
            if (methods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                await Error(405, "Method Not Allowed").ExecuteAsync(context);
            }
            else
            {
                await Error(404, "Not Found: the server API has no such path.").ExecuteAsync(context);
            }
        }));
    }

    /// <summary>Only the default region's instance maps the admin surface; it shows both regions.</summary>
    public void MapAdminEndpoints(IEndpointRouteBuilder admin)
    {
        if (region == ZiggeoState.DefaultRegion)
        {
            ZiggeoAdmin.Map(admin, state);
        }
    }

    public ValueTask<bool> BeforeRequestAsync(HttpContext context) => ValueTask.FromResult(true);

    /// <summary>
    /// No Ziggeo error-body format is documented (docs/platforms/ziggeo.md#5-errors); the sandbox answers the shape the Python SDK
    /// synthesises for failures, {"code": "&lt;status&gt;", "msg": "&lt;reason&gt;"}.
    /// </summary>
    public string ErrorBody(int status) => JsonSerializer.Serialize(new { code = status.ToString(CultureInfo.InvariantCulture), msg = ReasonPhrase(status) });

    public void Reset() => state.Reset();
}

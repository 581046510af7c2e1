using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// BigGo (api.biggo.com) under /biggo: the token endpoint at <c>/biggo/auth/v1/token</c>, the API under
/// <c>/biggo/api/v1/</c>. Written from docs/platforms/biggo.md, with these readings where the official clients
/// disagree (the same the module's provider states):
/// <list type="bullet">
/// <item>the upload's file part is named <c>video</c> (the Python clients), with a <c>File-Size</c> header that must
/// equal the bytes received;</item>
/// <item><c>access</c> is an integer: 0 public, 1 private, 2 unlisted (strings are refused with 1006);</item>
/// <item><c>status.process_status</c> is 0 (in queue, the Python value) while processing and 13 when complete;</item>
/// <item>the video object carries the uploader's <c>name</c> (as the SDK models do) and the video's <c>title</c>;</item>
/// <item><c>thumbnail_time</c> is in milliseconds (the JS type comment);</item>
/// <item>an expired token is 401 with error code 4 (JWT_EXPIRED); an unknown one 401 with code 3 (JWT_INVALID);</item>
/// <item>the <c>region</c> header, when sent, must be a known region (else 1006); video_auth/self returns the account's.</item>
/// </list>
/// </summary>
internal sealed partial class BigGoPlatform(BigGoState state, UploadStore storage) : ISandboxPlatform
{
    private const int PageSize = 20;
    private const int MaxJsonBodyBytes = 1024 * 1024;

    /// <summary>The largest upload kept; BigGo publishes no limit, this only keeps a runaway client off the disk.</summary>
    internal const long MaxUploadBytes = 8L << 30;

    public string Name => "biggo";

    public PathString Prefix { get; } = new("/biggo");

    public IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri)
    {
        yield return $"BigGo       base URI  {new Uri(sandboxBaseUri, "biggo/")}";
        yield return $"            client    id {SandboxCredentials.BigGoClientId}, secret {SandboxCredentials.BigGoClientSecret} (user {SandboxCredentials.BigGoUserId}, region tw)";
        yield return $"            -User     {SandboxCredentials.BigGoOtherUserId} has {BigGoState.CreatorPublicVideos} public videos";
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix.Value!);
        var routes = new PlatformRoutes(group);
        routes.Map("POST", "/auth/v1/token", TokenAsync);
        routes.Map("POST", "/api/v1/video_auth/self", context => Authenticated(context, (user, region) =>
            Task.FromResult(SandboxJson.Json(new { result = true, at_userid = user.AtUserId, region = user.Region, userid = user.UserId }))));
        routes.Map("POST", "/api/v1/video", UploadAsync);
        routes.Map("GET", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => GetVideoAsync(context, user)));
        routes.Map("POST", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => UpdateAsync(context, user, full: true)));
        routes.Map("PATCH", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => UpdateAsync(context, user, full: false)));
        routes.Map("DELETE", "/api/v1/video/{videoId}", context => Authenticated(context, (user, _) => DeleteAsync(context, user)));
        routes.Map("GET", "/api/v1/user/{userid}/video", context => Authenticated(context, (user, _) => ListAsync(context, user)));
        MapDownloads(routes);

        group.Map("{**path}", (RequestDelegate)(async context =>
        {
            await RequestBody.DrainQuietlyAsync(context);
            var path = context.GetSandboxInfo()?.PlatformPath ?? "/";
            var methods = routes.MethodsFor(path.TrimEnd('/'));
            if (methods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", methods);
                await BigGoErrors.Api(BigGoErrors.ErrorMethod, $"{context.Request.Method} is not allowed here; use {string.Join(" or ", methods)}.").ExecuteAsync(context);
            }
            else
            {
                await SandboxJson.Json(new { result = false, error = new { code = 0, message = $"No such endpoint: {path}. The API lives under /api/v1/, the token endpoint at /auth/v1/token." } }, 404).ExecuteAsync(context);
            }
        }));
    }

    public ValueTask<bool> BeforeRequestAsync(HttpContext context) => ValueTask.FromResult(true);

    public string ErrorBody(int status) => BigGoErrors.Generic(status);

    public void Reset() => state.Reset();
}

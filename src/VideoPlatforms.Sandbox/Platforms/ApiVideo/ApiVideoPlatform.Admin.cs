using VideoPlatforms.Sandbox.Admin;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>/_sandbox/apivideo/...: inspection and control of the api.video emulation.</summary>
internal sealed partial class ApiVideoPlatform
{
    private sealed record ConfigUpdate(int? AccessTokenLifetimeSeconds, int? RateLimitPerMinute, int? EncodingDelayMs);

    private sealed record SeedRequest(int? Account, int? Count, string? TitlePrefix, List<string>? Tags);

    public void MapAdminEndpoints(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/videos", () => SandboxJson.Json(state.GetVideos()));
        admin.MapGet("/videos/{videoId}", (string videoId) => state.GetVideo(videoId) is { } video
            ? SandboxJson.Json(video)
            : AdminResults.Error(404, $"No api.video video '{videoId}' in either account."));
        admin.MapPost("/videos/{videoId}/fail-processing", (string videoId) => state.FailEncoding(videoId)
            ? SandboxJson.Json(state.GetVideo(videoId))
            : AdminResults.Error(404, $"No api.video video '{videoId}' in either account."));
        admin.MapGet("/secrets", () => SandboxJson.Json(state.GetSecrets()));
        admin.MapPost("/expire-tokens", () => SandboxJson.Json(new { expired = state.ExpireAccessTokens() }));
        admin.MapGet("/config", () => SandboxJson.Json(state.Config));
        admin.MapPut("/config", AdminResults.ApplyJson<ConfigUpdate>(update =>
        {
            var current = state.Config;
            state.Config = current with
            {
                AccessTokenLifetimeSeconds = update!.AccessTokenLifetimeSeconds ?? current.AccessTokenLifetimeSeconds,
                RateLimitPerMinute = update.RateLimitPerMinute ?? current.RateLimitPerMinute,
                EncodingDelayMs = update.EncodingDelayMs ?? current.EncodingDelayMs,
            };

            return SandboxJson.Json(state.Config);
        }));
        admin.MapPost("/seed", AdminResults.ApplyJson<SeedRequest>(request =>
        {
            var result = state.Seed(request!.Account ?? 1, request.Count ?? 0, request.TitlePrefix ?? "Seed", request.Tags);
            return SandboxJson.Json(result, StatusCodes.Status201Created);
        }));
    }
}

using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// The Sandbox's own BigGo routes under /_sandbox/biggo: configuration, seeding, a look at the stored videos, failing a
/// video's processing.
/// </summary>
internal sealed partial class BigGoPlatform
{
    private sealed record ConfigUpdate(int? AccessTokenLifetimeSeconds, int? AccessTokenRequestLimit, int? ProcessingDelayMs);

    private sealed record SeedRequest(string? Userid, int? Count, string? TitlePrefix, int? Access);

    public void MapAdminEndpoints(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/videos", () => SandboxJson.Json(state.GetVideos()));
        admin.MapGet("/videos/{videoId}", (string videoId) => state.GetVideo(videoId) is { } video
            ? SandboxJson.Json(video)
            : Admin.AdminResults.Error(404, $"No BigGo video '{videoId}'."));
        admin.MapPost("/videos/{videoId}/fail-processing", (string videoId) => state.FailTranscode(videoId)
            ? SandboxJson.Json(state.GetVideo(videoId))
            : Admin.AdminResults.Error(404, $"No BigGo video '{videoId}'."));
        admin.MapGet("/secrets", () => SandboxJson.Json(state.GetSecrets()));
        admin.MapPost("/expire-tokens", () => SandboxJson.Json(new { expired = state.ExpireAccessTokens() }));
        admin.MapGet("/config", () => SandboxJson.Json(state.Config));
        admin.MapPut("/config", Admin.AdminResults.ApplyJson<ConfigUpdate>(update =>
        {
            var current = state.Config;
            state.Config = current with
            {
                AccessTokenLifetimeSeconds = update!.AccessTokenLifetimeSeconds ?? current.AccessTokenLifetimeSeconds,
                AccessTokenRequestLimit = update.AccessTokenRequestLimit ?? current.AccessTokenRequestLimit,
                ProcessingDelayMs = update.ProcessingDelayMs ?? current.ProcessingDelayMs,
            };

            return SandboxJson.Json(state.Config);
        }));
        admin.MapPost("/seed", Admin.AdminResults.ApplyJson<SeedRequest>(request =>
        {
            return SandboxJson.Json(state.Seed(request!.Userid ?? BigGoState.Owner.UserId, request.Count ?? 0, request.TitlePrefix ?? "Seed", request.Access ?? 0),
                StatusCodes.Status201Created);
        }));
    }
}

using VideoPlatforms.Sandbox.Admin;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>/_sandbox/ziggeo/...: inspection and control of the Ziggeo emulation (both regions and the bucket).</summary>
internal static class ZiggeoAdmin
{
    private sealed record ConfigUpdate(int? ProcessingDelayMs, int? UploadUrlLifetimeSeconds, double? DurationSeconds);

    private sealed record SeedRequest(string? Region, int? Count, string? KeyPrefix, List<string>? Tags);

    public static void Map(IEndpointRouteBuilder admin, ZiggeoState state)
    {
        admin.MapGet("/videos", () => SandboxJson.Json(state.AllVideos().Select(v => View(state, v)).ToList()));
        admin.MapGet("/videos/{token}", (string token) => state.AllVideos().FirstOrDefault(v => v.Token == token) is { } video
            ? SandboxJson.Json(View(state, video))
            : AdminResults.Error(404, $"No Ziggeo video '{token}' in either region."));
        admin.MapPost("/videos/{token}/fail-processing", (string token) => state.FailProcessing(token)
            ? SandboxJson.Json(View(state, state.AllVideos().First(v => v.Token == token)))
            : AdminResults.Error(404, $"No Ziggeo video '{token}' in either region."));
        admin.MapGet("/authtokens", () => SandboxJson.Json(state.AuthTokens().Select(t => new
        {
            region = RegionOf(t.AppToken), t.Token, t.SessionLimit, t.UsageExpirationTime, t.ExpirationDate, t.Grants, t.Created,
        }).ToList()));
        admin.MapGet("/secrets", () => SandboxJson.Json(state.Secrets()));
        admin.MapGet("/config", () => SandboxJson.Json(state.Config));
        admin.MapPut("/config", AdminResults.ApplyJson<ConfigUpdate>(update =>
        {
            var current = state.Config;
            state.Config = current with
            {
                ProcessingDelayMs = update!.ProcessingDelayMs ?? current.ProcessingDelayMs,
                UploadUrlLifetimeSeconds = update.UploadUrlLifetimeSeconds ?? current.UploadUrlLifetimeSeconds,
                DurationSeconds = update.DurationSeconds ?? current.DurationSeconds,
            };

            return SandboxJson.Json(state.Config);
        }));
        admin.MapPost("/seed", AdminResults.ApplyJson<SeedRequest>(request =>
        {
            return SandboxJson.Json(state.Seed(request!.Region ?? ZiggeoState.DefaultRegion, request.Count ?? 0, request.KeyPrefix, request.Tags), StatusCodes.Status201Created);
        }));
    }

    private static string RegionOf(string appToken) => ZiggeoState.Applications.First(a => a.Token == appToken).Region;

    private static object View(ZiggeoState state, ZiggeoVideo video)
    {
        lock (state.Sync)
        {
            var uploaded = video.Streams.FirstOrDefault(s => s.FilePath is not null || s.Token == video.OriginalStream);
            return new
            {
                region = RegionOf(video.AppToken),
                token = video.Token,
                key = video.Key,
                state = state.StateOf(video),
                tags = video.Tags,
                data = video.Data,
                expireOn = video.ExpireOn,
                complete = video.OriginalStream is not null,
                received = uploaded?.FilePath is not null,
                size = uploaded?.VideoSize,
                sha256 = uploaded?.Sha256,
                videoType = uploaded?.VideoType,
                streams = video.Streams.Count,
                seeded = video.Seeded,
                created = video.Created,
            };
        }
    }
}

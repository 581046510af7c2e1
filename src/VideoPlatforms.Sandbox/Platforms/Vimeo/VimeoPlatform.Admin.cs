using System.Globalization;
using System.Text.Json.Nodes;
using VideoPlatforms.Sandbox.Admin;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>/_sandbox/vimeo/...: inspection and control of the Vimeo emulation.</summary>
internal sealed partial class VimeoPlatform
{
    private sealed record ConfigUpdate(int? RateLimitPerMinute, long? QuotaBytes, int? TranscodeDelayMs);

    private sealed record SeedRequest(int? Account, int? Count, string? NamePrefix, string? View);

    private sealed record TokenRequest(int? Account, string? Scope);

    public void MapAdminEndpoints(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/videos", () => VimeoErrors.Json(state.AdminVideos()));
        admin.MapGet("/videos/{videoId}", (string videoId) =>
            long.TryParse(videoId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && state.FindVideo(id) is { } video
                ? VimeoErrors.Json(state.AdminView(video))
                : AdminResults.Error(404, $"No Vimeo video '{videoId}' in either account."));
        admin.MapPost("/videos/{videoId}/fail-processing", (string videoId) =>
            long.TryParse(videoId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && state.FailTranscode(id)
                ? VimeoErrors.Json(state.AdminView(state.FindVideo(id)!))
                : AdminResults.Error(404, $"No Vimeo video '{videoId}' in either account."));
        admin.MapGet("/secrets", (HttpContext context) =>
            VimeoErrors.Json(state.Secrets(new Uri($"{context.Request.Scheme}://{context.Request.Host}/"))));
        admin.MapGet("/config", () => SandboxJson.Json(state.Config));
        admin.MapPut("/config", AdminResults.ApplyJson<ConfigUpdate>(update =>
        {
            var current = state.Config;
            state.Config = current with
            {
                RateLimitPerMinute = update!.RateLimitPerMinute ?? current.RateLimitPerMinute,
                QuotaBytes = update.QuotaBytes ?? current.QuotaBytes,
                TranscodeDelayMs = update.TranscodeDelayMs ?? current.TranscodeDelayMs,
            };

            return SandboxJson.Json(state.Config);
        }));
        admin.MapPost("/seed", AdminResults.ApplyJson<SeedRequest>(request =>
        {
            var account = request!.Account ?? 1;
            var ids = state.Seed(account, request.Count ?? 0, request.NamePrefix ?? "Seed", request.View ?? "anybody");
            return VimeoErrors.Json(new JsonObject
            {
                ["account"] = account,
                ["created"] = ids.Count,
                ["videoIds"] = new JsonArray([.. ids.Select(i => (JsonNode)i.ToString(CultureInfo.InvariantCulture))]),
            }, 201);
        }));
        // A personal access token with chosen scopes, e.g. one without "delete" to test a missing scope.
        admin.MapPost("/tokens", AdminResults.ApplyJson<TokenRequest>(request =>
        {
            var account = request!.Account ?? 1;
            var scopes = VimeoState.ParseScopes(request.Scope ?? VimeoState.PersonalScopes);
            if (account is not (1 or 2) || scopes.Any(s => !VimeoState.KnownScopes.Contains(s)))
            {
                return AdminResults.Error(400, $"account must be 1 or 2 and scope a space-separated list of: {VimeoState.AllScopes}.");
            }

            var token = state.IssueToken(account, scopes, "personal");
            return VimeoErrors.Json(new JsonObject { ["token"] = token.Token, ["account"] = account, ["scope"] = string.Join(' ', scopes) }, 201);
        }));
    }
}

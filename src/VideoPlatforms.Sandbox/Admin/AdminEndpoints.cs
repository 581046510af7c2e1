using VideoPlatforms.Sandbox.Faults;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Admin;

/// <summary>
/// /_sandbox/...: the platform-independent admin surface (reset, request log, faults) plus each platform's
/// own admin endpoints under /_sandbox/{platform}. No authentication: the server only listens on loopback.
/// </summary>
internal static class AdminEndpoints
{
    private sealed record FaultRuleRequest(
        string? Platform,
        string? Method,
        string? PathPattern,
        string? Kind,
        int? Status,
        Dictionary<string, string>? Headers,
        string? Body,
        int? DelayMs,
        long? AfterBytes,
        int? Times,
        double? Probability,
        int? Skip,
        int? Seed);

    public static void Map(IEndpointRouteBuilder app, SandboxState state, Func<Uri> baseUri)
    {
        var admin = app.MapGroup(SandboxState.AdminPrefix.Value!);

        admin.MapGet("/", () => SandboxJson.Json(new
        {
            platforms = state.Platforms.Select(p => new { name = p.Name, baseUri = new Uri(baseUri(), p.Prefix.Value!.TrimStart('/') + "/") }),
            admin = new[]
            {
                "POST /_sandbox/reset",
                "GET|DELETE /_sandbox/requests[?platform=]",
                "GET|POST|DELETE /_sandbox/faults, DELETE /_sandbox/faults/{id}",
                "GET /_sandbox/apivideo/videos[/{id}], GET /_sandbox/apivideo/secrets, POST /_sandbox/apivideo/expire-tokens",
                "GET|PUT /_sandbox/apivideo/config, POST /_sandbox/apivideo/seed",
                "GET /_sandbox/biggo/videos[/{id}], GET /_sandbox/biggo/secrets, POST /_sandbox/biggo/expire-tokens, GET|PUT /_sandbox/biggo/config, POST /_sandbox/biggo/seed",
            },
        }));

        admin.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/requests", (string? platform) => SandboxJson.Json(state.Requests.List(platform)));
        admin.MapDelete("/requests", () =>
        {
            state.Requests.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/faults", () => SandboxJson.Json(state.Faults.List()));
        admin.MapPost("/faults", AdminResults.ApplyJson<FaultRuleRequest>(request =>
        {
            if (!TryParseKind(request!.Kind, out var kind))
            {
                return AdminResults.Error(400, "kind must be one of \"status\", \"drop\", \"delay\", \"dropMidBody\", \"malformedJson\", \"actThenDrop\".");
            }

            var defaults = new FaultRule();
            var rule = state.Faults.Add(new FaultRule
            {
                Platform = string.IsNullOrEmpty(request.Platform) ? defaults.Platform : request.Platform,
                Method = string.IsNullOrEmpty(request.Method) ? defaults.Method : request.Method,
                PathPattern = string.IsNullOrEmpty(request.PathPattern) ? defaults.PathPattern : request.PathPattern,
                Kind = kind,
                Status = request.Status ?? defaults.Status,
                Headers = request.Headers,
                Body = request.Body,
                DelayMs = request.DelayMs ?? defaults.DelayMs,
                AfterBytes = request.AfterBytes ?? defaults.AfterBytes,
                Times = request.Times ?? defaults.Times,
                Probability = request.Probability ?? defaults.Probability,
                Skip = request.Skip ?? defaults.Skip,
                Seed = request.Seed,
            });
            return SandboxJson.Json(rule, StatusCodes.Status201Created);
        }));
        admin.MapDelete("/faults", () =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        admin.MapDelete("/faults/{id:int}", (int id) =>
            state.Faults.Remove(id) ? Results.NoContent() : AdminResults.Error(404, $"No fault rule {id}."));

        foreach (var platform in state.Platforms)
        {
            platform.MapAdminEndpoints(admin.MapGroup("/" + platform.Name));
        }

        admin.Map("{**path}", () => AdminResults.Error(404, "Unknown admin endpoint; GET /_sandbox/ lists them."));
    }

    private static bool TryParseKind(string? text, out FaultKind kind)
    {
        kind = FaultKind.Status;
        switch (text?.ToLowerInvariant())
        {
            case null or "" or "status":
                return true;
            case "drop":
                kind = FaultKind.Drop;
                return true;
            case "delay":
                kind = FaultKind.Delay;
                return true;
            case "dropmidbody":
                kind = FaultKind.DropMidBody;
                return true;
            case "malformedjson":
                kind = FaultKind.MalformedJson;
                return true;
            case "actthendrop":
                kind = FaultKind.ActThenDrop;
                return true;
            default:
                return false;
        }
    }
}

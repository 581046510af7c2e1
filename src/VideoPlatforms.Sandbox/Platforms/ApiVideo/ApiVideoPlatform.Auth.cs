using System.Text.Json;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>POST /auth/api-key and POST /auth/refresh.</summary>
internal sealed partial class ApiVideoPlatform
{
    private void MapAuth(Hosting.PlatformRoutes routes)
    {
        routes.Map("POST", "/auth/api-key", AuthenticateApiKeyAsync);
        routes.Map("POST", "/auth/refresh", RefreshAsync);
    }

    private async Task<IResult> AuthenticateApiKeyAsync(HttpContext context)
    {
        var (body, error) = await ReadJsonObjectAsync(context);
        if (error is not null)
        {
            return error.ToResult();
        }

        if (!body.TryGetProperty("apiKey", out var apiKey) || apiKey.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(apiKey.GetString()))
        {
            return ApiVideoErrors.AttributeRequired("apiKey").ToResult();
        }

        return ApiVideoState.AccountForKey(apiKey.GetString()) is { } account
            ? Hosting.SandboxJson.Json(state.IssueTokens(account.Number))
            : ApiVideoErrors.InvalidUserCredentials().ToResult();
    }

    private async Task<IResult> RefreshAsync(HttpContext context)
    {
        var (body, error) = await ReadJsonObjectAsync(context);
        if (error is not null)
        {
            return error.ToResult();
        }

        if (!body.TryGetProperty("refreshToken", out var token) || token.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(token.GetString()))
        {
            return ApiVideoErrors.AttributeRequired("refreshToken").ToResult();
        }

        // The API answers an unknown or already used refresh token like wrong credentials (spec example for /auth/refresh).
        return state.Refresh(token.GetString()!) is { } tokens
            ? Hosting.SandboxJson.Json(tokens)
            : ApiVideoErrors.InvalidUserCredentials().ToResult();
    }
}

using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>Delegated upload tokens: create, list, get, delete.</summary>
internal sealed partial class ApiVideoPlatform
{
    private void MapUploadTokens(PlatformRoutes routes)
    {
        routes.Map("POST", "/upload-tokens", CreateUploadTokenAsync);
        routes.Map("GET", "/upload-tokens", ListUploadTokensAsync);
        routes.Map("GET", "/upload-tokens/{uploadToken}", GetUploadTokenAsync);
        routes.Map("DELETE", "/upload-tokens/{uploadToken}", DeleteUploadTokenAsync);
    }

    private async Task<IResult> CreateUploadTokenAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return await RejectUnreadAsync(context, authError);
        }

        var (body, error) = await ReadJsonObjectAsync(context, emptyIsObject: true);
        if (error is not null)
        {
            return error.ToResult();
        }

        long ttl = 0;
        if (body.TryGetProperty("ttl", out var ttlValue) && ttlValue.ValueKind != JsonValueKind.Null)
        {
            if (ttlValue.ValueKind != JsonValueKind.Number || !ttlValue.TryGetInt64(out ttl))
            {
                return ApiVideoErrors.InvalidAttribute("ttl", "This attribute must be an integer.").ToResult();
            }

            if (ttl is < 0 or > int.MaxValue)
            {
                return (ApiVideoErrors.InvalidAttribute("ttl", "This attribute must be between 0 and 2147483647.") with
                {
                    Range = new ApiVideoRange(0, int.MaxValue),
                }).ToResult();
            }
        }

        return SandboxJson.Json(state.CreateUploadToken(account, ttl));
    }

    private Task<IResult> ListUploadTokensAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return Task.FromResult(authError.ToResult());
        }

        var query = context.Request.Query;
        var pagingError = ReadPaging(query, out var page, out var pageSize);
        var sortError = ReadSortOrder(query, out var descending);
        if (ApiVideoErrors.Combine(pagingError, sortError) is { } queryError)
        {
            return Task.FromResult(queryError.ToResult());
        }

        var sortBy = query.TryGetValue("sortBy", out var sortValue) ? sortValue.ToString() : "createdAt";
        if (sortBy is not ("createdAt" or "ttl"))
        {
            return Task.FromResult(ApiVideoErrors.InvalidQuery("sortBy", "This value should be one of \"createdAt\", \"ttl\".").ToResult());
        }

        var (items, total) = state.ListUploadTokens(account, sortBy, descending, page, pageSize);
        var pagination = Paginate(context.Request, "/upload-tokens", page, pageSize, total, items.Count);
        return Task.FromResult(SandboxJson.Json(new ListJson<UploadTokenJson>(items, pagination)));
    }

    private Task<IResult> GetUploadTokenAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return Task.FromResult(authError.ToResult());
        }

        var token = state.GetUploadToken(account, RouteValue(context, "uploadToken"));
        return Task.FromResult(token is null ? ApiVideoErrors.NotFound("uploadToken").ToResult() : SandboxJson.Json(token));
    }

    private Task<IResult> DeleteUploadTokenAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError)
        {
            return Task.FromResult(authError.ToResult());
        }

        return Task.FromResult(state.DeleteUploadToken(account, RouteValue(context, "uploadToken"))
            ? Results.NoContent()
            : ApiVideoErrors.NotFound("uploadToken").ToResult());
    }
}

using System.Globalization;
using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>BigGo's video routes: read, full and partial update, delete, and a user's listing.</summary>
internal sealed partial class BigGoPlatform
{
    private Task<IResult> GetVideoAsync(HttpContext context, BigGoUser user)
    {
        var video = state.Find(RouteValue(context, "videoId"));
        // A deleted video reads as 1004, as the Python tests expect after a delete.
        if (video is null || video.Deleted)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.VideoNotExist, "VIDEO_NOT_EXIST"));
        }

        if (video.UserId != user.UserId && video.Access == 1)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.DifferentUser, "VIDEO_DIFFERENT_USER: the video is private to its owner."));
        }

        // The SDKs name no failed process_status; a failed transcode is API error 1001 (docs/platforms/biggo.md#5-errors).
        if (video.TranscodeFailed)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.TranscodeError, "VIDEO_UPLOAD_TRANSCODE_ERROR: the video could not be transcoded."));
        }

        var owner = BigGoState.User(video.UserId)!;
        return Task.FromResult(SandboxJson.Json(new
        {
            result = true,
            user = UserInfo(owner, user),
            video = new[] { VideoJson(context, video, user) },
            size = 1,
        }));
    }

    /// <summary>POST (full: title, description and access required) or PATCH (only what is sent) of /video/{id}.</summary>
    private async Task<IResult> UpdateAsync(HttpContext context, BigGoUser user, bool full)
    {
        var (body, problem) = await ReadJsonObjectAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        var video = state.Find(RouteValue(context, "videoId"));
        if (video is null)
        {
            return BigGoErrors.Api(BigGoErrors.VideoNotExist, "VIDEO_NOT_EXIST");
        }

        if (video.Deleted)
        {
            return BigGoErrors.Api(BigGoErrors.VideoDeleted, "VIDEO_DELETED");
        }

        if (video.UserId != user.UserId)
        {
            return BigGoErrors.Api(BigGoErrors.DifferentUser, "VIDEO_DIFFERENT_USER: only the owner can change a video.");
        }

        string? title = null, description = null;
        int? access = null, thumbnail = null;
        var given = 0;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "title":
                    if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()) || value.GetString()!.Length > 100)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: title must be a non-blank string of at most 100 characters.");
                    }

                    title = value.GetString();
                    given++;
                    break;
                case "description":
                    if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length > 5000)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: description must be a string of at most 5000 characters.");
                    }

                    description = value.GetString();
                    given++;
                    break;
                case "access":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var a) || a is < 0 or > 2)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: access must be 0 (public), 1 (private) or 2 (unlisted).");
                    }

                    access = a;
                    given++;
                    break;
                case "thumbnail_time":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var t) || t < 0)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: thumbnail_time must be a non-negative number of milliseconds.");
                    }

                    thumbnail = t;
                    given++;
                    break;
                case "product_list":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        return BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: product_list must be an array of {nindex, oid}.");
                    }

                    if (value.GetArrayLength() > 10)
                    {
                        return BigGoErrors.Api(BigGoErrors.ProductListOverLimit, "VIDEO_UPLOAD_PRODUCT_LIST_OVER_LIMIT: at most 10 products.");
                    }

                    if (value.GetArrayLength() > 0)
                    {
                        // The sandbox has no product catalogue: any product named is one that does not exist.
                        return BigGoErrors.Api(BigGoErrors.ProductNotExist, "VIDEO_UPLOAD_PRODUCT_IS_NOT_EXIST");
                    }

                    given++;
                    break;
            }
        }

        if (full && (title is null || description is null || access is null))
        {
            return BigGoErrors.Api(BigGoErrors.MissingParameters, "MISSING_PARAMETERS: a full update (POST) needs title, description and access; use PATCH to change some of them.");
        }

        if (given == 0)
        {
            return BigGoErrors.Api(BigGoErrors.MissingParameters, "MISSING_PARAMETERS: nothing to update; send at least one of title, description, access, thumbnail_time, product_list.");
        }

        state.Update(video, title, description, access, thumbnail);
        return SandboxJson.Json(new { result = true, data = Array.Empty<object>() });
    }

    private Task<IResult> DeleteAsync(HttpContext context, BigGoUser user)
    {
        var video = state.Find(RouteValue(context, "videoId"));
        IResult result = video switch
        {
            null => BigGoErrors.Api(BigGoErrors.VideoNotExist, "VIDEO_NOT_EXIST"),
            { Deleted: true } => BigGoErrors.Api(BigGoErrors.VideoDeleted, "VIDEO_DELETED"),
            _ when video.UserId != user.UserId => BigGoErrors.Api(BigGoErrors.DifferentUser, "VIDEO_DIFFERENT_USER: only the owner can delete a video."),
            _ => Deleted(video),
        };
        return Task.FromResult(result);

        IResult Deleted(BigGoVideoRecord v)
        {
            state.Delete(v);
            return SandboxJson.Json(new { result = true });
        }
    }

    /// <summary>GET /api/v1/user/{userid|self}/video/?p=N: 20 per page, oldest first; others see only public videos.</summary>
    private Task<IResult> ListAsync(HttpContext context, BigGoUser caller)
    {
        var requested = RouteValue(context, "userid");
        var owner = requested == "self" ? caller : BigGoState.User(requested);
        if (owner is null)
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.UserNotExist, $"USER_NOT_EXIST: no user '{requested}'."));
        }

        var page = 1;
        if (context.Request.Query.TryGetValue("p", out var p)
            && (!int.TryParse(p.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return Task.FromResult(BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: p must be a page number from 1."));
        }

        var isOwner = owner.UserId == caller.UserId;
        var (items, total) = state.ListUser(owner.UserId, publicOnly: !isOwner, page, PageSize);
        return Task.FromResult(SandboxJson.Json(new
        {
            result = true,
            is_owner = isOwner,
            user = UserInfo(owner, caller),
            user_video_count = total,
            user_video = new { data = items.Select(v => VideoJson(context, v, caller)).ToArray(), size = total },
        }));
    }
}

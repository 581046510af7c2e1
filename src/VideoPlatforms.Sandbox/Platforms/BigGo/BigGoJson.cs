using System.Globalization;
using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.BigGo;

/// <summary>
/// BigGo's wire shapes (docs/platforms/biggo.md#video-object-and-status): the video and user objects as the API writes
/// them, and reading a JSON body.
/// </summary>
internal sealed partial class BigGoPlatform
{
    private object VideoJson(HttpContext context, BigGoVideoRecord v, BigGoUser viewer)
    {
        var owner = BigGoState.User(v.UserId)!;
        var ready = state.Now >= v.ReadyAt;
        var root = $"{context.Request.Scheme}://{context.Request.Host}{Prefix}";
        // The sandbox cannot decode video; a length derived from the size keeps durations stable and non-zero.
        var length = Math.Round(Math.Max(1.0, v.Size / 100_000.0), 3);
        return new
        {
            video_id = v.VideoId,
            userid = v.UserId,
            at_userid = owner.AtUserId,
            name = owner.Name,
            profileimg = $"{root}/static/profile/{owner.UserId}.jpg",
            title = v.Title,
            description = v.Description,
            access = v.Access,
            limit = v.Access,
            is_private = v.Access == 1,
            created_at = v.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            timestamp = v.CreatedAt.ToUnixTimeSeconds(),
            str_datetime = v.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            url = $"{root}/watch/{v.VideoId}",
            status = new
            {
                processing = !ready,
                process_status = ready ? 13 : 0,
                process_status_kw = ready ? new[] { "complete" } : ["inqueue"],
            },
            meta = new
            {
                cover_image = $"{root}/static/cover/{v.VideoId}.jpg",
                length,
                iso8601_length = System.Xml.XmlConvert.ToString(TimeSpan.FromSeconds(length)),
                thumbnails = new[] { $"{root}/static/thumb/{v.VideoId}-1.jpg" },
                aspect_ratio = "16:9",
                download = ready ? (object)new { mp4 = $"{root}/static/video/{v.VideoId}.mp4" } : Array.Empty<object>(),
            },
            thumbnail_time = v.ThumbnailTime,
            video_comment_count = 0,
            video_like_count = 0,
            view_count = 0,
            hasProduct = false,
            product_count = 0,
            product_list = Array.Empty<object>(),
            is_edited = v.IsEdited,
            is_myvideo = v.UserId == viewer.UserId,
            is_like = false,
            is_follow = false,
            isVerifyEComm = false,
            isVerifyUser = true,
            like_list = Array.Empty<string>(),
        };
    }

    private static object UserInfo(BigGoUser user, BigGoUser viewer) => new
    {
        userid = user.UserId,
        at_userid = user.AtUserId,
        name = user.Name,
        profileimg = string.Empty,
        description = string.Empty,
        personal_url = Array.Empty<string>(),
        isVerifyEComm = false,
        isVerifyUser = true,
        follower_count = 0,
        follow_count = 0,
        all_like_count = 0,
        is_follow = false,
        is_myvideo = user.UserId == viewer.UserId,
    };

    private static string RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? string.Empty;

    private static async Task<(JsonElement Root, IResult? Problem)> ReadJsonObjectAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxJsonBodyBytes)
            {
                await RequestBody.DrainQuietlyAsync(context);
                return (default, BigGoErrors.Api(BigGoErrors.ParameterInvalid, $"VIDEO_PARAMETER_INVALID: JSON bodies are limited to {MaxJsonBodyBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (default, BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: the body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (default, BigGoErrors.Api(BigGoErrors.ParameterInvalid, "VIDEO_PARAMETER_INVALID: the body is not JSON: " + ex.Message));
        }
    }
}

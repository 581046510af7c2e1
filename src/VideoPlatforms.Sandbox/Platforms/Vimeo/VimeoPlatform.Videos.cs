using System.Globalization;
using System.Text.Json.Nodes;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>Videos (docs/platforms/vimeo.md#2-endpoints): create (tus), list, get, edit, delete, versions, pictures and tags.</summary>
internal sealed partial class VimeoPlatform
{
    private static readonly string[] Views = ["anybody", "contacts", "disable", "nobody", "password", "unlisted", "users"];
    private static readonly string[] Sorts = ["alphabetical", "date", "default", "duration", "modified_time"];

    private void MapVideos(PlatformRoutes routes)
    {
        routes.Map("POST", "/me/videos", CreateVideoAsync);
        routes.Map("POST", "/users/{userId}/videos", CreateVideoAsync);
        routes.Map("GET", "/me/videos", ListVideosAsync);
        routes.Map("GET", "/users/{userId}/videos", ListVideosAsync);
        routes.Map("GET", "/videos/{videoId}", GetVideoAsync);
        routes.Map("PATCH", "/videos/{videoId}", EditVideoAsync);
        routes.Map("DELETE", "/videos/{videoId}", DeleteVideoAsync);
        routes.Map("POST", "/videos/{videoId}/versions", CreateVersionAsync);
        routes.Map("POST", "/videos/{videoId}/pictures", CreatePictureAsync);
        routes.Map("PATCH", "/videos/{videoId}/pictures/{pictureId}", EditPictureAsync);
        routes.Map("GET", "/videos/{videoId}/tags", GetTagsAsync);
        routes.Map("PUT", "/videos/{videoId}/tags", AddTagsAsync);
        routes.Map("DELETE", "/videos/{videoId}/tags/{word}", DeleteTagAsync);
    }

    /// <summary>/users/{id}/... must name the token's own user (the alias of /me).</summary>
    private static IResult? CheckUserPath(HttpContext context, VimeoToken token) =>
        context.Request.RouteValues.ContainsKey("userId")
        && RouteValue(context, "userId") != VimeoState.Account(token.Account!.Value).UserId.ToString(CultureInfo.InvariantCulture)
            ? VimeoErrors.Error(403, "You can't access another user's videos.", "The user id in the path is not the token's user.", 3200)
            : null;

    private async Task<IResult> CreateVideoAsync(HttpContext context)
    {
        var (token, error) = await RequireAsync(context, "upload", user: true);
        if ((error ?? CheckUserPath(context, token!)) is { } refused)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return refused;
        }

        var (body, bodyError) = await VimeoInput.ReadObjectAsync(context, emptyIsObject: false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (body!.ContainsKey("type"))
        {
            return VimeoErrors.Error(400, "You have provided an invalid parameter.", "Use upload.approach instead of type.", 3116);
        }

        if (ReadUpload(body) is { Error: { } uploadError })
        {
            return uploadError;
        }

        var size = VimeoInput.Long(body["upload"]!["size"])!.Value;
        var (view, password, privacyError) = ReadPrivacy(body);
        if (privacyError is not null)
        {
            return privacyError;
        }

        var account = token!.Account!.Value;
        if (state.AccountBytes(account) + size > state.Config.QuotaBytes)
        {
            return VimeoErrors.Error(403, "You have exceeded your maximum disk space.",
                $"Uploading {size} bytes would exceed the account's storage quota of {state.Config.QuotaBytes} bytes.", 4101);
        }

        var video = state.CreateVideo(account, size, VimeoInput.String(body["name"]), VimeoInput.String(body["description"]), view, password);
        // The spec says 201; PyVimeo and vimeo.php treat anything but 200 as failure, so the live API answers 200.
        return VimeoErrors.Json(VimeoFields.Apply(VideoJson(video, Root(context), withUploadLink: true), context.Request.Query["fields"]));
    }

    private static (long Size, IResult? Error) ReadUpload(JsonObject body)
    {
        if (body["upload"] is not JsonObject upload)
        {
            return (0, VimeoErrors.InvalidParameter("upload", "upload is required: {\"approach\":\"tus\",\"size\":<bytes>}."));
        }

        if (VimeoInput.String(upload["approach"]) != "tus")
        {
            return (0, VimeoErrors.Error(400, "The upload type is not supported.", "The sandbox supports upload.approach \"tus\" only.", 2230));
        }

        return VimeoInput.Long(upload["size"]) is > 0 and var size
            ? (size, null)
            : (0, VimeoErrors.InvalidParameter("upload.size", "upload.size must be the file's exact size in bytes, more than 0."));
    }

    private static (string? View, string? Password, IResult? Error) ReadPrivacy(JsonObject body)
    {
        var view = body["privacy"] is JsonObject privacy ? VimeoInput.String(privacy["view"]) : null;
        var password = VimeoInput.String(body["password"]);
        if (view is not null && !Views.Contains(view))
        {
            return (null, null, VimeoErrors.InvalidParameter("privacy.view", $"privacy.view must be one of {string.Join(", ", Views)}."));
        }

        if (view == "password" && string.IsNullOrEmpty(password))
        {
            return (null, null, VimeoErrors.InvalidParameter("password", "password is required when privacy.view is password."));
        }

        return (view, password, null);
    }

    private async Task<IResult> ListVideosAsync(HttpContext context)
    {
        var (token, error) = await RequireAsync(context, null, user: true);
        if ((error ?? CheckUserPath(context, token!)) is { } refused)
        {
            return refused;
        }

        var query = context.Request.Query;
        var page = 1;
        var perPage = 25;
        if (query.ContainsKey("page") && (!int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return VimeoErrors.InvalidParameter("page", "page must be a number of 1 or more.");
        }

        if (query.ContainsKey("per_page") && (!int.TryParse(query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage is < 1 or > 100))
        {
            return VimeoErrors.InvalidParameter("per_page", "per_page must be between 1 and 100.");
        }

        var sort = query.ContainsKey("sort") ? query["sort"].ToString() : "default";
        if (!Sorts.Contains(sort))
        {
            return VimeoErrors.InvalidParameter("sort", $"sort must be one of {string.Join(", ", Sorts)}.");
        }

        var direction = query.ContainsKey("direction") ? query["direction"].ToString() : sort == "alphabetical" ? "asc" : "desc";
        if (direction is not ("asc" or "desc"))
        {
            return VimeoErrors.InvalidParameter("direction", "direction must be asc or desc.");
        }

        IEnumerable<VimeoVideo> videos = state.VideosOf(token!.Account!.Value);
        var text = query["query"].ToString();
        if (text.Length > 0)
        {
            videos = videos.Where(v => v.Name.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        Func<VimeoVideo, object> key = sort switch
        {
            "alphabetical" => v => v.Name,
            "duration" => v => v.Size ?? 0,
            "modified_time" => v => v.ModifiedAt,
            _ => v => v.CreatedAt,
        };
        var ordered = (direction == "asc" ? videos.OrderBy(key).ThenBy(v => v.Id) : videos.OrderByDescending(key).ThenByDescending(v => v.Id)).ToList();
        var total = ordered.Count;
        var last = Math.Max(1, (total + perPage - 1) / perPage);
        var root = Root(context);
        var fields = query["fields"].ToString();
        // On a collection the JSON filter applies to each item; the wrapper (total, paging, ...) is always sent
        // (the PyVimeo README lists /me/videos with fields=uri,name,pictures and reads paging).
        var data = new JsonArray([.. ordered.Skip((page - 1) * perPage).Take(perPage).Select(v => VimeoFields.Apply(VideoJson(v, root, withUploadLink: false), fields))]);

        // paging links are relative to the API root (no sandbox prefix), keep every other parameter, null when absent.
        var path = context.GetSandboxInfo()?.PlatformPath ?? "/me/videos";
        var kept = string.Join("&", query.Where(q => q.Key is not ("page" or "per_page"))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}")));
        string Link(int p) => $"{path}?{(kept.Length > 0 ? kept + "&" : string.Empty)}page={p}&per_page={perPage}";
        return VimeoErrors.Json(new JsonObject
        {
            ["total"] = total,
            ["page"] = page,
            ["per_page"] = perPage,
            ["paging"] = new JsonObject
            {
                ["next"] = page < last ? Link(page + 1) : null,
                ["previous"] = page > 1 ? Link(Math.Min(page - 1, last)) : null,
                ["first"] = Link(1),
                ["last"] = Link(last),
            },
            ["data"] = data,
        });
    }

    /// <summary>The video, if the token may see it: its owner always; others only public or unlisted videos.</summary>
    private (VimeoVideo? Video, IResult? Error) Visible(HttpContext context, VimeoToken token)
    {
        if (!long.TryParse(RouteValue(context, "videoId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || state.FindVideo(id) is not { } video
            || (video.Account != token.Account && video.View is not ("anybody" or "unlisted")))
        {
            return (null, VimeoErrors.VideoNotFound());
        }

        return (video, null);
    }

    /// <summary>The video for a change: it must exist, be visible, and belong to the token's user.</summary>
    private async Task<(VimeoVideo? Video, IResult? Error)> OwnedAsync(HttpContext context, string scope)
    {
        var (token, error) = await RequireAsync(context, scope, user: true);
        if (error is not null)
        {
            return (null, error);
        }

        var (video, notFound) = Visible(context, token!);
        if (notFound is null && video!.Account != token!.Account)
        {
            notFound = VimeoErrors.NotOwner();
        }

        if (notFound is not null)
        {
            await RequestBody.DrainQuietlyAsync(context);
        }

        return (video, notFound);
    }

    private async Task<IResult> GetVideoAsync(HttpContext context)
    {
        var (token, error) = await RequireAsync(context, null, user: false);
        if (error is not null)
        {
            return error;
        }

        var (video, notFound) = Visible(context, token!);
        if (notFound is not null)
        {
            return notFound;
        }

        var json = VideoJson(video!, Root(context), withUploadLink: true);
        AddDownloads(json, video!, token!, Root(context));
        return VimeoErrors.Json(VimeoFields.Apply(json, context.Request.Query["fields"]));
    }

    private async Task<IResult> EditVideoAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "edit");
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await VimeoInput.ReadObjectAsync(context, emptyIsObject: true);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (view, password, privacyError) = ReadPrivacy(body!);
        if (privacyError is not null)
        {
            return privacyError;
        }

        if (body!.ContainsKey("name") && string.IsNullOrWhiteSpace(VimeoInput.String(body["name"])))
        {
            return VimeoErrors.InvalidParameter("name", "name must not be empty.");
        }

        lock (state.Sync)
        {
            if (body.ContainsKey("name"))
            {
                video!.Name = VimeoInput.String(body["name"])!;
            }

            if (body.ContainsKey("description"))
            {
                video!.Description = VimeoInput.String(body["description"]);
            }

            if (view is not null)
            {
                video!.View = view;
                video.Password = password;
            }

            video!.ModifiedAt = state.Now;
        }

        return VimeoErrors.Json(VimeoFields.Apply(VideoJson(video, Root(context), withUploadLink: false), context.Request.Query["fields"]));
    }

    private async Task<IResult> DeleteVideoAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "delete");
        if (error is not null)
        {
            return error;
        }

        state.DeleteVideo(video!.Id);
        return Results.NoContent();
    }

    private async Task<IResult> CreateVersionAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "upload");
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await VimeoInput.ReadObjectAsync(context, emptyIsObject: false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var fileName = VimeoInput.String(body!["file_name"]);
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return VimeoErrors.InvalidParameter("file_name", "file_name is required.");
        }

        var (size, uploadError) = ReadUpload(body);
        if (uploadError is not null)
        {
            return uploadError;
        }

        var upload = state.NewVersion(video!, size, fileName);
        var root = Root(context);
        var json = new JsonObject
        {
            ["uri"] = $"/videos/{video!.Id}/versions/{upload.VersionId}",
            ["file_name"] = fileName,
            ["created_time"] = state.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            ["upload"] = new JsonObject { ["status"] = "in_progress", ["approach"] = "tus", ["size"] = size, ["upload_link"] = $"{root}vimeo/tus/{upload.Id}" },
        };
        return VimeoErrors.Json(VimeoFields.Apply(json, context.Request.Query["fields"]), 201);
    }

    private JsonObject PictureJson(VimeoPicture picture, string root) => new()
    {
        ["uri"] = $"/videos/{picture.VideoId}/pictures/{picture.Id}",
        ["active"] = picture.Active,
        ["type"] = "custom",
        // Like the live API's picture upload link, it is signed: whoever holds it can replace the image.
        ["link"] = $"{root}vimeo/_upload/pictures/{picture.Id}?expires={state.Now.AddHours(1).ToUnixTimeSeconds()}&sig={picture.Signature}",
        ["sizes"] = picture.Size is null ? new JsonArray() : new JsonArray(new JsonObject { ["width"] = 640, ["height"] = 360, ["link"] = $"{root}vimeo/_pictures/{picture.Id}_640x360.jpg" }),
        ["resource_key"] = $"rk{picture.Id}",
    };

    private async Task<IResult> CreatePictureAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "upload");
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await VimeoInput.ReadObjectAsync(context, emptyIsObject: true);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var picture = state.AddPicture(video!);
        if (body!["active"] is JsonValue active && active.TryGetValue<bool>(out var on) && on)
        {
            state.Activate(video!, picture);
        }

        return VimeoErrors.Json(PictureJson(picture, Root(context)), 201);
    }

    private async Task<IResult> EditPictureAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "edit");
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await VimeoInput.ReadObjectAsync(context, emptyIsObject: true);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (!long.TryParse(RouteValue(context, "pictureId"), NumberStyles.None, CultureInfo.InvariantCulture, out var pictureId)
            || video!.Pictures.FirstOrDefault(p => p.Id == pictureId) is not { } picture)
        {
            return VimeoErrors.Legacy(404, "The requested picture couldn't be found.");
        }

        // PyVimeo sends the string "true", vimeo.php a boolean (docs/platforms/vimeo.md#8-readings-where-the-sources-disagree): accept both.
        var activate = body!["active"] is JsonValue value
                       && ((value.TryGetValue<bool>(out var b) && b) || (value.TryGetValue<string>(out var s) && s == "true"));
        if (activate)
        {
            if (picture.Size is null)
            {
                return VimeoErrors.InvalidParameter("active", "the picture has no image yet: PUT the image to its link first.");
            }

            state.Activate(video, picture);
        }

        return VimeoErrors.Json(PictureJson(picture, Root(context)));
    }

    private async Task<IResult> GetTagsAsync(HttpContext context)
    {
        var (token, error) = await RequireAsync(context, null, user: false);
        if (error is not null)
        {
            return error;
        }

        var (video, notFound) = Visible(context, token!);
        return notFound ?? VimeoErrors.Json(VideoJson(video!, Root(context), false)["tags"]!.DeepClone());
    }

    /// <summary>PUT adds the listed tags (a batch body: [{"name":..}, ...]); at most 20 per video (api.yaml).</summary>
    private async Task<IResult> AddTagsAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "edit");
        if (error is not null)
        {
            return error;
        }

        using var reader = new StreamReader(context.Request.Body);
        JsonArray? batch;
        try
        {
            batch = JsonNode.Parse(await reader.ReadToEndAsync(context.RequestAborted)) as JsonArray;
        }
        catch (System.Text.Json.JsonException)
        {
            batch = null;
        }

        var names = batch?.Select(t => t is JsonObject o ? VimeoInput.String(o["name"]) : null).ToList();
        if (names is null || names.Count == 0 || names.Any(string.IsNullOrWhiteSpace))
        {
            return VimeoErrors.Legacy(400, "The request body doesn't contain a JSON-encoded list of tags.");
        }

        lock (state.Sync)
        {
            var merged = video!.Tags.Concat(names!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (merged.Count > 20)
            {
                return VimeoErrors.Legacy(403, "The total number of tags can't exceed 20.");
            }

            video.Tags.Clear();
            video.Tags.AddRange(merged!);
            video.ModifiedAt = state.Now;
        }

        return VimeoErrors.Json(VideoJson(video, Root(context), false)["tags"]!.DeepClone());
    }

    private async Task<IResult> DeleteTagAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "edit");
        if (error is not null)
        {
            return error;
        }

        var word = RouteValue(context, "word");
        lock (state.Sync)
        {
            if (video!.Tags.RemoveAll(t => string.Equals(t, word, StringComparison.OrdinalIgnoreCase)) == 0)
            {
                return VimeoErrors.Legacy(404, "The video isn't tagged with this tag.");
            }

            video.ModifiedAt = state.Now;
        }

        return Results.NoContent();
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Vimeo;

/// <summary>
/// Text tracks (docs/platforms/vimeo.md#text-tracks): POST /videos/{id}/texttracks with type, language and name makes
/// an empty track whose <c>link</c> takes the file by PUT; PATCH {active: true} shows it in the player (one active
/// track per language and type); GET lists them, DELETE removes one. The link, a separate signed host on the live
/// service, is /_upload/texttracks/{id} here, and GET on it reads the file back.
/// </summary>
internal sealed partial class VimeoPlatform
{
    /// <summary>The spec's enum for the type of a new text track.</summary>
    private static readonly string[] TextTrackTypes = ["captions", "chapters", "descriptions", "metadata", "subtitles"];

    private void MapTextTracks(PlatformRoutes routes)
    {
        routes.Map("GET", "/videos/{videoId}/texttracks", ListTextTracksAsync);
        routes.Map("POST", "/videos/{videoId}/texttracks", CreateTextTrackAsync);
        routes.Map("GET", "/videos/{videoId}/texttracks/{trackId}", GetTextTrackAsync);
        routes.Map("PATCH", "/videos/{videoId}/texttracks/{trackId}", EditTextTrackAsync);
        routes.Map("DELETE", "/videos/{videoId}/texttracks/{trackId}", DeleteTextTrackAsync);
        routes.Map("PUT", "/_upload/texttracks/{trackId}", PutTextTrackAsync);
        routes.Map("GET", "/_upload/texttracks/{trackId}", ReadTextTrackFileAsync);
    }

    private JsonObject TextTrackJson(VimeoTextTrack track, string root)
    {
        var expires = state.Now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var link = $"{root}vimeo/_upload/texttracks/{track.Id}?expires={expires}&sig={track.Signature}";
        return new JsonObject
        {
            ["uri"] = $"/videos/{track.VideoId}/texttracks/{track.Id}",
            ["active"] = track.Active,
            ["type"] = track.Type,
            ["language"] = track.Language,
            ["name"] = track.Name,
            ["link"] = link,
            ["link_expires_time"] = expires,
            ["hls_link"] = link,
            ["hls_link_expires_time"] = expires,
        };
    }

    private async Task<IResult> ListTextTracksAsync(HttpContext context)
    {
        var (token, error) = await RequireAsync(context, null, user: false);
        if (error is not null) return error;
        var (video, notFound) = Visible(context, token!);
        if (notFound is not null) return notFound;
        List<VimeoTextTrack> tracks;
        lock (state.Sync) tracks = [.. video!.TextTracks];
        var root = Root(context);
        // Like every Vimeo listing (docs/platforms/vimeo.md#text-tracks), the tracks come in a page object's data.
        return VimeoErrors.Json(new JsonObject
        {
            ["total"] = tracks.Count,
            ["page"] = 1,
            ["per_page"] = Math.Max(25, tracks.Count),
            ["paging"] = new JsonObject { ["next"] = null, ["previous"] = null, ["first"] = $"/videos/{video.Id}/texttracks?page=1", ["last"] = $"/videos/{video.Id}/texttracks?page=1" },
            ["data"] = new JsonArray([.. tracks.Select(t => (JsonNode)TextTrackJson(t, root))]),
        });
    }

    private async Task<IResult> CreateTextTrackAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "upload");
        if (error is not null) return error;
        var (body, bodyError) = await VimeoInput.ReadObjectAsync(context, emptyIsObject: false);
        if (bodyError is not null) return bodyError;
        var type = VimeoInput.String(body!["type"]);
        var language = VimeoInput.String(body["language"]);
        var name = VimeoInput.String(body["name"]);
        if (type is null || !TextTrackTypes.Contains(type)) return VimeoErrors.InvalidParameter("type", $"must be one of {string.Join(", ", TextTrackTypes)}.");
        if (language is null || !TextTracks.IsKnownLanguage(language)) return VimeoErrors.InvalidParameter("language", "must be a supported language code (/languages?filter=texttracks).");
        if (name is null) return VimeoErrors.InvalidParameter("name", "is required.");
        var track = state.AddTextTrack(video!, type, language, name);
        return VimeoErrors.Json(TextTrackJson(track, Root(context)), 201);
    }

    private async Task<IResult> GetTextTrackAsync(HttpContext context)
    {
        var (token, error) = await RequireAsync(context, null, user: false);
        if (error is not null) return error;
        var (video, notFound) = Visible(context, token!);
        if (notFound is not null) return notFound;
        return TrackOf(context, video!) is { } track ? VimeoErrors.Json(TextTrackJson(track, Root(context))) : TextTrackNotFound();
    }

    private async Task<IResult> EditTextTrackAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "edit");
        if (error is not null) return error;
        var (body, bodyError) = await VimeoInput.ReadObjectAsync(context, emptyIsObject: true);
        if (bodyError is not null) return bodyError;
        if (TrackOf(context, video!) is not { } track) return TextTrackNotFound();
        if (VimeoInput.String(body!["name"]) is { } name) lock (state.Sync) track.Name = name;
        if (body["active"] is JsonValue value && value.TryGetValue<bool>(out var active))
        {
            if (active && track.Content is null) return VimeoErrors.InvalidParameter("active", "the text track has no file yet: PUT the file to its link first.");
            state.ActivateTextTrack(video!, track, active);
        }

        return VimeoErrors.Json(TextTrackJson(track, Root(context)));
    }

    private async Task<IResult> DeleteTextTrackAsync(HttpContext context)
    {
        var (video, error) = await OwnedAsync(context, "edit");
        if (error is not null) return error;
        return TrackOf(context, video!) is { } track && state.RemoveTextTrack(video!, track.Id) ? Results.NoContent() : TextTrackNotFound();
    }

    private async Task<IResult> PutTextTrackAsync(HttpContext context)
    {
        if (SignedTrack(context) is not { } track)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return Results.Text("The signature is not valid for this text track.", "text/plain", null, 403);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var content = buffer.ToArray();
        // Sandbox choice: the live upload host's answer to a file that is not WebVTT is not documented; a 400 says so at once.
        if (!TextTracks.IsWebVtt(content)) return Results.Text("The file is not a WebVTT file: its first line must be WEBVTT.", "text/plain", null, 400);
        lock (state.Sync) track.Content = content;
        return Results.Ok();
    }

    private Task<IResult> ReadTextTrackFileAsync(HttpContext context) =>
        Task.FromResult(SignedTrack(context) is { Content: { } content } ? Results.Bytes(content, "text/vtt") : Results.StatusCode(404));

    private VimeoTextTrack? SignedTrack(HttpContext context) =>
        long.TryParse(RouteValue(context, "trackId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && state.FindTextTrack(id) is { } track
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(context.Request.Query["sig"].ToString()), System.Text.Encoding.ASCII.GetBytes(track.Signature))
            ? track
            : null;

    private VimeoTextTrack? TrackOf(HttpContext context, VimeoVideo video)
    {
        if (!long.TryParse(RouteValue(context, "trackId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        lock (state.Sync) return video.TextTracks.FirstOrDefault(t => t.Id == id);
    }

    private static IResult TextTrackNotFound() => VimeoErrors.Legacy(404, "The requested text track couldn't be found.");
}

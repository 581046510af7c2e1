using System.Globalization;
using VideoPlatforms.Sandbox.Storage;
using System.Text.Json;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// Captions and chapters (docs/platforms/apivideo.md#captions-and-chapters): a WebVTT file per language, uploaded as
/// multipart field "file" to /videos/{videoId}/captions/{language} or /chapters/{language}; listed, read and deleted
/// there; a caption can be made the default with PATCH {"default": true}.
/// </summary>
internal sealed partial class ApiVideoPlatform
{
    /// <summary>Sandbox choice: the spec states no limit for a VTT file; 5 MiB is far above any real caption file.</summary>
    private const long MaxTrackBytes = 5L * 1024 * 1024;

    private void MapCaptions(PlatformRoutes routes)
    {
        foreach (var kind in new[] { "captions", "chapters" })
        {
            routes.Map("GET", $"/videos/{{videoId}}/{kind}", context => ListTracksAsync(context, kind));
            routes.Map("GET", $"/videos/{{videoId}}/{kind}/{{language}}", context => GetTrackAsync(context, kind));
            routes.Map("POST", $"/videos/{{videoId}}/{kind}/{{language}}", context => UploadTrackAsync(context, kind));
            routes.Map("DELETE", $"/videos/{{videoId}}/{kind}/{{language}}", context => DeleteTrackAsync(context, kind));
            routes.Map("GET", $"/vod/{{videoId}}/{kind}/{{file}}", context => ServeTrackAsync(context, kind));
        }

        routes.Map("PATCH", "/videos/{videoId}/captions/{language}", UpdateCaptionAsync);
    }

    private Task<IResult> ListTracksAsync(HttpContext context, string kind)
    {
        if (Authenticate(context, out var account) is { } authError) return Task.FromResult(authError.ToResult());
        if (ReadPaging(context.Request.Query, out var page, out var pageSize) is { } pagingError) return Task.FromResult(pagingError.ToResult());
        var videoId = RouteValue(context, "videoId");
        if (state.Tracks(account, videoId, kind) is not { } tracks) return Task.FromResult(ApiVideoErrors.NotFound("videoId").ToResult());
        var items = tracks.Skip((page - 1) * pageSize).Take(pageSize).Select(t => TrackJson(context, videoId, kind, t)).ToList();
        var pagination = Paginate(context.Request, $"/videos/{videoId}/{kind}", page, pageSize, tracks.Count, items.Count);
        return Task.FromResult(SandboxJson.Json(new { data = items, pagination }));
    }

    private Task<IResult> GetTrackAsync(HttpContext context, string kind)
    {
        if (Authenticate(context, out var account) is { } authError) return Task.FromResult(authError.ToResult());
        var (videoId, language) = (RouteValue(context, "videoId"), RouteValue(context, "language"));
        if (LanguageProblem(language) is { } problem) return Task.FromResult(problem.ToResult());
        if (!state.VideoExists(account, videoId)) return Task.FromResult(ApiVideoErrors.NotFound("videoId").ToResult());
        return Task.FromResult(state.Track(account, videoId, kind, language) is { } track
            ? SandboxJson.Json(TrackJson(context, videoId, kind, track))
            : ApiVideoErrors.NotFound("language").ToResult());
    }

    private async Task<IResult> UploadTrackAsync(HttpContext context, string kind)
    {
        if (Authenticate(context, out var account) is { } authError) return await RejectUnreadAsync(context, authError);
        var (videoId, language) = (RouteValue(context, "videoId"), RouteValue(context, "language"));
        if (LanguageProblem(language) is { } languageProblem) return await RejectUnreadAsync(context, languageProblem);
        if (!state.VideoExists(account, videoId)) return await RejectUnreadAsync(context, ApiVideoErrors.NotFound("videoId"));

        using var upload = await MultipartUpload.ReadAsync(context.Request, storage, "file", MaxTrackBytes);
        if (FileProblem(context, upload, MaxTrackBytes, out var file) is { } problem) return problem;
        var content = await File.ReadAllBytesAsync(file.File.Path!, context.RequestAborted);
        if (!TextTracks.IsWebVtt(content))
        {
            // Sandbox choice: the spec lists no 400 for a file that is not WebVTT; this one has the shape of its others.
            return (ApiVideoErrors.InvalidAttribute("file", "An attribute is invalid.") with
            {
                Detail = "The file must be a WebVTT (.vtt) file: its first line must be \"WEBVTT\".",
            }).ToResult();
        }

        var track = state.PutTrack(account, videoId, kind, language, content);
        return track is null ? ApiVideoErrors.NotFound("videoId").ToResult() : SandboxJson.Json(TrackJson(context, videoId, kind, track));
    }

    private Task<IResult> DeleteTrackAsync(HttpContext context, string kind)
    {
        if (Authenticate(context, out var account) is { } authError) return Task.FromResult(authError.ToResult());
        var (videoId, language) = (RouteValue(context, "videoId"), RouteValue(context, "language"));
        if (LanguageProblem(language) is { } problem) return Task.FromResult(problem.ToResult());
        if (!state.VideoExists(account, videoId)) return Task.FromResult(ApiVideoErrors.NotFound("videoId").ToResult());
        return Task.FromResult(state.DeleteTrack(account, videoId, kind, language) ? Results.NoContent() : ApiVideoErrors.NotFound("language").ToResult());
    }

    private async Task<IResult> UpdateCaptionAsync(HttpContext context)
    {
        if (Authenticate(context, out var account) is { } authError) return await RejectUnreadAsync(context, authError);
        var (videoId, language) = (RouteValue(context, "videoId"), RouteValue(context, "language"));
        if (LanguageProblem(language) is { } languageProblem) return await RejectUnreadAsync(context, languageProblem);
        var (body, error) = await ReadJsonObjectAsync(context);
        if (error is not null) return error.ToResult();
        if (!body.TryGetProperty("default", out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return ApiVideoErrors.InvalidAttribute("default", "This attribute must be a boolean.").ToResult();
        if (!state.VideoExists(account, videoId)) return ApiVideoErrors.NotFound("videoId").ToResult();
        return state.SetDefaultCaption(account, videoId, language, flag.GetBoolean()) is { } track
            ? SandboxJson.Json(TrackJson(context, videoId, "captions", track))
            : ApiVideoErrors.NotFound("language").ToResult();
    }

    /// <summary>The src link of a track: public, like the video's other assets.</summary>
    private Task<IResult> ServeTrackAsync(HttpContext context, string kind)
    {
        var file = RouteValue(context, "file");
        var language = file.EndsWith(".vtt", StringComparison.OrdinalIgnoreCase) ? file[..^4] : "";
        return Task.FromResult(state.PublicTrack(RouteValue(context, "videoId"), kind, language) is { } track
            ? Results.Bytes(track.Content, "text/vtt")
            : ApiVideoErrors.UnrecognizedUrl().ToResult());
    }

    /// <summary>The spec's two 400s for the language path parameter.</summary>
    private static ApiVideoError? LanguageProblem(string language) =>
        !TextTracks.IsWellFormedLanguage(language)
            ? ApiVideoErrors.InvalidAttribute("language", "An attribute is invalid.") with { Detail = "The \"language\" attribute must contain only letters and dashes (for example \"fr\", \"fr-BE\")." }
            : !TextTracks.IsKnownLanguage(language)
                ? ApiVideoErrors.InvalidAttribute("language", "An attribute is invalid.") with { Detail = "The \"language\" attribute is not valid." }
                : null;

    /// <summary>The caption object (uri, src, srclang, languageName, default) or the chapter object (uri, src, language).</summary>
    private static object TrackJson(HttpContext context, string videoId, string kind, TextTrackRecord track)
    {
        var uri = $"/videos/{videoId}/{kind}/{track.Language}";
        var src = $"{AssetRoot(context)}apivideo/vod/{videoId}/{kind}/{track.Language}.vtt";
        if (kind == "chapters") return new { uri, src, language = track.Language };
        return new { uri, src, srclang = track.Language, languageName = NativeName(track.Language), @default = track.Default };
    }

    private static string NativeName(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language).NativeName;
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }
}

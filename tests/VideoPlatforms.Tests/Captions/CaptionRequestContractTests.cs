using System.Text.Json;
using System.Text.RegularExpressions;
using VideoPlatforms.Tests.Harness;
using VideoPlatforms.Tests.Transfer;

namespace VideoPlatforms.Tests.Captions;

/// <summary>
/// Every caption request the module sends is an operation of the platform's OpenAPI document, with the parameters and
/// request media type that operation declares. The operations are transcribed from the documents the contracts cite
/// (api.video's spec, docs/platforms/apivideo.md#captions-and-chapters; Vimeo's api.yaml, docs/platforms/vimeo.md#text-tracks),
/// by operationId; the requests are the ones the Sandbox logged while the cmdlets ran.
/// </summary>
public sealed class CaptionRequestContractTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    /// <summary>An operation: method, path template, the query parameters it declares, and its request media type (null: no body).</summary>
    private sealed record Operation(string Id, string Method, string Template, string[] Query, string? MediaType)
    {
        public Regex Path { get; } = new("^" + Regex.Replace(Regex.Escape(Template).Replace(@"\{", "{"), "{([a-zA-Z_]+)}",
            m => m.Groups[1].Value == "language" ? "[A-Za-z]+(-[A-Za-z0-9]+)*" : "[^/]+") + "$");
    }

    private static readonly Operation[] ApiVideo =
    [
        new("POST_videos-videoId-captions-language", "POST", "/videos/{videoId}/captions/{language}", [], "multipart/form-data"),
        new("PATCH_videos-videoId-captions-language", "PATCH", "/videos/{videoId}/captions/{language}", [], "application/json"),
        new("GET_videos-videoId-captions-language", "GET", "/videos/{videoId}/captions/{language}", [], null),
        new("DELETE_videos-videoId-captions-language", "DELETE", "/videos/{videoId}/captions/{language}", [], null),
        new("GET_videos-videoId-captions", "GET", "/videos/{videoId}/captions", ["currentPage", "pageSize"], null),
        new("POST_videos-videoId-chapters-language", "POST", "/videos/{videoId}/chapters/{language}", [], "multipart/form-data"),
        new("GET_videos-videoId-chapters-language", "GET", "/videos/{videoId}/chapters/{language}", [], null),
        new("DELETE_videos-videoId-chapters-language", "DELETE", "/videos/{videoId}/chapters/{language}", [], null),
        new("GET_videos-videoId-chapters", "GET", "/videos/{videoId}/chapters", ["currentPage", "pageSize"], null),
    ];

    private static readonly Operation[] Vimeo =
    [
        new("get_text_tracks", "GET", "/videos/{video_id}/texttracks", [], null),
        new("create_text_track", "POST", "/videos/{video_id}/texttracks", [], "application/vnd.vimeo.video.texttrack+json"),
        new("get_text_track", "GET", "/videos/{video_id}/texttracks/{texttrack_id}", [], null),
        new("edit_text_track", "PATCH", "/videos/{video_id}/texttracks/{texttrack_id}", [], "application/vnd.vimeo.video.texttrack+json"),
        new("delete_text_track", "DELETE", "/videos/{video_id}/texttracks/{texttrack_id}", [], null),
    ];

    private string VttFile(string name)
    {
        var path = Path.Combine(Ps.Work, name);
        File.WriteAllText(path, "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello.\n");
        return path;
    }

    [Theory]
    [InlineData("ApiVideo")]
    [InlineData("Vimeo")]
    public async Task Every_caption_request_is_an_operation_of_the_OpenAPI_document(string provider)
    {
        Ps.Ok(Platforms.Connect(provider));
        var id = Assert.IsType<Video>(Ps.Ok("Send-Video -LiteralPath $args[0] -Title Lecture", Ps.NewFile("lecture.mp4", 20_000)).Single().BaseObject).Id;
        var extra = provider == "ApiVideo" ? "-Default" : "-Label English -Kind Subtitles";
        Ps.Ok($"Add-VideoCaption $args[0] $args[1] -Language en {extra}; Add-VideoCaption $args[0] $args[1] -Language pt-BR -Kind Chapters", id, VttFile("talk.vtt"));
        Ps.Ok("Get-VideoCaption $args[0] | Remove-VideoCaption -Confirm:$false", id);

        var operations = provider == "ApiVideo" ? ApiVideo : Vimeo;
        var logged = await Sandbox.RequestsAsync(provider.ToLowerInvariant());
        // Vimeo's file goes to the track's signed link, a host outside the API document: no credentials go there.
        foreach (var put in logged.Where(r => Str(r, "path").StartsWith("/_upload/texttracks/", StringComparison.Ordinal)))
        {
            Assert.Equal("PUT", Str(put, "method"));
            Assert.Null(Platforms.Header(put, "Authorization"));
            Assert.Equal("text/vtt", Platforms.Header(put, "Content-Type"));
        }
        var requests = logged
            .Where(r => !Str(r, "path").StartsWith("/_upload/", StringComparison.Ordinal))
            .Where(r => Str(r, "path").Contains("/captions", StringComparison.Ordinal) || Str(r, "path").Contains("/chapters", StringComparison.Ordinal)
                || Str(r, "path").Contains("/texttracks", StringComparison.Ordinal))
            .ToList();
        var used = new HashSet<string>();
        foreach (var request in requests)
        {
            var (method, path) = (Str(request, "method"), Str(request, "path"));
            var operation = operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path));
            Assert.True(operation is not null, $"{method} {path} is no operation of the {provider} document.");
            used.Add(operation!.Id);
            var query = Str(request, "queryString").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]);
            Assert.All(query, name => Assert.Contains(name, operation.Query));
            var mediaType = Platforms.Header(request, "Content-Type")?.Split(';')[0].Trim();
            Assert.Equal(operation.MediaType, mediaType);
            Assert.True(Str(request, "status") is "200" or "201" or "204", $"{method} {path} answered {Str(request, "status")}");
        }

        var expected = provider == "ApiVideo"
            ? new[] { "POST_videos-videoId-captions-language", "PATCH_videos-videoId-captions-language", "POST_videos-videoId-chapters-language", "GET_videos-videoId-captions", "GET_videos-videoId-chapters", "DELETE_videos-videoId-captions-language", "DELETE_videos-videoId-chapters-language" }
            : new[] { "create_text_track", "edit_text_track", "get_text_tracks", "delete_text_track" };
        Assert.Equal(expected.Order(), used.Order());
    }

    private static string Str(JsonElement request, string name) =>
        request.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString() ?? "" : "";
}

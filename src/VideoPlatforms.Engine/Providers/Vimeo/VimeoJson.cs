using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>Vimeo's JSON to and from the common objects (docs/platforms/vimeo.md#video-object-and-status and #5-errors).</summary>
internal static class VimeoJson
{
    /// <summary>
    /// The JSON filter every video read asks for: only what <see cref="Video"/> needs crosses the wire (Vimeo grants
    /// a higher rate limit for filtered calls, docs/platforms/vimeo.md#2-endpoints). upload.upload_link is deliberately not in it.
    /// </summary>
    public const string VideoFields = "uri,name,description,privacy.view,tags.name,duration,created_time,modified_time,link,"
        + "pictures.active,pictures.sizes.link,upload.status,transcode.status,status,is_playable,user.uri,user.name";

    public static string IdFromUri(string? uri) => uri?.TrimEnd('/').Split('/').LastOrDefault() ?? "";

    public static Video ToVideo(JObject video, VideoProviderConnection connection) =>
        new("Vimeo", IdFromUri(JsonText.String(video, "uri")), connection)
        {
            Title = JsonText.String(video, "name"),
            Description = JsonText.String(video, "description"),
            Privacy = ToPrivacy(JsonText.String(video, "privacy.view")),
            Tags = video["tags"] is JArray tags ? tags.Select(t => JsonText.String(t, "name")).OfType<string>().ToArray() : Array.Empty<string>(),
            Status = ToStatus(video),
            Duration = video["duration"] is JValue { Type: JTokenType.Integer or JTokenType.Float } d && d.Value<double>() > 0
                ? TimeSpan.FromSeconds(d.Value<double>()) : null,
            CreatedAt = JsonText.Date(video, "created_time"),
            Url = JsonText.Url(video, "link"),
            ThumbnailUrl = (video.SelectToken("pictures.sizes") as JArray)?.LastOrDefault() is { } size ? JsonText.Url(size, "link") : null,
            Raw = JsonText.ToDictionary(video),
        };

    /// <summary>
    /// privacy.view: anybody is Public, unlisted is Unlisted, and every restricted form (nobody, password, contacts,
    /// users, disable) is Private; the exact value stays in Raw.privacy.view.
    /// </summary>
    public static VideoPrivacy? ToPrivacy(string? view) => view switch
    {
        null => null,
        "anybody" => VideoPrivacy.Public,
        "unlisted" => VideoPrivacy.Unlisted,
        _ => VideoPrivacy.Private,
    };

    public static string? FromPrivacy(VideoPrivacy? privacy) => privacy switch
    {
        null => null,
        VideoPrivacy.Public => "anybody",
        VideoPrivacy.Unlisted => "unlisted",
        _ => "nobody",
    };

    /// <summary>
    /// upload.status and transcode.status (docs/platforms/vimeo.md#video-object-and-status): an error in either is Failed; bytes still arriving is
    /// Uploading; encoding is Processing; a complete transcode is Ready. The deprecated status is the fallback.
    /// </summary>
    public static VideoStatus? ToStatus(JObject video)
    {
        var upload = JsonText.String(video, "upload.status");
        var transcode = JsonText.String(video, "transcode.status");
        if (upload == "error" || transcode == "error") return VideoStatus.Failed;
        if (transcode == "complete") return VideoStatus.Ready;
        if (upload == "in_progress") return VideoStatus.Uploading;
        if (upload == "complete" || transcode == "in_progress") return VideoStatus.Processing;
        return JsonText.String(video, "status") switch
        {
            "available" => VideoStatus.Ready,
            "uploading" => VideoStatus.Uploading,
            "transcode_starting" or "transcoding" => VideoStatus.Processing,
            "uploading_error" or "transcoding_error" or "quota_exceeded" or "total_cap_exceeded" or "unavailable" => VideoStatus.Failed,
            _ => null,
        };
    }

    /// <summary>
    /// Vimeo's three error bodies: <c>{error, developer_message, error_code, link}</c>, the legacy <c>{error}</c>,
    /// and the OAuth <c>{error, error_description}</c> whose <c>error</c> is a code such as invalid_grant.
    /// </summary>
    public static VideoProviderException MapError(ProviderHttp http, RestResponse response, string what)
    {
        string? message = null, code = null;
        try
        {
            if (JsonText.Parse(response.Content) is JObject body)
            {
                var error = JsonText.String(body, "error");
                var developer = JsonText.String(body, "developer_message");
                var description = JsonText.String(body, "error_description");
                code = JsonText.String(body, "error_code");
                if (description is not null)
                {
                    code ??= error;
                    message = $"{description} ({error})";
                }
                else
                {
                    message = error;
                    if (!string.IsNullOrEmpty(developer) && developer != error) message += $" ({developer})";
                }
                var invalid = (body["invalid_parameters"] as JArray)?.OfType<JObject>()
                    .Select(p => $"{JsonText.String(p, "field")}: {JsonText.String(p, "developer_message")}").ToArray();
                if (invalid is { Length: > 0 }) message += " " + string.Join("; ", invalid);
            }
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // The tus host answers in plain text; the status line and the text still say enough.
            if (!string.IsNullOrWhiteSpace(response.Content) && response.Content.Length < 300) message = response.Content.Trim();
        }

        var failure = http.GenericFailure(response, what, message, code);
        var status = (int)response.StatusCode;
        return (status, code) switch
        {
            (401, "8002") => failure.Reword("AuthenticatedUserRequired",
                $"{failure.Message} This token belongs to an app, not a user (client credentials); connect with a personal access token or the authorization-code flow to work with your own videos.",
                ProviderErrorKind.Forbidden),
            (403, "4101" or "4102") => failure.Reword("QuotaExceeded",
                $"{failure.Message} The Vimeo account is out of storage or upload quota; free space or upgrade the plan, then upload again."),
            (403, _) when message?.Contains("scope", StringComparison.OrdinalIgnoreCase) == true => failure.Reword("ScopeMissing",
                $"{failure.Message} Connect with a token that has the scope (for the authorization-code flow: ask for it with -Scope)."),
            _ => failure,
        };
    }
}

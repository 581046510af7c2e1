using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>Ziggeo's JSON (docs/platforms/ziggeo.md#video-object-and-status: video, stream and auth token objects) to and from the common objects.</summary>
internal static partial class ZiggeoJson
{
    /// <summary>
    /// Ziggeo videos have no title, description or metadata fields. The module keeps them in the video's free
    /// <c>data</c> JSON object under these names, so they round-trip through Send-Video, Set-Video and Get-Video.
    /// </summary>
    public const string TitleField = "title";
    public const string DescriptionField = "description";
    public const string MetadataField = "metadata";

    public static Video ToVideo(JObject video, VideoProviderConnection connection)
    {
        var data = video["data"] as JObject;
        return new Video("Ziggeo", JsonText.String(video, "token") ?? "", connection)
        {
            Title = data is null ? null : JsonText.String(data, TitleField),
            Description = data is null ? null : JsonText.String(data, DescriptionField),
            // Ziggeo has no privacy concept: who may watch is decided by auth tokens, not by a video setting.
            Privacy = null,
            Tags = video["tags"] is JArray tags ? tags.Select(t => t.ToString()).ToArray() : Array.Empty<string>(),
            Metadata = ToMetadata(data?[MetadataField] as JObject),
            Status = ToStatus(JsonText.String(video, "state_string")),
            Duration = video["duration"] is JValue { Type: JTokenType.Integer or JTokenType.Float } d && d.Value<double>() > 0
                ? TimeSpan.FromSeconds(d.Value<double>()) : null,
            CreatedAt = UnixTime(video["created"]),
            Raw = JsonText.ToDictionary(video),
        };
    }

    /// <summary>
    /// state_string to the common status. READY and FAILED are documented (docs/platforms/ziggeo.md#video-object-and-status); the others are the
    /// states a video passes through before its file is in (EMPTY...) or while it is transcoded (PROCESSING...).
    /// An unknown state is left null rather than guessed.
    /// </summary>
    public static VideoStatus? ToStatus(string? state) => state?.ToUpperInvariant() switch
    {
        "READY" => VideoStatus.Ready,
        "FAILED" or "ERROR" => VideoStatus.Failed,
        "EMPTY" or "CAPTURED" or "RECORDING" or "UPLOADING" => VideoStatus.Uploading,
        "PROCESSING" or "UPLOADED" or "VERIFIED" or "SUBMITTED" or "CONVERTING" => VideoStatus.Processing,
        _ => null,
    };

    /// <summary>The index/count "states" filter for the common statuses.</summary>
    public static string ToStates(IReadOnlyList<VideoStatus>? statuses) => statuses is not { Count: > 0 }
        ? "all"
        : string.Join(",", statuses.Distinct().Select(s => s switch
        {
            VideoStatus.Uploading => "empty",
            VideoStatus.Processing => "processing",
            VideoStatus.Ready => "ready",
            _ => "failed",
        }));

    public static DateTimeOffset? UnixTime(JToken? token) =>
        token is JValue { Type: JTokenType.Integer or JTokenType.Float } v && v.Value<double>() > 0
            ? DateTimeOffset.FromUnixTimeSeconds((long)v.Value<double>()) : null;

    private static IReadOnlyDictionary<string, string> ToMetadata(JObject? metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in metadata?.Properties() ?? Enumerable.Empty<JProperty>())
            result[property.Name] = property.Value.Type == JTokenType.String ? property.Value.ToString() : property.Value.ToString(Formatting.None);
        return result;
    }

    /// <summary>The data object with the module's fields set; other fields another application put there are kept.</summary>
    public static string MergeData(JObject? current, string? title, string? description, IReadOnlyDictionary<string, string>? metadata)
    {
        var data = current?.DeepClone() as JObject ?? new JObject();
        if (title is not null) data[TitleField] = title;
        if (description is not null)
        {
            if (description.Length == 0) data.Remove(DescriptionField);
            else data[DescriptionField] = description;
        }
        // The module's markers (Upload/ContentMarkers) survive a new metadata set: they say what the video carries.
        if (metadata is not null) data[MetadataField] = JObject.FromObject(Upload.ContentMarkers.KeepMarkers(metadata, ToMetadata(current?[MetadataField] as JObject)));
        return data.ToString(Formatting.None);
    }

    public static UploadToken ToUploadToken(JObject token, VideoProviderConnection connection)
    {
        var created = UnixTime(token["created"]);
        var expires = UnixTime(token["expiration_date"]);
        return new UploadToken("Ziggeo", JsonText.String(token, "token") ?? "", connection)
        {
            CreatedAt = created,
            ExpiresAt = expires,
            TimeToLive = created is { } c && expires is { } e && e > c ? e - c : null,
            Raw = JsonText.ToDictionary(token),
        };
    }

    /// <summary>
    /// No Ziggeo error-body format is documented (docs/platforms/ziggeo.md#5-errors): a JSON object's msg/message/error is used if
    /// there is one, an S3 XML error's Code and Message for the upload URL, otherwise the status alone. The
    /// statuses the PHP SDK names (402, 404, 412) get messages a person can act on.
    /// </summary>
    public static VideoProviderException MapError(ProviderHttp http, RestResponse response, string what)
    {
        string? message = null, code = null;
        var content = response.Content ?? "";
        try
        {
            if (content.TrimStart().StartsWith('{') && JsonText.Parse(content) is JObject body)
            {
                message = JsonText.String(body, "msg") ?? JsonText.String(body, "message") ?? JsonText.String(body, "error");
                code = JsonText.String(body, "code");
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the status line still says enough.
        }
        var fromBucket = false;
        if (message is null && XmlCode().Match(content) is { Success: true } xml)
        {
            // S3's XML error: the signed upload URL's bucket answered, not the server API.
            fromBucket = true;
            code = xml.Groups[1].Value;
            message = XmlMessage().Match(content) is { Success: true } m ? $"{code}: {m.Groups[1].Value}" : code;
        }

        var status = (int)response.StatusCode;
        var said = string.IsNullOrWhiteSpace(message) ? "" : $": {http.Redactor.Redact(message)}";
        VideoProviderException Make(ProviderErrorKind kind, string id, string text) =>
            new(kind, id, text) { StatusCode = status, ProviderCode = code, Request = what };
        if (fromBucket) return http.GenericFailure(response, what, message, code);
        return status switch
        {
            401 => Make(ProviderErrorKind.Unauthorized, "AuthenticationFailed",
                $"Ziggeo refused {what} with 401 Unauthorized{said}. The application token and private key do not match an application on this server; check both (an application token starting with r1 belongs to the eu-west-1 region) and connect again with Connect-VideoProvider."),
            // Ziggeo documents no 403 of its own: from the server API it means these credentials may not do this.
            403 => Make(ProviderErrorKind.Unauthorized, "AuthenticationFailed",
                $"Ziggeo refused {what} with 403 Forbidden{said}. The application token and private key are not allowed to do this; check them, and the application's settings in the Ziggeo dashboard, then connect again with Connect-VideoProvider."),
            402 => Make(ProviderErrorKind.Forbidden, "PaymentRequired",
                $"Ziggeo refused {what} with 402 Payment Required{said}. The application's Ziggeo plan does not allow this; check its billing and limits in the Ziggeo dashboard."),
            412 => Make(ProviderErrorKind.Conflict, "PreconditionFailed",
                $"Ziggeo refused {what} with 412 Precondition Failed{said}. The video or stream is not in a state that allows this (for example its file has not arrived yet)."),
            _ => http.GenericFailure(response, what, message, code),
        };
    }

    [GeneratedRegex("<Code>([^<]*)</Code>")]
    private static partial Regex XmlCode();

    [GeneratedRegex("<Message>([^<]*)</Message>")]
    private static partial Regex XmlMessage();
}

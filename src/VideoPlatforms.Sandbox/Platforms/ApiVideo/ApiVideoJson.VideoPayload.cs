using System.Text.Json;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>
/// The fields of POST /videos and PATCH /videos/{id}. Absent fields stay untouched on PATCH; tags and metadata,
/// when present, replace the whole list. Fields the sandbox does not emulate (clip, watermark, source URL,
/// transcripts) are accepted and ignored.
/// </summary>
internal sealed class VideoPayload
{
    public string? Title { get; private set; }
    public string? Description { get; private set; }
    public bool? Public { get; private set; }
    public bool? Panoramic { get; private set; }
    public bool? Mp4Support { get; private set; }
    public bool PlayerIdSet { get; private set; }
    public string? PlayerId { get; private set; }
    public List<string>? Tags { get; private set; }
    public List<MetadataEntry>? Metadata { get; private set; }
    public bool LanguageSet { get; private set; }
    public string? Language { get; private set; }

    public static VideoPayload Parse(JsonElement root, bool creating, out ApiVideoError? error)
    {
        var payload = new VideoPayload();
        var problems = new List<ApiVideoError>();

        if (root.TryGetProperty("title", out var title) && title.ValueKind != JsonValueKind.Null)
        {
            if (title.ValueKind != JsonValueKind.String)
            {
                problems.Add(ApiVideoErrors.InvalidAttribute("title", "This attribute must be a string."));
            }
            else if (string.IsNullOrWhiteSpace(title.GetString()))
            {
                problems.Add(creating
                    ? ApiVideoErrors.AttributeRequired("title")
                    : ApiVideoErrors.InvalidAttribute("title", "This attribute must not be blank."));
            }
            else
            {
                payload.Title = title.GetString();
            }
        }
        else if (creating)
        {
            problems.Add(ApiVideoErrors.AttributeRequired("title"));
        }

        if (root.TryGetProperty("description", out var description))
        {
            if (description.ValueKind == JsonValueKind.Null)
            {
                payload.Description = string.Empty;
            }
            else if (description.ValueKind == JsonValueKind.String)
            {
                payload.Description = description.GetString();
            }
            else
            {
                problems.Add(ApiVideoErrors.InvalidAttribute("description", "This attribute must be a string."));
            }
        }

        payload.Public = ReadBool(root, "public", problems);
        payload.Panoramic = ReadBool(root, "panoramic", problems);
        payload.Mp4Support = ReadBool(root, "mp4Support", problems);

        if (root.TryGetProperty("playerId", out var playerId))
        {
            if (playerId.ValueKind is JsonValueKind.String or JsonValueKind.Null)
            {
                payload.PlayerIdSet = true;
                payload.PlayerId = playerId.ValueKind == JsonValueKind.String && playerId.GetString() is { Length: > 0 } id ? id : null;
            }
            else
            {
                problems.Add(ApiVideoErrors.InvalidAttribute("playerId", "This attribute must be a string."));
            }
        }

        if (root.TryGetProperty("tags", out var tags))
        {
            if (tags.ValueKind == JsonValueKind.Array && tags.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String))
            {
                payload.Tags = [.. tags.EnumerateArray().Select(t => t.GetString()!)];
            }
            else if (tags.ValueKind == JsonValueKind.Null)
            {
                payload.Tags = [];
            }
            else
            {
                problems.Add(ApiVideoErrors.InvalidAttribute("tags", "This attribute must be an array of strings."));
            }
        }

        if (root.TryGetProperty("metadata", out var metadata))
        {
            if (metadata.ValueKind == JsonValueKind.Null)
            {
                payload.Metadata = [];
            }
            else if (metadata.ValueKind == JsonValueKind.Array && metadata.EnumerateArray().All(IsMetadataEntry))
            {
                payload.Metadata = [.. metadata.EnumerateArray().Select(m => new MetadataEntry(m.GetProperty("key").GetString()!, m.GetProperty("value").GetString()!))];
            }
            else
            {
                problems.Add(ApiVideoErrors.InvalidAttribute("metadata", "This attribute must be an array of {\"key\",\"value\"} string pairs."));
            }
        }

        if (root.TryGetProperty("language", out var language))
        {
            if (language.ValueKind == JsonValueKind.Null)
            {
                payload.LanguageSet = true;
            }
            else if (language.ValueKind == JsonValueKind.String && language.GetString() is { Length: >= 2 and <= 10 } code)
            {
                payload.LanguageSet = true;
                payload.Language = code;
            }
            else
            {
                problems.Add(ApiVideoErrors.InvalidAttribute("language", "This attribute must be an IETF language tag, e.g. \"en\"."));
            }
        }

        error = problems.Count == 0 ? null : ApiVideoErrors.WithProblems(problems);
        return payload;
    }

    public void ApplyTo(VideoRecord video)
    {
        if (Title is not null)
        {
            video.Title = Title;
        }

        if (Description is not null)
        {
            video.Description = Description;
        }

        video.Public = Public ?? video.Public;
        video.Panoramic = Panoramic ?? video.Panoramic;
        video.Mp4Support = Mp4Support ?? video.Mp4Support;
        if (PlayerIdSet)
        {
            video.PlayerId = PlayerId;
        }

        if (Tags is not null)
        {
            video.Tags = Tags;
        }

        if (Metadata is not null)
        {
            video.Metadata = Metadata;
        }

        if (LanguageSet)
        {
            video.Language = Language;
            video.LanguageOrigin = Language is null ? null : "api";
        }
    }

    private static bool? ReadBool(JsonElement root, string name, List<ApiVideoError> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        problems.Add(ApiVideoErrors.InvalidAttribute(name, "This attribute must be a boolean."));
        return null;
    }

    private static bool IsMetadataEntry(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object
        && entry.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
        && entry.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String;
}

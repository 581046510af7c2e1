using System.Text.Json;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// Ziggeo's wire shapes (docs/platforms/ziggeo.md#video-object-and-status): the video, stream and auth-token objects as
/// the server API writes them.
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    private static readonly Dictionary<string, int> StateNumbers = new() { ["EMPTY"] = 0, ["UPLOADED"] = 3, ["PROCESSING"] = 4, ["READY"] = 5, ["FAILED"] = 6 };

    internal Dictionary<string, object?> VideoJson(ZiggeoVideo video)
    {
        lock (state.Sync)
        {
            var stateString = state.StateOf(video);
            var streams = video.Streams.Select(StreamJson).ToList();
            object? data = null;
            if (video.Data is { } text)
            {
                data = JsonSerializer.Deserialize<JsonElement>(text);
            }

            return new Dictionary<string, object?>
            {
                ["volatile"] = video.Volatile,
                ["token"] = video.Token,
                ["key"] = video.Key,
                ["state"] = StateNumbers[stateString],
                ["state_string"] = stateString,
                ["min_duration"] = video.MinDuration,
                ["max_duration"] = video.MaxDuration,
                ["duration"] = stateString is "READY" or "PROCESSING" ? video.Duration : null,
                ["tags"] = video.Tags,
                ["data"] = data,
                ["expire_on"] = video.ExpireOn,
                ["submission_date"] = video.SubmissionDate,
                ["resubmission_date"] = null,
                ["stream_submission_date"] = video.SubmissionDate,
                ["delete_old_streams"] = false,
                ["type"] = "ApiVideo",
                ["created"] = video.Created,
                ["owned"] = true,
                ["streams"] = streams,
                ["original_stream"] = video.OriginalStream is { } o ? StreamJson(video.Streams.First(s => s.Token == o)) : null,
                ["default_stream"] = video.DefaultStream is { } d ? StreamJson(video.Streams.First(s => s.Token == d)) : null,
            };
        }
    }

    internal static Dictionary<string, object?> StreamJson(ZiggeoStream stream) => new()
    {
        ["volatile"] = false,
        ["token"] = stream.Token,
        ["key"] = null,
        ["creation_type"] = stream.CreationType == "TRANSCODED" ? 2 : 1,
        ["creation_type_string"] = stream.CreationType,
        ["state"] = StateNumbers.GetValueOrDefault(stream.State),
        ["state_string"] = stream.State,
        ["streamable"] = stream.Streamable switch { "YES" => 2, "DEGRADED" => 1, _ => 0 },
        ["streamable_string"] = stream.Streamable,
        ["video_type"] = stream.VideoType,
        ["video_size"] = stream.VideoSize,
        ["duration"] = stream.Duration,
        ["has_video"] = stream.FilePath is not null || stream.CreationType == "TRANSCODED",
        ["has_image"] = stream.Image is not null,
        ["image_size"] = stream.Image?.LongLength,
        // Sandbox choice: no source shows how a stream lists its subtitles; the Sandbox shows what it was given, so a
        // test can see it. The module does not read this field.
        ["subtitles"] = stream.Subtitles.Select(t => new Dictionary<string, object?> { ["lang"] = t.Lang, ["label"] = t.Label }).ToList(),
        ["submission_date"] = stream.SubmissionDate,
        ["type"] = "ApiVideoStream",
        ["created"] = stream.Created,
        ["owned"] = true,
    };

    internal static Dictionary<string, object?> AuthTokenJson(ZiggeoAuthToken token) => new()
    {
        ["volatile"] = token.Volatile,
        ["token"] = token.Token,
        ["hidden"] = token.Hidden,
        ["expiration_date"] = token.ExpirationDate,
        ["usage_expiration_time"] = token.UsageExpirationTime,
        ["session_limit"] = token.SessionLimit,
        ["grants"] = JsonSerializer.Deserialize<JsonElement>(token.Grants),
        ["created"] = token.Created,
    };
}

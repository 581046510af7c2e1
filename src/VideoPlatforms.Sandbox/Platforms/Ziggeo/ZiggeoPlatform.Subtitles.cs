using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// A subtitle attached to a stream (docs/platforms/ziggeo.md#subtitles-and-stream-images): POST
/// /v1/videos/{video}/streams/{stream}/subtitle with the form fields lang, label and data (the subtitle text).
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    private async Task<IResult> AttachSubtitleAsync(HttpContext context, ZiggeoApplication app)
    {
        var p = Params(context, await FormAsync(context));
        return WithVideo(context, app, video =>
        {
            var streamToken = context.Request.RouteValues["stream"] as string ?? "";
            var stream = video.Streams.FirstOrDefault(s => s.Token == streamToken);
            if (stream is null) return Error(404, $"Not Found: the video has no stream '{streamToken}'.");
            // Sandbox choice: no source documents Ziggeo's checks; the Sandbox wants what the SDKs send, well formed.
            if (!p.TryGetValue("lang", out var lang) || !TextTracks.IsKnownLanguage(lang))
                return Error(400, "Bad Request: lang must be a language code such as en or pt-BR.");
            if (!p.TryGetValue("data", out var data) || !TextTracks.IsWebVtt(data))
                return Error(400, "Bad Request: data must be the subtitle file's WebVTT text.");
            var label = p.GetValueOrDefault("label") ?? lang;
            lock (state.Sync)
            {
                stream.Subtitles.RemoveAll(t => string.Equals(t.Lang, lang, StringComparison.OrdinalIgnoreCase) && t.Label == label);
                stream.Subtitles.Add(new ZiggeoSubtitle(lang, label, data));
            }

            return SandboxJson.Json(StreamJson(stream));
        });
    }
}

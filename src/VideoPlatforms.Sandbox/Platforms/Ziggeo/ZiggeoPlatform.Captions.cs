using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// A subtitle attached to a stream (docs/platforms/ziggeo.md#subtitles-and-stream-images): POST
/// /v1/videos/{video}/streams/{stream}/subtitle with the form fields lang, label and data (the subtitle text).
/// </summary>
internal sealed partial class ZiggeoPlatform
{
    /// <summary>An image attached to a stream, multipart field "file". Sandbox choice: any non-empty file up to 10 MiB (no source states Ziggeo's rules).</summary>
    private async Task<IResult> AttachImageAsync(HttpContext context, ZiggeoApplication app)
    {
        var form = await FormAsync(context);
        var file = form?.Files.GetFile("file");
        byte[]? image = null;
        if (file is { Length: > 0 and <= 10 * 1024 * 1024 })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.RequestAborted);
            image = buffer.ToArray();
        }

        return WithVideo(context, app, video =>
        {
            var streamToken = context.Request.RouteValues["stream"] as string ?? "";
            var stream = video.Streams.FirstOrDefault(s => s.Token == streamToken);
            if (stream is null) return Error(404, $"Not Found: the video has no stream '{streamToken}'.");
            if (image is null) return Error(400, "Bad Request: send the image as the multipart field 'file' (at most 10 MiB).");
            lock (state.Sync) stream.Image = image;
            return SandboxJson.Json(StreamJson(stream));
        });
    }

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

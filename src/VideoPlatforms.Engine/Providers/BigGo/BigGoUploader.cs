using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>
/// Sends the file to BigGo (docs/platforms/biggo.md#3-upload-protocol): one streamed multipart POST that creates the
/// video, with the upload's own retry rule, since that POST is not idempotent. The provider builds the request and
/// sets the video's parameters afterwards (BigGoProvider.Upload.cs).
/// </summary>
internal sealed class BigGoUploader
{
    private readonly VideoProviderBase _provider;

    public BigGoUploader(ProviderHttp http, VideoProviderBase provider)
    {
        Http = http;
        _provider = provider;
    }

    private ProviderHttp Http { get; }

    /// <summary>Finds a video an attempt whose answer was lost created (by title, since it started).</summary>
    private CreateGuard Creates => _provider.Creates;

    /// <summary>
    /// Sends the one upload request. It is not idempotent: the pipeline retries it only on 429, where nothing was
    /// created (a JWT_EXPIRED answer is renewed and repeated there too, a refused token creating nothing either).
    /// After a failure that leaves the outcome unknown (5xx, lost or garbled answer, timeout) it is sent again here,
    /// which cannot duplicate the video because BigGo refuses the same bytes twice (error 1002, docs/platforms/biggo.md#3-upload-protocol): a
    /// 1002 after such a failure means an earlier attempt landed, and that video is adopted (found by its title, the
    /// file name, which BigGo gives an upload; only an unambiguous match is taken). Returns the answer, or the
    /// adopted video's id.
    /// </summary>
    public async Task<(JObject? Created, string? Adopted)> SendUploadAsync(Func<Action, RestRequest> upload, string path, CancellationToken cancellationToken)
    {
        DateTimeOffset? uncertainSince = null;
        try
        {
            return (await Http.Resilience.RunAsync(RetryKind.Create, async (_, ct) =>
                {
                    var started = DateTimeOffset.UtcNow;
                    try
                    {
                        // Streamed, so it times out only when the transfer stalls (SendStreamingAsync).
                        // An answer that does not parse is as uncertain as a lost one (Checked throws MalformedResponse).
                        return Checked(await Http.SendStreamingAsync(upload, RequestKind.NonIdempotent, ct).ConfigureAwait(false));
                    }
                    catch (VideoProviderException ex) when (CreateGuard.IsUncertain(ex))
                    {
                        uncertainSince ??= started;
                        throw;
                    }
                },
                ex => ex is VideoProviderException failed && CreateGuard.IsUncertain(failed),
                retry => $"Uploading '{path}' to BigGo failed ({(retry.Error as VideoProviderException)?.ErrorId}) and may have landed; sending it again, which BigGo answers with 1002 if it did, {retry.When}.",
                cancellationToken).ConfigureAwait(false), null);
        }
        catch (VideoProviderException ex) when (ex.ErrorId == "VideoAlreadyExists" && uncertainSince is { } since)
        {
            List<Video> landed;
            try
            {
                landed = await Creates.FindStraysAsync(Path.GetFileNameWithoutExtension(path), since, cancellationToken).ConfigureAwait(false);
            }
            catch (VideoProviderException)
            {
                landed = [];
            }
            if (landed.Count == 1)
            {
                OperationLog.Verbose($"BigGo had received '{path}' on an attempt whose answer was lost (it refused the resend with 1002); going on with that video, {landed[0].Id}.");
                return (null, landed[0].Id);
            }
            throw new UploadFailedException(ex, path,
                $"BigGo received '{path}' on an attempt whose answer was lost (it refused the resend as a duplicate, error 1002), but the new video could not be told apart from others of the same name. Find it with Get-Video; do not send the file again.",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex.ErrorId == "VideoAlreadyExists")
        {
            throw new UploadFailedException(ex, path,
                $"BigGo already has a video with the content of '{path}' (error 1002): it refuses the same file twice, so nothing was uploaded. Find the existing video with Get-Video, or remove it first to upload again.",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex.IsTransient || CreateGuard.IsUncertain(ex))
        {
            throw new UploadFailedException(ex, path,
                $"Uploading '{path}' to BigGo failed: {ex.Message} It may have landed: check with Get-Video before sending it again (BigGo refuses a second copy of the same file with VideoAlreadyExists, so sending again cannot duplicate it).",
                null, 0, videoRemoved: false);
        }
        catch (VideoProviderException ex) when (ex is not UploadFailedException)
        {
            throw new UploadFailedException(ex, path, $"Uploading '{path}' to BigGo failed: {ex.Message}", null, 0, videoRemoved: false);
        }
    }

    /// <summary>A successful response's JSON, or BigGo's error when its body says result: false.</summary>
    private JObject Checked(RestResponse response)
    {
        var json = Http.ParseObject(response);
        if (json.Value<bool?>("result") == false)
            throw BigGoJson.FromBody(Http, response.Content, Http.Describe(response.Request), (int)response.StatusCode)
                  ?? new VideoProviderException(ProviderErrorKind.ProtocolError, "UnexpectedResponse", $"BigGo answered {Http.Describe(response.Request)} with result: false.");
        return json;
    }
}

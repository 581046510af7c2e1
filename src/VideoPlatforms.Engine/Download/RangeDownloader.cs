using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Download;

/// <summary>
/// Streams one rendition to a file: a GET read as it arrives through a pooled buffer into <c>&lt;file&gt;.partial</c>,
/// SHA-256 computed on the way, progress reported, and, after a drop, resumed with <c>Range: bytes=N-</c> guarded by
/// <c>If-Range</c> (the strong ETag) so a file that changed meanwhile is started over instead of spliced (RFC 9110
/// 13.1.5, 14.2). The partial file survives a failed run with a small sidecar holding its validator, so the next run
/// resumes it too. Only when every byte is in is the partial renamed to the target.
/// </summary>
/// <remarks>
/// This uses HttpClient rather than the connection's RestClient: a download needs the status, the validators and a
/// body read as a stream, where RestSharp either buffers the body or hides the response. Download links are
/// mostly signed links that are credentials on their own: the whole link is registered with the redactor, and only
/// its host and path are ever shown.
/// </remarks>
internal sealed class RangeDownloader
{
    private const int BufferSize = 128 * 1024;

    // One client for every download in the process, as HttpClient is meant to be used; connections are recycled so
    // a DNS change is picked up. Redirects are followed (CDNs use them) and drop the Authorization header on the way.
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = true,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly string _displayName;
    private readonly RetryOptions _retry;
    private readonly Resilience _resilience;
    private readonly SecretRedactor _redactor;
    private readonly Func<HttpRequestMessage, CancellationToken, Task>? _authenticate;

    public RangeDownloader(string displayName, RetryOptions retry, SecretRedactor redactor, Func<HttpRequestMessage, CancellationToken, Task>? authenticate)
    {
        _displayName = displayName;
        _retry = retry;
        _resilience = new Resilience(retry, displayName);
        _redactor = redactor;
        _authenticate = authenticate;
    }

    /// <summary>The file a download in progress is written to, next to its target.</summary>
    public static string PartialPath(string target) => target + ".partial";

    private static string SidecarPath(string target) => target + ".partial.json";

    public async Task<DownloadedFile> DownloadAsync(VideoRendition rendition, string target, bool overwrite, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(target) && !overwrite)
            throw new VideoProviderException(ProviderErrorKind.Conflict, "FileExists",
                $"The file '{target}' already exists. Give -Force to overwrite it, or another -Path.");
        _redactor.Add(rendition.Location.ToString());
        _redactor.Add(rendition.Location.Query.TrimStart('?'));
        var what = Describe(rendition.Location);
        var partial = PartialPath(target);
        var sidecar = SidecarPath(target);
        var source = $"{rendition.Provider}/{rendition.VideoId}/{rendition.Quality}";

        var (offset, etag, total) = ReadSidecar(partial, sidecar, source);
        var resumedFrom = offset;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (offset > 0)
        {
            OperationLog.Verbose($"Resuming the download of {rendition.Provider} video {rendition.VideoId} into '{partial}' at {ChunkPlan.Format(offset)}.");
            await HashExistingAsync(partial, offset, sha, cancellationToken).ConfigureAwait(false);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var streak = new FailureStreak();
        TransferMeter? meter = null;
        try
        {
            // No sharing: two saves of same-titled videos into one folder must not write into one partial file.
            await using (var file = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                file.SetLength(offset);
                file.Position = offset;
                void StartOver(string why)
                {
                    OperationLog.Verbose($"{what}: {why}; starting the file over.");
                    file.SetLength(0);
                    file.Position = 0;
                    offset = 0;
                    sha.GetHashAndReset();
                }

                // One request and its body per attempt. A failure the next attempt may get past is a TransientFault,
                // retried by the pipeline; bytes that arrived before it give the download its budget back. An answer
                // for a different file is no failure: the loop starts the file over at once (StartOver).
                async Task<bool> AttemptAsync(CancellationToken ct)
                {
                    ct.ThrowIfCancellationRequested();
                    using var request = new HttpRequestMessage(HttpMethod.Get, rendition.Location);
                    if (offset > 0)
                    {
                        request.Headers.Range = new RangeHeaderValue(offset, null);
                        if (etag is not null) request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue(etag));
                    }
                    HttpResponseMessage response;
                    try
                    {
                        response = await SendAsync(request, rendition, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsNetworkFault(ex, ct))
                    {
                        throw new TransientFault($"no response ({_redactor.Redact(ex.Message)})", null, ex);
                    }

                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        if (status == 416 && offset > 0)
                        {
                            // The range starts at or past the end: either the partial file is already whole, or the
                            // file got shorter. The server says its length in Content-Range: bytes */length.
                            if (response.Content.Headers.ContentRange?.Length == offset)
                            {
                                total = offset;
                                return true;
                            }
                            StartOver("the server has a different file now (416 for the remaining range)");
                            return false;
                        }
                        if (status is 408 or 429 or >= 500)
                            throw new TransientFault($"{status} {response.ReasonPhrase}", RetryTiming.ServerRequestedDelay(response.Headers.RetryAfter));
                        if (!response.IsSuccessStatusCode) throw Refused(rendition, status, response.ReasonPhrase, what);

                        if (status == 206)
                        {
                            var range = response.Content.Headers.ContentRange;
                            if (range?.From != offset)
                            {
                                StartOver($"the server answered a different range ({range})");
                                return false;
                            }
                            total = range.Length;
                        }
                        else
                        {
                            // 200: the whole file. After a ranged request that means the validator no longer
                            // matched (the file changed) or the server ignores ranges: what is on disk is no use.
                            if (offset > 0) StartOver("the server sent the whole file instead of the rest");
                            total = response.Content.Headers.ContentLength;
                        }

                        etag = response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null;
                        WriteSidecar(sidecar, source, etag, total);
                        meter ??= new TransferMeter(target, total ?? rendition.Size ?? 0, progress);
                        meter.SetConfirmed(offset);

                        var before = offset;
                        var dropped = await CopyBodyAsync(response, file, buffer, sha, meter, offset, ct).ConfigureAwait(false);
                        offset = dropped.Offset;
                        if (offset > before) streak.Progress();
                        if (dropped.Error is { } error)
                        {
                            await file.FlushAsync(ct).ConfigureAwait(false);
                            throw new TransientFault($"the connection dropped after {ChunkPlan.Format(offset)} ({_redactor.Redact(error.Message)})", null, error);
                        }
                        if (total is { } expected && offset < expected)
                            throw new TransientFault($"the body ended at {offset} of {expected} bytes");
                        return true;
                    }
                }

                try
                {
                    // Not a retry loop: false means the server has a different file, and it is asked for from byte 0.
                    while (!await _resilience.RunAsync(RetryKind.Download, (_, ct) => AttemptAsync(ct), ex => ex is TransientFault,
                               retry => $"{what}: {retry.Why}. Resuming from byte {offset} {retry.When}.", cancellationToken, streak).ConfigureAwait(false))
                    {
                    }
                }
                catch (TransientFault fault)
                {
                    throw new VideoProviderException(ProviderErrorKind.Network, "DownloadInterrupted",
                        $"The download of {what} from {_displayName} failed: {fault.Message}, and {_retry.MaximumRetryCount} retries did not get past it. {ChunkPlan.Format(offset)} are kept in '{partial}'; run the same command again to resume from there.");
                }
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (total is { } length && offset != length)
                throw new VideoProviderException(ProviderErrorKind.ProtocolError, "DownloadLengthMismatch",
                    $"{_displayName} sent {offset} bytes for {what} where it announced {length}. The partial file '{partial}' was kept; run the command again.");
            // Checked again at the end: a file that appeared while this one downloaded is not overwritten without -Force.
            try
            {
                File.Move(partial, target, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                throw new VideoProviderException(ProviderErrorKind.Conflict, "FileExists",
                    $"The file '{target}' appeared while the download ran, so it was not overwritten. The download is kept in '{partial}'; give -Force to overwrite, or another -Path.");
            }
            TryDelete(sidecar);
            meter?.SetConfirmed(offset);
            return new DownloadedFile(target, offset, Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant(), resumedFrom);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Copies the body to the file until it ends or the connection fails. Only reading is guarded: a network fault
    /// is returned (to resume), while a write fault (disk full, file locked) propagates, since retrying cannot help.
    /// </summary>
    private async Task<(long Offset, Exception? Error)> CopyBodyAsync(HttpResponseMessage response, FileStream file, byte[] buffer,
        IncrementalHash sha, TransferMeter meter, long offset, CancellationToken cancellationToken)
    {
        Stream body;
        try
        {
            body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNetworkFault(ex, cancellationToken))
        {
            return (offset, ex);
        }

        await using (body.ConfigureAwait(false))
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (true)
            {
                int read;
                try
                {
                    // A stalled connection is as good as a dropped one: each read must bring something within the
                    // request timeout.
                    idle.CancelAfter(_retry.RequestTimeout);
                    read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsNetworkFault(ex, cancellationToken))
                {
                    return (offset, ex);
                }
                if (read == 0) return (offset, null);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sha.AppendData(buffer, 0, read);
                offset += read;
                meter.SetConfirmed(offset);
            }
        }
    }

    internal static bool IsNetworkFault(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    private VideoProviderException Refused(VideoRendition rendition, int status, string? reason, string what) => status switch
    {
        404 => new VideoProviderException(ProviderErrorKind.NotFound, "RenditionNotFound",
            $"{_displayName} has no file at {what} (404) for the {rendition.Quality} rendition of video {rendition.VideoId}. The video may have been deleted or its rendition removed; check with Get-Video -Id {rendition.VideoId}.")
        { StatusCode = status, Request = $"GET {what}" },
        401 or 403 or 410 => new VideoProviderException(ProviderErrorKind.Forbidden, "DownloadRefused",
            $"{_displayName} refused the download of video {rendition.VideoId} ({status} {reason}). Download links expire and need the owner's permission; run the command again for a fresh link, and check that the connection may download this video.")
        { StatusCode = status, Request = $"GET {what}" },
        _ => new VideoProviderException(ProviderErrorKind.ProtocolError, "DownloadFailed",
            $"{_displayName} answered the download of video {rendition.VideoId} with {status} {reason}. Run the command again.")
        { StatusCode = status, Request = $"GET {what}" },
    };

    /// <summary>
    /// Sends one GET of a rendition (a whole download's attempt, or <see cref="RenditionStream"/>'s): credentials where the rendition needs them,
    /// the signed link registered as a secret, the headers awaited within the request timeout, a verbose line.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, VideoRendition rendition, CancellationToken cancellationToken)
    {
        _redactor.Add(rendition.Location.ToString());
        _redactor.Add(rendition.Location.Query.TrimStart('?'));
        if (rendition.Authenticated && _authenticate is not null) await _authenticate(request, cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(_retry.RequestTimeout);
        var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
        var from = request.Headers.Range?.Ranges.FirstOrDefault()?.From;
        OperationLog.Verbose($"GET {Describe(rendition.Location)}{(from > 0 ? $" from byte {from}" : "")} -> {(int)response.StatusCode} {response.ReasonPhrase} in {watch.ElapsedMilliseconds} ms");
        return response;
    }

    internal VideoProviderException Refused(VideoRendition rendition, int status, string? reason) =>
        Refused(rendition, status, reason, Describe(rendition.Location));

    /// <summary>The pipeline a download's retries go through (<see cref="RetryKind.Download"/>), for <see cref="RenditionStream"/> too.</summary>
    internal Resilience Resilience => _resilience;

    /// <summary>The error once the connection's retry budget is spent reading a rendition piece by piece.</summary>
    internal VideoProviderException Interrupted(string what, string why, long position) =>
        new(ProviderErrorKind.Network, "DownloadInterrupted",
            $"Reading {what} from {_displayName} failed: {why}, and {_retry.MaximumRetryCount} retries did not get past it ({ChunkPlan.Format(position)} had been read). Run the command again.");

    /// <summary>Host and path only: the query of a signed link is its signature.</summary>
    internal string Describe(Uri location)
    {
        var shown = location.GetLeftPart(UriPartial.Path);
        return _redactor.Redact(shown) + (location.Query.Length > 1 ? "?" + SecretRedactor.Mask : "");
    }

    /// <summary>Where an earlier run left off: bytes on disk, their validator and length; zeros when it cannot be trusted.</summary>
    private static (long Offset, string? ETag, long? Total) ReadSidecar(string partial, string sidecar, string source)
    {
        if (!File.Exists(partial)) return (0, null, null);
        try
        {
            var json = JObject.Parse(File.ReadAllText(sidecar));
            var etag = (string?)json["etag"];
            var total = (long?)json["total"];
            var length = new FileInfo(partial).Length;
            // Without a strong validator, appending to old bytes could splice two different files: start over.
            if ((string?)json["source"] != source || etag is null || total is { } t && length > t) return (0, null, null);
            return (length, etag, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException or FormatException or ArgumentException or InvalidCastException)
        {
            return (0, null, null);
        }
    }

    private static void WriteSidecar(string sidecar, string source, string? etag, long? total) =>
        File.WriteAllText(sidecar, new JObject { ["source"] = source, ["etag"] = etag, ["total"] = total }.ToString(Newtonsoft.Json.Formatting.None));

    private static async Task HashExistingAsync(string path, long length, IncrementalHash sha, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            long left = length;
            int read;
            while (left > 0 && (read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, left)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                left -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale sidecar only makes the next download of this target start from zero.
        }
    }
}

/// <summary>A finished download: where, how many bytes, their SHA-256, and how many were already on disk from an earlier run.</summary>
internal sealed record DownloadedFile(string Path, long Bytes, string Sha256, long ResumedFrom);

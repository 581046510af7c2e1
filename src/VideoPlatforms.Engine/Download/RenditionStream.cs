using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using VideoPlatforms.Http;

namespace VideoPlatforms.Download;

/// <summary>
/// A rendition's bytes as a forward-only stream, for Copy-Video to hand straight to an upload: no temporary copy.
/// When the connection drops mid-body it asks again from the byte it reached (Range, with If-Range on the ETag) and
/// carries on, so the upload reading it never sees the drop. If the file on the server changed meanwhile (no 206
/// for the rest) it fails rather than splice two files. It hashes what it reads, so the copy's SHA-256 comes free.
/// </summary>
internal sealed class RenditionStream : Stream
{
    private readonly RangeDownloader _downloader;
    private readonly VideoRendition _rendition;
    private readonly CancellationToken _cancellation;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private HttpResponseMessage? _response;
    private Stream? _body;
    private string? _etag;
    private long _position;

    // Failures in a row since bytes last arrived, across reads: the retry budget (RetryKind.Download).
    private readonly FailureStreak _streak = new();

    private RenditionStream(RangeDownloader downloader, VideoRendition rendition, CancellationToken cancellation)
    {
        _downloader = downloader;
        _rendition = rendition;
        _cancellation = cancellation;
    }

    /// <summary>Opens the rendition and learns its length from the answer (not every platform lists it).</summary>
    public static async Task<RenditionStream> OpenAsync(RangeDownloader downloader, VideoRendition rendition, CancellationToken cancellationToken)
    {
        var stream = new RenditionStream(downloader, rendition, cancellationToken);
        try
        {
            await stream.WithRetriesAsync(async ct =>
            {
                await stream.ConnectAsync(ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return stream;
    }

    /// <summary>Called with the bytes read so far, for the upload's progress and idle timeout.</summary>
    public Action<long>? OnRead { get; set; }

    public override long Length => TotalLength ?? throw new NotSupportedException("The server did not say the rendition's length.");

    /// <summary>The rendition's length as the server announced it.</summary>
    public long? TotalLength { get; private set; }

    /// <summary>The SHA-256 of the whole rendition, once it has been read to the end; null before.</summary>
    public string? Sha256 { get; private set; }

    public override bool CanRead => true;

    // "Seekable" only so that an HTTP body built on it can announce its Content-Length (StreamContent computes a
    // length only for seekable streams, and S3-style POSTs refuse chunked bodies); the only seek allowed is to where
    // the stream already is, which is all StreamContent does.
    public override bool CanSeek => TotalLength is not null;

    public override bool CanWrite => false;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancellation);
        return await WithRetriesAsync(async ct =>
        {
            if (Sha256 is not null) return 0;
            if (_body is null) await ConnectAsync(ct).ConfigureAwait(false);
            int read;
            try
            {
                read = await _body!.ReadAsync(buffer, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (RangeDownloader.IsNetworkFault(ex, ct))
            {
                CloseResponse();
                throw new TransientFault($"the connection dropped after {_position} bytes ({ex.GetType().Name})", null, ex);
            }
            if (read == 0)
            {
                if (TotalLength is { } total && _position < total)
                {
                    CloseResponse();
                    throw new TransientFault($"the body ended at {_position} of {total} bytes");
                }
                Sha256 = Convert.ToHexString(_sha.GetHashAndReset()).ToLowerInvariant();
                return 0;
            }
            _sha.AppendData(buffer.Span[..read]);
            _position += read;
            _streak.Progress();
            OnRead?.Invoke(_position);
            return read;
        }, both.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a step through the download pipeline: a dropped or refused-for-now connection is asked again from the
    /// current position after the wait, until the budget is spent.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        var what = $"{_rendition.Provider} video {_rendition.VideoId}";
        try
        {
            return await _downloader.Resilience.RunAsync(RetryKind.Download, (_, ct) => step(ct), ex => ex is TransientFault,
                retry => $"Reading the {_rendition.Quality} rendition of {what}: {retry.Why}. Asking for the rest from byte {_position} {retry.When}.",
                cancellationToken, _streak).ConfigureAwait(false);
        }
        catch (TransientFault fault)
        {
            throw _downloader.Interrupted(what, fault.Message, _position);
        }
    }

    /// <summary>
    /// Asks for the rendition from the current position: all of it at first, the rest after a drop. One attempt: a
    /// failure the next may get past is a <see cref="TransientFault"/>.
    /// </summary>
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _rendition.Location);
        if (_position > 0)
        {
            request.Headers.Range = new RangeHeaderValue(_position, null);
            if (_etag is not null) request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue(_etag));
        }
        HttpResponseMessage response;
        try
        {
            response = await _downloader.SendAsync(request, _rendition, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RangeDownloader.IsNetworkFault(ex, cancellationToken))
        {
            throw new TransientFault($"no response ({ex.GetType().Name})", null, ex);
        }

        var status = (int)response.StatusCode;
        if (status is 408 or 429 or >= 500)
        {
            response.Dispose();
            throw new TransientFault($"{status} {response.ReasonPhrase}", RetryTiming.ServerRequestedDelay(response.Headers.RetryAfter));
        }
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw _downloader.Refused(_rendition, status, response.ReasonPhrase);
        }
        if (_position > 0 && (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange?.From != _position))
        {
            // The bytes already read went into the upload: a different file now cannot be spliced onto them.
            response.Dispose();
            throw new VideoProviderException(ProviderErrorKind.Conflict, "SourceChanged",
                $"The {_rendition.Quality} rendition of {_rendition.Provider} video {_rendition.VideoId} changed on the server while it was being copied (no partial answer for the rest after a dropped connection). Run the copy again.");
        }
        if (_position == 0)
        {
            TotalLength = response.Content.Headers.ContentLength ?? _rendition.Size;
            _etag = response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null;
        }
        _response = response;
        _body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    private void CloseResponse()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseResponse();
            _sha.Dispose();
        }
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => Length + offset };
        if (target != _position) throw new NotSupportedException("A rendition is read once, from the start to the end.");
        return _position;
    }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace VideoPlatforms.Sandbox.Storage;

/// <summary>A file section of a multipart request, already on disk.</summary>
internal sealed class SpooledFormFile
{
    public required string Name { get; init; }
    public required string? FileName { get; init; }
    public required string? ContentType { get; init; }
    public required SpooledFile File { get; init; }

    /// <summary>Set once a platform keeps the file; unclaimed files are deleted when the upload is disposed.</summary>
    public bool Claimed { get; set; }
}

internal enum MultipartStatus
{
    Ok,
    NotMultipart,
    Malformed,

    /// <summary>The client went away mid-body; nothing can be answered.</summary>
    ConnectionLost,
}

/// <summary>
/// Everything a multipart/form-data request carried: text fields in memory, file sections spooled to disk.
/// Files are spooled before the request's other fields are known (api.video's token upload may send the file
/// before "videoId"), so the caller validates and commits only after the whole body has been read.
/// </summary>
internal sealed class MultipartUpload : IDisposable
{
    public MultipartStatus Status { get; private init; }
    public string? Problem { get; private init; }
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
    public List<SpooledFormFile> Files { get; } = [];

    public void Dispose()
    {
        foreach (var file in Files.Where(f => !f.Claimed))
        {
            UploadStore.TryDelete(file.File.Path);
        }
    }

    private const int MaxFieldLength = 64 * 1024;

    /// <summary>
    /// Reads the whole body. Sections named <paramref name="fileField"/> are spooled with at most
    /// <paramref name="fileLimit"/> bytes kept; other file sections are read and ignored.
    /// </summary>
    private const int ReadBufferSize = 64 * 1024;

    public static async Task<MultipartUpload> ReadAsync(HttpRequest request, UploadStore store, string fileField, long fileLimit)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new MultipartUpload { Status = MultipartStatus.NotMultipart, Problem = "The request is not multipart/form-data." };
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return new MultipartUpload { Status = MultipartStatus.Malformed, Problem = "The multipart/form-data content type has no boundary." };
        }

        var upload = new MultipartUpload { Status = MultipartStatus.Ok };
        try
        {
            // The reader hands a section's bytes out at most one buffer at a time, and its default buffer is 4 KiB:
            // a 1 GiB upload then cost some 260,000 reads and file writes, several CPU seconds per GiB.
            var reader = new MultipartReader(boundary, request.Body, ReadBufferSize) { BodyLengthLimit = null };
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                var fileName = disposition.FileNameStar.HasValue
                    ? disposition.FileNameStar.Value
                    : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                var isFile = !string.IsNullOrEmpty(fileName) || name == fileField;
                if (isFile && name == fileField)
                {
                    var spooled = await store.SpoolAsync(section.Body, fileLimit, cancellationToken);
                    upload.Files.Add(new SpooledFormFile { Name = name, FileName = fileName, ContentType = section.ContentType, File = spooled });
                }
                else if (isFile)
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                }
                else
                {
                    upload.Fields[name] = await ReadFieldAsync(section.Body, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException or OperationCanceledException)
        {
            upload.Dispose();
            // Kestrel reports a body cut short by the client as BadHttpRequestException or a cancelled/aborted read;
            // a complete body that merely lacks its closing boundary surfaces as IOException/InvalidDataException.
            var lost = cancellationToken.IsCancellationRequested || ex is BadHttpRequestException or OperationCanceledException;
            return new MultipartUpload
            {
                Status = lost ? MultipartStatus.ConnectionLost : MultipartStatus.Malformed,
                Problem = "The multipart/form-data body is malformed: " + ex.Message,
            };
        }

        return upload;
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[4096];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            if (text.Length + read > MaxFieldLength)
            {
                throw new InvalidDataException($"A form field is longer than {MaxFieldLength} characters.");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }
}

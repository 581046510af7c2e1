using RestSharp.Interceptors;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Puts the file part of a multipart body after every other field. RestSharp writes files first, but an S3
/// browser-form POST must carry its policy fields before the file: S3 ignores any field after it, so the policy and
/// signature would be missing (docs/platforms/ziggeo.md#3-upload-protocol, step 2;
/// the Python SDK's MultiPartForm puts the file last). The parts themselves are not copied: the file still streams
/// from disk.
/// </summary>
internal sealed class FileLastMultipartInterceptor : Interceptor
{
    public override ValueTask BeforeHttpRequest(HttpRequestMessage requestMessage, CancellationToken cancellationToken)
    {
        if (requestMessage.Content is not MultipartFormDataContent original) return default;
        var contentType = original.Headers.ContentType;
        var boundary = contentType?.Parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        var reordered = boundary is null ? new MultipartFormDataContent() : new MultipartFormDataContent(boundary);
        var parts = original.ToList();
        foreach (var part in parts.Where(p => !IsFile(p)).Concat(parts.Where(IsFile))) reordered.Add(part);
        if (contentType is not null) reordered.Headers.ContentType = contentType;
        requestMessage.Content = reordered;
        return default;
    }

    private static bool IsFile(HttpContent part) =>
        part.Headers.ContentDisposition is { } disposition && (disposition.FileName is not null || disposition.FileNameStar is not null);
}

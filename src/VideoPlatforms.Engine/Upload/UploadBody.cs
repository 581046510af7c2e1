namespace VideoPlatforms.Upload;

/// <summary>
/// Bytes to upload that are not a local file (Copy-Video's pipe from a download), for the platforms that take the
/// whole file in one request. Each attempt opens the bytes afresh from the start, as a file upload reopens its file.
/// </summary>
internal sealed class UploadBody(long length, Func<Action<long>, Stream> open)
{
    public long Length => length;

    /// <summary>Opens the bytes from the start; <paramref name="onRead"/> is told the bytes read so far.</summary>
    public Stream Open(Action<long> onRead) => open(onRead);
}

namespace VideoPlatforms.Upload;

/// <summary>Checks a local file before anything is created on a platform, so bad input leaves nothing behind.</summary>
internal static class UploadSource
{
    /// <summary>Returns the file's size, or throws an error that names the file and says what to do.</summary>
    public static long Inspect(string path)
    {
        if (Directory.Exists(path))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "PathIsDirectory",
                $"'{path}' is a directory, not a video file. Give a file, or send the directory's files: Get-ChildItem '{path}' -File | Send-Video.");
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new VideoProviderException(ProviderErrorKind.NotFound, "FileNotFound",
                $"The file '{path}' does not exist. Check the path and run the command again.");
        if (info.Length == 0)
            throw new VideoProviderException(ProviderErrorKind.InvalidData, "FileIsEmpty",
                $"The file '{path}' is empty (0 bytes), so there is nothing to upload. Check that it finished writing.");
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VideoProviderException(ProviderErrorKind.Forbidden, "FileNotReadable",
                $"The file '{path}' cannot be read: {ex.Message} Close the program holding it or fix its permissions, then run the command again.", ex);
        }
        return info.Length;
    }
}

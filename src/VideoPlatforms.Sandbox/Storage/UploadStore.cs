using System.Buffers;
using System.Security.Cryptography;

namespace VideoPlatforms.Sandbox.Storage;

/// <summary>
/// Uploaded bytes on disk, one file per accepted chunk. Chunks are never held in memory: a 200 MiB chunk from
/// a benchmark would otherwise cost 200 MiB per concurrent upload. Platform-independent: platforms keep the
/// paths this hands out and decide the order in which they make up a source.
/// </summary>
public sealed class UploadStore : IDisposable
{
    private const int CopyBufferSize = 128 * 1024;
    private readonly bool _ownsRoot;
    private readonly string _filesDirectory;

    internal UploadStore(string? rootDirectory)
    {
        _ownsRoot = rootDirectory is null;
        RootDirectory = rootDirectory ?? Path.Combine(Path.GetTempPath(), "videoplatforms-sandbox-" + Guid.NewGuid().ToString("N"));
        _filesDirectory = Path.Combine(RootDirectory, "uploads");
        Directory.CreateDirectory(_filesDirectory);
    }

    /// <summary>The directory holding the sandbox's files.</summary>
    public string RootDirectory { get; }

    /// <summary>How many stored files exist right now (tests use it to prove a cut-off chunk left nothing behind).</summary>
    public int FileCount => Directory.Exists(_filesDirectory) ? Directory.EnumerateFiles(_filesDirectory).Count() : 0;

    /// <summary>
    /// Copies <paramref name="source"/> to a new file. Past <paramref name="limit"/> bytes it stops writing but
    /// keeps reading to the end, so the client still gets a proper "too large" answer instead of a reset
    /// connection. Any failure (including the client going away) deletes the partial file.
    /// </summary>
    internal async Task<SpooledFile> SpoolAsync(Stream source, long limit, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_filesDirectory, Guid.NewGuid().ToString("N") + ".bin");
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        long length = 0;
        var overflow = false;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous))
            {
                while (true)
                {
                    // A whole buffer per write: a request body arrives in pieces of a few KiB, and one unbuffered
                    // write per piece cost more CPU than receiving it.
                    var read = await source.ReadAtLeastAsync(buffer.AsMemory(0, CopyBufferSize), CopyBufferSize, throwOnEndOfStream: false, cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    if (!overflow && length + read > limit)
                    {
                        overflow = true;
                    }

                    if (!overflow)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }

                    length += read;
                }
            }
        }
        catch
        {
            TryDelete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (overflow)
        {
            TryDelete(path);
            return new SpooledFile(null, length, TooLarge: true);
        }

        return new SpooledFile(path, length, TooLarge: false);
    }

    /// <summary>Size and lowercase hex SHA-256 of the concatenation of <paramref name="paths"/>, streamed.</summary>
    internal static async Task<(long Size, string Sha256)> HashAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        long size = 0;
        try
        {
            foreach (var path in paths)
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                int read;
                while ((read = await file.ReadAsync(buffer.AsMemory(0, 1024 * 1024), cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    size += read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>
    /// Deletes every stored file but keeps the directory, so an upload spooling while a reset happens does not
    /// fail on a missing directory (its chunk is then rejected because its video is gone).
    /// </summary>
    internal void Clear()
    {
        if (!Directory.Exists(_filesDirectory))
        {
            Directory.CreateDirectory(_filesDirectory);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_filesDirectory))
        {
            TryDelete(file);
        }
    }

    internal static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a file still open by a reader is removed on the next reset or at dispose.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static void TryDelete(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            TryDelete(path);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (_ownsRoot)
            {
                Directory.Delete(RootDirectory, recursive: true);
            }
            else
            {
                Directory.Delete(_filesDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A request section written to disk. <see cref="Path"/> is null when it was too large to keep.</summary>
internal sealed record SpooledFile(string? Path, long Length, bool TooLarge);

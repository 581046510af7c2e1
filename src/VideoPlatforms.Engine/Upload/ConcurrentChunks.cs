using System.Runtime.ExceptionServices;

namespace VideoPlatforms.Upload;

/// <summary>
/// Sends a file's chunks with up to N requests in flight, for a platform whose protocol takes one file's chunks in
/// any order (api.video). On a long link one TCP stream is capped by window / round trip; several chunks at once fill
/// the link. Workers take the chunks in file order, so the confirmed prefix (what the journal records) grows steadily.
/// Each chunk retries on its own inside <c>send</c>. When one fails for good no further chunk starts, but those in
/// flight are let finish: a chunk the platform takes is then known, so a failed upload is reported (and kept for
/// -Resume) with every byte that arrived, never deleted as empty while it holds part of the file. The first failure
/// is the error the caller sees.
/// </summary>
internal static class ConcurrentChunks
{
    public static async Task RunAsync(IReadOnlyList<ByteRange> chunks, int concurrency, Func<ByteRange, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        if (concurrency <= 1 || chunks.Count <= 1)
        {
            foreach (var chunk in chunks) await send(chunk, cancellationToken).ConfigureAwait(false);
            return;
        }

        var next = -1;
        var stopping = 0;
        var failures = new List<Exception>();

        async Task WorkAsync()
        {
            // Off the caller's thread at once, so the workers start together rather than one after another's first await.
            await Task.Yield();
            while (Volatile.Read(ref stopping) == 0)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= chunks.Count) return;
                try
                {
                    await send(chunks[index], cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    lock (failures) failures.Add(ex);
                    Volatile.Write(ref stopping, 1);
                    return;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, chunks.Count)).Select(_ => WorkAsync())).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (failures.Count == 0) return;
        ExceptionDispatchInfo.Capture(failures[0]).Throw();
    }
}

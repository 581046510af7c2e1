using System.Diagnostics;
using System.Net;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.Engine;

/// <summary>The Engine's pure parts, with no runspace and no server.</summary>
public sealed class EngineUnitTests
{
    [Fact]
    public void Split_covers_the_file_in_order_with_a_short_last_chunk()
    {
        var chunks = ChunkPlan.Split(12, 5);
        Assert.Equal(new[] { new ByteRange(0, 4), new ByteRange(5, 9), new ByteRange(10, 11) }, chunks);
        Assert.Equal(12, chunks.Sum(c => c.Length));
    }

    [Theory]
    [InlineData(1L << 30, 50L << 20, 4)]
    [InlineData(1L << 30, 50L << 20, 8)]
    [InlineData((200L << 20) + 12345, 50L << 20, 4)]
    [InlineData((23L << 20) + 7, 10L << 20, 2)]
    public void Staggered_ramps_the_first_and_last_chunks_and_cuts_the_middle_evenly(long size, long chunkSize, int concurrency)
    {
        const long minimum = 5L << 20;
        var chunks = ChunkPlan.Staggered(size, chunkSize, concurrency, minimum);

        // The whole file, in order, no byte twice.
        Assert.Equal(0, chunks[0].First);
        Assert.Equal(size - 1, chunks[^1].Last);
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.Equal(pair.First.Last + 1, pair.Second.First));
        Assert.All(chunks, c => Assert.InRange(c.Length, minimum, chunkSize));
        // Ramp up 1/n .. (n-1)/n of a chunk, ramp down the same, and the middle in even chunks.
        var step = chunkSize / concurrency;
        var up = chunks.Take(concurrency - 1).Select(c => c.Length).ToArray();
        var down = chunks.TakeLast(concurrency - 1).Select(c => c.Length).ToArray();
        Assert.Equal(Enumerable.Range(1, concurrency - 1).Select(k => step * k), up);
        Assert.Equal(up.Reverse(), down);
        var middle = chunks.Skip(concurrency - 1).SkipLast(concurrency - 1).Select(c => c.Length).ToArray();
        Assert.InRange(middle.Max() - middle.Min(), 0, 1);
    }

    [Theory]
    [InlineData(1L << 30, 50L << 20, 1)]   // one at a time: nothing to stagger
    [InlineData(1L << 30, 10L << 20, 4)]   // a step of 2.5 MiB is under api.video's 5 MiB
    [InlineData(60L << 20, 50L << 20, 4)]  // too small for both ramps and a chunk
    public void Staggered_is_the_plain_cut_where_a_ramp_cannot_be_made(long size, long chunkSize, int concurrency) =>
        Assert.Equal(ChunkPlan.Split(size, chunkSize), ChunkPlan.Staggered(size, chunkSize, concurrency, 5L << 20));

    [Fact]
    public void Missing_is_what_the_server_lacks_cut_to_chunk_size()
    {
        var missing = ChunkPlan.Missing(20, 5, new[] { new ByteRange(5, 9), new ByteRange(0, 4), new ByteRange(15, 19) });
        Assert.Equal(new[] { new ByteRange(10, 14) }, missing);
        Assert.Equal(new[] { new ByteRange(0, 4), new ByteRange(5, 6) }, ChunkPlan.Missing(7, 5, Array.Empty<ByteRange>()));
        Assert.Empty(ChunkPlan.Missing(10, 5, new[] { new ByteRange(0, 9) }));
    }

    [Fact]
    public void Redactor_masks_known_secrets_and_secret_shapes()
    {
        var redactor = new SecretRedactor();
        redactor.Add("super-secret-key");
        redactor.Add("abc"); // too short to mask by value
        var text = redactor.Redact("key super-secret-key; Authorization: Bearer eyJhbGciOi.x.y; https://h/upload?token=to123456&x=1 {\"access_token\":\"zzz\"} abc");
        Assert.DoesNotContain("super-secret-key", text);
        Assert.DoesNotContain("eyJhbGciOi", text);
        Assert.DoesNotContain("to123456", text);
        Assert.DoesNotContain("zzz", text);
        Assert.Contains("x=1", text);
        Assert.EndsWith("abc", text);
    }

    [Theory]
    [InlineData("Retry-After", "7", 429, 7)]
    [InlineData("X-RateLimit-Retry-After", "12", 429, 12)]
    [InlineData("Retry-After", "120", 503, 60)] // capped by MaximumRetryDelay
    public void Server_requested_delays_are_honoured_and_capped(string header, string value, int status, double expectedSeconds)
    {
        var response = new RestResponse(new RestRequest()) { StatusCode = (HttpStatusCode)status, Headers = new[] { new HeaderParameter(header, value) } };
        var delay = RetryTiming.NextDelay(new RetryOptions { MaximumRetryDelay = TimeSpan.FromSeconds(60) }, 0, response, out var reason);
        Assert.Equal(expectedSeconds, delay.TotalSeconds, 1);
        Assert.Contains("asked", reason);
    }

    [Fact]
    public void X_RateLimit_Reset_is_read_as_a_unix_time_or_a_date()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(30);
        foreach (var value in new[] { at.ToUnixTimeSeconds().ToString(), at.ToString("R") })
        {
            var response = new RestResponse(new RestRequest()) { StatusCode = (HttpStatusCode)429, Headers = new[] { new HeaderParameter("X-RateLimit-Reset", value) } };
            Assert.InRange(RetryTiming.ServerRequestedDelay(response)!.Value.TotalSeconds, 25, 31);
        }
    }

    [Fact]
    public void Backoff_grows_with_jitter_and_never_passes_the_cap()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaximumRetryDelay = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var delay = RetryTiming.NextDelay(options, attempt, null, out _);
            Assert.InRange(delay.TotalSeconds, Math.Min(10, Math.Pow(2, attempt) / 2), 10);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/apivideo", "http://127.0.0.1:5080/apivideo/")]
    [InlineData("http://localhost:1/", "http://localhost:1/")]
    [InlineData("https://ws.api.video", "https://ws.api.video/")]
    public void Base_uris_are_normalised(string input, string expected) =>
        Assert.Equal(expected, ProviderRegistry.ValidateBaseUri(new Uri(input)).ToString());

    [Theory]
    [InlineData("http://10.0.0.5/", "InsecureBaseUri")]
    [InlineData("ftp://h/", "InvalidBaseUri")]
    [InlineData("https://h/?a=1", "InvalidBaseUri")]
    public void Bad_base_uris_are_refused(string input, string errorId) =>
        Assert.Equal(errorId, Assert.Throws<VideoProviderException>(() => ProviderRegistry.ValidateBaseUri(new Uri(input))).ErrorId);

    [Fact]
    public async Task File_slice_copies_its_window_in_large_steps_within_a_process_wide_budget()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, 3 * FileSliceStream.LargeCopySize).Select(i => (byte)(i * 7)).ToArray();
            File.WriteAllBytes(path, bytes);
            const int offset = 1000;
            var length = 2 * FileSliceStream.LargeCopySize + 123;

            // One copy alone: exactly the window, in large steps, the last position the window's end.
            var positions = new List<long>();
            using (var slice = new FileSliceStream(path, offset, length, positions.Add))
            {
                var alone = new GatedSink(null);
                await slice.CopyToAsync(alone, 4096);
                Assert.Equal(bytes.AsSpan(offset, length).ToArray(), alone.Received());
                Assert.Equal(FileSliceStream.LargeCopySize, alone.LargestWrite);
                Assert.Equal(length, positions[^1]);
            }

            // More copies at once than the budget: every one is exact, no more than the budget copy in large steps, and
            // the rest fall back to the small buffer (other tests' uploads may hold some of the budget meanwhile).
            var count = FileSliceStream.LargeCopyBudget + 3;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sinks = Enumerable.Range(0, count).Select(_ => new GatedSink(gate.Task)).ToList();
            var slices = Enumerable.Range(0, count).Select(_ => new FileSliceStream(path, offset, length)).ToList();
            var copies = sinks.Select((sink, i) => slices[i].CopyToAsync(sink, 4096)).ToList();
            var waited = Stopwatch.StartNew();
            while (sinks.Count(s => s.Waiting) < count)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"only {sinks.Count(s => s.Waiting)} of {count} copies reached their first write");
                await Task.Delay(10);
            }
            Assert.InRange(FileSliceStream.LargeCopiesInUse, 0, FileSliceStream.LargeCopyBudget);
            gate.SetResult();
            await Task.WhenAll(copies);
            slices.ForEach(s => s.Dispose());
            Assert.All(sinks, sink => Assert.Equal(bytes.AsSpan(offset, length).ToArray(), sink.Received()));
            Assert.InRange(sinks.Count(s => s.LargestWrite == FileSliceStream.LargeCopySize), 0, FileSliceStream.LargeCopyBudget);
            Assert.True(sinks.Count(s => s.LargestWrite == FileSliceStream.BufferSize) >= 3);

            // A destination that fails gives its large buffer back: after more failed copies than the budget, the
            // budget is not used up (without the release it would stay full, and every later body would copy in 64 KiB).
            for (var i = 0; i <= FileSliceStream.LargeCopyBudget; i++)
            {
                using var slice = new FileSliceStream(path, offset, length);
                await Assert.ThrowsAsync<IOException>(() => slice.CopyToAsync(new FailingSink(), 4096));
            }
            Assert.True(FileSliceStream.LargeCopiesInUse < FileSliceStream.LargeCopyBudget);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task File_slice_writes_at_most_64_KiB_at_a_time_to_a_slow_destination_and_reports_each_piece()
    {
        // A slow link: the idle timeout and progress must see the body move every 64 KiB, not every 256 KiB read.
        var path = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, FileSliceStream.LargeCopySize + 5000).Select(i => (byte)(i * 3)).ToArray();
            File.WriteAllBytes(path, bytes);
            var positions = new List<long>();
            using var slice = new FileSliceStream(path, 0, bytes.Length, positions.Add);
            var slow = new SlowSink(TimeSpan.FromMilliseconds(80));

            await slice.CopyToAsync(slow, 4096);

            Assert.Equal(bytes, slow.ToArray());
            Assert.Equal(FileSliceStream.BufferSize, slow.LargestWrite);
            Assert.Equal(bytes.Length, positions[^1]);
            Assert.All(positions.Zip(positions.Skip(1)), step => Assert.InRange(step.Second - step.First, 1, FileSliceStream.BufferSize));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A destination that takes <paramref name="delay"/> over every write, as a slow link does.</summary>
    private sealed class SlowSink(TimeSpan delay) : MemoryStream
    {
        public int LargestWrite { get; private set; }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            await base.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>A destination whose connection breaks at the first write.</summary>
    private sealed class FailingSink : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("The connection was reset."));
    }

    /// <summary>A destination that keeps what it is given and holds its first write until the gate opens.</summary>
    private sealed class GatedSink(Task? gate) : MemoryStream
    {
        private volatile bool _waiting;

        public bool Waiting => _waiting;

        public int LargestWrite { get; private set; }

        public byte[] Received() => ToArray();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (gate is not null && !gate.IsCompleted)
            {
                _waiting = true;
                await gate;
            }
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            await base.WriteAsync(buffer, cancellationToken);
        }
    }

    [Fact]
    public void File_slice_reads_exactly_its_window_and_reports_position()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
            var positions = new List<long>();
            using var slice = new FileSliceStream(path, 10, 20, positions.Add);
            Assert.Equal(20, slice.Length);
            var buffer = new byte[64];
            var read = slice.Read(buffer, 0, buffer.Length);
            Assert.Equal(20, read);
            Assert.Equal(Enumerable.Range(10, 20).Select(i => (byte)i), buffer.Take(20));
            Assert.Equal(0, slice.Read(buffer, 0, buffer.Length));
            Assert.Equal(20, positions.Max());
            slice.Position = 5;
            Assert.Equal(1, slice.Read(buffer, 0, 1));
            Assert.Equal(15, buffer[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>
/// No RestSharp, Newtonsoft or Polly type in any public signature of the Engine or the module: that keeps the door
/// open to loading them in a private AssemblyLoadContext, where another module's copies could not break this one.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void No_third_party_type_appears_in_a_public_signature()
    {
        var moduleDll = Path.Combine(Path.GetDirectoryName(VideoPlatforms.Playground.ModuleLocator.ManifestPath())!, "VideoPlatforms.dll");
        var assemblies = new[] { typeof(Video).Assembly, System.Reflection.Assembly.LoadFrom(moduleDll) };
        var offenders = new List<string>();
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()))
        {
            var members = type.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly);
            foreach (var member in members)
            {
                var types = member switch
                {
                    System.Reflection.PropertyInfo p => new[] { p.PropertyType },
                    System.Reflection.FieldInfo f => new[] { f.FieldType },
                    System.Reflection.MethodInfo m => m.GetParameters().Select(x => x.ParameterType).Append(m.ReturnType).ToArray(),
                    System.Reflection.ConstructorInfo c => c.GetParameters().Select(x => x.ParameterType).ToArray(),
                    _ => Array.Empty<Type>(),
                };
                foreach (var used in types.SelectMany(Flatten))
                    if (used.Namespace is { } ns && (ns.StartsWith("RestSharp") || ns.StartsWith("Newtonsoft") || ns.StartsWith("Polly")))
                        offenders.Add($"{type.FullName}.{member.Name} uses {used.FullName}");
            }
        }
        Assert.Empty(offenders);
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType) foreach (var t in Flatten(type.GetElementType()!)) yield return t;
        if (type.IsGenericType) foreach (var t in type.GetGenericArguments().SelectMany(Flatten)) yield return t;
    }
}

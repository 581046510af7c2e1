using System.Net.Sockets;
using System.Text;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

public sealed class SourceUploadTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private const int Chunk = 5 * ApiVideoTestClient.MiB;
    private const int Total = 12_000_000; // three chunks: 5 MiB, 5 MiB, the rest
    private static readonly byte[] Data = ApiVideoTestClient.RandomBytes(Total, seed: 42);

    private static string Bytes(long from, long to, long total) => $"bytes {from}-{to}/{total}";

    private Task<HttpResponseMessage> SendRangeAsync(string videoId, int from, int to, int total = Total) =>
        Api.UploadAsync($"videos/{videoId}/source", Data, from, to - from + 1, Bytes(from, to, total));

    [Fact]
    public async Task Three_byte_range_chunks_assemble_into_the_exact_file()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Chunked")).Str("videoId");

        var first = await Json.ReadAsync(await SendRangeAsync(id, 0, Chunk - 1), HttpStatusCode.Created);
        Assert.Equal($"/videos/{id}/source", first.GetProperty("source").Str("uri"));
        Assert.Equal("upload", first.GetProperty("source").Str("type"));

        var status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK);
        var ingest = status.GetProperty("ingest");
        Assert.Equal("uploading", ingest.Str("status"));
        Assert.Equal(Total, ingest.GetProperty("filesize").GetInt64());
        var received = Assert.Single(ingest.GetProperty("receivedBytes").EnumerateArray());
        Assert.Equal(Chunk - 1, received.GetProperty("to").GetInt64());
        Assert.False(status.GetProperty("encoding").GetProperty("playable").GetBoolean());

        await Json.ReadAsync(await SendRangeAsync(id, Chunk, 2 * Chunk - 1), HttpStatusCode.Created);
        await Json.ReadAsync(await SendRangeAsync(id, 2 * Chunk, Total - 1), HttpStatusCode.Created);

        var admin = await AdminVideoAsync(id);
        Assert.True(admin.GetProperty("complete").GetBoolean());
        Assert.Equal(Total, admin.GetProperty("size").GetInt64());
        Assert.Equal(3, admin.GetProperty("chunkCount").GetInt32());
        Assert.Equal("bytes", admin.Str("uploadMode"));
        Assert.Equal(ApiVideoTestClient.Sha256(Data), admin.Str("sha256"));

        status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK);
        ingest = status.GetProperty("ingest");
        Assert.Equal("uploaded", ingest.Str("status"));
        var merged = Assert.Single(ingest.GetProperty("receivedBytes").EnumerateArray());
        Assert.Equal(0, merged.GetProperty("from").GetInt64());
        Assert.Equal(Total - 1, merged.GetProperty("to").GetInt64());
        var encoding = status.GetProperty("encoding");
        Assert.True(encoding.GetProperty("playable").GetBoolean());
        Assert.Equal(Total / 125_000, encoding.GetProperty("metadata").GetProperty("duration").GetInt64());
        Assert.Contains(encoding.GetProperty("qualities").EnumerateArray(), q => q.Str("type") == "hls" && q.Str("status") == "encoded");
    }

    [Fact]
    public async Task Chunks_may_arrive_in_any_order()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Shuffled")).Str("videoId");

        await Json.ReadAsync(await SendRangeAsync(id, 2 * Chunk, Total - 1), HttpStatusCode.Created);
        await Json.ReadAsync(await SendRangeAsync(id, 0, Chunk - 1), HttpStatusCode.Created);
        var status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK);
        Assert.Equal(2, status.GetProperty("ingest").GetProperty("receivedBytes").GetArrayLength()); // a gap in the middle
        await Json.ReadAsync(await SendRangeAsync(id, Chunk, 2 * Chunk - 1), HttpStatusCode.Created);

        Assert.Equal(ApiVideoTestClient.Sha256(Data), (await AdminVideoAsync(id)).Str("sha256"));
    }

    [Fact]
    public async Task Concurrent_chunks_of_one_video_are_all_kept()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Parallel")).Str("videoId");

        var responses = await Task.WhenAll(
            SendRangeAsync(id, 0, Chunk - 1),
            SendRangeAsync(id, Chunk, 2 * Chunk - 1),
            SendRangeAsync(id, 2 * Chunk, Total - 1));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var admin = await AdminVideoAsync(id);
        Assert.True(admin.GetProperty("complete").GetBoolean());
        Assert.Equal(ApiVideoTestClient.Sha256(Data), admin.Str("sha256"));
    }

    [Fact]
    public async Task Whole_file_upload_without_content_range()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Small")).Str("videoId");
        var small = ApiVideoTestClient.RandomBytes(300_000, seed: 7);

        var video = await Json.ReadAsync(await Api.UploadAsync($"videos/{id}/source", small, 0, small.Length, null), HttpStatusCode.Created);

        Assert.Equal("upload", video.GetProperty("source").Str("type"));
        var admin = await AdminVideoAsync(id);
        Assert.Equal("whole", admin.Str("uploadMode"));
        Assert.Equal(ApiVideoTestClient.Sha256(small), admin.Str("sha256"));
        var status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK);
        Assert.Equal(2, status.GetProperty("encoding").GetProperty("metadata").GetProperty("duration").GetInt64());
    }

    [Fact]
    public async Task Part_mode_upload_completes_when_the_flagged_last_part_and_all_others_arrived()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Parts")).Str("videoId");

        await Json.ReadAsync(await Api.UploadAsync($"videos/{id}/source", Data, Chunk, Chunk, "part 2/*"), HttpStatusCode.Created);
        await Json.ReadAsync(await Api.UploadAsync($"videos/{id}/source", Data, 2 * Chunk, Total - 2 * Chunk, "part 3/3"), HttpStatusCode.Created);
        var status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK);
        var parts = status.GetProperty("ingest").GetProperty("receivedParts");
        Assert.Equal([2L, 3L], parts.GetProperty("parts").EnumerateArray().Select(p => p.GetInt64()));
        Assert.Equal(3, parts.GetProperty("total").GetInt32());
        Assert.Equal("uploading", status.GetProperty("ingest").Str("status"));

        await Json.ReadAsync(await Api.UploadAsync($"videos/{id}/source", Data, 0, Chunk, "part 1/*"), HttpStatusCode.Created);

        var admin = await AdminVideoAsync(id);
        Assert.True(admin.GetProperty("complete").GetBoolean());
        Assert.Equal("part", admin.Str("uploadMode"));
        Assert.Equal(ApiVideoTestClient.Sha256(Data), admin.Str("sha256"));
    }

    [Fact]
    public async Task Encoding_becomes_playable_after_the_configured_delay()
    {
        await Admin.PutAsync("apivideo/config", Json.Content(new { encodingDelayMs = 1500 }));
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Slow encode")).Str("videoId");
        await Json.ReadAsync(await Api.UploadAsync($"videos/{id}/source", Data, 0, 1000, null), HttpStatusCode.Created);

        var encoding = (await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK)).GetProperty("encoding");
        Assert.False(encoding.GetProperty("playable").GetBoolean());
        Assert.All(encoding.GetProperty("qualities").EnumerateArray(), q => Assert.Equal("encoding", q.Str("status")));

        await Task.Delay(1600);
        encoding = (await Json.ReadAsync(await Api.Http.GetAsync($"videos/{id}/status"), HttpStatusCode.OK)).GetProperty("encoding");
        Assert.True(encoding.GetProperty("playable").GetBoolean());
    }

    [Fact]
    public async Task A_request_cut_off_mid_body_stores_nothing()
    {
        await Api.LoginAsync();
        var id = (await Api.CreateVideoAsync("Cut off")).Str("videoId");
        var token = Api.Http.DefaultRequestHeaders.Authorization!.Parameter;

        // A raw socket, so the body can really stop half way: 1 MiB sent of a declared 6 MiB file part.
        const string boundary = "cutoffboundary";
        var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        var declared = Encoding.ASCII.GetByteCount(head) + (6 * ApiVideoTestClient.MiB) + Encoding.ASCII.GetByteCount($"\r\n--{boundary}--\r\n");
        var request = $"POST /apivideo/videos/{id}/source HTTP/1.1\r\nHost: {Server.BaseUri.Authority}\r\nAuthorization: Bearer {token}\r\n" +
                      $"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {declared}\r\n\r\n{head}";
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(Server.BaseUri.Host, Server.BaseUri.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            await stream.WriteAsync(Data.AsMemory(0, ApiVideoTestClient.MiB));
            await stream.FlushAsync();
            await Task.Delay(200);
        }

        var entry = await WaitForLogEntryAsync(e => e.Path == $"/videos/{id}/source");
        Assert.True(entry.Aborted);
        Assert.Equal(0, entry.Status);
        var admin = await AdminVideoAsync(id);
        Assert.Equal(0, admin.GetProperty("chunkCount").GetInt32());
        Assert.Equal(0, Server.State.Storage.FileCount);

        // The same video still takes a proper upload afterwards.
        await Json.ReadAsync(await Api.UploadAsync($"videos/{id}/source", Data, 0, 1000, null), HttpStatusCode.Created);
    }

    private async Task<RequestLog.RequestLogEntry> WaitForLogEntryAsync(Func<RequestLog.RequestLogEntry, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Server.State.Requests.List("apivideo").FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The request never appeared in the request log.");
    }
}

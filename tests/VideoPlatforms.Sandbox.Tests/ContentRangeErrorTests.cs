using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

/// <summary>Every Content-Range rule of api.video's progressive upload, one refusal each.</summary>
public sealed class ContentRangeErrorTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private const int Chunk = 5 * ApiVideoTestClient.MiB;
    private const int Total = 11 * ApiVideoTestClient.MiB;
    private static readonly byte[] Data = ApiVideoTestClient.RandomBytes(Total, seed: 99);

    private async Task<string> NewVideoAsync()
    {
        if (Api.Http.DefaultRequestHeaders.Authorization is null)
        {
            await Api.LoginAsync();
        }

        return (await Api.CreateVideoAsync("Range errors")).Str("videoId");
    }

    private Task<HttpResponseMessage> SendAsync(string id, int offset, int count, string? contentRange) =>
        Api.UploadAsync($"videos/{id}/source", Data, offset, count, contentRange);

    private static Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, string slug) =>
        Json.AssertApiVideoErrorAsync(response, HttpStatusCode.BadRequest, slug);

    [Fact]
    public async Task Overlap_with_received_bytes()
    {
        var id = await NewVideoAsync();
        await Json.ReadAsync(await SendAsync(id, 0, Chunk, $"bytes 0-{Chunk - 1}/{Total}"), HttpStatusCode.Created);

        await AssertRefusedAsync(await SendAsync(id, Chunk - 1, Chunk, $"bytes {Chunk - 1}-{(2 * Chunk) - 2}/{Total}"),
            "video-content-range-by-bytes-range-overlap");
        await AssertRefusedAsync(await SendAsync(id, 0, Chunk, $"bytes 0-{Chunk - 1}/{Total}"), "video-content-range-by-bytes-range-overlap");
        Assert.Equal(1, (await AdminVideoAsync(id)).GetProperty("chunkCount").GetInt32());
    }

    [Fact]
    public async Task Chunk_smaller_than_5_MiB_unless_last()
    {
        var id = await NewVideoAsync();
        await AssertRefusedAsync(await SendAsync(id, 0, 1000, $"bytes 0-999/{Total}"), "video-content-range-by-bytes-range-too-small");

        // The chunk ending at total-1 may be small.
        await Json.ReadAsync(await SendAsync(id, Total - 1000, 1000, $"bytes {Total - 1000}-{Total - 1}/{Total}"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Chunk_larger_than_200_MiB()
    {
        var id = await NewVideoAsync();
        var body = await AssertRefusedAsync(await SendAsync(id, 0, 10, "bytes 0-209715200/300000000"), "video-content-range-by-bytes-range-too-large");
        Assert.Equal("Content-Range", body.Str("name"));
    }

    [Fact]
    public async Task Total_must_match_earlier_chunks()
    {
        var id = await NewVideoAsync();
        await Json.ReadAsync(await SendAsync(id, 0, Chunk, $"bytes 0-{Chunk - 1}/{Total}"), HttpStatusCode.Created);

        await AssertRefusedAsync(await SendAsync(id, Chunk, Chunk, $"bytes {Chunk}-{(2 * Chunk) - 1}/{Total + 1}"),
            "video-content-range-by-bytes-different-total-bytes");
    }

    [Fact]
    public async Task Range_length_must_equal_the_file_part()
    {
        var id = await NewVideoAsync();
        await AssertRefusedAsync(await SendAsync(id, 0, 50, "bytes 0-99/100"), "video-content-range-by-bytes-range-mismatch");
        Assert.Equal(0, (await AdminVideoAsync(id)).GetProperty("chunkCount").GetInt32());
    }

    [Fact]
    public async Task Impossible_byte_ranges()
    {
        var id = await NewVideoAsync();
        await AssertRefusedAsync(await SendAsync(id, 0, 10, "bytes 10-5/100"), "video-content-range-by-bytes-from-byte-too-high");
        await AssertRefusedAsync(await SendAsync(id, 0, 10, "bytes 0-100/100"), "video-content-range-by-bytes-to-byte-too-high-total");
        await AssertRefusedAsync(await SendAsync(id, 0, 10, "bytes 0-0/0"), "video-content-range-by-bytes-total-bytes-zero");
    }

    [Fact]
    public async Task Bytes_and_part_forms_cannot_be_mixed()
    {
        var bytesFirst = await NewVideoAsync();
        await Json.ReadAsync(await SendAsync(bytesFirst, 0, Chunk, $"bytes 0-{Chunk - 1}/{Total}"), HttpStatusCode.Created);
        await AssertRefusedAsync(await SendAsync(bytesFirst, Chunk, Chunk, "part 2/*"), "video-content-range-started-with-bytes");

        var partFirst = await NewVideoAsync();
        await Json.ReadAsync(await SendAsync(partFirst, 0, Chunk, "part 1/*"), HttpStatusCode.Created);
        await AssertRefusedAsync(await SendAsync(partFirst, Chunk, Chunk, $"bytes {Chunk}-{(2 * Chunk) - 1}/{Total}"),
            "video-content-range-started-with-part");

        // A whole-file request cannot join a chunked upload either.
        await AssertRefusedAsync(await SendAsync(partFirst, 0, 100, null), "video-content-range-already-initiated");
    }

    [Fact]
    public async Task Part_already_sent_and_part_rules()
    {
        var id = await NewVideoAsync();
        await Json.ReadAsync(await SendAsync(id, 0, Chunk, "part 1/*"), HttpStatusCode.Created);

        await AssertRefusedAsync(await SendAsync(id, 0, Chunk, "part 1/*"), "video-content-range-by-part-part-already-sent");
        await AssertRefusedAsync(await SendAsync(id, 0, 100, "part 0/*"), "video-content-range-by-part-part-zero");
        await AssertRefusedAsync(await SendAsync(id, 0, 100, "part 3/2"), "video-content-range-by-part-part-too-high-total");
        await AssertRefusedAsync(await SendAsync(id, 0, 100, "part 10001/*"), "video-content-range-by-part-part-too-high-allowed");
        await AssertRefusedAsync(await SendAsync(id, Chunk, 1000, "part 2/*"), "video-content-range-by-part-uploaded-file-too-small");

        await Json.ReadAsync(await SendAsync(id, Chunk, 1000, "part 2/2"), HttpStatusCode.Created);
        Assert.True((await AdminVideoAsync(id)).GetProperty("complete").GetBoolean());
    }

    [Theory]
    [InlineData("bytes 0-99")]
    [InlineData("bytes=0-99/100")]
    [InlineData("bytes a-b/c")]
    [InlineData("chunk 1/2")]
    [InlineData("part one/*")]
    [InlineData("bytes 0-99999999999999999999/100")]
    public async Task Malformed_content_range(string header)
    {
        var id = await NewVideoAsync();
        await AssertRefusedAsync(await SendAsync(id, 0, 100, header), "video-content-range-malformed");
    }

    [Fact]
    public async Task Source_already_uploaded()
    {
        var id = await NewVideoAsync();
        await Json.ReadAsync(await SendAsync(id, 0, 1000, null), HttpStatusCode.Created);

        await AssertRefusedAsync(await SendAsync(id, 0, 1000, null), "video-source-already-uploaded");
        await AssertRefusedAsync(await SendAsync(id, 0, Chunk, $"bytes 0-{Chunk - 1}/{Total}"), "video-source-already-uploaded");
    }

    [Fact]
    public async Task File_section_problems()
    {
        var id = await NewVideoAsync();
        await AssertRefusedAsync(await SendAsync(id, 0, 0, null), "uploaded-file-empty");

        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "notfile" } };
        await AssertRefusedAsync(await Api.Http.PostAsync($"videos/{id}/source", noFile), "uploaded-file-no-file");

        using var twoFiles = new MultipartFormDataContent
        {
            { new ByteArrayContent(Data, 0, 10), "file", "a.mp4" },
            { new ByteArrayContent(Data, 10, 10), "file", "b.mp4" },
        };
        await AssertRefusedAsync(await Api.Http.PostAsync($"videos/{id}/source", twoFiles), "uploaded-file-multiple-files");

        Assert.Equal(0, Server.State.Storage.FileCount);
    }

    [Fact]
    public async Task Unknown_video_is_404()
    {
        await Api.LoginAsync();
        await Json.AssertApiVideoErrorAsync(await SendAsync("vi0000000000000000000000", 0, 10, null), HttpStatusCode.NotFound, "resource-not-found", "videoId");
    }
}

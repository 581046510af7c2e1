using System.Diagnostics;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests;

public sealed class ListingTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private async Task<JsonElement> ListAsync(string query) =>
        await Json.ReadAsync(await Api.Http.GetAsync("videos" + query), HttpStatusCode.OK);

    private static string[] Titles(JsonElement list) =>
        [.. list.GetProperty("data").EnumerateArray().Select(v => v.Str("title"))];

    private static Dictionary<string, string> Links(JsonElement list) =>
        list.GetProperty("pagination").GetProperty("links").EnumerateArray().ToDictionary(l => l.Str("rel"), l => l.Str("uri"));

    private async Task CreateSampleAsync()
    {
        await Api.LoginAsync();
        await Api.CreateVideoAsync("Cats playing", new { tags = new[] { "cats", "fun" }, metadata = new[] { new { key = "Author", value = "Ann" } }, description = "Two cats" });
        await Api.CreateVideoAsync("Dogs playing", new { tags = new[] { "dogs", "fun" }, metadata = new[] { new { key = "Author", value = "Bob" } } });
        await Api.CreateVideoAsync("Cats sleeping", new { tags = new[] { "cats" }, metadata = new[] { new { key = "Author", value = "Bob" } } });
        await Api.CreateVideoAsync("Birds", new { description = "Many birds and two cats" });
        await Api.CreateVideoAsync("Alpacas");
    }

    [Fact]
    public async Task Default_order_is_creation_order_with_pagination_links()
    {
        await CreateSampleAsync();

        var page2 = await ListAsync("?pageSize=2&currentPage=2");
        Assert.Equal(["Cats sleeping", "Birds"], Titles(page2));
        var pagination = page2.GetProperty("pagination");
        Assert.Equal(2, pagination.GetProperty("currentPage").GetInt32());
        Assert.Equal(2, pagination.GetProperty("currentPageItems").GetInt32());
        Assert.Equal(2, pagination.GetProperty("pageSize").GetInt32());
        Assert.Equal(3, pagination.GetProperty("pagesTotal").GetInt32());
        Assert.Equal(5, pagination.GetProperty("itemsTotal").GetInt32());

        var links = Links(page2);
        Assert.Equal(["self", "first", "previous", "next", "last"], links.Keys);
        Assert.Equal("/videos?currentPage=3&pageSize=2", links["next"]);
        Assert.Equal("/videos?currentPage=1&pageSize=2", links["previous"]);

        // Links are relative to the API root, like the real API: resolve them against the base URI's path.
        var next = await Json.ReadAsync(await Api.Http.GetAsync(links["next"].TrimStart('/')), HttpStatusCode.OK);
        Assert.Equal(["Alpacas"], Titles(next));
        Assert.DoesNotContain("next", Links(next).Keys);

        var first = await ListAsync(string.Empty);
        Assert.Equal(25, first.GetProperty("pagination").GetProperty("pageSize").GetInt32());
        Assert.DoesNotContain("previous", Links(first).Keys);
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_survive_in_links()
    {
        await CreateSampleAsync();

        Assert.Equal(["Cats playing", "Cats sleeping"], Titles(await ListAsync("?title=cats")));
        Assert.Equal(["Cats playing"], Titles(await ListAsync("?tags[]=cats&tags[]=fun")));
        Assert.Equal(["Cats playing", "Dogs playing"], Titles(await ListAsync("?tags=fun")));
        Assert.Equal(["Dogs playing", "Cats sleeping"], Titles(await ListAsync("?metadata[Author]=Bob")));
        Assert.Equal(["Cats playing", "Birds"], Titles(await ListAsync("?description=cats")));
        Assert.Empty(Titles(await ListAsync("?tags[]=cats&metadata[Author]=Nobody")));

        var filtered = await ListAsync("?tags[]=cats&pageSize=1");
        var next = Links(filtered)["next"];
        Assert.Contains("tags%5B%5D=cats", next, StringComparison.Ordinal);
        Assert.Equal(["Cats sleeping"], Titles(await Json.ReadAsync(await Api.Http.GetAsync(next.TrimStart('/')), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Sorting_by_title_and_date()
    {
        await CreateSampleAsync();

        Assert.Equal(["Alpacas", "Birds", "Cats playing", "Cats sleeping", "Dogs playing"], Titles(await ListAsync("?sortBy=title&sortOrder=asc")));
        Assert.Equal(["Dogs playing", "Cats sleeping", "Cats playing", "Birds", "Alpacas"], Titles(await ListAsync("?sortBy=title&sortOrder=desc")));
        Assert.Equal(["Alpacas", "Birds", "Cats sleeping", "Dogs playing", "Cats playing"], Titles(await ListAsync("?sortBy=createdAt&sortOrder=desc")));
        await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos?sortBy=size"), HttpStatusCode.BadRequest, "request-invalid-query-parameter", "sortBy");
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("currentPage=0", "currentPage")]
    public async Task Out_of_range_paging_is_400_with_the_range(string query, string name)
    {
        await Api.LoginAsync();
        var body = await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos?" + query), HttpStatusCode.BadRequest,
            "request-invalid-query-parameter", name);

        var range = body.GetProperty("range");
        Assert.Equal(1, range.GetProperty("min").GetInt32());
        if (name == "pageSize")
        {
            Assert.Equal(100, range.GetProperty("max").GetInt32());
        }
    }

    [Fact]
    public async Task Several_bad_query_values_are_all_listed_in_problems_each_with_its_range()
    {
        // The shape of the published 400 example for GET /videos: the first problem at the top level, and every
        // out-of-range parameter in "problems" with its own range.
        await Api.LoginAsync();
        var body = await Json.AssertApiVideoErrorAsync(await Api.Http.GetAsync("videos?currentPage=0&pageSize=500&sortOrder=up"),
            HttpStatusCode.BadRequest, "request-invalid-query-parameter", "currentPage");

        var problems = body.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["currentPage", "pageSize", "sortOrder"], problems.Select(p => p.Str("name")));
        Assert.Equal(1, problems[0].GetProperty("range").GetProperty("min").GetInt32());
        Assert.Equal(1, problems[1].GetProperty("range").GetProperty("min").GetInt32());
        Assert.Equal(100, problems[1].GetProperty("range").GetProperty("max").GetInt32());
        Assert.False(problems[2].TryGetProperty("range", out _));
        Assert.Contains("asc", problems[2].Str("detail"));
    }

    [Fact]
    public async Task Seeding_ten_thousand_videos_then_paging_through_them()
    {
        await Api.LoginAsync();
        // How fast seeding is belongs to bench/, not to a test: a loaded CI machine must not fail it.
        var seeded = await Json.ReadAsync(
            await Admin.PostAsync("apivideo/seed", Json.Content(new { account = 1, count = 10_000, titlePrefix = "Seed", tags = new[] { "bulk" } })),
            HttpStatusCode.Created);
        Assert.Equal(10_000, seeded.GetProperty("created").GetInt32());
        Assert.Equal(10_000, seeded.GetProperty("videoIds").GetArrayLength());

        var first = await ListAsync("?pageSize=100&tags[]=bulk");
        Assert.Equal(10_000, first.GetProperty("pagination").GetProperty("itemsTotal").GetInt32());
        Assert.Equal(100, first.GetProperty("pagination").GetProperty("pagesTotal").GetInt32());
        Assert.Equal("Seed 1", Titles(first)[0]);

        // Walk the last pages by following "next", as a client would.
        var uri = "videos?pageSize=100&currentPage=97";
        var pages = 0;
        string? lastTitle = null;
        while (uri is not null)
        {
            var page = await Json.ReadAsync(await Api.Http.GetAsync(uri), HttpStatusCode.OK);
            Assert.Equal(100, page.GetProperty("pagination").GetProperty("currentPageItems").GetInt32());
            lastTitle = Titles(page)[^1];
            pages++;
            uri = Links(page).TryGetValue("next", out var next) ? next.TrimStart('/') : null;
        }

        Assert.Equal(4, pages);
        Assert.Equal("Seed 10000", lastTitle);

        var status = await Json.ReadAsync(await Api.Http.GetAsync($"videos/{seeded.GetProperty("videoIds")[0].GetString()}/status"), HttpStatusCode.OK);
        Assert.Equal("uploaded", status.GetProperty("ingest").Str("status"));
        Assert.True(status.GetProperty("encoding").GetProperty("playable").GetBoolean());
        Assert.Equal(64, (await AdminVideoAsync(seeded.GetProperty("videoIds")[9_999].GetString()!)).Str("sha256").Length);
    }
}

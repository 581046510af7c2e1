using System.Management.Automation;
using System.Net;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Providers.ApiVideo;
using VideoPlatforms.Tests.Faults;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.ApiVideo;

/// <summary>
/// What api.video says is kept: every invalid field of a 400 with its allowed range, the dates its bodies carry, a
/// 404 for an unknown route told apart from a missing video, and the platform's own words beside the module's.
/// The bodies are those of api.video's published OpenAPI document (its examples), so a body the Sandbox does not
/// send is covered too.
/// </summary>
public sealed class PlatformWordsTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    // POST /videos, 400 example "Arttribute required" [sic] of the OpenAPI document: four fields wrong at once.
    private const string CreateWithFourBadFields = """
        {"type":"https://docs.api.video/reference/attribute-required","title":"This attribute is required.","name":"title","status":400,
         "problems":[
          {"type":"https://docs.api.video/reference/attribute-required","title":"This attribute is required.","name":"title"},
          {"type":"https://docs.api.video/reference/invalid-attribute","title":"This attribute must be a ISO-8601 date.","name":"scheduledAt"},
          {"type":"https://docs.api.video/reference/invalid-attribute","title":"This attribute must be an array.","name":"tags"},
          {"type":"https://docs.api.video/reference/invalid-attribute","title":"This attribute must be an array.","name":"metadata"}]}
        """;

    // GET /videos, 400 example of the OpenAPI document: two parameters out of range, each with its range.
    private const string ListWithTwoBadParameters = """
        {"title":"This parameter is out of the allowed range of values.","name":"page","status":400,"range":{"min":1},
         "problems":[
          {"title":"This parameter is out of the allowed range of values.","name":"page","range":{"min":1}},
          {"title":"This parameter is out of the allowed range of values.","name":"pageSize","range":{"min":10,"max":100}}]}
        """;

    // The "Unrecognized request URL" 404 example of the OpenAPI document.
    private const string UnrecognizedUrl = """{"type":"https://docs.api.video/reference/unrecognized-request-url","title":"Unrecognized request URL.","status":404}""";

    private static VideoProviderException Map(int status, string body)
    {
        using var http = new ProviderHttp("api.video", new Uri("https://ws.api.video/"), new RetryOptions());
        var response = new RestResponse(new RestRequest("videos")) { StatusCode = (HttpStatusCode)status, Content = body, ResponseStatus = ResponseStatus.Completed };
        return ApiVideoJson.MapError(http, response, "POST https://ws.api.video/videos");
    }

    [Fact]
    public void A_400_with_several_invalid_fields_names_every_one()
    {
        var error = Map(400, CreateWithFourBadFields);
        Assert.Equal("InvalidRequest", error.ErrorId);
        Assert.Equal(ProviderErrorKind.InvalidArgument, error.Kind);
        foreach (var field in new[] { "'title': This attribute is required", "'scheduledAt': This attribute must be a ISO-8601 date", "'tags': This attribute must be an array", "'metadata': This attribute must be an array" })
            Assert.Contains(field, error.Message);
    }

    [Fact]
    public void A_400_for_the_listing_keeps_each_allowed_range()
    {
        var error = Map(400, ListWithTwoBadParameters);
        Assert.Contains("'page': This parameter is out of the allowed range of values. (allowed: at least 1)", error.Message);
        Assert.Contains("'pageSize': This parameter is out of the allowed range of values. (allowed: 10 to 100)", error.Message);
    }

    [Fact]
    public void A_404_for_an_unknown_route_says_the_endpoint_was_not_found()
    {
        var error = Map(404, UnrecognizedUrl);
        Assert.Equal("EndpointNotFound", error.ErrorId);
        Assert.Equal(ProviderErrorKind.EndpointNotFound, error.Kind);
        Assert.Contains("endpoint was not found", error.Message);
        Assert.Contains("Unrecognized request URL", error.Message);

        // A 404 that is not api.video's at all (a proxy's page in front of a wrong base URI) says nothing about a video either.
        Assert.Equal("EndpointNotFound", Map(404, "<html><body>404 Not Found</body></html>").ErrorId);
        Assert.Equal("ResourceNotFound", Map(404, """{"type":"https://docs.api.video/reference/resource-not-found","title":"The requested resource was not found.","name":"videoId","status":404}""").ErrorId);
    }

    [Fact]
    public void A_video_with_publishedAt_but_no_createdAt_keeps_its_date()
    {
        // A video of the listing's response example in the OpenAPI document (it has no createdAt).
        var body = JObject.Parse("""
            {"videoId":"vi4blUQJFrYWbaG44NChkH27","title":"Maths video","public":false,"tags":["maths"],"metadata":[{"key":"Author","value":"John Doe"}],
             "publishedAt":"2019-12-16T08:25:51+00:00","updatedAt":"2019-12-16T08:48:49+00:00",
             "source":{"uri":"/videos/vi4blUQJFrYWbaG44NChkH27/source"},
             "assets":{"player":"https://embed.api.video/vod/vi4blUQJFrYWbaG44NChkH27","thumbnail":"https://cdn.api.video/vod/vi4blUQJFrYWbaG44NChkH27/thumbnail.jpg"}}
            """);
        var video = ApiVideoJson.ToVideo(body, null, null!);
        Assert.Equal(new DateTimeOffset(2019, 12, 16, 8, 25, 51, TimeSpan.Zero), video.CreatedAt);

        // Where both are sent, createdAt is the creation date.
        body["createdAt"] = "2019-12-15T10:00:00+00:00";
        Assert.Equal(new DateTimeOffset(2019, 12, 15, 10, 0, 0, TimeSpan.Zero), ApiVideoJson.ToVideo(body, null, null!).CreatedAt);
    }

    [Fact]
    public void Every_bad_paging_value_and_its_range_reach_the_error_record()
    {
        Ps.ConnectApiVideo();
        var record = Assert.Single(Ps.Run("Invoke-VideoProviderRequest videos -Query ([ordered]@{ currentPage = 0; pageSize = 500 })").Errors);
        Assert.Equal("InvalidRequest", record.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("'currentPage': This parameter is out of the allowed range of values. (allowed: at least 1)", record.Exception.Message);
        Assert.Contains("'pageSize': This parameter is out of the allowed range of values. (allowed: 1 to 100)", record.Exception.Message);
    }

    [Fact]
    public void Every_bad_field_of_a_create_reaches_the_error_record()
    {
        Ps.ConnectApiVideo();
        var record = Assert.Single(Ps.Run("Invoke-VideoProviderRequest videos -Method Post -Body @{ title = 5; tags = 'x'; metadata = 'y'; public = 'yes' }").Errors);
        foreach (var field in new[] { "'title'", "'tags'", "'metadata'", "'public'" })
            Assert.Contains(field, record.Exception.Message);
        Assert.DoesNotContain("..", record.Exception.Message);
    }

    [Fact]
    public async Task An_unknown_route_is_EndpointNotFound_and_never_VideoNotFound()
    {
        Ps.ConnectApiVideo();
        var direct = Assert.Single(Ps.Run("Invoke-VideoProviderRequest no-such-resource/vi123").Errors);
        Assert.Equal("EndpointNotFound", direct.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.InvalidOperation, direct.CategoryInfo.Category);

        // A gateway or a wrong base that answers the video's own URL with "Unrecognized request URL": the video may
        // well exist, so Get-Video must not call it missing.
        await Sandbox.AddRuleAsync(new { platform = "apivideo", method = "GET", pathPattern = "^/videos/vi123(/status)?$", kind = "status", status = 404, body = UnrecognizedUrl, times = 0 });
        var run = Ps.Run("Get-Video -Id vi123");
        var viaVideo = run.Terminating?.ErrorRecord ?? Assert.Single(run.Errors);
        Assert.Equal("EndpointNotFound", viaVideo.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("endpoint was not found", viaVideo.Exception.Message);
        Assert.DoesNotContain("has no video", viaVideo.Exception.Message);
    }

    [Fact]
    public void A_missing_video_keeps_the_platforms_own_words()
    {
        Ps.ConnectApiVideo();
        var record = Assert.Single(Ps.Run("Get-Video -Id doesnotexist123").Errors);
        Assert.Equal("VideoNotFound", record.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("doesnotexist123", record.Exception.Message);
        Assert.Contains("The requested resource was not found", record.Exception.Message);
    }
}

using System.Net;
using Newtonsoft.Json.Linq;
using RestSharp;
using VideoPlatforms.Http;
using VideoPlatforms.Providers.Vimeo;

namespace VideoPlatforms.Tests.Vimeo;

/// <summary>The Vimeo mappings that the Sandbox never exercises (failed transcodes, odd error bodies, huge files).</summary>
public sealed class VimeoUnitTests
{
    [Theory]
    [InlineData("{\"upload\":{\"status\":\"in_progress\"},\"transcode\":null}", VideoStatus.Uploading)]
    [InlineData("{\"upload\":{\"status\":\"complete\"},\"transcode\":{\"status\":\"in_progress\"}}", VideoStatus.Processing)]
    [InlineData("{\"upload\":{\"status\":\"complete\"},\"transcode\":{\"status\":\"complete\"}}", VideoStatus.Ready)]
    [InlineData("{\"upload\":{\"status\":\"error\"}}", VideoStatus.Failed)]
    [InlineData("{\"upload\":{\"status\":\"complete\"},\"transcode\":{\"status\":\"error\"}}", VideoStatus.Failed)]
    [InlineData("{\"status\":\"transcoding_error\"}", VideoStatus.Failed)]
    [InlineData("{\"status\":\"available\"}", VideoStatus.Ready)]
    public void Status_comes_from_upload_and_transcode_with_status_as_fallback(string json, VideoStatus expected) =>
        Assert.Equal(expected, VimeoJson.ToStatus(JObject.Parse(json)));

    [Fact]
    public void Privacy_maps_both_ways()
    {
        Assert.Equal(VideoPrivacy.Public, VimeoJson.ToPrivacy("anybody"));
        Assert.Equal(VideoPrivacy.Unlisted, VimeoJson.ToPrivacy("unlisted"));
        foreach (var view in new[] { "nobody", "password", "contacts", "users", "disable" })
            Assert.Equal(VideoPrivacy.Private, VimeoJson.ToPrivacy(view));
        Assert.Equal("anybody", VimeoJson.FromPrivacy(VideoPrivacy.Public));
        Assert.Equal("unlisted", VimeoJson.FromPrivacy(VideoPrivacy.Unlisted));
        Assert.Equal("nobody", VimeoJson.FromPrivacy(VideoPrivacy.Private));
        Assert.Equal("123", VimeoJson.IdFromUri("/videos/123"));
    }

    [Fact]
    public void An_upload_never_needs_more_than_1024_PATCHes()
    {
        Assert.Equal(128L << 20, VimeoUploader.ChunkFor(10L << 30, 128L << 20));
        var raised = VimeoUploader.ChunkFor(500L << 30, 128L << 20);
        Assert.True((500L << 30) / raised <= 1024);
        Assert.True(raised > 128L << 20);
    }

    [Theory]
    [InlineData(403, "{\"error\":\"You have exceeded your maximum disk space.\",\"link\":null,\"developer_message\":\"quota\",\"error_code\":4101}", "QuotaExceeded")]
    [InlineData(403, "{\"error\":\"Your access token does not have the \\\"delete\\\" scope.\"}", "ScopeMissing")]
    [InlineData(401, "{\"error\":\"This action requires an authenticated user.\",\"error_code\":8002}", "AuthenticatedUserRequired")]
    [InlineData(401, "{\"error\":\"invalid_grant\",\"error_description\":\"The code has expired.\"}", "AuthenticationFailed")]
    [InlineData(404, "{\"error\":\"The requested video couldn't be found.\"}", "ResourceNotFound")]
    [InlineData(409, "Upload-Offset mismatch", "Conflict")]
    public void Error_bodies_become_stable_ids_with_the_platforms_words(int status, string body, string errorId)
    {
        using var http = new ProviderHttp("Vimeo", new Uri("https://api.vimeo.com/"), new RetryOptions());
        var response = new RestResponse(new RestRequest("videos/1")) { StatusCode = (HttpStatusCode)status, Content = body, ResponseStatus = ResponseStatus.Completed };
        var error = VimeoJson.MapError(http, response, "GET https://api.vimeo.com/videos/1");
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(status, error.StatusCode);
        var words = body.StartsWith('{') ? (string)JObject.Parse(body)[JObject.Parse(body)["error_description"] is null ? "error" : "error_description"]! : body;
        Assert.Contains(words, error.Message);
    }
}

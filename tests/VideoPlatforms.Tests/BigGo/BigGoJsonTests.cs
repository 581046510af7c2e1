using Newtonsoft.Json.Linq;
using VideoPlatforms.Http;
using VideoPlatforms.Providers.BigGo;

namespace VideoPlatforms.Tests.BigGo;

/// <summary>The provider's readings of the places where BigGo's two official clients disagree (no server needed).</summary>
public sealed class BigGoJsonTests
{
    [Theory]
    [InlineData("{\"processing\":false,\"process_status\":13}", VideoStatus.Ready)]
    [InlineData("{\"processing\":true,\"process_status\":0}", VideoStatus.Processing)]   // Python INQUEUE
    [InlineData("{\"processing\":false,\"process_status\":1}", VideoStatus.Processing)]  // JS IN_QUEUE
    [InlineData("{\"processing\":true,\"process_status\":13}", VideoStatus.Processing)]
    public void Status_is_Ready_only_when_complete_and_not_processing(string status, VideoStatus expected) =>
        Assert.Equal(expected, BigGoJson.ToStatus(JObject.Parse(status)));

    [Fact]
    public void Status_without_either_field_is_unknown() => Assert.Null(BigGoJson.ToStatus(JObject.Parse("{}")));

    [Theory]
    [InlineData("0", VideoPrivacy.Public)]
    [InlineData("1", VideoPrivacy.Private)]
    [InlineData("2", VideoPrivacy.Unlisted)]
    [InlineData("\"unlisted\"", VideoPrivacy.Unlisted)]
    [InlineData("\"Public\"", VideoPrivacy.Public)]
    public void Access_reads_the_integers_and_tolerates_the_JS_strings(string access, VideoPrivacy expected)
    {
        Assert.Equal(expected, BigGoJson.ToPrivacy(JToken.Parse(access)));
    }

    [Fact]
    public void Access_is_written_as_the_Python_integers()
    {
        Assert.Equal(0, BigGoJson.FromPrivacy(VideoPrivacy.Public));
        Assert.Equal(1, BigGoJson.FromPrivacy(VideoPrivacy.Private));
        Assert.Equal(2, BigGoJson.FromPrivacy(VideoPrivacy.Unlisted));
        Assert.Null(BigGoJson.FromPrivacy(null));
    }

    [Fact]
    public void A_video_maps_title_not_the_uploaders_name_and_its_media_fields()
    {
        var video = BigGoJson.ToVideo(JObject.Parse("""
            {"video_id":"v1","name":"Uploader Name","title":"My clip","description":"d","access":2,
             "created_at":"2026-01-02T03:04:05Z","url":"https://video.biggo.com/v1",
             "status":{"processing":false,"process_status":13,"process_status_kw":[]},
             "meta":{"cover_image":"https://img/c.jpg","length":12.5}}
            """), null!);
        Assert.Equal("v1", video.Id);
        Assert.Equal("My clip", video.Title);
        Assert.Equal(VideoPrivacy.Unlisted, video.Privacy);
        Assert.Equal(TimeSpan.FromSeconds(12.5), video.Duration);
        Assert.Equal(new Uri("https://img/c.jpg"), video.ThumbnailUrl);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), video.CreatedAt);
        Assert.Equal("Uploader Name", ((System.Collections.IDictionary)video.Raw)["name"]);

        var untitled = BigGoJson.ToVideo(JObject.Parse("{\"video_id\":\"v2\",\"name\":\"Uploader\",\"timestamp\":1700000000}"), null!);
        Assert.Null(untitled.Title);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), untitled.CreatedAt);
    }

    [Theory]
    [InlineData(1004, "VideoNotFound", ProviderErrorKind.NotFound)]
    [InlineData(1005, "VideoNotFound", ProviderErrorKind.NotFound)]
    [InlineData(1003, "AccessDenied", ProviderErrorKind.Forbidden)]
    [InlineData(1002, "VideoAlreadyExists", ProviderErrorKind.Conflict)]
    [InlineData(1006, "InvalidArgument", ProviderErrorKind.InvalidArgument)]
    [InlineData(1010, "InvalidArgument", ProviderErrorKind.InvalidArgument)]
    [InlineData(1007, "UserNotFound", ProviderErrorKind.NotFound)]
    [InlineData(1001, "TranscodeFailed", ProviderErrorKind.InvalidData)]
    [InlineData(3, "AuthenticationFailed", ProviderErrorKind.Unauthorized)]
    [InlineData(4, "AccessTokenExpired", ProviderErrorKind.Unauthorized)]
    [InlineData(2, "AccountNotVerified", ProviderErrorKind.Forbidden)]
    public void Error_codes_become_stable_ids_with_the_code_kept(int code, string errorId, ProviderErrorKind kind)
    {
        using var http = new ProviderHttp("BigGo", new Uri("https://api.biggo.com/"), new RetryOptions());
        var error = BigGoJson.FromBody(http, $"{{\"result\":false,\"error\":{{\"code\":{code},\"message\":\"msg {code}\"}}}}", "GET x", 400);
        Assert.NotNull(error);
        Assert.Equal(errorId, error!.ErrorId);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.ProviderCode);
        Assert.Contains($"msg {code}", error.Message);
        Assert.DoesNotMatch(@"^\d+$", error.Message);
    }

    [Fact]
    public void Unknown_codes_and_the_OAuth_shape_fall_back_on_the_status()
    {
        using var http = new ProviderHttp("BigGo", new Uri("https://api.biggo.com/"), new RetryOptions());
        var oauth = BigGoJson.FromBody(http, "{\"error\":\"invalid_client\"}", "POST token", 401)!;
        Assert.Equal("AuthenticationFailed", oauth.ErrorId);
        Assert.Equal("invalid_client", oauth.ProviderCode);
        var unknown = BigGoJson.FromBody(http, "{\"result\":false,\"error\":{\"code\":0,\"message\":\"Service Unavailable\"}}", "GET x", 503)!;
        Assert.Equal("ProviderServerError", unknown.ErrorId);
        Assert.True(unknown.IsTransient);
        Assert.Null(BigGoJson.FromBody(http, "{\"result\":true}", "GET x", 200));
        Assert.Null(BigGoJson.FromBody(http, "<html>", "GET x", 502));
        Assert.Equal(4, BigGoJson.ErrorCode("{\"result\":false,\"error\":{\"code\":4,\"message\":\"JWT_EXPIRED\"}}"));
        Assert.Null(BigGoJson.ErrorCode("{\"error\":\"invalid_request\"}"));
    }
}

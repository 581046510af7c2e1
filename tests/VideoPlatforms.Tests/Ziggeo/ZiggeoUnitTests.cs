using VideoPlatforms.Http;
using VideoPlatforms.Providers.Ziggeo;

namespace VideoPlatforms.Tests.Ziggeo;

/// <summary>Engine pieces of the Ziggeo provider that need no Sandbox.</summary>
public sealed class ZiggeoUnitTests
{
    [Theory]
    [InlineData("{\"video\":{\"token\":\"t\"},\"url_data\":{\"url\":\"https://bucket.s3.amazonaws.com/\",\"fields\":{\"policy\":\"POLICYVALUE\",\"x-amz-signature\":\"SIGNATUREVALUE\"}}}")]
    // The debug log cuts long bodies: a form cut in the middle is still masked to its end.
    [InlineData("{\"video\":{\"token\":\"t\"},\"url_data\":{\"url\":\"https://bucket.s3.amazonaws.com/\",\"fields\":{\"policy\":\"POLICYVALUE\",\"x-amz-signature\":\"SIGNATUREVAL...")]
    public void The_signed_upload_form_is_masked_in_logged_bodies(string body)
    {
        var redacted = new SecretRedactor().Redact(body);
        Assert.DoesNotContain("POLICYVALUE", redacted);
        Assert.DoesNotContain("SIGNATUREVAL", redacted);
        Assert.DoesNotContain("bucket.s3", redacted);
        Assert.StartsWith("{\"video\":{\"token\":\"***\"},\"url_data\":\"***\"", redacted);
    }

    [Theory]
    [InlineData("READY", VideoStatus.Ready)]
    [InlineData("FAILED", VideoStatus.Failed)]
    [InlineData("EMPTY", VideoStatus.Uploading)]
    [InlineData("PROCESSING", VideoStatus.Processing)]
    [InlineData("SOMETHING_NEW", null)]
    public void State_strings_map_to_the_common_status(string state, VideoStatus? expected) =>
        Assert.Equal(expected, ZiggeoJson.ToStatus(state));

    [Fact]
    public void Statuses_map_to_the_states_filter()
    {
        Assert.Equal("all", ZiggeoJson.ToStates(null));
        Assert.Equal("empty,ready,failed", ZiggeoJson.ToStates(new[] { VideoStatus.Uploading, VideoStatus.Ready, VideoStatus.Failed, VideoStatus.Ready }));
    }

    [Fact]
    public void Data_keeps_fields_of_other_applications_and_clears_a_blank_description()
    {
        var current = Newtonsoft.Json.Linq.JObject.Parse("{\"title\":\"a\",\"description\":\"d\",\"crm_id\":42}");
        Assert.Equal("{\"title\":\"b\",\"crm_id\":42}", ZiggeoJson.MergeData(current, "b", "", null));
    }
}

namespace VideoPlatforms.Tests.Capabilities;

/// <summary>
/// -SkipExisting goes by each platform's declared <see cref="ContentIdentity"/>, never by its name: the declaration
/// and the UploadSkipExisting capability must agree, or a platform could accept -SkipExisting and find nothing.
/// </summary>
public sealed class ContentIdentityTests
{
    public static TheoryData<string> Registered() => new(ProviderRegistry.All.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Registered))]
    public void SkipExisting_is_honoured_exactly_where_the_platform_declares_a_content_identity(string name)
    {
        var capabilities = ProviderRegistry.All.Single(d => d.Name == name).Capabilities;
        Assert.Equal(capabilities[PlatformOption.UploadSkipExisting].IsHonoured, capabilities.ContentIdentity != ContentIdentity.None);
    }

    [Fact]
    public void Each_way_of_telling_content_apart_is_declared_by_the_platform_that_has_it()
    {
        var declared = ProviderRegistry.All.ToDictionary(d => d.Name, d => d.Capabilities.ContentIdentity);
        Assert.Equal(ContentIdentity.SearchableMarker, declared["ApiVideo"]);
        Assert.Equal(ContentIdentity.UniqueKey, declared["Ziggeo"]);
        Assert.Equal(ContentIdentity.RefusesDuplicates, declared["BigGo"]);
        Assert.Equal(ContentIdentity.None, declared["Vimeo"]);
    }
}

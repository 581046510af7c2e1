namespace VideoPlatforms;

/// <summary>
/// How a platform can tell that it already holds a file's content, declared in its capability declaration
/// (<see cref="ProviderCapabilities.ContentIdentity"/>). Send-Video -SkipExisting and its tie-break between uploads
/// running at once go by this, never by the platform's name (Upload/JournaledUpload, Upload/ContentLookup;
/// docs/exactly-once.md).
/// </summary>
public enum ContentIdentity
{
    /// <summary>No way: the platform keeps no hash and does not refuse the same bytes twice.</summary>
    None,

    /// <summary>
    /// The content's SHA-256 is kept in searchable metadata (<see cref="Upload.ContentMarkers.Sha256Key"/>): one
    /// filtered listing finds it. Nothing is unique, so two uploads that checked at once both land, and the check
    /// after the upload keeps the one created first.
    /// </summary>
    SearchableMarker,

    /// <summary>
    /// The upload claims a unique key made from the content's hash (<see cref="Upload.ContentMarkers.ContentKey"/>):
    /// one read by the key finds it, and the platform refuses a second video with that key, so a refused create means
    /// another upload claimed the content first.
    /// </summary>
    UniqueKey,

    /// <summary>
    /// No field for a hash, but the platform refuses the same bytes twice (VideoAlreadyExists): the refusal is the
    /// answer, and the video it already holds is the account's one video titled like the upload.
    /// </summary>
    RefusesDuplicates,
}

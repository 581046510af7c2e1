using static VideoPlatforms.PlatformOption;
using static VideoPlatforms.ProviderCapabilities;

namespace VideoPlatforms.Providers.ApiVideo;

/// <summary>What api.video honours of the platform-dependent options; one line each, anything left out is refused.</summary>
internal sealed partial class ApiVideoProvider
{
    private static ProviderCapabilities DeclareCapabilities() => new(
        Server(ListTitle, "api.video matches a part of the title."),
        Server(ListTag),
        Server(ListMetadata),
        Refused(ListStatus, "api.video's listing carries no status; read each video's Status with Get-Video -Id"),
        Refused(ListUser, "api.video has no users' channels: a connection lists only its own project's videos"),
        Server(UploadTag),
        Server(UploadMetadata),
        Server(UploadPrivacy, "A video is Public or Private (watchable with a private token).", "Public", "Private"),
        Server(UploadChunkSize, "5 MiB to 128 MiB, default 50 MiB."),
        Server(UploadChunkConcurrency, "api.video takes a video's chunks in any order and at once: 1 to 16 chunks in flight, default 4."),
        Server(UploadWithToken),
        Refused(UploadReplace, "api.video cannot replace the source of a video: a video takes its source once; upload the file as a new video (Send-Video without -ReplaceVideoId), then remove the old one"),
        Server(UpdateTag),
        Server(UpdateMetadata),
        Server(UpdatePrivacy, "A video is Public or Private (watchable with a private token).", "Public", "Private"),
        Refused(UpdateKey, "api.video videos have no key: the video's id is its only id"),
        Refused(UpdateExpiresOn, "api.video videos have no expiry date"),
        Server(UpdateThumbnail, "JPEG, PNG or WebP up to 8 MiB."),
        Server(UpdateThumbnailAt, "api.video picks the frame at that time itself."),
        Server(TokenTimeToLive),
        Refused(TokenGrant, "api.video upload tokens always allow uploading and nothing else"),
        Refused(TokenSessionLimit, "api.video upload tokens serve any number of sessions"),
        Refused(TokenUsageTime, "api.video upload tokens have only a lifetime (-TimeToLive)"),
        Refused(ConnectScope, "api.video has no OAuth scopes"),
        Refused(ConnectRegion, "api.video has no regions to choose from"),
        Server(UploadCaptions, "Attached as captions, one file per language."),
        Server(AddCaptionKind, "Captions (one file per language) and chapters (one file per language); api.video has no separate subtitles.", "Captions", "Chapters"),
        Refused(AddCaptionLabel, "api.video names a caption by its language (languageName) and keeps no label"),
        Server(AddCaptionDefault, "Captions only: the one caption the player turns on by itself."),
        Server(DownloadCaptions, "Captions and chapters, read from their public src links."),
        Server(UploadSkipExisting, "Found by the content's SHA-256 in the video's metadata (vpSha256), one filtered listing per file; every upload records it."),
        Server(SyncFolder, "The folder's videos carry its markers in their metadata (vpSyncFolder, vpSyncPath, vpSha256) and are found with one filtered listing per run."))
    {
        UploadTokens = true,
        ContentIdentity = ContentIdentity.SearchableMarker,
        MarksContentDuringUpload = true,
    };
}

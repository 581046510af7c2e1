using static VideoPlatforms.PlatformOption;
using static VideoPlatforms.ProviderCapabilities;

namespace VideoPlatforms.Providers.BigGo;

/// <summary>What BigGo honours of the platform-dependent options; one line each, anything left out is refused.</summary>
internal sealed partial class BigGoProvider
{
    private const string NoTokens = "BigGo has no delegated upload tokens: every upload is made with the account's own client credentials";

    private const string NoCaptionsReason = "BigGo has no captions, subtitles or chapters that its API reaches; publish the captions beside the video";

    private static ProviderCapabilities DeclareCapabilities() => new(
        Refused(ListTitle, "BigGo's listing has no filters: it returns a user's videos page by page; filter the output instead: Get-Video | Where-Object Title -like '*word*'"),
        Refused(ListTag, "BigGo videos have no tags"),
        Refused(ListMetadata, "BigGo videos have no key/value metadata"),
        Client(ListStatus, "By reading each listed video (one request each): only a read says error 1001 for a failed transcode, which the listing shows as complete."),
        Server(ListUser, "Another user's public videos, by user id."),
        Refused(UploadTag, "BigGo videos have no tags (only a title, a description and who can watch); put the words in -Description"),
        Refused(UploadMetadata, "BigGo videos have no key/value metadata"),
        Server(UploadPrivacy),
        Refused(UploadChunkSize, "BigGo takes the whole file in one request"),
        Refused(UploadChunkConcurrency, "BigGo takes the whole file in one request, so there are no chunks to send at once; -ThrottleLimit sends several files at once"),
        Refused(UploadWithToken, NoTokens),
        Refused(UploadReplace, "BigGo cannot replace a video's source; upload the file as a new video, then remove the old one"),
        Refused(UpdateTag, "BigGo videos have no tags (only a title, a description and who can watch); put the words in -Description"),
        Refused(UpdateMetadata, "BigGo videos have no key/value metadata"),
        Server(UpdatePrivacy),
        Refused(UpdateKey, "BigGo videos have no key of their own: the video's id is its only id"),
        Refused(UpdateExpiresOn, "BigGo has no expiry date for videos"),
        Refused(UpdateThumbnail, "this module cannot set a BigGo video's thumbnail"),
        Refused(UpdateThumbnailAt, "this module cannot set a BigGo video's thumbnail"),
        Refused(ConnectScope, "BigGo has no OAuth scopes"),
        Server(ConnectRegion, "The account's own region when left out."),
        Refused(UploadCaptions, NoCaptionsReason),
        Refused(AddCaptionKind, NoCaptionsReason),
        Refused(AddCaptionLabel, NoCaptionsReason),
        Refused(AddCaptionDefault, NoCaptionsReason),
        Refused(DownloadCaptions, NoCaptionsReason),
        Server(UploadSkipExisting, "BigGo has no field for a hash, but refuses the same bytes twice (error 1002): that refusal is the answer, and the account's one video of the upload's title is returned (an error when the title does not single it out)."),
        Refused(SyncFolder, "BigGo videos have no field to record which folder and file a video came from, so a sync could not find a changed file or know what -Delete may remove; Send-Video -SkipExisting uploads what is missing (BigGo refuses the same bytes twice)"))
    {
        ContentIdentity = ContentIdentity.RefusesDuplicates,
    };
}

using static VideoPlatforms.PlatformOption;
using static VideoPlatforms.ProviderCapabilities;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>What Ziggeo honours of the platform-dependent options; one line each, anything left out is refused.</summary>
internal sealed partial class ZiggeoProvider
{
    private const string NoPrivacyReason = "Ziggeo videos have no privacy setting: who can watch is controlled by the application's settings and auth tokens (New-UploadToken -Grant @{ read = ... })";

    private static ProviderCapabilities DeclareCapabilities() => new(
        Refused(ListTitle, "Ziggeo videos have no title the server can filter on (the module keeps titles in the video's data); filter with -Tag or -Status, or pipe to Where-Object Title -like '...'"),
        Server(ListTag),
        Refused(ListMetadata, "Ziggeo cannot list videos by metadata; filter with -Tag or -Status, or pipe to Where-Object"),
        Server(ListStatus),
        Refused(ListUser, "Ziggeo has no users' channels: a connection lists its application's videos"),
        Server(UploadTag, "Without commas."),
        Server(UploadMetadata, "Kept in the video's data."),
        Refused(UploadPrivacy, NoPrivacyReason),
        Refused(UploadChunkSize, "Ziggeo takes the whole file in one signed upload and has no chunked protocol"),
        Refused(UploadChunkConcurrency, "Ziggeo takes the whole file in one signed upload, so there are no chunks to send at once; -ThrottleLimit sends several files at once"),
        Refused(UploadWithToken, "a Ziggeo auth token (New-UploadToken) is for a browser or app recorder using Ziggeo's client API; the server API behind Send-Video always uses the application token and private key"),
        Refused(UploadReplace, "this module cannot replace a Ziggeo video's source; upload the file as a new video, then remove the old one"),
        Server(UpdateTag, "Without commas."),
        Server(UpdateMetadata, "Kept in the video's data."),
        Refused(UpdatePrivacy, NoPrivacyReason),
        Server(UpdateKey),
        Server(UpdateExpiresOn),
        Server(UpdateThumbnail, "A JPEG or PNG image attached to the video's stream."),
        Refused(UpdateThumbnailAt, "Ziggeo does not pick a frame on request; give an image with -ThumbnailPath"),
        Server(TokenTimeToLive),
        Server(TokenGrant),
        Server(TokenSessionLimit),
        Server(TokenUsageTime),
        Refused(ConnectScope, "Ziggeo has no OAuth scopes"),
        Refused(ConnectRegion, "Ziggeo takes its region from the application token (one starting with r1 is in eu-west-1)"),
        Server(UploadCaptions, "Attached as subtitles of the video's stream."),
        Server(AddCaptionKind, "A Ziggeo stream takes subtitles (a language, a label and the text); it has no separate captions or chapters.", "Subtitles"),
        Server(AddCaptionLabel, "The subtitle's label; the language tag when left out."),
        Refused(AddCaptionDefault, "Ziggeo subtitles have no default; the player offers them by language"),
        Refused(DownloadCaptions, "Ziggeo's server API has no call that lists or reads a video's subtitles; keep the .vtt files you attached"),
        Server(UploadSkipExisting, "The upload claims the unique key vp-sha256-<its SHA-256> and is found by it with one read; Ziggeo refuses a second video with that key. Videos uploaded without -SkipExisting carry the hash only in their data, which Ziggeo cannot search, and are not found."),
        Client(SyncFolder, "The folder's markers are kept in each video's data, which Ziggeo's listing cannot filter: each run lists the whole account once (two requests per 100 videos) and matches them."))
    {
        UploadTokens = true,
        ContentIdentity = ContentIdentity.UniqueKey,
    };
}

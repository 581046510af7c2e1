using static VideoPlatforms.PlatformOption;
using static VideoPlatforms.ProviderCapabilities;

namespace VideoPlatforms.Providers.Vimeo;

/// <summary>What Vimeo honours of the platform-dependent options; one line each, anything left out is refused.</summary>
internal sealed partial class VimeoProvider
{
    private static ProviderCapabilities DeclareCapabilities() => new(
        Server(ListTitle, "Vimeo searches the videos for the words."),
        Refused(ListTag, "Vimeo cannot filter the listing by tag; filter afterwards instead: Get-Video | Where-Object Tags -contains 'x'"),
        Refused(ListMetadata, "Vimeo videos have no key/value metadata"),
        Client(ListStatus, "From each video's upload.status and transcode.status."),
        Refused(ListUser, "this module lists only the connected account's own Vimeo videos (me/videos); connect with that user's token instead"),
        Server(UploadTag, "At most 20."),
        Refused(UploadMetadata, "Vimeo videos have no key/value metadata; keep the values in the description or tags"),
        Server(UploadPrivacy),
        Server(UploadChunkSize, "1 MiB to 1 GiB, default 128 MiB."),
        Refused(UploadChunkConcurrency, "Vimeo's tus upload is sequential: each PATCH must start where the previous one ended, so one file's chunks cannot be sent at once; -ThrottleLimit sends several files at once"),
        Refused(UploadWithToken, "Vimeo has no delegated upload tokens; connect with a token that has the upload scope"),
        Server(UploadReplace),
        Server(UpdateTag, "At most 20."),
        Refused(UpdateMetadata, "Vimeo videos have no key/value metadata; keep the values in the description or tags"),
        Server(UpdatePrivacy),
        Refused(UpdateKey, "Vimeo videos have no key of their own: the video's id is its only id"),
        Refused(UpdateExpiresOn, "Vimeo has no expiry date for videos"),
        Server(UpdateThumbnail, "JPEG, PNG or GIF."),
        Refused(UpdateThumbnailAt, "this module does not ask Vimeo to pick a frame; give an image with -ThumbnailPath"),
        Server(ConnectScope),
        Refused(ConnectRegion, "Vimeo has no regions to choose from"),
        Server(UploadCaptions, "Attached as active caption text tracks."),
        Server(AddCaptionKind, "A text track's type.", "Captions", "Subtitles", "Chapters"),
        Server(AddCaptionLabel, "The text track's name; the language tag when left out."),
        Refused(AddCaptionDefault, "Vimeo has no default text track: every track the module adds is made active, and the viewer picks one in the player"),
        Server(DownloadCaptions, "Captions, subtitles and chapters, read from each text track's signed link."),
        Refused(UploadSkipExisting, "Vimeo videos have no field to record a file's SHA-256 and Vimeo cannot be searched by content, so the account cannot say whether it holds a file; use Send-Video -Resume, which goes by the local upload journal"),
        Refused(SyncFolder, "Vimeo videos have no field to record which folder and file a video came from, so a sync could not tell its own videos from others; use Send-Video -Resume"))
    {
        ContentIdentity = ContentIdentity.None,
    };
}

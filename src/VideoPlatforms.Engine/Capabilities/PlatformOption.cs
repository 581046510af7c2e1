namespace VideoPlatforms;

/// <summary>
/// Every option whose effect depends on the platform. Each provider says how it honours each one
/// (<see cref="ProviderCapabilities"/>); what a platform does not honour is refused before any request, never ignored.
/// </summary>
/// <remarks>
/// Adding an option: a member here, a line in <see cref="PlatformOptions.All"/> (the parameter it is), the check in
/// <see cref="CapabilityCheck"/> that sees it in a request, and a line in each provider's declaration that honours it.
/// </remarks>
public enum PlatformOption
{
    ListTitle,
    ListTag,
    ListMetadata,
    ListStatus,
    ListUser,
    UploadTag,
    UploadMetadata,
    UploadPrivacy,
    UploadChunkSize,
    UploadChunkConcurrency,
    UploadWithToken,
    UploadReplace,
    UpdateTag,
    UpdateMetadata,
    UpdatePrivacy,
    UpdateKey,
    UpdateExpiresOn,
    UpdateThumbnail,
    UpdateThumbnailAt,
    TokenTimeToLive,
    TokenGrant,
    TokenSessionLimit,
    TokenUsageTime,
    ConnectScope,
    ConnectRegion,
    UploadCaptions,
    AddCaptionKind,
    AddCaptionLabel,
    AddCaptionDefault,
    DownloadCaptions,
    UploadSkipExisting,
    SyncFolder,
}

/// <summary>How a platform honours an option.</summary>
public enum Support
{
    /// <summary>Not at all: refused before any request with the ErrorId ParameterNotSupported.</summary>
    Refused = 0,

    /// <summary>The platform does it (a query parameter it filters by, a field it stores).</summary>
    Server,

    /// <summary>
    /// The module does it on what the platform returns (a listing filtered by the status each video reports). Exact,
    /// but the platform cannot count the matches, so a listing filtered this way has no total.
    /// </summary>
    Client,
}

/// <summary>An option as the user meets it: the command and parameter, and what it does.</summary>
/// <param name="Option">The option.</param>
/// <param name="Command">The cmdlet whose parameter it is.</param>
/// <param name="Parameter">The parameter, without its dash.</param>
/// <param name="Summary">What it does, for messages and help.</param>
/// <param name="WholeCommand">The parameter is the command's own subject (Sync-Video -Path): refusing it refuses the command.</param>
public sealed record OptionInfo(PlatformOption Option, string Command, string Parameter, string Summary, bool WholeCommand = false);

/// <summary>The user-facing names of the options, shared by error messages, help and completion.</summary>
public static class PlatformOptions
{
    public static IReadOnlyList<OptionInfo> All { get; } = new OptionInfo[]
    {
        new(PlatformOption.ListTitle, "Get-Video", "Title", "lists videos by title"),
        new(PlatformOption.ListTag, "Get-Video", "Tag", "lists videos by tag"),
        new(PlatformOption.ListMetadata, "Get-Video", "Metadata", "lists videos by metadata"),
        new(PlatformOption.ListStatus, "Get-Video", "Status", "lists videos by status"),
        new(PlatformOption.ListUser, "Get-Video", "User", "lists another user's videos"),
        new(PlatformOption.UploadTag, "Send-Video", "Tag", "tags an upload"),
        new(PlatformOption.UploadMetadata, "Send-Video", "Metadata", "gives an upload key/value metadata"),
        new(PlatformOption.UploadPrivacy, "Send-Video", "Privacy", "sets an upload's privacy"),
        new(PlatformOption.UploadChunkSize, "Send-Video", "ChunkSize", "sets the upload's chunk size"),
        new(PlatformOption.UploadChunkConcurrency, "Send-Video", "ChunkConcurrency", "sends several chunks of one file at once"),
        new(PlatformOption.UploadWithToken, "Send-Video", "UploadToken", "uploads through a delegated upload token"),
        new(PlatformOption.UploadReplace, "Send-Video", "ReplaceVideoId", "replaces an existing video's source"),
        new(PlatformOption.UpdateTag, "Set-Video", "Tag", "changes a video's tags"),
        new(PlatformOption.UpdateMetadata, "Set-Video", "Metadata", "changes a video's metadata"),
        new(PlatformOption.UpdatePrivacy, "Set-Video", "Privacy", "changes a video's privacy"),
        new(PlatformOption.UpdateKey, "Set-Video", "Key", "gives a video a key of your choosing"),
        new(PlatformOption.UpdateExpiresOn, "Set-Video", "ExpiresOn", "sets the day the platform deletes a video"),
        new(PlatformOption.UpdateThumbnail, "Set-Video", "ThumbnailPath", "sets a video's thumbnail image"),
        new(PlatformOption.UpdateThumbnailAt, "Set-Video", "ThumbnailAt", "makes the frame at a time of the video its thumbnail"),
        new(PlatformOption.TokenTimeToLive, "New-UploadToken", "TimeToLive", "limits an upload token's lifetime"),
        new(PlatformOption.TokenGrant, "New-UploadToken", "Grant", "sets what an upload token allows"),
        new(PlatformOption.TokenSessionLimit, "New-UploadToken", "SessionLimit", "limits an upload token's sessions"),
        new(PlatformOption.TokenUsageTime, "New-UploadToken", "UsageTime", "limits how long an upload token stays usable after first use"),
        new(PlatformOption.ConnectScope, "Connect-VideoProvider", "Scope", "asks for OAuth scopes"),
        new(PlatformOption.ConnectRegion, "Connect-VideoProvider", "Region", "chooses the platform region"),
        new(PlatformOption.UploadCaptions, "Send-Video", "CaptionPath", "attaches caption files after the upload"),
        new(PlatformOption.AddCaptionKind, "Add-VideoCaption", "Kind", "says whether the file is captions, subtitles or chapters"),
        new(PlatformOption.AddCaptionLabel, "Add-VideoCaption", "Label", "names the track in the player"),
        new(PlatformOption.AddCaptionDefault, "Add-VideoCaption", "Default", "makes the track the one the player turns on by itself"),
        new(PlatformOption.DownloadCaptions, "Save-Video", "IncludeCaptions", "saves the video's captions, subtitles and chapters beside it"),
        new(PlatformOption.UploadSkipExisting, "Send-Video", "SkipExisting", "skips a file whose content the account already holds, found on the platform"),
        new(PlatformOption.SyncFolder, "Sync-Video", "Path", "makes the account hold a folder's videos, knowing them by markers on the platform", WholeCommand: true),
    };

    public static OptionInfo Of(PlatformOption option) => All.First(o => o.Option == option);

    /// <summary>The option a command's parameter is, if it depends on the platform.</summary>
    public static OptionInfo? Find(string command, string parameter) => All.FirstOrDefault(o =>
        string.Equals(o.Command, command, StringComparison.OrdinalIgnoreCase) && string.Equals(o.Parameter, parameter, StringComparison.OrdinalIgnoreCase));
}

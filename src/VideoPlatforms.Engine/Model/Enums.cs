namespace VideoPlatforms;

/// <summary>Who can watch a video, in the one vocabulary every platform is mapped to.</summary>
public enum VideoPrivacy
{
    /// <summary>Anyone can find and watch it.</summary>
    Public,
    /// <summary>Anyone with the link can watch it, but it is not listed.</summary>
    Unlisted,
    /// <summary>Only the owner (or holders of a private token) can watch it.</summary>
    Private,
}

/// <summary>Where a video is in its life, in the one vocabulary every platform is mapped to.</summary>
public enum VideoStatus
{
    /// <summary>The video exists but its source has not fully arrived.</summary>
    Uploading,
    /// <summary>The source arrived and the platform is encoding it.</summary>
    Processing,
    /// <summary>The video can be played.</summary>
    Ready,
    /// <summary>The platform could not ingest or encode the source.</summary>
    Failed,
}

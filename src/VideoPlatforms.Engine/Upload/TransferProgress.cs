namespace VideoPlatforms;

/// <summary>How far one file's transfer has got: enough for a progress bar with speed and time left.</summary>
public sealed record TransferProgress(string Path, long BytesTransferred, long TotalBytes, TimeSpan Elapsed)
{
    public int PercentComplete => TotalBytes <= 0 ? 100 : (int)Math.Clamp(BytesTransferred * 100 / TotalBytes, 0, 100);

    public double BytesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : BytesTransferred / Elapsed.TotalSeconds;

    /// <summary>Null until the speed is known.</summary>
    public TimeSpan? Remaining => BytesPerSecond <= 0 ? null : TimeSpan.FromSeconds((TotalBytes - BytesTransferred) / BytesPerSecond);
}

using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// The base of cmdlets that work through a connection: <c>-Connection</c> picks one explicitly (and binds by
/// property name, so objects that came from a connection go back to it), otherwise the runspace's default is used.
/// </summary>
public abstract class ConnectedCmdlet : VideoCmdlet
{
    /// <summary>
    /// <para type="description">The connection to use, from Connect-VideoProvider -PassThru or Get-VideoProvider. Defaults to the session's current connection. Videos and upload tokens carry the connection they came from, so piping them binds it.</para>
    /// </summary>
    [PSDefaultValue(Help = "The session's default connection (the last Connect-VideoProvider)")]
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public VideoProviderConnection? Connection { get; set; }

    /// <summary>
    /// <para type="description">The platform of a video or upload token piped in, bound from its Provider property; not meant to be typed. When it names another platform than the connection's, the item is refused instead of being looked up on the wrong platform.</para>
    /// </summary>
    // Without it, Get-Video -Connection $one | Remove-Video -Connection $other would send one platform's ids to another
    // and come back with a puzzling "not found" (or, with ids that happen to exist on both, act on the wrong video).
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    [Alias("Provider")]
    public string? ItemProvider { get; set; }

    /// <summary>Writes a video, noting it on its connection so -Id can complete it later.</summary>
    protected void WriteVideo(Video video)
    {
        video.Connection?.RememberVideo(video.Id, video.Title);
        WriteObject(video);
    }

    /// <summary>The connection for the current record; ends the command if there is none.</summary>
    protected VideoProviderConnection ResolveConnection()
    {
        var connection = Connection ?? ConnectionStore.Current.Default;
        if (connection is null)
            Fail("NotConnected", ErrorCategory.AuthenticationError,
                "No video provider is connected in this session. Run Connect-VideoProvider first (for example: Connect-VideoProvider -Provider ApiVideo -ApiKey (Read-Host -AsSecureString)), or pass -Connection.",
                null);
        if (connection!.IsDisposed)
            Fail("ConnectionClosed", ErrorCategory.InvalidOperation,
                $"The connection '{connection.Name}' was disconnected. Connect again with Connect-VideoProvider.", connection);
        if (!string.IsNullOrEmpty(ItemProvider) && !string.Equals(ItemProvider, connection.Provider, StringComparison.OrdinalIgnoreCase)
            && ProviderRegistry.Find(ItemProvider) is not null)
            Fail("ConnectionOfAnotherPlatform", ErrorCategory.InvalidArgument,
                $"The item piped in is from {ItemProvider}, but the connection '{connection.Name}' is to {connection.Provider}. Leave -Connection out so each item goes back to the connection it came from, or give a {ItemProvider} connection.",
                connection);
        return connection;
    }
}

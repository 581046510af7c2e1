using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Removes a video's captions, subtitles or chapters in a language.</para>
/// </summary>
// High, as Remove-Video and Remove-UploadToken: a removed track cannot be brought back, and without -Kind one
// command removes every track in the language.
[Cmdlet(VerbsCommon.Remove, "VideoCaption", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveVideoCaptionCommand : ConnectedCmdlet
{
    /// <summary><para type="description">The video, as its id or a Video or VideoCaption object from the pipeline.</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Video { get; set; }

    /// <summary><para type="description">The language tag of the tracks to remove, e.g. en. Bound from a VideoCaption piped in.</para></summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(CaptionLanguageCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Language { get; set; }

    /// <summary><para type="description">Only tracks of this kind. Left out, every track in the language (captions, subtitles and chapters) goes.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public CaptionKind? Kind { get; set; }

    /// <summary><para type="description">The platform's id of one track (Vimeo), bound from a VideoCaption piped in, so only that track goes.</para></summary>
    [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
    public string? TrackId { get; set; }

    /// <summary><para type="description">Removes without asking for confirmation. -WhatIf still only reports.</para></summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        IReadOnlyList<VideoCaption> tracks;
        try
        {
            tracks = Run(token => connection.Client.GetCaptionsAsync(Video!, token));
        }
        catch (VideoProviderException ex) when (ex.Kind == ProviderErrorKind.NotSupported)
        {
            Fail(ex, connection);
            return;
        }
        catch (VideoProviderException ex)
        {
            WriteFailure(ex, Video);
            return;
        }

        var matching = tracks.Where(t => string.Equals(t.Language, Language, StringComparison.OrdinalIgnoreCase)
            && (Kind is null || t.Kind == Kind) && (TrackId is null || t.TrackId is null || t.TrackId == TrackId)).ToList();
        if (matching.Count == 0)
        {
            var have = tracks.Count == 0 ? "none" : string.Join(", ", tracks.Select(t => $"{t.Kind.ToString().ToLowerInvariant()} {t.Language}"));
            WriteError(new ErrorRecord(new ItemNotFoundException(
                    $"{connection.Provider} video {Video} has no {Kind?.ToString().ToLowerInvariant() ?? "captions, subtitles or chapters"} in '{Language}' (it has: {have})."),
                "CaptionNotFound", ErrorCategory.ObjectNotFound, Language));
            return;
        }

        foreach (var track in matching)
        {
            if (!Confirmed.ShouldProcess(this, Force, $"{connection.Provider} video {Video}", $"Remove {track.Kind.ToString().ToLowerInvariant()} '{track.Language}'", track)) continue;
            try
            {
                Run(token => connection.Client.RemoveCaptionAsync(track, token));
                WriteVerbose($"Removed the {track.Kind.ToString().ToLowerInvariant()} '{track.Language}' of {connection.Provider} video {Video}.");
            }
            catch (VideoProviderException ex)
            {
                WriteFailure(ex, track);
            }
        }
    }
}

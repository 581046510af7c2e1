namespace VideoPlatforms;

/// <summary>How one platform honours one option, and in a sentence why or how.</summary>
/// <param name="Option">The option.</param>
/// <param name="How">Server, Client, or Refused.</param>
/// <param name="Note">For a refusal, why and what to do instead; otherwise how (limits, matching), or empty.</param>
/// <param name="Values">Where only some values are honoured (api.video's privacy: Public, Private), those values; null for any.</param>
public sealed record OptionSupport(PlatformOption Option, Support How, string Note, IReadOnlyList<string>? Values = null)
{
    public bool IsHonoured => How != Support.Refused;

    public bool Accepts(string value) => IsHonoured && (Values is null || Values.Contains(value, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// What one platform honours of the options in <see cref="PlatformOption"/>, declared once in its provider and
/// reachable without a connection through <see cref="ProviderDescriptor.Capabilities"/>: the engine refuses the rest
/// from it (<see cref="CapabilityCheck"/>), and help and tab completion read it too. An option a declaration leaves
/// out is refused: forgetting one can never make a platform ignore it.
/// </summary>
public sealed class ProviderCapabilities
{
    private readonly Dictionary<PlatformOption, OptionSupport> _entries;

    public ProviderCapabilities(params OptionSupport[] entries) =>
        _entries = entries.ToDictionary(e => e.Option);

    /// <summary>How the platform honours <paramref name="option"/>; Refused when the declaration does not name it.</summary>
    public OptionSupport this[PlatformOption option] =>
        _entries.TryGetValue(option, out var entry) ? entry : new OptionSupport(option, Support.Refused, "");

    /// <summary>
    /// Whether the platform has delegated upload tokens at all (New-, Get-, Remove-UploadToken). Where it has none, the
    /// token commands are refused as a whole (UploadTokensNotSupported, with what to do instead) and their options are
    /// not checked one by one.
    /// </summary>
    public bool UploadTokens { get; init; }

    /// <summary>How the platform can tell it already holds a file's content (-SkipExisting); None where it cannot.</summary>
    public ContentIdentity ContentIdentity { get; init; }

    /// <summary>
    /// The platform's uploader can write the content's SHA-256 marker while the bytes go, before the piece that
    /// completes the file (a chunked upload into a video created first). A plain upload then hashes the file alongside
    /// sending it instead of in a pass before the create (docs/exactly-once.md). -SkipExisting still hashes first: its
    /// lookup needs the hash before anything is created.
    /// </summary>
    public bool MarksContentDuringUpload { get; init; }

    /// <summary>Every option, honoured or not, in the order of <see cref="PlatformOptions.All"/>.</summary>
    public IEnumerable<OptionSupport> All => PlatformOptions.All.Select(o => this[o.Option]);

    /// <summary>The platform does it.</summary>
    public static OptionSupport Server(PlatformOption option, string note = "") => new(option, Support.Server, note);

    /// <summary>The platform takes only these values.</summary>
    public static OptionSupport Server(PlatformOption option, string note, params string[] values) => new(option, Support.Server, note, values);

    /// <summary>The module does it on what the platform returns; the note says from what.</summary>
    public static OptionSupport Client(PlatformOption option, string note) => new(option, Support.Client, note);

    /// <summary>Refused; the note says why, and what to do instead.</summary>
    public static OptionSupport Refused(PlatformOption option, string why) => new(option, Support.Refused, why);
}

/// <summary>The declarations of every platform read together, for help text.</summary>
public static class PlatformSupport
{
    /// <summary>
    /// One sentence on which platforms honour <paramref name="option"/> and how, by display name: "Platforms: A (Public,
    /// Private), B, C; refused by D (ParameterNotSupported)."
    /// </summary>
    public static string Describe(PlatformOption option)
    {
        var entries = ProviderRegistry.All.Select(d => (Platform: d, Support: d.Capabilities[option])).ToList();
        var honoured = entries.Where(e => e.Support.IsHonoured).Select(e => e.Platform.DisplayName
            + (e.Support.Values is { } values ? $" ({string.Join(", ", values)})" : "")
            + (e.Support.How == Support.Client ? " (filtered by the module; no total count)" : "")).ToList();
        var refused = entries.Where(e => !e.Support.IsHonoured).Select(e => e.Platform.DisplayName).ToList();
        var text = honoured.Count > 0 ? $"Platforms: {string.Join(", ", honoured)}" : "Platforms: none";
        return text + (refused.Count > 0 ? $"; refused by {string.Join(", ", refused)} (ParameterNotSupported)." : ".");
    }
}

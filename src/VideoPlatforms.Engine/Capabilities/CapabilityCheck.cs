namespace VideoPlatforms;

/// <summary>
/// The one place that refuses what a platform does not honour, before any request: each request's fields are named
/// here as the options they are, and checked against the platform's declaration. Every refusal has the ErrorId
/// <see cref="ErrorId"/> and a message naming the parameter, the platform and what the platform does support.
/// </summary>
public static class CapabilityCheck
{
    public const string ErrorId = "ParameterNotSupported";

    public static void Check(ProviderDescriptor platform, VideoQuery query)
    {
        Require(platform, PlatformOption.ListTitle, !string.IsNullOrEmpty(query.Title));
        Require(platform, PlatformOption.ListTag, query.Tags is { Count: > 0 });
        Require(platform, PlatformOption.ListMetadata, query.Metadata is { Count: > 0 });
        Require(platform, PlatformOption.ListStatus, query.Statuses is { Count: > 0 });
        Require(platform, PlatformOption.ListUser, query.User is not null, shown: query.User is null ? null : $"'{query.User}'");
    }

    public static void Check(ProviderDescriptor platform, UploadRequest request)
    {
        Require(platform, PlatformOption.UploadTag, request.Tags is not null);
        Require(platform, PlatformOption.UploadMetadata, request.Metadata is not null);
        Require(platform, PlatformOption.UploadPrivacy, request.Privacy is not null, request.Privacy?.ToString());
        Require(platform, PlatformOption.UploadChunkSize, request.ChunkSize is not null);
        Require(platform, PlatformOption.UploadChunkConcurrency, request.ChunkConcurrency is not null);
        Require(platform, PlatformOption.UploadWithToken, request.UploadToken is not null);
        Require(platform, PlatformOption.UploadReplace, request.ReplaceVideoId is not null);
        Require(platform, PlatformOption.UploadCaptions, request.Captions is { Count: > 0 });
        Require(platform, PlatformOption.UploadSkipExisting, request.SkipExisting);
    }

    public static void Check(ProviderDescriptor platform, VideoUpdate update)
    {
        Require(platform, PlatformOption.UpdateTag, update.Tags is not null);
        Require(platform, PlatformOption.UpdateMetadata, update.Metadata is not null);
        Require(platform, PlatformOption.UpdatePrivacy, update.Privacy is not null, update.Privacy?.ToString());
        Require(platform, PlatformOption.UpdateKey, update.Key is not null);
        Require(platform, PlatformOption.UpdateExpiresOn, update.ExpiresOn is not null);
        Require(platform, PlatformOption.UpdateThumbnail, update.ThumbnailPath is not null);
        Require(platform, PlatformOption.UpdateThumbnailAt, update.ThumbnailAt is not null);
    }

    public static void Check(ProviderDescriptor platform, UploadTokenRequest request)
    {
        Require(platform, PlatformOption.TokenTimeToLive, request.TimeToLive is not null);
        Require(platform, PlatformOption.TokenGrant, request.Grants is not null);
        Require(platform, PlatformOption.TokenSessionLimit, request.SessionLimit is not null);
        Require(platform, PlatformOption.TokenUsageTime, request.UsageTime is not null);
    }

    public static void Check(ProviderDescriptor platform, ConnectionRequest request)
    {
        Require(platform, PlatformOption.ConnectScope, request.Scope is { Count: > 0 });
        Require(platform, PlatformOption.ConnectRegion, request.Region is not null);
    }

    public static void Check(ProviderDescriptor platform, CaptionRequest request)
    {
        Require(platform, PlatformOption.AddCaptionKind, request.Kind is not null, request.Kind?.ToString());
        Require(platform, PlatformOption.AddCaptionLabel, request.Label is not null);
        Require(platform, PlatformOption.AddCaptionDefault, request.Default);
    }

    /// <summary>Sync-Video as a whole: the platform must keep the markers that say which videos a folder's sync made.</summary>
    public static void CheckSync(ProviderDescriptor platform) => Require(platform, PlatformOption.SyncFolder, given: true);

    public static void Check(ProviderDescriptor platform, DownloadRequest request) =>
        Require(platform, PlatformOption.DownloadCaptions, request.IncludeCaptions);

    /// <summary>
    /// Throws ParameterNotSupported when the option is given (<paramref name="given"/>) but not honoured, or when its
    /// <paramref name="value"/> is not one the platform takes. <paramref name="shown"/> is a value the message names
    /// without it being checked (-User's user).
    /// </summary>
    private static void Require(ProviderDescriptor platform, PlatformOption option, bool given, string? value = null, string? shown = null)
    {
        if (!given) return;
        var support = platform.Capabilities[option];
        if (value is null ? support.IsHonoured : support.Accepts(value)) return;
        throw Refusal(platform, option, value, shown);
    }

    /// <summary>The refusal of <paramref name="option"/> (or of its <paramref name="value"/>) on <paramref name="platform"/>.</summary>
    public static VideoProviderException Refusal(ProviderDescriptor platform, PlatformOption option, string? value = null, string? shown = null)
    {
        var info = PlatformOptions.Of(option);
        var support = platform.Capabilities[option];
        var name = platform.DisplayName;
        string message;
        if (support.IsHonoured && value is not null)
        {
            message = $"{info.Command} -{info.Parameter} {value} is not something {name} has: it takes -{info.Parameter} {string.Join(", ", support.Values ?? Array.Empty<string>())}."
                + (support.Note.Length > 0 ? $" {support.Note}" : "");
        }
        else
        {
            shown ??= value;
            var why = support.Note.Length > 0 ? support.Note : $"{name} has no way to do what -{info.Parameter} asks ({info.Summary}), so it would be ignored.";
            var elsewhere = ProviderRegistry.All.Where(d => d.Capabilities[option].IsHonoured).Select(d => d.DisplayName).ToList();
            message = info.WholeCommand
                // The parameter is the command itself (Sync-Video -Path): leaving it out is no advice.
                ? $"{info.Command} -{info.Parameter} cannot be used with {name}: {why.TrimEnd('.')}. {info.Command} works with {string.Join(", ", elsewhere)}."
                : $"{info.Command} -{info.Parameter}{(shown is null ? "" : " " + shown)} cannot be used with {name}: {why.TrimEnd('.')}. Leave -{info.Parameter} out"
                    + (elsewhere.Count > 0 ? $" (it applies to {string.Join(", ", elsewhere)})" : "") + $". {Honoured(platform, info.Command)}";
        }
        return new ParameterNotSupportedException(info.Parameter, platform.Name, message.TrimEnd());
    }

    /// <summary>One sentence: what the platform does honour of <paramref name="command"/>'s platform-dependent parameters.</summary>
    public static string Honoured(ProviderDescriptor platform, string command)
    {
        var honoured = PlatformOptions.All.Where(o => o.Command == command)
            .Select(o => (Info: o, Support: platform.Capabilities[o.Option])).Where(o => o.Support.IsHonoured)
            .Select(o => $"-{o.Info.Parameter}" + (o.Support.Values is { } values ? $" ({string.Join(", ", values)})" : "")
                + (o.Support.How == Support.Client ? " (filtered by the module)" : ""))
            .ToList();
        return honoured.Count == 0
            ? $"With {platform.DisplayName}, {command} takes none of the parameters that depend on the platform."
            : $"With {platform.DisplayName}, {command} honours {string.Join(", ", honoured)}.";
    }
}

/// <summary>A parameter the platform does not honour, refused before anything was sent; names the parameter.</summary>
public sealed class ParameterNotSupportedException : VideoProviderException
{
    public ParameterNotSupportedException(string parameter, string provider, string message)
        : base(ProviderErrorKind.InvalidArgument, CapabilityCheck.ErrorId, message)
    {
        Parameter = parameter;
        Provider = provider;
    }

    /// <summary>The parameter's name without the dash, e.g. Status.</summary>
    public string Parameter { get; }

    /// <summary>The platform's registry name (-Provider).</summary>
    public string Provider { get; }
}

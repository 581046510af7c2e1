namespace VideoPlatforms.Sandbox.RequestLog;

/// <summary>One request the sandbox received on a platform path (admin calls are not logged).</summary>
public sealed record RequestLogEntry
{
    /// <summary>Arrival order, starting at 1 and never reused until the process ends.</summary>
    public required long Id { get; init; }

    /// <summary>"apivideo", …; null for a path no platform owns.</summary>
    public required string? Platform { get; init; }

    public required string Method { get; init; }

    /// <summary>Path inside the platform, e.g. "/videos/vi123/source" (the form fault rules match on).</summary>
    public required string Path { get; init; }

    /// <summary>Path as received, with the platform prefix, e.g. "/apivideo/videos/vi123/source".</summary>
    public required string FullPath { get; init; }

    /// <summary>Query string as received, including the leading '?', or "" when there is none.</summary>
    public required string QueryString { get; init; }

    /// <summary>Request headers as received; repeated headers are joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Content-Length the client declared, null for chunked bodies or none.</summary>
    public required long? ContentLength { get; init; }

    /// <summary>How many body bytes the sandbox actually read (less than declared when it answered early or the connection broke).</summary>
    public required long RequestBodyLength { get; init; }

    /// <summary>Status sent, or 0 when no response was sent (connection dropped).</summary>
    public required int Status { get; init; }

    /// <summary>True when the connection ended without a complete exchange (injected drop or client gone).</summary>
    public required bool Aborted { get; init; }

    /// <summary>The injected fault applied to this request, if any.</summary>
    public required RequestFault? Fault { get; init; }

    /// <summary>Unhandled exception text, for debugging the sandbox itself.</summary>
    public required string? Error { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double DurationMs { get; init; }
}

/// <summary>What a fault rule did to a request.</summary>
public sealed record RequestFault(int RuleId, string Kind, string Detail);

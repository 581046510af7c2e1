namespace VideoPlatforms;

/// <summary>
/// A request to any path of a connection's platform (Invoke-VideoProviderRequest): what the common cmdlets do not
/// cover. Values are plain .NET (strings, numbers, booleans, dictionaries, lists), never a JSON library's types.
/// </summary>
public sealed class ProviderRequest
{
    public ProviderRequest(string method, string path)
    {
        Method = method;
        Path = path;
    }

    /// <summary>GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.</summary>
    public string Method { get; }

    /// <summary>Relative to the platform's API base (a leading slash is allowed); an absolute URL only to that same base.</summary>
    public string Path { get; }

    /// <summary>Query parameters, in order; a list value is sent as a repeated parameter.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>>? Query { get; init; }

    /// <summary>
    /// A structured body (a dictionary of values, or a list): sent as JSON, or as form fields where the platform takes
    /// forms (nested values then travel as JSON strings). Give at most one of this and <see cref="BodyText"/>.
    /// </summary>
    public object? Body { get; init; }

    /// <summary>A body sent as it is, with <see cref="ContentType"/> (JSON by default).</summary>
    public string? BodyText { get; init; }

    public string? ContentType { get; init; }

    /// <summary>
    /// Returns signed URLs in the answer as they are, usable. By default their signatures (and any token or key in
    /// a URL's query) are masked, since a signed link is a credential for the file it points to.
    /// </summary>
    public bool IncludeSignedUrls { get; init; }
}

/// <summary>A successful answer: its status and its JSON as plain values (ordered dictionaries, arrays), or its text.</summary>
public sealed record ProviderResponse(int StatusCode, string? ContentType, object? Content, bool IsJson);

using System.Collections;
using System.Globalization;
using Newtonsoft.Json;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Providers;

/// <summary>
/// Invoke-VideoProviderRequest's engine: a request to any path of the platform, through the connection's one HTTP
/// path (authentication and renewal, Polly retries, redacted logging, the platform's error mapping). Each platform
/// adjusts only what differs, by overriding the hooks below: its headers (a versioned Accept), its body encoding
/// (forms), its path prefix and its errors inside successful answers.
/// </summary>
internal abstract partial class VideoProviderBase
{
    private static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

    public virtual async Task<ProviderResponse> InvokeAsync(ProviderRequest request, CancellationToken cancellationToken)
    {
        var method = ParseMethod(request.Method);
        var resource = ResolvePath(request.Path);
        var rest = CreateRawRequest(resource, method);
        foreach (var (name, value) in request.Query ?? Array.Empty<KeyValuePair<string, object?>>())
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "InvalidQuery", "-Query has a blank key. Give each query parameter a name: -Query @{ page = 2 }.");
            if (value is IEnumerable list and not string)
                foreach (var item in list) rest.AddQueryParameter(name, FormatScalar(item));
            else
                rest.AddQueryParameter(name, FormatScalar(value));
        }
        if (request.Body is not null || request.BodyText is not null)
        {
            if (method is Method.Get or Method.Head or Method.Options)
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "BodyNotAllowed",
                    $"A {request.Method.ToUpperInvariant()} request carries no body. Put the values in -Query, or use -Method Post, Put or Patch.");
            if (request.Body is not null && request.BodyText is not null)
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "BodyAmbiguous", "Give the body either as structured values or as text, not both.");
            try
            {
                AddRawBody(rest, request);
            }
            catch (JsonException ex)
            {
                // A value JSON cannot express (an object that refers to itself, a script block, a stream): say which
                // input and what it takes, instead of letting the serializer's own exception through.
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "BodyNotSerializable",
                    $"-Body cannot be sent as JSON: {ex.Message} Give -Body as hashtables, PSCustomObjects, arrays, strings, numbers, booleans and dates, or as a ready-made JSON string.",
                    ex);
            }
        }
        // README.md, "Faults, retries and bad input": only calls that cannot do their work twice are retried on 5xx and network faults;
        // POST and PATCH may create or append, so they are retried on 429 only (the server did nothing then).
        var kind = method is Method.Post or Method.Patch ? RequestKind.NonIdempotent : RequestKind.Idempotent;
        RestResponse response;
        try
        {
            response = await Http.SendAsync(rest, kind, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoProviderException ex) when (kind == RequestKind.NonIdempotent)
        {
            throw ex.NotingWhatMayExist($"the {method.ToString().ToUpperInvariant()} may have been carried out: check what it would have made or changed before sending it again.");
        }
        var answer = ReadRawResponse(response);
        // A signed link (a download link, a picture upload link) is a credential of its own: whoever holds it
        // can fetch or write the file. The raw answer masks its signature unless the caller asked for usable links.
        return request.IncludeSignedUrls ? answer : answer with { Content = MaskUrlSignatures(answer.Content, answer.IsJson) };
    }

    /// <summary>
    /// The answer with the signatures of signed URLs masked: in every string that is a URL and every signing field of
    /// a signed form (JSON), or anywhere (text).
    /// </summary>
    private static object? MaskUrlSignatures(object? content, bool isJson)
    {
        switch (content)
        {
            case string text when !isJson || LooksLikeUrl(text):
                return SecretRedactor.RedactUrlSignatures(text);
            case System.Collections.Specialized.OrderedDictionary fields:
                // A pre-signed upload form (url_data.fields: policy and signature beside the bucket URL) is
                // a signed URL taken apart; its signing fields are masked like a URL's signature.
                foreach (var key in fields.Keys.Cast<object>().ToList())
                    fields[key] = fields[key] is string && SecretRedactor.IsSigningField(key.ToString()) ? SecretRedactor.Mask : MaskUrlSignatures(fields[key], isJson);
                return fields;
            case object?[] items:
                for (var i = 0; i < items.Length; i++) items[i] = MaskUrlSignatures(items[i], isJson);
                return items;
            default:
                return content;
        }
    }

    private static bool LooksLikeUrl(string text) =>
        text.StartsWith('/') || Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>The API base's path below the connection's base URI, where the platform has one (e.g. api/v1/).</summary>
    protected virtual string RawPathPrefix => "";

    protected virtual RestRequest CreateRawRequest(string resource, Method method) => new(resource, method);

    /// <summary>JSON, as most platforms take it; text goes as given.</summary>
    protected virtual void AddRawBody(RestRequest rest, ProviderRequest request)
    {
        if (request.BodyText is not null)
            rest.AddStringBody(request.BodyText, request.ContentType ?? ContentType.Json);
        else
            // Serialised as given, nulls included: a raw call may need to send an explicit null.
            rest.AddStringBody(JsonConvert.SerializeObject(request.Body), request.ContentType ?? ContentType.Json);
    }

    protected virtual ProviderResponse ReadRawResponse(RestResponse response)
    {
        var status = (int)response.StatusCode;
        var type = response.ContentType;
        if (string.IsNullOrEmpty(response.Content)) return new ProviderResponse(status, type, null, false);
        var looksJson = type?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            || response.Content.TrimStart() is { Length: > 0 } t && (t[0] == '{' || t[0] == '[');
        if (looksJson)
        {
            try
            {
                return new ProviderResponse(status, type, JsonText.ToPlain(JsonText.Parse(response.Content)), true);
            }
            catch (JsonException) when (type?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            {
                // Text that merely starts like JSON: give it back as text.
            }
            catch (JsonException)
            {
                throw new VideoProviderException(ProviderErrorKind.ProtocolError, "MalformedResponse",
                    $"{DisplayName} answered {Http.Describe(response.Request)} with a body marked JSON that does not parse. Run the command again.")
                { StatusCode = status, Request = Http.Describe(response.Request) };
            }
        }
        // The connection's own secrets are masked here; URL signatures are InvokeAsync's call (-IncludeSignedUrl).
        return new ProviderResponse(status, type, Http.Redactor.Redact(response.Content, keepUrlSignatures: true), false);
    }

    private static Method ParseMethod(string method)
    {
        var upper = (method ?? "").Trim().ToUpperInvariant();
        if (!Methods.Contains(upper))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "MethodNotSupported",
                $"-Method '{method}' is not an HTTP method this command sends. Use one of {string.Join(", ", Methods)}.");
        return Enum.Parse<Method>(upper, ignoreCase: true);
    }

    /// <summary>
    /// The path as a resource relative to the connection's base URI. The credential must never go elsewhere: an
    /// absolute URL is taken only when it lies under this connection's API base, and dot segments (which could climb
    /// out of it, e.g. from one platform's prefix to another's on the same host) are refused.
    /// </summary>
    internal string ResolvePath(string path)
    {
        var text = (path ?? "").Trim();
        var baseUri = Http.BaseUri;
        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("//", StringComparison.Ordinal))
        {
            var apiBase = new Uri(baseUri, RawPathPrefix);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https")
                || !string.Equals(absolute.GetLeftPart(UriPartial.Authority), apiBase.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
                || !absolute.AbsolutePath.StartsWith(apiBase.AbsolutePath, StringComparison.Ordinal))
                throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "AbsoluteUrlNotAllowed",
                    $"-Path '{Http.Redactor.Redact(text)}' is not under this connection's API base {apiBase}: the connection's credentials are only ever sent there. Give a path relative to it, e.g. -Path videos.")
                { RecommendedAction = $"Give a path relative to {apiBase}." };
            text = absolute.PathAndQuery[baseUri.AbsolutePath.Length..];
        }
        text = text.TrimStart('/');
        var pathPart = text.Split('?', 2)[0];
        if (pathPart.Split('/').Any(segment => Uri.UnescapeDataString(segment) is "." or ".."))
            throw new VideoProviderException(ProviderErrorKind.InvalidArgument, "PathOutsideApi",
                $"-Path '{path}' has '.' or '..' segments, which could lead outside {DisplayName}'s API. Give the path without them.");
        var prefix = RawPathPrefix;
        if (prefix.Length > 0 && !text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(text, prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            text = prefix + text;
        return text;
    }

    private static string FormatScalar(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("o", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A form field's value: scalars as text, structures as JSON strings (docs/platforms/ziggeo.md#2-endpoints).</summary>
    protected static string FormField(object? value) => value is null or string or bool or IFormattable
        ? FormatScalar(value) : JsonConvert.SerializeObject(value);
}

using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace VideoPlatforms.Http;

/// <summary>
/// Removes a connection's secrets from any text before it is logged or put into an error. It knows the exact
/// secrets (keys, tokens as they are issued) and, as a second line, the shapes secrets travel in (Authorization
/// values, token query parameters, signatures of signed URLs) so a secret it was never told about is caught too.
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mask = "***";

    // Secrets shorter than this are not matched by value: masking every "a1" in a log would hide more than it protects.
    private const int MinimumSecretLength = 6;

    private readonly ConcurrentDictionary<string, byte> _secrets = new(StringComparer.Ordinal);

    public void Add(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= MinimumSecretLength) _secrets.TryAdd(secret, 0);
    }

    /// <param name="text">The text to show.</param>
    /// <param name="keepUrlSignatures">
    /// Leaves secret query parameters of URLs alone, for an output whose caller asked for usable signed links
    /// (Invoke-VideoProviderRequest -IncludeSignedUrl); the connection's own secrets are masked all the same.
    /// </param>
    public string Redact(string? text, bool keepUrlSignatures = false)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        foreach (var secret in _secrets.Keys.OrderByDescending(s => s.Length))
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = AuthorizationValue().Replace(text, m => m.Groups[1].Value + Mask);
        if (!keepUrlSignatures) text = RedactUrlSignatures(text);
        text = SecretJsonField().Replace(text, m => m.Groups[1].Value + Mask + "\"");
        text = SignedUploadData().Replace(text, m => m.Groups[1].Value + "\"" + Mask + "\"");
        return text;
    }

    /// <summary>The text with the values of secret-bearing query parameters (signatures, tokens, keys) masked.</summary>
    public static string RedactUrlSignatures(string text) => SecretQueryParameter().Replace(text, m => m.Groups[1].Value + Mask);

    /// <summary>Whether a field of a pre-signed upload form holds its signature or signed policy (S3's POST form fields).</summary>
    public static bool IsSigningField(string? name) =>
        name is not null && (name.Equals("policy", StringComparison.OrdinalIgnoreCase) || name.Equals("signature", StringComparison.OrdinalIgnoreCase)
            || name.Equals("x-amz-signature", StringComparison.OrdinalIgnoreCase) || name.Equals("x-amz-credential", StringComparison.OrdinalIgnoreCase)
            || name.Equals("x-amz-security-token", StringComparison.OrdinalIgnoreCase));

    /// <summary>A URL safe to show: secret-bearing query parameters masked.</summary>
    public string RedactUrl(Uri uri) => Redact(uri.ToString());

    [GeneratedRegex(@"((?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/=]+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    // "s" is the signature of some signed download links (docs/platforms/vimeo.md#downloads: …/source.mp4?expires=…&s=…).
    [GeneratedRegex(@"((?:[?&]|\\u0026)(?:token|access_token|api_key|apikey|key|signature|sig|s|x-amz-signature|x-amz-credential|policy)=)[^&#\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryParameter();

    [GeneratedRegex(@"(""(?:access_token|refresh_token|upload_link|accessToken|refreshToken|apiKey|api_key|client_secret|private_key|token)""\s*:\s*"")[^""]*""", RegexOptions.IgnoreCase)]
    private static partial Regex SecretJsonField();

    // A pre-signed upload form (url_data, docs/platforms/ziggeo.md#3-upload-protocol: the bucket URL and its policy, credential and signature fields)
    // is a credential as a whole; masked before its values are known, since it is logged as it arrives.
    // A log cut short mid-form is masked to its end.
    [GeneratedRegex(@"(""url_data""\s*:\s*)\{(?:[^{}]|\{[^{}]*(?:\}|$))*(?:\}|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SignedUploadData();
}

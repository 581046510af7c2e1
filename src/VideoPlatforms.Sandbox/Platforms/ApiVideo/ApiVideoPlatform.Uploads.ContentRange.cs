using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPlatforms.Sandbox.Platforms.ApiVideo;

/// <summary>api.video's Content-Range header: "bytes from-to/total" (inclusive) or "part n/total|*".</summary>
internal abstract record ContentRange
{
    internal sealed record Bytes(long From, long To, long Total) : ContentRange
    {
        public long Length => To - From + 1;
    }

    /// <summary>A part; <paramref name="Total"/> is null for "part n/*" (total not known yet).</summary>
    internal sealed record Part(long Number, long? Total) : ContentRange
    {
        /// <summary>The client flags the last part by sending "part n/n".</summary>
        public bool FlaggedLast => Total == Number;
    }

    private static readonly Regex BytesForm = new(@"^\s*bytes\s+(\d{1,19})-(\d{1,19})/(\d{1,19})\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex PartForm = new(@"^\s*part\s+(\d{1,19})/(\d{1,19}|\*)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>False for a malformed header; true with null for no header (a whole-file upload).</summary>
    public static bool TryParse(string? header, out ContentRange? range)
    {
        range = null;
        if (header is null)
        {
            return true;
        }

        var bytes = BytesForm.Match(header);
        if (bytes.Success)
        {
            if (!TryLong(bytes.Groups[1].Value, out var from) || !TryLong(bytes.Groups[2].Value, out var to) || !TryLong(bytes.Groups[3].Value, out var total))
            {
                return false;
            }

            range = new Bytes(from, to, total);
            return true;
        }

        var part = PartForm.Match(header);
        if (part.Success)
        {
            if (!TryLong(part.Groups[1].Value, out var number))
            {
                return false;
            }

            long? total = null;
            if (part.Groups[2].Value != "*")
            {
                if (!TryLong(part.Groups[2].Value, out var t))
                {
                    return false;
                }

                total = t;
            }

            range = new Part(number, total);
            return true;
        }

        return false;
    }

    private static bool TryLong(string digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

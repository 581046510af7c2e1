using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace VideoPlatforms.Copy;

/// <summary>
/// The local record of finished copies, so copying the same source to the same destination again finds the copy
/// instead of creating a second one. A local record rather than a marker on the destination video: some platforms carry
/// neither tags nor metadata, others no metadata, so only a record works the same on every platform.
/// One small JSON file per (source video, destination account), named by a hash of that pair, so parallel copies
/// never write the same file. Kept under the user's local application data, or <c>VIDEOPLATFORMS_STATE_DIR</c>.
/// </summary>
internal static class CopyRecords
{
    public const string DirectoryVariable = "VIDEOPLATFORMS_STATE_DIR";

    public static string Directory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable(DirectoryVariable);
            if (string.IsNullOrWhiteSpace(root))
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "VideoPlatforms");
            return Path.Combine(root, "copies");
        }
    }

    /// <summary>
    /// Identifies an account: the platform, its address and who the account is (<see cref="VideoProviderConnection.AccountId"/>),
    /// never the credential or its scopes, so a second token of the same account finds the same records.
    /// </summary>
    public static string AccountKey(VideoProviderConnection connection) =>
        // The address without user info or query, as the journal keeps it: a gateway's key in -BaseUri must not be written.
        $"{connection.Provider}|{Upload.UploadJournal.PublicUri(connection.BaseUri).TrimEnd('/')}|{connection.AccountId}";

    /// <summary>
    /// Whether two connections reach the same account: the very same connection, or the same platform, address and
    /// account. Where the platform does not say who the account is (api.video), only the same connection is known to be.
    /// </summary>
    public static bool SameAccount(VideoProviderConnection a, VideoProviderConnection b) =>
        ReferenceEquals(a, b) || (a.AccountId is not null && b.AccountId is not null && AccountKey(a) == AccountKey(b));

    public static string PairKey(Video source, VideoProviderConnection destination) =>
        $"{AccountKey(source.Connection!)}|{source.Id} => {AccountKey(destination)}";

    private static string FileOf(string pairKey) =>
        Path.Combine(Directory, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(pairKey))).ToLowerInvariant()[..32] + ".json");

    public static CopyRecord? Find(string pairKey)
    {
        try
        {
            var json = JObject.Parse(File.ReadAllText(FileOf(pairKey)));
            if ((string?)json["key"] != pairKey) return null;
            // A record without "extras" was written before Copy-Video carried captions: that copy is finished as it is.
            return new CopyRecord((string)json["destinationId"]!, (long)json["bytes"]!, (string)json["sha256"]!)
            {
                ExtrasFinished = json["extras"] is not JObject extras || (bool?)extras["finished"] != false,
                Carried = json["extras"]?["carried"] is JArray carried ? carried.Select(c => (string)c!).ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException or ArgumentException or InvalidCastException or NullReferenceException)
        {
            return null;
        }
    }

    public static void Save(string pairKey, CopyRecord record)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = FileOf(pairKey);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, new JObject
        {
            ["key"] = pairKey, ["destinationId"] = record.DestinationId, ["bytes"] = record.Bytes, ["sha256"] = record.Sha256,
            ["copiedAt"] = DateTimeOffset.UtcNow.ToString("O"),
            ["extras"] = new JObject { ["finished"] = record.ExtrasFinished, ["carried"] = new JArray(record.Carried.Order(StringComparer.Ordinal).ToArray()) },
        }.ToString());
        // Replace in one step, so a crash never leaves half a record that would hide a copy.
        File.Move(temporary, path, overwrite: true);
    }

    public static void Forget(string pairKey) => Download.RangeDownloader.TryDelete(FileOf(pairKey));
}

/// <summary>
/// A finished copy of the video's bytes, and what of the rest (captions, the thumbnail) has been carried to it: each
/// carried item is recorded as soon as it is attached, so a run stopped half-way is finished by the next one without
/// attaching anything twice; <see cref="ExtrasFinished"/> once every item was carried or warned about.
/// </summary>
internal sealed record CopyRecord(string DestinationId, long Bytes, string Sha256)
{
    public bool ExtrasFinished { get; init; }

    /// <summary>The keys of the carried items (<see cref="CopyExtras"/>: captions/en/trackid, thumbnail).</summary>
    public HashSet<string> Carried { get; init; } = new(StringComparer.Ordinal);
}

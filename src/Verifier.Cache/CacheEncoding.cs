using System.Globalization;
using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// Values are one string of fields joined by the ASCII unit separator (0x1F): a header, then the payload.
/// <code>
///   header:  version␟epoch␟markers       (markers: comma-separated tokens, empty when none; see <see cref="CacheScripts"/>)
///   product: header␟id␟ownerId␟withdrawn(0|1)
///   batch:   header␟id␟productId␟expiry␟recalled(0|1)
///   pack:    header␟batchId␟state␟repeatCount␟changedAtUtcTicks␟packBatchName␟changedByClient␟changedByLocation
/// </code>
/// A plain string is the most compact value in both Redis and Garnet (a hash costs an object per
/// key), and the header first lets the scripts compare versions without a full parse. A marked
/// key decodes as a miss. Codes already in the key (product code, batch name of a batch key,
/// serial) are not repeated. 0x1F cannot occur in scanned data (GS1 CSET 82, IFA) and a field that
/// holds it anyway makes the record uncacheable rather than ambiguous. Times come back in UTC.
/// </summary>
internal static class CacheEncoding
{
    public const char Separator = '\u001f';

    private const int HeaderFields = 3;

    /// <summary>A record's version and its payload (the fields after the header); null when it cannot be encoded.</summary>
    public readonly record struct Encoded(long Version, string Payload);

    public static Encoded? Encode(ProductRecord product) =>
        Payload(product.Version, Number(product.Id), product.OwnerId, Flag(product.Withdrawn));

    public static Encoded? Encode(BatchRecord batch) =>
        Payload(batch.Version, Number(batch.Id), Number(batch.ProductId), batch.Expiry, Flag(batch.Recalled));

    /// <summary>The pack's batch name is stored with it because the pack record only knows the batch id.</summary>
    public static Encoded? Encode(PackRecord pack, string packBatchName) =>
        Payload(
            pack.Version,
            Number(pack.BatchId),
            Number((int)pack.State),
            Number(pack.RepeatCount),
            pack.ChangedAt is { } at ? Number(at.UtcTicks) : "",
            packBatchName,
            pack.ChangedByClient ?? "",
            pack.ChangedByLocation ?? "");

    /// <summary>A stored value as the scripts write it (tests, and the reader's own checks).</summary>
    public static string Value(Encoded encoded, long epoch, string markers = "") =>
        string.Join(Separator, Number(encoded.Version), Number(epoch), markers, encoded.Payload);

    public static (ProductRecord Product, long Epoch)? DecodeProduct(string productCode, string? value)
    {
        if (Split(value, 3) is not { } f
            || !TryNumber(f[3], out var id) || !TryFlag(f[5], out var withdrawn))
        {
            return null;
        }

        return (new ProductRecord(id, productCode, f[4], withdrawn, f.Version), f.Epoch);
    }

    public static (BatchRecord Batch, long Epoch)? DecodeBatch(string batch, string? value)
    {
        if (Split(value, 4) is not { } f
            || !TryNumber(f[3], out var id) || !TryNumber(f[4], out var productId) || !TryFlag(f[6], out var recalled))
        {
            return null;
        }

        return (new BatchRecord(id, productId, batch, f[5], recalled, f.Version), f.Epoch);
    }

    public static (PackRecord Pack, string PackBatchName, long Epoch)? DecodePack(string serialNumber, string? value)
    {
        if (Split(value, 7) is not { } f
            || !TryNumber(f[3], out var batchId)
            || !TryNumber(f[4], out var state) || !Enum.IsDefined((PackState)state)
            || !int.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var repeats))
        {
            return null;
        }

        DateTimeOffset? changedAt = null;
        if (f[6].Length > 0)
        {
            if (!TryNumber(f[6], out var ticks) || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return null;
            }

            changedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        var pack = new PackRecord(
            batchId, serialNumber, (PackState)state, f.Version, changedAt, NullIfEmpty(f[8]), NullIfEmpty(f[9]), repeats);
        return (pack, f[7], f.Epoch);
    }

    private static Encoded? Payload(long version, params ReadOnlySpan<string> fields) =>
        Join(fields) is { } payload ? new Encoded(version, payload) : null;

    /// <summary>The fields of an unmarked value with a readable header; null for a miss, a marked key or anything malformed.</summary>
    private static Fields? Split(string? value, int payloadCount)
    {
        if (value is null)
        {
            return null;
        }

        var fields = value.Split(Separator);
        return fields.Length == HeaderFields + payloadCount
            && fields[2].Length == 0
            && TryNumber(fields[0], out var version) && TryNumber(fields[1], out var epoch)
            ? new Fields(fields, version, epoch)
            : null;
    }

    private sealed record Fields(string[] All, long Version, long Epoch)
    {
        public string this[int index] => All[index];
    }

    private static string? Join(params ReadOnlySpan<string> fields)
    {
        foreach (var field in fields)
        {
            if (field.Contains(Separator))
            {
                return null;
            }
        }

        return string.Join(Separator, fields);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "1" : "0";

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryFlag(string text, out bool value)
    {
        value = text == "1";
        return text is "0" or "1";
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}

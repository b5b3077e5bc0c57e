using System.Globalization;
using Verifier.Core.Packs;

namespace Verifier.Cache;

/// <summary>
/// Values are one string of fields joined by the ASCII unit separator (0x1F), version first:
/// <code>
///   product: version␟id␟ownerId␟withdrawn(0|1)
///   batch:   version␟id␟productId␟expiry␟recalled(0|1)
///   pack:    version␟batchId␟state␟repeatCount␟changedAtUtcTicks␟packBatchName␟changedByClient␟changedByLocation
/// </code>
/// A plain string is the most compact value in both Redis and Garnet (a hash costs an object per
/// key), and the version first lets the write script compare versions without a full parse.
/// Codes already in the key (product code, batch name of a batch key, serial) are not repeated.
/// 0x1F cannot occur in scanned data (GS1 CSET 82, IFA) and a field that holds it anyway makes
/// the record uncacheable rather than ambiguous. Times come back in UTC (the offset is not kept).
/// </summary>
internal static class CacheEncoding
{
    public const char Separator = '\u001f';

    public static string? Encode(ProductRecord product) =>
        Join(Number(product.Version), Number(product.Id), product.OwnerId, Flag(product.Withdrawn));

    public static string? Encode(BatchRecord batch) =>
        Join(Number(batch.Version), Number(batch.Id), Number(batch.ProductId), batch.Expiry, Flag(batch.Recalled));

    /// <summary>The pack's batch name is stored with it because the pack record only knows the batch id.</summary>
    public static string? Encode(PackRecord pack, string packBatchName) =>
        Join(
            Number(pack.Version),
            Number(pack.BatchId),
            Number((int)pack.State),
            Number(pack.RepeatCount),
            pack.ChangedAt is { } at ? Number(at.UtcTicks) : "",
            packBatchName,
            pack.ChangedByClient ?? "",
            pack.ChangedByLocation ?? "");

    public static ProductRecord? DecodeProduct(string productCode, string? value)
    {
        if (Split(value, 4) is not { } f
            || !TryNumber(f[0], out var version) || !TryNumber(f[1], out var id) || !TryFlag(f[3], out var withdrawn))
        {
            return null;
        }

        return new ProductRecord(id, productCode, f[2], withdrawn, version);
    }

    public static BatchRecord? DecodeBatch(string batch, string? value)
    {
        if (Split(value, 5) is not { } f
            || !TryNumber(f[0], out var version) || !TryNumber(f[1], out var id)
            || !TryNumber(f[2], out var productId) || !TryFlag(f[4], out var recalled))
        {
            return null;
        }

        return new BatchRecord(id, productId, batch, f[3], recalled, version);
    }

    public static (PackRecord Pack, string PackBatchName)? DecodePack(string serialNumber, string? value)
    {
        if (Split(value, 8) is not { } f
            || !TryNumber(f[0], out var version) || !TryNumber(f[1], out var batchId)
            || !TryNumber(f[2], out var state) || !Enum.IsDefined((PackState)state)
            || !int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var repeats))
        {
            return null;
        }

        DateTimeOffset? changedAt = null;
        if (f[4].Length > 0)
        {
            if (!TryNumber(f[4], out var ticks) || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return null;
            }

            changedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        var pack = new PackRecord(
            batchId, serialNumber, (PackState)state, version, changedAt, NullIfEmpty(f[6]), NullIfEmpty(f[7]), repeats);
        return (pack, f[5]);
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

    private static string[]? Split(string? value, int count)
    {
        if (value is null)
        {
            return null;
        }

        var fields = value.Split(Separator);
        return fields.Length == count ? fields : null;
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

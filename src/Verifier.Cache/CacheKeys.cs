namespace Verifier.Cache;

/// <summary>
/// The key layout. Product, batch and pack state live under separate keys so that a recall or a
/// withdrawal rewrites one key instead of every pack of the batch or product:
/// <code>
/// ({prefix} is the configured prefix, e.g. <c>vf2:</c>; the key has no epoch, the value carries it.)
///   {prefix}p:{productCode}                  product  (withdrawn flag)
///   {prefix}b:{productCode}:{batch}          batch    (expiry, recalled flag)
///   {prefix}k:{productCode}:{serialNumber}   pack     (state, last change, pack's batch name)
/// </code>
/// Every command touches exactly one key and no key has a <c>{hash tag}</c>, so keys spread over
/// all Redis Cluster slots and no product becomes a hot slot. The product code is the only inner
/// component; GTIN/NTIN and PPN codes never contain ':', and codes that do are not cached, so the
/// layout stays unambiguous even though batches and serials (GS1 CSET 82) may contain ':'.
/// </summary>
internal sealed class CacheKeys(string prefix)
{
    /// <summary>The configured prefix, e.g. <c>vf2:</c>.</summary>
    public string Prefix => prefix;

    public string Product(string productCode) => $"{prefix}p:{productCode}";

    public string Batch(string productCode, string batch) => $"{prefix}b:{productCode}:{batch}";

    public string Pack(string productCode, string serialNumber) => $"{prefix}k:{productCode}:{serialNumber}";

    public static bool IsCacheable(string productCode) => productCode.Length > 0 && !productCode.Contains(':');
}

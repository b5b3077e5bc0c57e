using Verifier.Core.Identification.Iso15434;

namespace Verifier.Core.Identification.Parsing;

/// <summary>The unique-identifier elements picked from a scan's elements (first occurrence of each).</summary>
internal sealed record UniqueIdentifierFields(
    string? ProductCode,
    ProductCodeScheme? Scheme,
    string? SerialNumber,
    string? Batch,
    string? Expiry,
    DateOnly? ExpiryDate,
    string? Nhrn,
    string? NhrnKey)
{
    public static readonly UniqueIdentifierFields None = new(null, null, null, null, null, null, null, null);

    public static UniqueIdentifierFields From(ScanReading reading)
    {
        var elements = reading.Elements;
        string? productCode;
        ProductCodeScheme? scheme;
        string? serial, batch, expiry;
        ScanElement? nhrn = null;
        if (reading.Format == ScanFormat.Iso15434Format06)
        {
            // IFA codes carry the PPN; an NTIN in 8P is the alternative product code.
            var ppn = First(elements, DataIdentifiers.Ppn);
            var gtin = First(elements, DataIdentifiers.Gtin);
            (productCode, scheme) = ppn is not null ? (ppn, ProductCodeScheme.Ppn)
                : gtin is not null ? (gtin, ProductCodeScheme.Gtin)
                : ((string?)null, (ProductCodeScheme?)null);
            serial = First(elements, DataIdentifiers.Serial);
            batch = First(elements, DataIdentifiers.Batch);
            expiry = First(elements, DataIdentifiers.Expiry);
        }
        else
        {
            productCode = First(elements, "01");
            scheme = productCode is null ? null : ProductCodeScheme.Gtin;
            serial = First(elements, "21");
            batch = First(elements, "10");
            expiry = First(elements, "17");
            nhrn = elements.Find(e => e.Key.Length == 3 && e.Key.StartsWith("71", StringComparison.Ordinal));
        }

        DateOnly? expiryDate = Identification.ExpiryDate.TryParse(expiry, out var date) ? date : null;
        return new UniqueIdentifierFields(productCode, scheme, serial, batch, expiry, expiryDate, nhrn?.Value, nhrn?.Key);
    }

    private static string? First(List<ScanElement> elements, string key) => elements.Find(e => e.Key == key)?.Value;
}

using Verifier.Core.Access;
using Verifier.Core.Identification;
using Verifier.Server.Identity;
using Verifier.Storage;
using V1 = Verifier.V1;

namespace Verifier.Server.MasterData;

/// <summary>Turns an UpsertProduct request into master data, or InvalidArgument naming the field.</summary>
internal static class ProductChecks
{
    public const int MaxProductCodeLength = 50;
    private const int MaxTextLength = 200;

    /// <summary>
    /// Markets whose packs carry a national reimbursement number (domain.md section 2). Germany's
    /// PZN is part of a PPN or a 4150 NTIN, so there it is only required for other GTINs.
    /// </summary>
    private static readonly HashSet<string> NhrnMarkets = ["DE", "FR", "ES", "PT"];

    public static ProductMasterData ToMasterData(V1.Product? product, Caller caller)
    {
        if (product is null) throw RequestErrors.Invalid("product is required.");
        var code = product.ProductCode;
        var scheme = product.Scheme switch
        {
            V1.ProductCodeScheme.Gtin when code.Length == 14 && Gs1CheckDigit.IsValid(code) => ProductCodeScheme.Gtin,
            V1.ProductCodeScheme.Gtin => throw RequestErrors.Invalid($"product_code {code} is not a GTIN-14/NTIN: 14 digits with a valid GS1 check digit."),
            V1.ProductCodeScheme.Ppn when PpnCheckDigits.IsValid(code) => ProductCodeScheme.Ppn,
            V1.ProductCodeScheme.Ppn => throw RequestErrors.Invalid($"product_code {code} is not a PPN: 12 characters with valid mod-97 check digits."),
            _ => throw RequestErrors.Invalid("scheme is required: PRODUCT_CODE_SCHEME_GTIN or PRODUCT_CODE_SCHEME_PPN."),
        };
        Text(product.Name, "name", required: true);
        Text(product.CommonName, "common_name", required: false);
        Text(product.PharmaceuticalForm, "pharmaceutical_form", required: false);
        Text(product.Strength, "strength", required: false);
        Text(product.PackType, "pack_type", required: false);
        if (product.PackSize <= 0) throw RequestErrors.Invalid("pack_size must be positive.");

        var markets = product.TargetMarkets.Select(m => m.Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (markets.Count == 0) throw RequestErrors.Invalid("target_markets needs at least one ISO 3166-1 alpha-2 market.");
        if (markets.FirstOrDefault(m => !IsMarket(m)) is { } badMarket) throw RequestErrors.Invalid($"target_markets: '{badMarket}' is not an ISO 3166-1 alpha-2 code.");

        var nhrn = product.Nhrn.Trim();
        if (nhrn.Length > 20 || (nhrn.Length > 0 && !nhrn.All(char.IsAsciiLetterOrDigit))) throw RequestErrors.Invalid("nhrn: at most 20 letters or digits.");
        var carriesPzn = scheme == ProductCodeScheme.Ppn || code.StartsWith("04150", StringComparison.Ordinal);
        if (nhrn.Length == 0 && markets.FirstOrDefault(m => NhrnMarkets.Contains(m) && !(m == "DE" && carriesPzn)) is { } needsNhrn)
        {
            throw RequestErrors.Invalid($"nhrn is required for market {needsNhrn}.");
        }

        // An MAH always uploads as itself; an operator names the owning MAH.
        var owner = caller.Role == ClientRole.Mah ? caller.ClientId : product.MahId;
        if (string.IsNullOrEmpty(owner)) throw RequestErrors.Invalid("mah_id is required when an operator upserts a product.");

        return new ProductMasterData(code, scheme, product.Name.Trim(), product.CommonName.Trim(), product.PharmaceuticalForm.Trim(),
            product.Strength.Trim(), product.PackSize, product.PackType.Trim(), markets, nhrn.Length == 0 ? null : nhrn, owner);
    }

    public static bool IsMarket(string market) => market.Length == 2 && market.All(char.IsAsciiLetterUpper);

    private static void Text(string value, string field, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value)) throw RequestErrors.Invalid($"{field} is required.");
        if (value.Length > MaxTextLength) throw RequestErrors.Invalid($"{field} is longer than {MaxTextLength} characters.");
    }
}

namespace Verifier.Core.Identification;

/// <summary>
/// The safety-feature unique identifier of one pack (DR Art 4), exactly as printed.
/// Values are kept literally: the serial number is case-sensitive and the expiry stays in its
/// printed YYMMDD form because the repository compares it with the uploaded form.
/// </summary>
public sealed record UniqueIdentifier(
    string ProductCode,
    ProductCodeScheme Scheme,
    string SerialNumber,
    string Batch,
    string Expiry,
    string? Nhrn);

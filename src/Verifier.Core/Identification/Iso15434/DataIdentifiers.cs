namespace Verifier.Core.Identification.Iso15434;

/// <summary>
/// The ASC MH10.8.2 data identifiers of the IFA coding rules for the German securPharm UI
/// (ISO/IEC 15434 format 06) and how their values are checked.
/// </summary>
internal static class DataIdentifiers
{
    /// <summary>PPN, the product code.</summary>
    public const string Ppn = "9N";

    /// <summary>GTIN/NTIN, alternative product code.</summary>
    public const string Gtin = "8P";

    public const string Batch = "1T";

    /// <summary>Expiry date YYMMDD (DD may be 00).</summary>
    public const string Expiry = "D";

    public const string Serial = "S";

    /// <summary>Date of manufacture YYYYMMDD.</summary>
    public const string ProductionDate = "16D";

    // IFA limits batch and serial to 20 characters, as the DR does for the UI.
    public const int MaxBatchOrSerialLength = 20;

    public static bool IsFmd(string di) => di is Ppn or Gtin or Batch or Expiry or Serial;

    /// <summary>Length of the data identifier at the start of a field: up to three digits then an upper-case letter; 0 if none.</summary>
    public static int Measure(ReadOnlySpan<char> field)
    {
        var digits = 0;
        while (digits < field.Length && digits < 3 && char.IsAsciiDigit(field[digits]))
        {
            digits++;
        }

        return digits < field.Length && char.IsAsciiLetterUpper(field[digits]) ? digits + 1 : 0;
    }
}

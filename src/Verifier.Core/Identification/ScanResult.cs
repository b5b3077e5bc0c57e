using Verifier.Core.Identification.Parsing;

namespace Verifier.Core.Identification;

/// <summary>
/// Everything read from one scan: the unique-identifier fields (literally, even when invalid),
/// every element in order, the problems found and hints about likely corruptions.
/// </summary>
public sealed class ScanResult
{
    private readonly UniqueIdentifierFields _fields;

    internal ScanResult(
        ScanFormat format,
        string? symbologyIdentifier,
        UniqueIdentifierFields fields,
        IReadOnlyList<ScanElement> elements,
        IReadOnlyList<ScanProblem> problems,
        IReadOnlyList<ScanHint> hints)
    {
        Format = format;
        SymbologyIdentifier = symbologyIdentifier;
        _fields = fields;
        Elements = elements;
        Problems = problems;
        Hints = hints;
        if (problems.Count == 0 && fields is { ProductCode: not null, Scheme: not null, SerialNumber: not null, Batch: not null, Expiry: not null })
        {
            Identifier = new UniqueIdentifier(fields.ProductCode, fields.Scheme.Value, fields.SerialNumber, fields.Batch, fields.Expiry, fields.Nhrn);
        }
    }

    public ScanFormat Format { get; }

    /// <summary>The AIM symbology identifier the scanner prefixed, e.g. "]d2"; null if none.</summary>
    public string? SymbologyIdentifier { get; }

    public string? ProductCode => _fields.ProductCode;

    public ProductCodeScheme? Scheme => _fields.Scheme;

    public string? SerialNumber => _fields.SerialNumber;

    public string? Batch => _fields.Batch;

    /// <summary>The expiry exactly as printed (YYMMDD, DD may be 00).</summary>
    public string? Expiry => _fields.Expiry;

    /// <summary>The last day the pack may be used, when <see cref="Expiry"/> is a valid date (20YY; DD=00 is the month's last day).</summary>
    public DateOnly? ExpiryDate => _fields.ExpiryDate;

    /// <summary>National healthcare reimbursement number (AI 710-717), if present.</summary>
    public string? Nhrn => _fields.Nhrn;

    /// <summary>The AI that carried <see cref="Nhrn"/>, e.g. "710".</summary>
    public string? NhrnKey => _fields.NhrnKey;

    /// <summary>Every AI/DI seen, in scan order, including ones the FMD does not use.</summary>
    public IReadOnlyList<ScanElement> Elements { get; }

    public IReadOnlyList<ScanProblem> Problems { get; }

    public IReadOnlyList<ScanHint> Hints { get; }

    /// <summary>Product code, serial, batch and expiry are present and nothing is wrong.</summary>
    public bool IsComplete => Identifier is not null;

    /// <summary>The unique identifier; non-null exactly when <see cref="IsComplete"/>.</summary>
    public UniqueIdentifier? Identifier { get; }

    internal ScanResult WithHints(IReadOnlyList<ScanHint> hints) =>
        new(Format, SymbologyIdentifier, _fields, Elements, Problems, hints);
}

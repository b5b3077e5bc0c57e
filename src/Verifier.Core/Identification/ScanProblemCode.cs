namespace Verifier.Core.Identification;

/// <summary>
/// Stable codes for everything that can be wrong with a scan. The JSON name of each code is its
/// SCREAMING_SNAKE form (see <see cref="ScanProblemCodes.StableName"/>); never renumber or rename.
/// </summary>
public enum ScanProblemCode
{
    // Input
    /// <summary>Nothing was scanned (or nothing after the symbology identifier).</summary>
    Empty,
    /// <summary>The scan exceeds <see cref="ScanParser.MaxScanLength"/> characters; nothing else was parsed.</summary>
    TooLong,
    /// <summary>A control character that has no place there (NUL, CR inside data, RS/EOT outside an envelope ...).</summary>
    ControlCharacter,
    /// <summary>A lone UTF-16 surrogate or U+FFFD: the text was damaged by a character-encoding conversion.</summary>
    EncodingError,
    /// <summary>Not a GS1 element string, HRI, Digital Link or ISO/IEC 15434 message.</summary>
    UnrecognisedFormat,
    /// <summary>Starts with ']' but is not a known AIM symbology identifier.</summary>
    UnknownSymbologyIdentifier,

    // Syntax
    /// <summary>Digits where an AI is expected do not form an AI of the GS1 table (length unknown, parsing stops until the next GS).</summary>
    UnknownAi,
    /// <summary>An HRI bracket does not hold a 2-4 digit AI, or is not closed.</summary>
    MalformedAi,
    /// <summary>A value is shorter than its AI/DI allows (includes empty values).</summary>
    AiValueTooShort,
    /// <summary>A value is longer than its AI/DI allows.</summary>
    AiValueTooLong,
    /// <summary>A character outside the value's character set (digits for N, GS1 CSET 82 for X, CSET 39, CSET 64).</summary>
    InvalidCharacter,
    /// <summary>Two GS separators in a row (the GS1 reference engine rejects this).</summary>
    DoubledSeparator,
    /// <summary>A fixed-length AI that needs a GS separator runs straight into the next AI.</summary>
    MissingSeparator,
    /// <summary>The ISO/IEC 15434 envelope is damaged: missing RS or GS after the header, unsupported format, data after EOT.</summary>
    MalformedEnvelope,
    /// <summary>An ISO/IEC 15434 format 06 field does not start with a data identifier (digits then an upper-case letter).</summary>
    UnknownDataIdentifier,
    /// <summary>A GS1 Digital Link URI is malformed: bad host, characters, percent-encoding, key/qualifier path, query.</summary>
    MalformedDigitalLink,

    // Content
    /// <summary>The mod-10 check digit of a GTIN (AI 01/02/03, DI 8P) is wrong.</summary>
    GtinCheckDigit,
    /// <summary>The mod-97 check digits of a PPN (DI 9N) are wrong.</summary>
    PpnCheckDigit,
    /// <summary>Another GS1 check digit or check-character pair (SSCC, GLN, GRAI, GMN ...) is wrong.</summary>
    CheckDigit,
    /// <summary>A date is impossible (month 13, 30 February, day 00 where not allowed ...).</summary>
    InvalidDate,
    /// <summary>A time of day is impossible (hour 24, minute 60 ...).</summary>
    InvalidTime,
    /// <summary>Any other value rule of the GS1 syntax dictionary (country/currency code, IBAN, coupon ...).</summary>
    InvalidValue,

    // Association
    /// <summary>The same AI/DI occurs twice with different values (identical repeats are allowed, except in Digital Link).</summary>
    DuplicateAi,
    /// <summary>Two AIs that GS1 forbids together, e.g. (01) with (02).</summary>
    ConflictingAis,
    /// <summary>An AI lacks an AI it requires, e.g. (21) without (01).</summary>
    RequisiteAiMissing,
    /// <summary>A digital signature (8030) accompanies a key without its serial component.</summary>
    SignatureNeedsSerialisedKey,

    // Completeness
    /// <summary>The symbology identifier marks a non-GS1 symbol (e.g. ]d1, ]Q1, an EAN-13) whose data is not a unique identifier.</summary>
    NonGs1Data,
    /// <summary>No product code: neither AI (01) nor DI 9N/8P.</summary>
    MissingProductCode,
    /// <summary>No serial number: neither AI (21) nor DI S.</summary>
    MissingSerial,
    /// <summary>No batch: neither AI (10) nor DI 1T.</summary>
    MissingBatch,
    /// <summary>No expiry date: neither AI (17) nor DI D.</summary>
    MissingExpiry,
}

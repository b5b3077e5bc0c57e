namespace Verifier.Core.Identification;

/// <summary>The structure a scan was recognised as.</summary>
public enum ScanFormat
{
    /// <summary>Nothing recognisable: empty, too long, or not one of the formats below.</summary>
    Unknown,

    /// <summary>GS1 element string: AIs run together, variable-length values ended by GS (FNC1).</summary>
    Gs1ElementString,

    /// <summary>GS1 human-readable interpretation, AIs in brackets: <c>(01)…(17)…</c>.</summary>
    Gs1Hri,

    /// <summary>ISO/IEC 15434 envelope, format 05: GS1 AIs inside <c>[)&gt;␞05␝…␞␄</c>.</summary>
    Iso15434Format05,

    /// <summary>ISO/IEC 15434 envelope, format 06: ASC MH10 data identifiers (IFA: 9N, 1T, D, S).</summary>
    Iso15434Format06,

    /// <summary>GS1 Digital Link URI (<c>https://host/01/…/21/…</c>), e.g. from a QR code.</summary>
    Gs1DigitalLink,
}

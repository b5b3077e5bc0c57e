namespace Verifier.Core.Identification;

/// <summary>
/// Known scanner and keyboard corruptions a scan shows signs of. Hints never change the literal
/// parse; they offer a suggested reading that a client may verify instead, with the user's consent.
/// </summary>
public enum ScanHintCode
{
    /// <summary>Letter case looks inverted (Caps Lock on a keyboard-wedge scanner).</summary>
    CapsLockInverted,
    /// <summary>Scanner and host disagree on the keyboard layout (US/DE/FR): Y/Z, brackets, ']' and GS come out as other characters.</summary>
    KeyboardLayoutSwap,
    /// <summary>A GS separator seems lost: a variable-length value swallowed the next element.</summary>
    MissingGroupSeparator,
    /// <summary>Typed by hand with look-alike characters (O/0, I/l/1, E/3) or spaces in numeric fields.</summary>
    ManualEntryConfusion,
    /// <summary>An ISO/IEC 15434 message lacks its closing RS/EOT (many wedge scanners drop them); read anyway.</summary>
    TruncatedEnvelope,
}

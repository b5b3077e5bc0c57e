namespace Verifier.Core.Identification.Hints;

/// <summary>
/// Looks for the corruptions behind most false alerts (Caps Lock, keyboard layout, lost GS,
/// typing errors) by re-reading repaired variants of the scan. The literal parse is never
/// changed; a hint only offers the repaired text.
/// </summary>
internal static class ScanHints
{
    public static IReadOnlyList<ScanHint> Find(string scan, ScanResult literal)
    {
        var hints = new List<ScanHint>();
        CaseInversion.Find(scan, literal, hints);
        KeyboardLayouts.Find(scan, literal, hints);
        SeparatorRecovery.Find(scan, literal, hints);
        ManualEntry.Find(scan, literal, hints);

        // Two detectors may arrive at the same repair; one hint per reading is enough.
        return hints
            .Where(h => h.SuggestedReading is null || h.SuggestedReading != scan)
            .DistinctBy(h => h.SuggestedReading ?? h.Code.ToString())
            .ToList();
    }

    /// <summary>
    /// A repair is worth suggesting when it yields a complete unique identifier, or when it
    /// removes every structural and content fault of a faulty scan (something may still be
    /// missing, e.g. because a second corruption hit the same scan).
    /// </summary>
    internal static bool Improves(ScanResult literal, ScanResult candidate)
    {
        if (literal.IsComplete)
        {
            return false;
        }

        return candidate.IsComplete || (HasFaults(literal) && !HasFaults(candidate) && candidate.Format != ScanFormat.Unknown);
    }

    internal static bool HasFaults(ScanResult result) =>
        result.Problems.Any(p => p.Category is ScanProblemCategory.Input or ScanProblemCategory.Syntax or ScanProblemCategory.Content);

    /// <summary>How many UI elements a reading has; the NHRN counts too, as a lost separator may hide it.</summary>
    internal static int FieldCount(ScanResult result) =>
        (result.ProductCode is null ? 0 : 1) + (result.SerialNumber is null ? 0 : 1)
        + (result.Batch is null ? 0 : 1) + (result.Expiry is null ? 0 : 1) + (result.Nhrn is null ? 0 : 1);
}

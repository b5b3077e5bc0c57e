namespace Verifier.Core.Packs;

/// <summary>The machine-readable outcome of a pack operation (domain.md section 5). Numbering matches the wire enum.</summary>
public enum Outcome
{
    Success = 1,
    ProductUnknown = 2,
    BatchUnknown = 3,
    SerialUnknown = 4,
    ExpiryMismatch = 5,
    BatchMismatch = 6,
    AlreadyInState = 7,
    AlreadyInactive = 8,
    UndoStateMismatch = 9,
    UndoTooLate = 10,
    UndoOtherLocation = 11,
    BatchRecalled = 12,
    ProductWithdrawn = 13,
    PackExpired = 14,
    TransactionIdReused = 15,
    RateLimited = 16,
    UndoIrreversible = 17,
    NotDecommissioned = 18,
}

public static class OutcomeFacts
{
    /// <summary>The scan does not match any stored pack (unknown product, batch or serial, or other batch/expiry).</summary>
    public static bool IsIdentityMismatch(this Outcome outcome) => outcome is Outcome.ProductUnknown or Outcome.BatchUnknown
        or Outcome.SerialUnknown or Outcome.ExpiryMismatch or Outcome.BatchMismatch;

    /// <summary>The national systems' return code, so terminals and help desks share one vocabulary.</summary>
    public static string NationalCode(this Outcome outcome) => outcome switch
    {
        Outcome.Success => "NMVS_SUCCESS",
        Outcome.ProductUnknown => "NMVS_NC_PC_01",
        Outcome.BatchUnknown => "NMVS_FE_LOT_03",
        Outcome.SerialUnknown => "NMVS_NC_PC_02",
        Outcome.ExpiryMismatch => "NMVS_FE_LOT_12",
        Outcome.BatchMismatch => "NMVS_FE_LOT_13",
        Outcome.AlreadyInState => "NMVS_NC_PCK_19",
        Outcome.AlreadyInactive => "NMVS_NC_PCK_22",
        Outcome.UndoStateMismatch => "NMVS_NC_PCK_06",
        Outcome.UndoTooLate => "NMVS_NC_PCK_20",
        Outcome.UndoOtherLocation => "NMVS_NC_PCK_21",
        Outcome.BatchRecalled => "NMVS_FE_LOT_01",
        Outcome.ProductWithdrawn => "NMVS_FE_LOT_08",
        Outcome.PackExpired => "NMVS_NC_PCK_02",
        Outcome.TransactionIdReused => "NMVS_TE_TX_01",
        Outcome.RateLimited => "NMVS_FI_SE_CLI_01",
        // No public national code is documented for these two; ours are prefixed VRF_.
        Outcome.UndoIrreversible => "VRF_UNDO_IRREVERSIBLE",
        Outcome.NotDecommissioned => "VRF_NOT_DECOMMISSIONED",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string DefaultMessage(this Outcome outcome) => outcome switch
    {
        Outcome.Success => "The operation succeeded.",
        Outcome.ProductUnknown => "The product code is not known to the national system.",
        Outcome.BatchUnknown => "Neither the batch nor the serial number is known for this product.",
        Outcome.SerialUnknown => "The batch is known but the serial number is not.",
        Outcome.ExpiryMismatch => "The expiry date differs from the one uploaded for this batch.",
        Outcome.BatchMismatch => "The serial number belongs to another batch of this product.",
        Outcome.AlreadyInState => "The pack is already in the requested state at this location (double scan).",
        Outcome.AlreadyInactive => "The pack is already inactive.",
        Outcome.UndoStateMismatch => "The undo does not match the pack's state.",
        Outcome.UndoTooLate => "The undo comes after the legal time limit.",
        Outcome.UndoOtherLocation => "Only the client and location that decommissioned the pack may undo it.",
        Outcome.BatchRecalled => "The batch has been recalled.",
        Outcome.ProductWithdrawn => "The product has been withdrawn from this market.",
        Outcome.PackExpired => "The pack has expired.",
        Outcome.TransactionIdReused => "The client transaction id was already used for a different request.",
        Outcome.RateLimited => "Too many requests from this client.",
        Outcome.UndoIrreversible => "A destroyed or stolen pack can never be reverted to active.",
        Outcome.NotDecommissioned => "The pack is active; there is nothing to undo.",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}

using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>The inactive reasons a pack inherits from its product or batch.</summary>
public enum Inherited
{
    Withdrawn,
    Recalled,
    Expired,
}

/// <summary>How much of the scanned identifier the store knows.</summary>
public enum IdentityCase
{
    ProductUnknown,
    BatchAndSerialUnknown,
    SerialUnknown,
    SerialUnderAnotherBatch,
    ExpiryDiffers,
    /// <summary>Stored "DD = 00" but printed as the explicit last day: the printed form must match the upload.</summary>
    ExpiryEndOfMonthPrintedAsLastDay,
}

/// <summary>The pack operations that go through <see cref="PackRules"/>.</summary>
public enum PackOperation
{
    Verify,
    Decommission,
    Undo,
    FlagSuspect,
}

/// <summary>Fixed facts shared by the pack tests: one product, one batch, one pack, fixed clock.</summary>
public static class Given
{
    public const string ProductCode = "04150123456782";
    public const string Serial = "ABC123";
    public const string Lot = "LOT42";
    public const string OtherLot = "LOT7";
    public const string FarExpiry = "271231";
    /// <summary>Expired before <see cref="Now"/>.</summary>
    public const string PastExpiry = "260228";

    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly Requester Pharmacy = new("pharmacy-1", "premises-1");
    /// <summary>Another client at other premises.</summary>
    public static readonly Requester OtherPharmacy = new("pharmacy-2", "premises-2");

    public static readonly PackRules Rules = new(new PackRulesPolicy());

    public static readonly PackState[] InactiveStates =
        [.. Enum.GetValues<PackState>().Where(s => s != PackState.Active)];

    public static readonly PackState[] ReversibleStates =
        [PackState.Supplied, PackState.Exported, PackState.Sample, PackState.FreeSample, PackState.Locked, PackState.CheckedOut];

    public static PackViewBuilder ActivePack() => new();

    /// <summary>A pack decommissioned by <see cref="Pharmacy"/> at <paramref name="at"/>.</summary>
    public static PackViewBuilder PackIn(PackState state, DateTimeOffset at) => new PackViewBuilder().In(state, at);

    public static Decision Run(this PackRules rules, PackOperation operation, PackView view, ScannedPack scan,
        DecommissionReason reason, Requester requester, DateTimeOffset now) => operation switch
    {
        PackOperation.Verify => rules.Verify(view, scan, now),
        PackOperation.Decommission => rules.Decommission(view, scan, reason, requester, now),
        PackOperation.Undo => rules.Undo(view, scan, reason, requester, now),
        PackOperation.FlagSuspect => rules.FlagSuspect(view, scan, now),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}

/// <summary>
/// Builds a <see cref="PackView"/> as the store would return it, plus the scan printed on that pack.
/// Defaults: a product on the market, batch LOT42 expiring 31 Dec 2027, an active pack ABC123.
/// </summary>
public sealed class PackViewBuilder
{
    private IdentityCase? identity;
    private ProductRecord product = new(Id: 1, Given.ProductCode, OwnerId: "mah-1", Withdrawn: false, Version: 11);
    private BatchRecord batch = new(Id: 10, ProductId: 1, Given.Lot, Given.FarExpiry, Recalled: false, Version: 21);
    private readonly BatchRecord otherBatch = new(Id: 20, ProductId: 1, Given.OtherLot, Given.FarExpiry, Recalled: false, Version: 41);
    private PackRecord pack = new(BatchId: 10, Given.Serial, PackState.Active, Version: 31,
        ChangedAt: null, ChangedByClient: null, ChangedByLocation: null, RepeatCount: 0);

    public PackViewBuilder Withdrawn()
    {
        product = product with { Withdrawn = true };
        return this;
    }

    public PackViewBuilder Recalled()
    {
        batch = batch with { Recalled = true };
        return this;
    }

    /// <summary>The batch's expiry as uploaded and printed (YYMMDD).</summary>
    public PackViewBuilder Expiring(string yymmdd)
    {
        batch = batch with { Expiry = yymmdd };
        return this;
    }

    public PackViewBuilder With(Inherited inherited) => inherited switch
    {
        Inherited.Withdrawn => Withdrawn(),
        Inherited.Recalled => Recalled(),
        Inherited.Expired => Expiring(Given.PastExpiry),
        _ => throw new ArgumentOutOfRangeException(nameof(inherited), inherited, null),
    };

    /// <summary>The pack's own state, last changed by <paramref name="by"/> (default: <see cref="Given.Pharmacy"/>).</summary>
    public PackViewBuilder In(PackState state, DateTimeOffset? at, Requester? by = null, int repeatCount = 0)
    {
        by ??= Given.Pharmacy;
        pack = pack with
        {
            State = state,
            ChangedAt = at,
            ChangedByClient = by.ClientId,
            ChangedByLocation = by.LocationId,
            RepeatCount = repeatCount,
        };
        return this;
    }

    public PackViewBuilder Identity(IdentityCase identityCase)
    {
        identity = identityCase;
        if (identityCase == IdentityCase.ExpiryEndOfMonthPrintedAsLastDay) batch = batch with { Expiry = "271200" };
        return this;
    }

    public PackView Build() => identity switch
    {
        null or IdentityCase.ExpiryDiffers or IdentityCase.ExpiryEndOfMonthPrintedAsLastDay => new(product, batch, pack, batch),
        IdentityCase.ProductUnknown => PackView.Unknown,
        IdentityCase.BatchAndSerialUnknown => new(product, null, null, null),
        IdentityCase.SerialUnknown => new(product, batch, null, null),
        IdentityCase.SerialUnderAnotherBatch => new(product, batch, pack with { BatchId = otherBatch.Id }, otherBatch),
        _ => throw new ArgumentOutOfRangeException(nameof(identity), identity, null),
    };

    /// <summary>The identifier as printed on the pack (and, for the mismatch cases, as misprinted).</summary>
    public ScannedPack Scan() => identity switch
    {
        IdentityCase.ExpiryDiffers => new(Given.ProductCode, Given.Serial, batch.Batch, "271130"),
        IdentityCase.ExpiryEndOfMonthPrintedAsLastDay => new(Given.ProductCode, Given.Serial, batch.Batch, "271231"),
        _ => new(Given.ProductCode, Given.Serial, batch.Batch, batch.Expiry),
    };
}

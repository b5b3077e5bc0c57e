using Verifier.Core.Alerts;
using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

/// <summary>
/// A scan that does not match the uploaded data is answered the same way by every operation
/// (domain.md section 5); only a reported suspicion turns the alert into kind Reported.
/// </summary>
public sealed class IdentityOutcomeTests
{
    [Theory]
    [InlineData(PackOperation.Verify, IdentityCase.ProductUnknown, Outcome.ProductUnknown, null)]
    [InlineData(PackOperation.Verify, IdentityCase.BatchAndSerialUnknown, Outcome.BatchUnknown, AlertKind.System)]
    [InlineData(PackOperation.Verify, IdentityCase.SerialUnknown, Outcome.SerialUnknown, AlertKind.System)]
    [InlineData(PackOperation.Verify, IdentityCase.SerialUnderAnotherBatch, Outcome.BatchMismatch, AlertKind.System)]
    [InlineData(PackOperation.Verify, IdentityCase.ExpiryDiffers, Outcome.ExpiryMismatch, AlertKind.System)]
    [InlineData(PackOperation.Verify, IdentityCase.ExpiryEndOfMonthPrintedAsLastDay, Outcome.ExpiryMismatch, AlertKind.System)]
    [InlineData(PackOperation.Decommission, IdentityCase.ProductUnknown, Outcome.ProductUnknown, null)]
    [InlineData(PackOperation.Decommission, IdentityCase.BatchAndSerialUnknown, Outcome.BatchUnknown, AlertKind.System)]
    [InlineData(PackOperation.Decommission, IdentityCase.SerialUnknown, Outcome.SerialUnknown, AlertKind.System)]
    [InlineData(PackOperation.Decommission, IdentityCase.SerialUnderAnotherBatch, Outcome.BatchMismatch, AlertKind.System)]
    [InlineData(PackOperation.Decommission, IdentityCase.ExpiryDiffers, Outcome.ExpiryMismatch, AlertKind.System)]
    [InlineData(PackOperation.Decommission, IdentityCase.ExpiryEndOfMonthPrintedAsLastDay, Outcome.ExpiryMismatch, AlertKind.System)]
    [InlineData(PackOperation.Undo, IdentityCase.ProductUnknown, Outcome.ProductUnknown, null)]
    [InlineData(PackOperation.Undo, IdentityCase.BatchAndSerialUnknown, Outcome.BatchUnknown, AlertKind.System)]
    [InlineData(PackOperation.Undo, IdentityCase.SerialUnknown, Outcome.SerialUnknown, AlertKind.System)]
    [InlineData(PackOperation.Undo, IdentityCase.SerialUnderAnotherBatch, Outcome.BatchMismatch, AlertKind.System)]
    [InlineData(PackOperation.Undo, IdentityCase.ExpiryDiffers, Outcome.ExpiryMismatch, AlertKind.System)]
    [InlineData(PackOperation.Undo, IdentityCase.ExpiryEndOfMonthPrintedAsLastDay, Outcome.ExpiryMismatch, AlertKind.System)]
    [InlineData(PackOperation.FlagSuspect, IdentityCase.ProductUnknown, Outcome.ProductUnknown, AlertKind.Reported)]
    [InlineData(PackOperation.FlagSuspect, IdentityCase.BatchAndSerialUnknown, Outcome.BatchUnknown, AlertKind.Reported)]
    [InlineData(PackOperation.FlagSuspect, IdentityCase.SerialUnknown, Outcome.SerialUnknown, AlertKind.Reported)]
    [InlineData(PackOperation.FlagSuspect, IdentityCase.SerialUnderAnotherBatch, Outcome.BatchMismatch, AlertKind.Reported)]
    [InlineData(PackOperation.FlagSuspect, IdentityCase.ExpiryDiffers, Outcome.ExpiryMismatch, AlertKind.Reported)]
    [InlineData(PackOperation.FlagSuspect, IdentityCase.ExpiryEndOfMonthPrintedAsLastDay, Outcome.ExpiryMismatch, AlertKind.Reported)]
    public void A_scan_that_does_not_match_the_upload_is_answered_with_its_mismatch(
        PackOperation operation, IdentityCase identity, Outcome outcome, AlertKind? alert)
    {
        var pack = Given.ActivePack().Identity(identity);

        var decision = Given.Rules.Run(operation, pack.Build(), pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now);

        Assert.Equal(new Decision(outcome, NewState: null, alert), decision);
    }

    public static TheoryData<PackOperation, IdentityCase> EveryOperationAndMismatch =>
        Cross(Enum.GetValues<PackOperation>(), Enum.GetValues<IdentityCase>());

    [Theory]
    [MemberData(nameof(EveryOperationAndMismatch))]
    public void A_mismatch_is_answered_before_the_pack_state_or_an_inherited_reason_is_looked_at(
        PackOperation operation, IdentityCase identity)
    {
        var plain = Given.ActivePack().Identity(identity);
        var inactiveAndRecalled = Given.PackIn(PackState.Supplied, Given.Now.AddHours(-1)).Recalled().Withdrawn().Identity(identity);

        var expected = Given.Rules.Run(operation, plain.Build(), plain.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now);
        var actual = Given.Rules.Run(operation, inactiveAndRecalled.Build(), inactiveAndRecalled.Scan(),
            DecommissionReason.Supplied, Given.Pharmacy, Given.Now);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_serial_under_another_batch_is_a_batch_mismatch_even_when_the_scanned_batch_is_unknown()
    {
        var pack = Given.ActivePack().Identity(IdentityCase.SerialUnderAnotherBatch);
        var view = pack.Build() with { ScannedBatch = null };

        Assert.Equal(new Decision(Outcome.BatchMismatch, null, AlertKind.System), Given.Rules.Verify(view, pack.Scan(), Given.Now));
    }

    [Fact]
    public void The_batch_is_compared_case_sensitively()
    {
        var pack = Given.ActivePack();
        var scan = pack.Scan() with { Batch = Given.Lot.ToLowerInvariant() };

        Assert.Equal(Outcome.BatchMismatch, Given.Rules.Verify(pack.Build(), scan, Given.Now).Outcome);
    }

    public static TheoryData<PackOperation> EveryOperation => [.. Enum.GetValues<PackOperation>()];

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public void A_view_whose_pack_batch_is_not_the_packs_own_batch_is_refused_as_a_programming_error(PackOperation operation)
    {
        var pack = Given.ActivePack().Identity(IdentityCase.SerialUnderAnotherBatch);
        var view = pack.Build();
        var inconsistent = view with { PackBatch = view.ScannedBatch };
        var missing = view with { PackBatch = null };

        Assert.Throws<ArgumentException>(() =>
            Given.Rules.Run(operation, inconsistent, pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now));
        Assert.Throws<ArgumentException>(() =>
            Given.Rules.Run(operation, missing, pack.Scan(), DecommissionReason.Supplied, Given.Pharmacy, Given.Now));
    }

    internal static TheoryData<T1, T2> Cross<T1, T2>(IEnumerable<T1> first, IEnumerable<T2> second)
    {
        var data = new TheoryData<T1, T2>();
        foreach (var a in first)
        foreach (var b in second)
            data.Add(a, b);
        return data;
    }
}

using Verifier.Core.Packs;

namespace Verifier.Core.Tests.Packs;

public sealed class OutcomeFactsTests
{
    public static TheoryData<Outcome> EveryOutcome => [.. Enum.GetValues<Outcome>()];

    [Theory]
    [MemberData(nameof(EveryOutcome))]
    public void Every_outcome_has_a_national_code_and_a_message(Outcome outcome)
    {
        Assert.False(string.IsNullOrWhiteSpace(outcome.NationalCode()));
        Assert.False(string.IsNullOrWhiteSpace(outcome.DefaultMessage()));
    }

    [Fact]
    public void Every_outcome_has_its_own_national_code()
    {
        var codes = Enum.GetValues<Outcome>().Select(o => o.NationalCode()).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_outcome_has_its_own_message()
    {
        var messages = Enum.GetValues<Outcome>().Select(o => o.DefaultMessage()).ToList();

        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(Outcome.Success, "NMVS_SUCCESS")]
    [InlineData(Outcome.ProductUnknown, "NMVS_NC_PC_01")]
    [InlineData(Outcome.BatchUnknown, "NMVS_FE_LOT_03")]
    [InlineData(Outcome.SerialUnknown, "NMVS_NC_PC_02")]
    [InlineData(Outcome.ExpiryMismatch, "NMVS_FE_LOT_12")]
    [InlineData(Outcome.BatchMismatch, "NMVS_FE_LOT_13")]
    [InlineData(Outcome.AlreadyInState, "NMVS_NC_PCK_19")]
    [InlineData(Outcome.AlreadyInactive, "NMVS_NC_PCK_22")]
    [InlineData(Outcome.UndoStateMismatch, "NMVS_NC_PCK_06")]
    [InlineData(Outcome.UndoTooLate, "NMVS_NC_PCK_20")]
    [InlineData(Outcome.UndoOtherLocation, "NMVS_NC_PCK_21")]
    [InlineData(Outcome.BatchRecalled, "NMVS_FE_LOT_01")]
    [InlineData(Outcome.ProductWithdrawn, "NMVS_FE_LOT_08")]
    [InlineData(Outcome.PackExpired, "NMVS_NC_PCK_02")]
    [InlineData(Outcome.TransactionIdReused, "NMVS_TE_TX_01")]
    [InlineData(Outcome.RateLimited, "NMVS_FI_SE_CLI_01")]
    public void The_national_code_is_the_one_in_the_domain_table(Outcome outcome, string code)
    {
        Assert.Equal(code, outcome.NationalCode());
    }

    [Theory]
    [InlineData(Outcome.UndoIrreversible)]
    [InlineData(Outcome.NotDecommissioned)]
    public void Outcomes_without_a_public_national_code_use_our_own_prefix(Outcome outcome)
    {
        Assert.StartsWith("VRF_", outcome.NationalCode(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, Outcome.Success)]
    [InlineData(7, Outcome.AlreadyInState)]
    [InlineData(18, Outcome.NotDecommissioned)]
    public void The_numbering_matches_the_wire_enum(int wire, Outcome outcome)
    {
        Assert.Equal(outcome, (Outcome)wire);
        Assert.Equal(Enumerable.Range(1, 18), Enum.GetValues<Outcome>().Select(o => (int)o));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void An_undefined_outcome_has_neither_code_nor_message(int undefined)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Outcome)undefined).NationalCode());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Outcome)undefined).DefaultMessage());
    }
}

namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>
/// North American coupon codes (AI 8110, 8112). Not needed for medicines; only the outer shape is
/// checked here (digits), the field-by-field structure is not implemented.
/// </summary>
internal static class CouponLinters
{
    public static LintFailure? CouponCode(string value) => CharacterSetLinters.Numeric(value);

    public static LintFailure? CouponPositiveOffer(string value) => CharacterSetLinters.Numeric(value);
}

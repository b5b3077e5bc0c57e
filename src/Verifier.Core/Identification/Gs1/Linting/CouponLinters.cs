namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>
/// North American coupon codes: AI 8110 (the coupon code of the "North American Coupon
/// Application Guideline Using GS1 DataBar Expanded Symbols") and AI 8112 (paperless positive
/// offer). Both are digit strings of fields, several of them preceded by a one-digit length
/// indicator (VLI). Not used for medicines; checked so the GS1 table is complete.
/// </summary>
internal static class CouponLinters
{
    public static LintFailure? CouponCode(string value)
    {
        var nonDigit = CharacterSetLinters.Numeric(value);
        if (nonDigit is not null)
        {
            return nonDigit;
        }

        var coupon = new CouponCursor(value);
        var failure = coupon.Prefixed("company prefix", vli => vli <= 6 ? vli + 6 : null)
            ?? coupon.Fixed("offer code", 6)
            ?? coupon.Prefixed("save value", vli => vli is >= 1 and <= 5 ? vli : null)
            ?? Purchase(coupon, "1st purchase", withCompanyPrefix: false);
        if (failure is not null)
        {
            return failure;
        }

        // Optional fields, each introduced by its number and allowed once, in ascending order.
        if (coupon.Next('1'))
        {
            failure = coupon.Digit("additional purchase rules code", d => d <= 3) ?? Purchase(coupon, "2nd purchase", withCompanyPrefix: true);
        }

        if (failure is null && coupon.Next('2'))
        {
            failure = Purchase(coupon, "3rd purchase", withCompanyPrefix: true);
        }

        string? expiry = null;
        if (failure is null && coupon.Next('3'))
        {
            failure = coupon.Date("expiration date", out expiry);
        }

        if (failure is null && coupon.Next('4'))
        {
            var startOffset = coupon.Offset;
            failure = coupon.Date("start date", out var start);
            if (failure is null && expiry is not null && string.CompareOrdinal(start, expiry) > 0)
            {
                failure = NumberLinters.Invalid(startOffset, "coupon expires before its start date");
            }
        }

        if (failure is null && coupon.Next('5'))
        {
            failure = coupon.Prefixed("serial number", vli => vli + 6);
        }

        if (failure is null && coupon.Next('6'))
        {
            failure = coupon.Prefixed("retailer company prefix or GLN", vli => vli is >= 1 and <= 7 ? vli + 6 : null);
        }

        if (failure is null && coupon.Next('9'))
        {
            failure = coupon.Digit("save value code", d => d is 0 or 1 or 2 or 5 or 6)
                ?? coupon.Digit("save value applies to item", d => d <= 2)
                ?? coupon.Digit("store coupon flag", _ => true)
                ?? coupon.Digit("don't multiply flag", d => d <= 1);
        }

        return failure ?? coupon.End();
    }

    public static LintFailure? CouponPositiveOffer(string value)
    {
        var nonDigit = CharacterSetLinters.Numeric(value);
        if (nonDigit is not null)
        {
            return nonDigit;
        }

        var offer = new CouponCursor(value);
        return offer.Digit("format code", d => d <= 1)
            ?? offer.Prefixed("funder ID", vli => vli <= 6 ? vli + 6 : null)
            ?? offer.Fixed("offer code", 6)
            ?? offer.Prefixed("serial number", vli => vli + 6)
            ?? offer.End();
    }

    private static LintFailure? Purchase(CouponCursor coupon, string which, bool withCompanyPrefix) =>
        coupon.Prefixed($"{which} requirement", vli => vli is >= 1 and <= 5 ? vli : null)
        ?? coupon.Digit($"{which} requirement code", d => d <= 4 || d == 9)
        ?? coupon.Fixed($"{which} family code", 3)
        ?? (withCompanyPrefix ? coupon.Prefixed($"{which} company prefix", vli => vli <= 6 ? vli + 6 : vli == 9 ? 0 : null) : null);

    /// <summary>Walks the digit fields of a coupon code.</summary>
    private sealed class CouponCursor(string value)
    {
        public int Offset { get; private set; }

        public bool Next(char field)
        {
            if (Offset < value.Length && value[Offset] == field)
            {
                Offset++;
                return true;
            }

            return false;
        }

        public LintFailure? Digit(string name, Func<int, bool> allowed)
        {
            if (Offset == value.Length)
            {
                return NumberLinters.Invalid(Offset, $"coupon {name} is missing");
            }

            if (!allowed(value[Offset] - '0'))
            {
                return NumberLinters.Invalid(Offset, $"coupon {name} {value[Offset]} is not allowed");
            }

            Offset++;
            return null;
        }

        public LintFailure? Fixed(string name, int length)
        {
            if (value.Length - Offset < length)
            {
                return NumberLinters.Invalid(Offset, $"coupon {name} needs {length} digits");
            }

            Offset += length;
            return null;
        }

        /// <summary>A length indicator digit, then that many digits as <paramref name="length"/> maps it (null: indicator not allowed).</summary>
        public LintFailure? Prefixed(string name, Func<int, int?> length)
        {
            if (Offset == value.Length)
            {
                return NumberLinters.Invalid(Offset, $"coupon {name} length indicator is missing");
            }

            var digits = length(value[Offset] - '0');
            if (digits is null)
            {
                return NumberLinters.Invalid(Offset, $"coupon {name} length indicator {value[Offset]} is not allowed");
            }

            Offset++;
            return Fixed(name, digits.Value);
        }

        public LintFailure? Date(string name, out string date)
        {
            date = string.Empty;
            if (value.Length - Offset < 6)
            {
                return NumberLinters.Invalid(Offset, $"coupon {name} needs 6 digits");
            }

            date = value.Substring(Offset, 6);
            if (DateTimeLinters.YyMmDd(date) is not null)
            {
                return new LintFailure(LintFailureKind.Date, Offset, $"coupon {name} {date} is not a valid date");
            }

            Offset += 6;
            return null;
        }

        public LintFailure? End() =>
            Offset == value.Length ? null : NumberLinters.Invalid(Offset, "excess data after the coupon fields");
    }
}

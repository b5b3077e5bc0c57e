namespace Verifier.Core.Identification.Gs1.Linting;

/// <summary>GS1 check digits: mod-10 (csum) and the alphanumeric check-character pair (csumalpha).</summary>
internal static class CheckDigitLinters
{
    // Check characters of the pair come from CSET 32 (GS1 General Specifications figure 7.11-4).
    private const string Cset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    // Values of CSET 82 characters for the pair, in the order of figure 7.11-1.
    private const string Cset82Order = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    // The GS1 reference implementation weighs with the first 97 primes, so it limits the input to 99 characters.
    private const int MaxCheckPairInput = 99;

    public static LintFailure? Csum(string value)
    {
        if (value.Length == 0)
        {
            return new LintFailure(LintFailureKind.Length, 0, "too short to carry a check digit");
        }

        var bad = CharacterSetLinters.Numeric(value);
        if (bad is not null)
        {
            return bad;
        }

        var expected = Gs1CheckDigit.Calculate(value.AsSpan(0, value.Length - 1));
        return value[^1] == expected
            ? null
            : new LintFailure(LintFailureKind.CheckDigit, value.Length - 1, $"check digit should be {expected}, not {value[^1]}");
    }

    public static LintFailure? CsumAlpha(string value)
    {
        if (value.Length < 2)
        {
            return new LintFailure(LintFailureKind.Length, 0, "too short to carry a check-character pair");
        }

        if (value.Length > MaxCheckPairInput)
        {
            return new LintFailure(LintFailureKind.Length, 0, $"longer than the {MaxCheckPairInput} characters a check-character pair covers");
        }

        var body = value.AsSpan(0, value.Length - 2);
        var sum = 0;
        var primes = Primes(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var weight = Cset82Order.IndexOf(body[i], StringComparison.Ordinal);
            if (weight < 0)
            {
                return CharacterSetLinters.NotInSet(i, body[i], "in GS1 character set 82");
            }

            // Weights are the primes 2, 3, 5 ... counted from the rightmost body character.
            sum += weight * primes[body.Length - 1 - i];
        }

        sum %= 1021;
        var first = Cset32[sum >> 5];
        var second = Cset32[sum & 31];
        if (value[^2] != first || value[^1] != second)
        {
            return new LintFailure(LintFailureKind.CheckDigit, value.Length - 2, $"check-character pair should be {first}{second}");
        }

        return null;
    }

    private static int[] Primes(int count)
    {
        var primes = new int[count];
        var found = 0;
        for (var candidate = 2; found < count; candidate++)
        {
            var isPrime = true;
            for (var i = 0; i < found && primes[i] * primes[i] <= candidate; i++)
            {
                if (candidate % primes[i] == 0)
                {
                    isPrime = false;
                    break;
                }
            }

            if (isPrime)
            {
                primes[found++] = candidate;
            }
        }

        return primes;
    }
}

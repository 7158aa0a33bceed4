using System.Numerics;

namespace Leerrijk.Scoring.Statistics;

/// <summary>Exact integer helpers for the read-outs: the rounding to double happens once, at the end.</summary>
internal static class ExactArithmetic
{
    /// <summary>num / den as a double, for integers of any size (den &gt; 0).</summary>
    internal static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "The denominator must be positive.");
        }

        // Doubles hold integers up to about 2^1023; shift both down first when they are larger.
        var bits = Math.Max(numerator.GetBitLength(), denominator.GetBitLength());
        if (bits > 1000)
        {
            var shift = (int)(bits - 1000);
            numerator >>= shift;
            denominator >>= shift;
            if (denominator.IsZero)
            {
                denominator = BigInteger.One;
            }
        }

        return (double)numerator / (double)denominator;
    }

    internal static BigInteger Lcm(BigInteger a, long b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;
}

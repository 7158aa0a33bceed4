namespace Leerrijk.Scoring.Statistics;

/// <summary>The standard normal distribution.</summary>
public static class StandardNormal
{
    // AS 241 coefficients, constant term first.
    private static readonly double[] A =
    [
        3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
        4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3,
    ];

    private static readonly double[] B =
    [
        1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3,
    ];

    private static readonly double[] C =
    [
        1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
        1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4,
    ];

    private static readonly double[] D =
    [
        1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9,
    ];

    private static readonly double[] E =
    [
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
    ];

    private static readonly double[] F =
    [
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15,
    ];

    /// <summary>Φ⁻¹(0.975) ≈ 1.959963984540054, the "1.96" of a 95% interval.</summary>
    public static double Z975 { get; } = Quantile(0.975);

    /// <summary>
    /// The quantile Φ⁻¹(p), by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988), relative
    /// accuracy about 1e-16.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p is not strictly between 0 and 1.</exception>
    public static double Quantile(double p)
    {
        if (double.IsNaN(p) || p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }

        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            var r = 0.180625 - (q * q);
            return q * Polynomial(r, A) / Polynomial(r, B);
        }

        var tail = q < 0 ? p : 1 - p;
        var s = Math.Sqrt(-Math.Log(tail));
        var value = s <= 5
            ? Polynomial(s - 1.6, C) / Polynomial(s - 1.6, D)
            : Polynomial(s - 5, E) / Polynomial(s - 5, F);
        return q < 0 ? -value : value;
    }

    /// <summary>The distribution function Φ(x) = ½·erfc(−x/√2), via the regularized incomplete gamma function.</summary>
    /// <exception cref="ArgumentException">x is NaN.</exception>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            throw new ArgumentException("x is NaN.", nameof(x));
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? 1 : 0;
        }

        // erfc(|x|/√2) = Q(½, x²/2), the upper regularized incomplete gamma function.
        var upper = 0.5 * SpecialFunctions.UpperRegularizedGammaHalf(x * x / 2);
        return x < 0 ? upper : 1 - upper;
    }

    private static double Polynomial(double x, double[] coefficients)
    {
        var value = coefficients[^1];
        for (var i = coefficients.Length - 2; i >= 0; i--)
        {
            value = (value * x) + coefficients[i];
        }

        return value;
    }
}

/// <summary>Student's t distribution with ν degrees of freedom (ν may be fractional, e.g. Welch's ν, or +∞).</summary>
public static class StudentT
{
    /// <summary>From this many degrees of freedom on, the Cornish–Fisher expansion in 1/ν is always used.</summary>
    private const double ExpansionFrom = 1e5;

    /// <summary>Below <see cref="ExpansionFrom"/> the expansion is used when ν ≥ this and ν ≥ this · z² (its error is then below ~1e-15).</summary>
    private const double ExpansionRatio = 1000;

    /// <summary>
    /// The quantile t(p, ν): the t with P(T ≤ t) = p, to a relative accuracy of about 1e-13 or better. For large ν
    /// (ν ≥ 100 000, or ν ≥ 1000 and ν ≥ 1000·z² with z the normal quantile) it is the Cornish–Fisher expansion (Abramowitz &amp;
    /// Stegun 26.7.5, four terms in 1/ν); otherwise it inverts <see cref="Cdf"/> (regularized incomplete beta) by
    /// safeguarded Newton steps. ν = +∞ gives the normal quantile; a quantile beyond the double range gives ±∞.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p not strictly between 0 and 1, or ν not positive.</exception>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        if (double.IsNaN(p) || p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }

        CheckDegreesOfFreedom(degreesOfFreedom);
        if (p == 0.5)
        {
            return 0;
        }

        var nu = degreesOfFreedom;
        var z = StandardNormal.Quantile(p);
        if (UseExpansion(z, nu))
        {
            return CornishFisher(z, nu);
        }

        // Solve UpperTail(t) = q for t > 0 inside a bracket [lo, hi], then use the symmetry.
        var q = p < 0.5 ? p : 1 - p;
        var guess = Math.Abs(CornishFisher(z, Math.Max(nu, 1)));
        var lo = 0.0;
        var hi = Math.Max(1.0, guess);
        while (UpperTail(hi, nu) > q)
        {
            lo = hi;
            hi *= 2;
            if (double.IsInfinity(hi))
            {
                return p < 0.5 ? double.NegativeInfinity : double.PositiveInfinity;
            }
        }

        var t = guess > lo && guess < hi ? guess : lo + ((hi - lo) / 2);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var difference = UpperTail(t, nu) - q;
            if (difference == 0)
            {
                break;
            }

            if (difference > 0)
            {
                lo = t;
            }
            else
            {
                hi = t;
            }

            // UpperTail falls with slope −density, so Newton's step is + difference / density; bisect when it leaves the bracket.
            var next = t + (difference / Density(t, nu));
            if (!(next > lo && next < hi))
            {
                next = lo + ((hi - lo) / 2);
            }

            var converged = Math.Abs(next - t) <= 1e-15 * next;
            t = next;
            if (converged)
            {
                break;
            }
        }

        return p < 0.5 ? -t : t;
    }

    /// <summary>
    /// P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, symmetric for t &lt; 0; for large ν (as in
    /// <see cref="Quantile"/>) Φ(z) with z from inverting the Cornish–Fisher expansion; normal for ν = +∞.
    /// </summary>
    /// <exception cref="ArgumentException">t is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">ν not positive.</exception>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t))
        {
            throw new ArgumentException("t is NaN.", nameof(t));
        }

        CheckDegreesOfFreedom(degreesOfFreedom);
        if (double.IsPositiveInfinity(degreesOfFreedom))
        {
            return StandardNormal.Cdf(t);
        }

        if (UseExpansion(t, degreesOfFreedom))
        {
            // Consistent with Quantile: solve CornishFisher(z, ν) = t for z (a contraction, as dCF/dz = 1 + O(z²/ν)).
            var z = t;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                var next = z - (CornishFisher(z, degreesOfFreedom) - t);
                var done = Math.Abs(next - z) <= 1e-16 * Math.Abs(next);
                z = next;
                if (done)
                {
                    break;
                }
            }

            return StandardNormal.Cdf(z);
        }

        var upper = UpperTail(Math.Abs(t), degreesOfFreedom);
        return t < 0 ? upper : 1 - upper;
    }

    /// <summary>
    /// The expansion's error term is of order z·(z²/ν)⁵; the continued fraction loses a little precision for large ν
    /// (about 1e-13), so the expansion takes over where it is the more accurate of the two.
    /// </summary>
    private static bool UseExpansion(double z, double nu) =>
        nu >= ExpansionFrom || (nu >= ExpansionRatio && nu >= ExpansionRatio * z * z);

    /// <summary>P(T &gt; t) for t ≥ 0.</summary>
    private static double UpperTail(double t, double nu)
    {
        if (double.IsPositiveInfinity(t))
        {
            return 0;
        }

        var a = nu / 2;
        var t2 = t * t;
        var logX = -LogOnePlusTSquaredOverNu(t, nu);
        if (double.IsPositiveInfinity(t2 / nu))
        {
            // x = ν/(ν+t²) < 1e-308 underflows; then I_x(a, ½) = x^a / (a·B(a, ½)) · (1 + O(x)).
            return 0.5 * Math.Exp((a * logX) - Math.Log(a) - SpecialFunctions.LogBeta(a, 0.5));
        }

        // x = ν/(ν+t²) and 1 − x = t²/(ν+t²), with their logarithms, all without cancellation: a·ln x is
        // large for large ν, so ln x must not come from a rounded x.
        var x = nu / (nu + t2);
        var oneMinusX = t2 / (nu + t2);
        var logOneMinusX = -SpecialFunctions.Log1P(nu / t2);
        return 0.5 * SpecialFunctions.RegularizedIncompleteBeta(a, 0.5, x, oneMinusX, logX, logOneMinusX);
    }

    /// <summary>ln(1 + t²/ν), also when t²/ν overflows.</summary>
    private static double LogOnePlusTSquaredOverNu(double t, double nu)
    {
        var ratio = t * t / nu;
        return double.IsPositiveInfinity(ratio) ? (2 * Math.Log(t)) - Math.Log(nu) : SpecialFunctions.Log1P(ratio);
    }

    /// <summary>The density (1 + t²/ν)^(−(ν+1)/2) / (√ν · B(ν/2, ½)).</summary>
    private static double Density(double t, double nu) =>
        Math.Exp(
            -SpecialFunctions.LogBeta(nu / 2, 0.5)
            - (0.5 * Math.Log(nu))
            - ((nu + 1) / 2 * LogOnePlusTSquaredOverNu(t, nu)));

    /// <summary>Cornish–Fisher expansion of the t quantile around the normal quantile z (A&amp;S 26.7.5).</summary>
    private static double CornishFisher(double z, double nu)
    {
        if (double.IsPositiveInfinity(nu))
        {
            return z;
        }

        var z2 = z * z;
        var g1 = (z2 + 1) * z / 4;
        var g2 = ((((5 * z2) + 16) * z2) + 3) * z / 96;
        var g3 = ((((((3 * z2) + 19) * z2) + 17) * z2) - 15) * z / 384;
        var g4 = ((((((((79 * z2) + 776) * z2) + 1482) * z2) - 1920) * z2) - 945) * z / 92160;
        return z + ((g1 + ((g2 + ((g3 + (g4 / nu)) / nu)) / nu)) / nu);
    }

    private static void CheckDegreesOfFreedom(double degreesOfFreedom)
    {
        if (double.IsNaN(degreesOfFreedom) || degreesOfFreedom <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be positive.");
        }
    }
}

/// <summary>Log-gamma, log-beta and the regularized incomplete beta and gamma functions.</summary>
internal static class SpecialFunctions
{
    private const double LogSqrtTwoPi = 0.91893853320467274178;
    private const double LogSqrtPi = 0.57236494292470008707;
    private const double Tiny = 1e-300;
    private const double Tolerance = 3e-16;

    // Lanczos approximation, g = 7, n = 9 (relative accuracy about 1e-15 for x ≥ ½).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    internal static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)·Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return LogSqrtTwoPi + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), accurate also when one argument is large.</summary>
    internal static double LogBeta(double a, double b)
    {
        var small = Math.Min(a, b);
        var big = Math.Max(a, b);
        if (big < 10)
        {
            return LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        }

        // ln Γ(big) − ln Γ(big + small) by Stirling's series, so the large terms cancel analytically:
        // = −(big − ½)·ln(1 + small/big) − small·ln(big + small) + small + δ(big) − δ(big + small).
        var sum = big + small;
        var difference = (-(big - 0.5) * Log1P(small / big)) - (small * Math.Log(sum)) + small
            + StirlingCorrection(big) - StirlingCorrection(sum);
        return LogGamma(small) + difference;
    }

    /// <summary>ln(1 + x), accurate for small x.</summary>
    internal static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 || double.IsPositiveInfinity(u) ? (u == 1 ? x : u) : Math.Log(u) * (x / (u - 1));
    }

    /// <summary>
    /// I_x(a, b), the regularized incomplete beta function. The caller passes 1 − x, ln x and ln(1 − x) as well, so
    /// it can compute them without cancellation. Continued fraction by the modified Lentz method.
    /// </summary>
    internal static double RegularizedIncompleteBeta(double a, double b, double x, double oneMinusX, double logX, double logOneMinusX)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (oneMinusX <= 0)
        {
            return 1;
        }

        var logFront = (a * logX) + (b * logOneMinusX) - LogBeta(a, b);
        if (x < (a + 1) / (a + b + 2))
        {
            return Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a;
        }

        return 1 - (Math.Exp(logFront) * BetaContinuedFraction(b, a, oneMinusX) / b);
    }

    /// <summary>Q(½, y) = erfc(√y), the upper regularized incomplete gamma function with a = ½, for y ≥ 0.</summary>
    internal static double UpperRegularizedGammaHalf(double y)
    {
        const double a = 0.5;
        if (y <= 0)
        {
            return 1;
        }

        var logFront = (a * Math.Log(y)) - y - LogSqrtPi;
        if (y < a + 1)
        {
            // Series: P(a, y) = e^{−y} y^a / Γ(a) · Σ y^n / (a (a+1) … (a+n)).
            var term = 1 / a;
            var sum = term;
            for (var n = 1; n < 10_000; n++)
            {
                term *= y / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-17)
                {
                    break;
                }
            }

            return 1 - (Math.Exp(logFront) * sum);
        }

        // Continued fraction (modified Lentz) for Q(a, y).
        var bn = y + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / bn;
        var h = d;
        for (var n = 1; n < 10_000; n++)
        {
            var an = -n * (n - a);
            bn += 2;
            d = NotTiny((an * d) + bn);
            c = NotTiny(bn + (an / c));
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= Tolerance)
            {
                break;
            }
        }

        return Math.Exp(logFront) * h;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 / NotTiny(1 - (qab * x / qap));
        var h = d;
        for (var m = 1; m <= 100_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / NotTiny(1 + (aa * d));
            c = NotTiny(1 + (aa / c));
            h *= d * c;

            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / NotTiny(1 + (aa * d));
            c = NotTiny(1 + (aa / c));
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= Tolerance)
            {
                break;
            }
        }

        return h;
    }

    private static double NotTiny(double value) => Math.Abs(value) < Tiny ? Tiny : value;

    /// <summary>δ(x) = ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] ≈ 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹), for x ≥ 10.</summary>
    private static double StirlingCorrection(double x)
    {
        var inv = 1 / x;
        var inv2 = inv * inv;
        return inv * ((1.0 / 12) - (inv2 * ((1.0 / 360) - (inv2 * ((1.0 / 1260) - (inv2 * ((1.0 / 1680) - (inv2 / 1188))))))));
    }
}

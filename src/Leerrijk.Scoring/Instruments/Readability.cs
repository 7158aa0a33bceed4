namespace Leerrijk.Scoring.Instruments;

/// <summary>Flesch–Douma reading ease for Dutch: 206.835 − 0.93 × words per sentence − 77 × syllables per word.</summary>
/// <remarks>
/// 60 and above reads as "fairly easy" (B1). Syllables are counted as groups of vowels, with a diaeresis
/// (ideeën, reünie) starting a new syllable; good enough to catch long words and long sentences, which is its job.
/// </remarks>
public static class Readability
{
    public const double FairlyEasy = 60;

    private const string Vowels = "aeiouyáéíóúàèìòùâêîôûäëïöü";
    private const string Diaereses = "äëïöü";

    public static double FleschDouma(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return 0;
        }

        var sentences = Math.Max(1, text.Count(c => c is '.' or '?' or '!'));
        var syllables = words.Sum(Syllables);
        return 206.835 - (0.93 * words.Count / sentences) - (77.0 * syllables / words.Count);
    }

    public static IReadOnlyList<string> Words(string text) =>
        text.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(c => char.IsLetterOrDigit(c)).ToArray()))
            .Where(w => w.Length > 0)
            .ToList();

    public static int Syllables(string word)
    {
        var count = 0;
        var inVowelGroup = false;
        foreach (var c in word.ToLowerInvariant())
        {
            var vowel = Vowels.Contains(c, StringComparison.Ordinal);
            if (vowel && (!inVowelGroup || Diaereses.Contains(c, StringComparison.Ordinal)))
            {
                count++;
            }

            inVowelGroup = vowel;
        }

        return Math.Max(1, count);
    }
}

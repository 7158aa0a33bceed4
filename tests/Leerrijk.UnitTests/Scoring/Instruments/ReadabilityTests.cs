using Leerrijk.Scoring.Instruments;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>Every Dutch question reads at B1: Flesch–Douma 60 or more, and at most 20 words.</summary>
public sealed class ReadabilityTests
{
    public const int MaxWords = 20;

    [Theory]
    [InlineData("leidinggevende", 5)]
    [InlineData("ideeën", 3)]
    [InlineData("kaas", 1)]
    [InlineData("opleiding", 3)]
    [InlineData("collega's", 3)]
    [InlineData("uitproberen", 4)]
    public void Syllables_are_counted_the_dutch_way(string word, int expected)
    {
        Assert.Equal(expected, Readability.Syllables(word));
    }

    [Fact]
    public void A_short_plain_sentence_is_easy_and_a_long_abstract_one_is_not()
    {
        // 7 words, 9 syllables (ik kan een fout ge-woon mel-den hier): 206.835 − 0.93·7 − 77·9/7 = 101.325
        Assert.Equal(101.325, Readability.FleschDouma("Ik kan een fout gewoon melden hier."), 3);
        Assert.True(Readability.FleschDouma("Organisatieontwikkelingsinitiatieven vereisen systematische institutionalisering.") < Readability.FairlyEasy);
    }

    [Fact]
    public void Every_dutch_item_is_fairly_easy_and_short()
    {
        var hard = new List<string>();
        foreach (var instrument in InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments")))
        {
            var texts = instrument.Items.SelectMany(i => new[] { (i.Id, i.Text.Nl) }.Concat(i.RoleText.Select(r => ($"{i.Id} ({r.Key})", r.Value.Nl))))
                .Concat(instrument.OpenQuestions.Select(q => (q.Id, q.Text.Nl)));
            foreach (var (id, text) in texts)
            {
                var score = Readability.FleschDouma(text);
                var words = Readability.Words(text).Count;
                if (score < Readability.FairlyEasy || words > MaxWords)
                {
                    hard.Add($"{instrument.Id}/{id}: score {score:F0}, {words} words: {text}");
                }
            }
        }

        Assert.True(hard.Count == 0, "Rewrite in plainer Dutch:\n" + string.Join("\n", hard));
    }
}

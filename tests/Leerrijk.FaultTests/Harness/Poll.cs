using System.Diagnostics;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// Waits for something another process makes true (a status seen, a fold finished), checking it every 50 ms: the
/// signal ends the wait, the limit only bounds a signal that never comes.
/// </summary>
public static class Poll
{
    /// <summary>True as soon as the condition holds; false when the limit passed first.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan limit) => UntilAsync(() => Task.FromResult(condition()), limit);

    /// <inheritdoc cref="UntilAsync(Func{bool}, TimeSpan)"/>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed >= limit)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}

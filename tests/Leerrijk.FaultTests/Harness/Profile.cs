namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// Short runs (the README's test command) prove the behaviour in a few minutes; full runs (bench/faults.sh,
/// <c>LEERRIJK_FAULTS=full</c>) use the sizes the issue and research/reliability-security.md ask for and
/// write their figures to bench/results/.
/// </summary>
public static class Profile
{
    public static bool Full => Environment.GetEnvironmentVariable("LEERRIJK_FAULTS") == "full";

    public static int Pick(int shortRun, int fullRun) => Full ? fullRun : shortRun;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

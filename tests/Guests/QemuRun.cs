// What one reference run under QEMU gave: output, status, and whether (and how often) it timed out.
using System.Text;
using Xunit;

namespace Codezero.Tests.Guests;

/// <summary>
/// The outcome of <see cref="QemuReference.RunAsync"/>. <see cref="Attempts"/> is 2 when the first run
/// timed out and was retried; <see cref="TimedOut"/> is still true when the retry timed out too.
/// </summary>
public sealed record QemuRun(string Script, string Elf, byte[] Stdout, int Status, string Stderr, int Attempts, double Seconds)
{
    /// <summary>The first run's stderr when it timed out and was retried; null otherwise.</summary>
    public string? FirstAttemptStderr { get; init; }

    public bool TimedOut => Status == QemuReference.TimedOutStatus;

    public string Text => Encoding.UTF8.GetString(Stdout);

    /// <summary>One line for a test's output: how the reference run went, a retry included.</summary>
    public string Describe() => Attempts == 1
        ? $"reference {Script}: status {Status} in {Seconds:F1} s"
        : $"reference {Script}: the first run timed out and was retried; the retry gave status {Status} in {Seconds:F1} s";

    /// <summary>Fails the test, naming the reference as the side that timed out, when even the retry did.</summary>
    public void AssertFinished()
    {
        Assert.False(TimedOut,
            $"the reference (QEMU, guests/{Script} {Elf}) timed out twice, not our board; its stderr:\n{Stderr}\nfirst attempt:\n{FirstAttemptStderr}");
    }
}

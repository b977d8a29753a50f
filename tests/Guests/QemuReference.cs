// Runs a guest under one of the guests/ QEMU reference scripts, retrying once a run that timed out.
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Codezero.Tests.Guests;

/// <summary>
/// The reference side of every "same output as QEMU" test. The scripts exit with 124 when QEMU does
/// not finish within their timeout (<c>QEMU_TIMEOUT</c>); a reference that can hang would fail a good
/// change at random, so a timed-out run is retried once, and the result says so.
/// </summary>
public static class QemuReference
{
    /// <summary>guests/run-qemu.sh: qemu-system-arm -M vexpress-a9, one core, semihosting.</summary>
    public const string SingleCore = "run-qemu.sh";

    /// <summary>guests/baremetal/run-qemu-smp.sh: the same board with four cores on one host thread.</summary>
    public const string FourCores = "baremetal/run-qemu-smp.sh";

    /// <summary>The exit status of <c>timeout(1)</c>, which the scripts run QEMU under, when time ran out.</summary>
    public const int TimedOutStatus = 124;

    /// <summary>Runs <paramref name="elf"/> (with guest <paramref name="args"/>), retrying once if it timed out.</summary>
    public static Task<QemuRun> RunAsync(string script, string elf, params string[] args) => RunAsync(script, elf, args, timeout: null);

    /// <summary>As above, with the scripts' own timeout (<c>QEMU_TIMEOUT</c>, in seconds) when <paramref name="timeout"/> is given.</summary>
    public static async Task<QemuRun> RunAsync(string script, string elf, string[] args, string? timeout)
    {
        QemuRun first = await RunOnceAsync(script, elf, args, timeout, attempts: 1);
        if (!first.TimedOut)
        {
            return first;
        }
        QemuRun second = await RunOnceAsync(script, elf, args, timeout, attempts: 2);
        return second with { FirstAttemptStderr = first.Stderr };
    }

    private static async Task<QemuRun> RunOnceAsync(string script, string elf, string[] args, string? timeout, int attempts)
    {
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (timeout != null)
        {
            start.Environment["QEMU_TIMEOUT"] = timeout;
        }
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "guests", script));
        start.ArgumentList.Add(elf);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        string errors = await stderr;
        return new QemuRun(script, elf, stdout.ToArray(), process.ExitCode, errors, attempts, clock.Elapsed.TotalSeconds);
    }
}

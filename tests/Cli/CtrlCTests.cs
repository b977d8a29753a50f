// Ctrl-C (SIGINT) to the published binary at any moment of `boot` and `kernel`: the whole summary, a valid trace, the thread report, status 130.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Codezero.Tests.Cli;

/// <summary>
/// Each run boots containers that count forever (guests/l4/spin.c), sends SIGINT after a delay and
/// again every few milliseconds until the process has ended (<c>timeout -s INT</c> sends two: to the
/// process, then to its process group), and checks what a user is promised. CTRLC_RUNS (environment) sets the runs per delay and mode: 2 by default, 50 for the
/// issue's full check.
/// </summary>
public sealed class CtrlCTests : IDisposable
{
    private const int SigInt = 2;

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-ctrlc-" + Guid.NewGuid().ToString("N"));

    public CtrlCTests()
    {
        Directory.CreateDirectory(_temp);
        File.Copy(PublishedCli.Guest("l4/spin.elf"), Path.Combine(_temp, "spin.elf"));
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static int Runs => int.TryParse(Environment.GetEnvironmentVariable("CTRLC_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int pidfd_open(int pid, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int pidfd_send_signal(int pidfd, int signal, IntPtr info, uint flags);

    [DllImport("libc")]
    private static extern int close(int fd);

    public static IEnumerable<object[]> DelaysAndModes()
    {
        foreach (string mode in new[] { "deterministic", "parallel" })
        {
            foreach (int milliseconds in new[] { 200, 1000, 2000 })
            {
                yield return [mode, milliseconds];
            }
        }
    }

    [Theory]
    [MemberData(nameof(DelaysAndModes))]
    public void Boot_prints_the_whole_summary_and_a_valid_trace_whenever_Ctrl_C_comes(string mode, int milliseconds)
    {
        string manifest = Path.Combine(_temp, "spin.toml");
        File.WriteAllText(manifest, "[board]\ncores = 2\n[[container]]\nname = \"spinner\"\nimage = \"spin.elf\"\n"
            + "[[container]]\nname = \"twirler\"\nimage = \"spin.elf\"\n");
        string trace = Path.Combine(_temp, "trace.json");
        for (int run = 0; run < Runs; run++)
        {
            File.Delete(trace);
            (int status, string stdout, string stderr) = Interrupt(milliseconds, "boot", "--mode", mode, "--no-color", "--trace", trace, manifest);

            string what = $"run {run}, {mode}, SIGINT after {milliseconds} ms: status {status}\nstdout:\n{stdout}\nstderr:\n{stderr}";
            Assert.True(status == 130, what);
            Assert.True(stderr.Contains($"codezero boot {manifest}: 2 container(s), 2 core(s), ", StringComparison.Ordinal), what);
            Assert.Matches(@"\n  name +ended +threads +short +full +extended +faults +cycles\n", stderr);
            Assert.Matches(@"\n  spinner +running +1 +0 +0 +0 +[0-9]+ +[0-9]+\n", stderr);
            Assert.Matches(@"\n  twirler +running +1 +0 +0 +0 +[0-9]+ +[0-9]+\n", stderr);
            Assert.Matches(@"codezero: trace of [0-9]+ events \([0-9]+ dropped\) written to ", stderr);
            Assert.True(File.Exists(trace), what);
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(trace));
            Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("traceEvents").ValueKind);
        }
    }

    [Theory]
    [InlineData("deterministic", 200)]
    [InlineData("deterministic", 1000)]
    [InlineData("parallel", 1000)]
    public void Kernel_prints_its_thread_report_on_Ctrl_C(string mode, int milliseconds)
    {
        string elf = Path.Combine(_temp, "spin.elf");
        for (int run = 0; run < Runs; run++)
        {
            (int status, string stdout, string stderr) = Interrupt(milliseconds, "kernel", "--mode", mode, elf);

            string what = $"run {run}, {mode}, SIGINT after {milliseconds} ms: status {status}\nstdout:\n{stdout}\nstderr:\n{stderr}";
            Assert.True(status == 130, what);
            Assert.Matches(@"^codezero: stopped by Ctrl-C after [0-9]+ instructions; threads:\n  thread 0x01001001 ", stderr);
            Assert.DoesNotContain("   at ", stderr);
        }
    }

    /// <summary>
    /// Until the runtime has started and Main has registered the handler, SIGINT kills any process
    /// (codezero takes it from Main's first line: a few tens of milliseconds after exec on a quiet
    /// machine, but the test machine may be loaded far beyond that). So the test waits, if it must,
    /// until /proc says the process catches SIGINT (bit 1 of SigCgt) before it sends one.
    /// </summary>
    private static void WaitUntilItTakesSigInt(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 30 && !process.HasExited)
        {
            try
            {
                foreach (string line in File.ReadAllLines($"/proc/{process.Id}/status"))
                {
                    if (line.StartsWith("SigCgt:", StringComparison.Ordinal)
                        && (ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (SigInt - 1))) != 0)
                    {
                        return;
                    }
                }
            }
            catch (IOException)
            {
                return; // the process is gone: the caller reports it
            }
            Thread.Sleep(5);
        }
    }

    /// <summary>Starts codezero, sends SIGINT after <paramref name="milliseconds"/> and on until it has ended.</summary>
    private static (int Status, string Stdout, string Stderr) Interrupt(int milliseconds, params string[] args)
    {
        using Process process = PublishedCli.Start(out Task<byte[]> stdout, out Task<string> stderr, args);
        try
        {
            Thread.Sleep(milliseconds);
            WaitUntilItTakesSigInt(process);
            if (process.HasExited)
            {
                Assert.Fail($"codezero ended before the SIGINT: status {process.ExitCode}\n{stderr.Result}");
            }
            // A pidfd names this process only, so the SIGINTs that follow can never reach another one that reused its id.
            int pidfd = pidfd_open(process.Id, 0);
            Assert.True(pidfd >= 0, $"pidfd_open: errno {Marshal.GetLastPInvokeError()}");
            try
            {
                // The first SIGINT stops the run; more keep coming, every few milliseconds, while codezero prints
                // its summary and writes its trace (timeout -s INT sends two; an impatient user presses twice).
                Assert.Equal(0, pidfd_send_signal(pidfd, SigInt, IntPtr.Zero, 0));
                var clock = Stopwatch.StartNew();
                while (!process.WaitForExit(2) && pidfd_send_signal(pidfd, SigInt, IntPtr.Zero, 0) == 0)
                {
                    if (clock.Elapsed.TotalSeconds > 60)
                    {
                        process.Kill(entireProcessTree: true);
                        Assert.Fail("codezero did not stop within 60 s of SIGINT");
                    }
                }
            }
            finally
            {
                close(pidfd);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // never leave a spinning codezero behind a failed assertion
            }
        }
        process.WaitForExit();
        return (process.ExitCode, Encoding.UTF8.GetString(stdout.Result), stderr.Result);
    }
}

// ipcrand: the seeded random IPC workload checks itself and prints the same per-seed lines on any core count, in either mode.
using System;
using System.Collections.Generic;
using System.Linq;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Ipc;

public sealed class IpcRandTests
{
    public static IEnumerable<object[]> Runs()
    {
        foreach (int cores in new[] { 1, 4 })
        {
            foreach (RunMode mode in new[] { RunMode.Deterministic, RunMode.Parallel })
            {
                yield return [cores, mode];
            }
        }
    }

    /// <summary>The "ipcrand: seed ..." lines: the operation counts and checksums, which must not depend on scheduling.</summary>
    public static string SeedLines(string output)
        => string.Join("\n", output.Split('\n').Where(l => l.StartsWith("ipcrand: seed ", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_message_of_every_seed_arrives_once_and_checks(int cores, RunMode mode)
    {
        if (mode == RunMode.Parallel)
        {
            ParallelWarmup.Ensure();
        }
        using KernelRun run = KernelRun.Boot("ipcrand", cores, mode).Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.Equal(HaltReason.Exit, run.Halt);
        Assert.Contains("ipcrand: all checks passed\n", run.Output);
        Assert.Equal(16, SeedLines(run.Output).Split('\n').Length);
        Assert.Equal(0, run.Kernel.LiveThreads);
        Assert.Equal(0, run.Board.ParallelRunLoopAllocatedBytes);
        long full = 0, extended = 0;
        for (int core = 0; core < cores; core++)
        {
            full += run.Kernel.Cpu(core).FullIpcs;
            extended += run.Kernel.Cpu(core).ExtendedIpcs;
        }
        Assert.True(full > 0 && extended > 0, $"full {full}, extended {extended}: the tiers were not exercised");
    }

    [Fact]
    public void The_seed_lines_are_the_same_on_one_and_four_cores_in_both_modes()
    {
        string? first = null;
        foreach (object[] r in Runs())
        {
            if ((RunMode)r[1] == RunMode.Parallel)
            {
                ParallelWarmup.Ensure();
            }
            using KernelRun run = KernelRun.Boot("ipcrand", (int)r[0], (RunMode)r[1]).Run();
            Assert.True(run.ExitStatus == 0, run.Describe());
            string lines = SeedLines(run.Output);
            first ??= lines;
            Assert.Equal(first, lines);
        }
    }
}

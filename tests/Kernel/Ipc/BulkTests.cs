// bulk: 1 MiB between two address spaces through shared frames and a userspace mutex, on 1 and 4 cores in both modes.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Ipc;

public sealed class BulkTests
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

    /// <summary>
    /// The child (a new space built by the root from its free memory) produces 1 MiB in chunks of 1-4096
    /// bytes through a 15-slot ring in a 16-page window mapped into both spaces; the shared state is
    /// guarded by an l4_mutex whose waiters the kernel keys by physical address. Both sides' FNV-1a
    /// checksums must agree and exactly 1048576 bytes must arrive.
    /// </summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public void One_MiB_crosses_between_two_spaces_through_a_shared_window(int cores, RunMode mode)
    {
        ParallelWarmup.Ensure();
        using KernelRun run = KernelRun.Boot("bulk", cores, mode).Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.Matches(@"bulk: 1048576 bytes, checksum 0x[0-9a-f]{8}, all checks passed\n", run.Output);
        Assert.Equal(HaltReason.Exit, run.Halt);
        Assert.Equal(0, run.Kernel.LiveThreads);
        Assert.Equal(0, run.Board.ParallelRunLoopAllocatedBytes);
    }

    /// <summary>The checksum bulk.c must print: its producer's stream recomputed on the host.</summary>
    [Fact]
    public void The_checksum_is_the_one_of_the_seeded_stream()
    {
        using KernelRun run = KernelRun.Boot("bulk").Run();
        Assert.True(run.ExitStatus == 0, run.Describe());
        Assert.Contains($"bulk: 1048576 bytes, checksum 0x{ExpectedChecksum():x8}, all checks passed\n", run.Output);
    }

    // bulk.c's child: chunk length (x & 4095) + 1 (the last one cut at 1 MiB), then that many bytes of
    // whole little-endian xorshift words; FNV-1a over the chunks' bytes.
    private static uint ExpectedChecksum()
    {
        const int total = 1 << 20;
        uint x = 0x2545F491u, sum = 2166136261u;
        int sent = 0;
        while (sent < total)
        {
            int n = (int)(Next(ref x) & 4095) + 1;
            n = System.Math.Min(n, total - sent);
            for (int i = 0; i < (n + 3) / 4; i++)
            {
                uint w = Next(ref x);
                for (int b = 0; b < 4 && i * 4 + b < n; b++)
                {
                    sum = (sum ^ ((w >> (8 * b)) & 0xFF)) * 16777619u;
                }
            }
            sent += n;
        }
        return sum;
    }

    private static uint Next(ref uint x)
    {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        return x;
    }
}

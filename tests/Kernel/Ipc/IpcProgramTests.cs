// The IPC programs of guests/l4 (ipc, ipcstress) on the kernel: repeated parallel runs, rendezvous counted per core and tier, determinism, the fast path, dropped replies.
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel;
using Xunit;

namespace Codezero.Tests.Kernel.Ipc;

public sealed class IpcProgramTests
{
    // ipcstress: 16 clients x 200 calls of kinds short, extended, full, extended by turns; short and
    // full go to server 0, extended to server 1; main ends each server with a call of its tier.
    private const int ShortCalls = 800, FullCalls = 800, ExtendedCalls = 1600;

    private static long Rendezvous(KernelRun run, int core)
        => run.Kernel.Cpu(core).ShortIpcs + run.Kernel.Cpu(core).FullIpcs + run.Kernel.Cpu(core).ExtendedIpcs;

    private static void AssertPassed(KernelRun run, string context = "")
    {
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), context + run.Describe());
        Assert.Equal(HaltReason.Exit, run.Halt);
        Assert.Equal(0, run.Kernel.LiveThreads);
    }

    [Fact]
    public void The_stress_test_passes_five_times_in_a_row_on_four_cores_in_parallel_mode()
    {
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            using KernelRun run = KernelRun.Boot("ipcstress", cores: 4, RunMode.Parallel).Run();
            AssertPassed(run, $"run {attempt} of 5\n");
            Assert.Contains("ipcstress: 3200 calls (800 short, 800 full, 1600 extended", run.Output);
            Assert.Contains("server 0 took 1600, server 1 took 1600", run.Output);
        }
    }

    [Fact]
    public void On_four_cores_every_core_takes_part_in_stress_IPC_and_every_rendezvous_is_counted_by_tier()
    {
        using KernelRun run = KernelRun.Boot("ipcstress", cores: 4).Run();
        AssertPassed(run);
        long shortIpcs = 0, fullIpcs = 0, extendedIpcs = 0;
        for (int core = 0; core < 4; core++)
        {
            shortIpcs += run.Kernel.Cpu(core).ShortIpcs;
            fullIpcs += run.Kernel.Cpu(core).FullIpcs;
            extendedIpcs += run.Kernel.Cpu(core).ExtendedIpcs;
            Assert.True(Rendezvous(run, core) > 0, $"core {core} took part in no rendezvous\n{run.Describe()}");
        }
        // A call is two rendezvous (the message, the reply); a full call's reply is full too, because
        // the caller receives in the full tier. Plus the two quit calls.
        Assert.Equal(2 * ShortCalls + 2, shortIpcs);
        Assert.Equal(2 * FullCalls, fullIpcs);
        Assert.Equal(2 * ExtendedCalls + 2, extendedIpcs);
        // Servers run on cores 1 and 3: the clients of cores 0 and 2 only ever call across cores, and
        // their servers' replies wake them there by interrupt.
        foreach (int core in new[] { 0, 2 })
        {
            Assert.True(run.Kernel.Cpu(core).Interrupts > 0, $"core {core} was never woken by an interrupt");
        }
    }

    [Fact]
    public void A_deterministic_stress_run_on_four_cores_repeats_bit_for_bit()
    {
        ulong first;
        string output;
        using (KernelRun run = KernelRun.Boot("ipcstress", cores: 4).Run())
        {
            AssertPassed(run);
            first = run.Board.TraceHash;
            output = run.Output;
        }
        using (KernelRun again = KernelRun.Boot("ipcstress", cores: 4).Run())
        {
            Assert.Equal(output, again.Output);
            Assert.Equal(first, again.Board.TraceHash);
        }
    }

    [Theory]
    [InlineData("ipcstress")]
    [InlineData("ipc")]
    public void The_fast_path_on_or_off_gives_bit_identical_runs_on_one_core(string program)
    {
        using KernelRun fast = KernelRun.Boot(program, cores: 1, options: new KernelOptions { IpcFastPath = true }).Run();
        using KernelRun slow = KernelRun.Boot(program, cores: 1, options: new KernelOptions { IpcFastPath = false }).Run();
        Assert.True(fast.Kernel.Cpu(0).FastPathIpcs > 0, "the fast path took no call: the workload does not exercise it");
        Assert.Equal(0, slow.Kernel.Cpu(0).FastPathIpcs);
        Assert.Equal(slow.Output, fast.Output);
        Assert.Equal(slow.ExitStatus, fast.ExitStatus);
        Assert.Equal(Rendezvous(slow, 0), Rendezvous(fast, 0));
        Assert.Equal(slow.Board.TraceHash, fast.Board.TraceHash);
    }

    [Fact]
    public void The_ipc_test_makes_a_thousand_checked_calls_between_client_and_server_on_cores_two_and_one()
    {
        using KernelRun run = KernelRun.Boot("ipc", cores: 4).Run();
        Assert.Contains("ipc: 1000 calls, server affinity 0x2, client affinity 0x4", run.Output);
        Assert.DoesNotContain("FAIL cross-core", run.Output);
        Assert.Contains("ipc: errors: oneself", run.Output); // it went on past the cross-core section
        // each call and each reply is a rendezvous, and the two threads run only on cores 1 and 2
        Assert.True(Rendezvous(run, 1) + Rendezvous(run, 2) >= 2000, run.Describe());
        Assert.True(Rendezvous(run, 1) > 0 && Rendezvous(run, 2) > 0, run.Describe());
    }

    [Fact]
    public void Replies_to_clients_that_stopped_waiting_are_dropped_and_the_server_goes_on()
    {
        // ipc's call section: a plain send (nobody waits for the reply), a client suspended and a
        // client destroyed while the server held their calls. docs/ipc.md: the reply is dropped in
        // each case and the receive half goes on.
        using KernelRun run = KernelRun.Boot("ipc", cores: 1).Run();
        long dropped = run.Kernel.DroppedReplies;
        Assert.True(dropped == 3, $"{dropped} replies dropped, want 3\n{run.Describe()}");
        Assert.DoesNotContain("FAIL call:", run.Output);
    }
}

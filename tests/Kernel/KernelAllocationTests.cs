// Proves the kernel allocates nothing on the GC heap after boot, across syscalls, faults, IPC and switches.
using System;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel;

[Collection(AllocationCollection.Name)]
public sealed class KernelAllocationTests
{
    /// <summary>
    /// Each program is warmed once, then booted again and measured over the whole run (AllocationMeasure):
    /// pager (page faults, fault IPC, map into another space), mutex (mutex_control, blocking and waking,
    /// four cores, time slices), lifecycle (thread and space creation and destruction, every
    /// thread_control action, exchange_registers), hostile (every error path), ipc (every tier, mixing rule,
    /// error and buffer fault), ipcstress (16 clients, 2 servers, all three tiers across cores).
    /// </summary>
    [Theory]
    [InlineData("pager")]
    [InlineData("mutex")]
    [InlineData("lifecycle")]
    [InlineData("hostile")]
    [InlineData("ipc")]
    [InlineData("ipcstress")]
    public void A_deterministic_run_allocates_nothing_after_boot(string program)
    {
        AllocationMeasure.AssertAllocatesNothing(
            () => KernelRun.Boot(program, cores: 4),
            run =>
            {
                long syscalls = 0;
                for (int core = 0; core < 4; core++)
                {
                    syscalls += run.Kernel.Cpu(core).Syscalls;
                }
                Assert.True(run.ExitStatus == 0, run.Describe());
                Assert.True(syscalls > 50, $"only {syscalls} system calls: the workload did not run");
            });
    }

    [Fact]
    public void A_parallel_run_allocates_nothing_on_the_core_threads()
    {
        using KernelRun run = KernelRun.Boot(["mutex", "pager"], cores: 4, RunMode.Parallel).Run();
        Assert.True(run.ExitStatus == 0, run.Describe());
        Assert.Equal(0, run.Board.ParallelRunLoopAllocatedBytes);
    }
}

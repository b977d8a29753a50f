// The IPC tiers, IRQ threads and shared-memory transfers allocate nothing on the GC heap after boot.
using System;
using System.IO;
using System.Text;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Ipc;

[Collection(AllocationCollection.Name)]
public sealed class IpcAllocationTests
{
    /// <summary>
    /// As tests/Kernel/KernelAllocationTests.cs: each program is run once to warm the JIT, then booted
    /// again and measured over the whole run on four cores: ipcrand (every tier, staging, mismatches,
    /// reply-and-wait, the fast path), bulk (new-space construction, shared frames, cross-space mutex
    /// waits), uartecho with console input (IO mapping, irq_control, interrupt delivery to a thread).
    /// </summary>
    [Theory]
    [InlineData("ipcrand")]
    [InlineData("bulk")]
    [InlineData("uartecho")]
    public void A_deterministic_run_allocates_nothing_after_boot(string program)
    {
        using (MemoryStream warmInput = Input(program))
        using (KernelRun warm = KernelRun.Boot(program, cores: 4, input: warmInput))
        {
            warm.Run();
        }
        using MemoryStream input = Input(program);
        using KernelRun run = KernelRun.Boot(program, cores: 4, input: input);
        int collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        run.Run();
        long after = GC.GetAllocatedBytesForCurrentThread();
        int collectionsAfter = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        long syscalls = 0;
        for (int core = 0; core < 4; core++)
        {
            syscalls += run.Kernel.Cpu(core).Syscalls;
        }

        Assert.Equal(0, after - before);
        Assert.Equal(collections, collectionsAfter);
        Assert.True(run.ExitStatus == 0, run.Describe());
        Assert.True(syscalls > 10, $"only {syscalls} system calls: the workload did not run");
    }

    // uartecho reads its input from UART0; the others get an empty stream.
    private static MemoryStream Input(string program)
        => new(program == "uartecho" ? Encoding.ASCII.GetBytes("hello, kernel\n\u0004") : []);
}

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
        MemoryStream? input = null;
        AllocationMeasure.AssertAllocatesNothing(
            () =>
            {
                input?.Dispose();
                input = Input(program);
                return KernelRun.Boot(program, cores: 4, input: input);
            },
            run =>
            {
                long syscalls = 0;
                for (int core = 0; core < 4; core++)
                {
                    syscalls += run.Kernel.Cpu(core).Syscalls;
                }
                Assert.True(run.ExitStatus == 0, run.Describe());
                Assert.True(syscalls > 10, $"only {syscalls} system calls: the workload did not run");
            });
        input?.Dispose();
    }

    // uartecho reads its input from UART0; the others get an empty stream.
    private static MemoryStream Input(string program)
        => new(program == "uartecho" ? Encoding.ASCII.GetBytes("hello, kernel\n\u0004") : []);
}

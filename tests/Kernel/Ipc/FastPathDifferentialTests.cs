// The IPC fast path is invisible: ipcrand runs bit-identically with it on and off, and it is really taken when on.
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel;
using Xunit;

namespace Codezero.Tests.Kernel.Ipc;

public sealed class FastPathDifferentialTests
{
    /// <summary>
    /// guests/l4/ipcrand.c runs eight seeded workloads, seeds 0x00000001, 0xC0FFEE00, 0x12345678,
    /// 0xDEADBEEF, 0x0BADF00D, 0x5EED5EED, 0x9E3779B9 and 0x7FFFFFFF. Each seed places three servers
    /// and four clients on cores and priorities of its own (client 0 always on the short server's core)
    /// and drives short, full and extended calls and sends, pulls, relayed calls, a tier mismatch and
    /// yields. In deterministic mode a run with <see cref="KernelOptions.IpcFastPath"/> off must be the
    /// same run as with it on: the same console output, the same trace hash (every instruction and
    /// memory access of every core), the same per-core syscall, switch and fault counts. The identity
    /// is asserted before the program's own checks, so that a failure says which of the two broke.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Runs_with_the_fast_path_on_and_off_are_identical(int cores)
    {
        using KernelRun on = KernelRun.Boot("ipcrand", cores, RunMode.Deterministic, new KernelOptions { IpcFastPath = true }).Run();
        using KernelRun off = KernelRun.Boot("ipcrand", cores, RunMode.Deterministic, new KernelOptions { IpcFastPath = false }).Run();
        Assert.Equal(off.Output, on.Output);
        Assert.Equal(off.Board.TraceHash, on.Board.TraceHash);
        long fastOn = 0, fastOff = 0;
        for (int core = 0; core < cores; core++)
        {
            Assert.Equal(off.Kernel.Cpu(core).Syscalls, on.Kernel.Cpu(core).Syscalls);
            Assert.Equal(off.Kernel.Cpu(core).Switches, on.Kernel.Cpu(core).Switches);
            Assert.Equal(off.Kernel.Cpu(core).Faults, on.Kernel.Cpu(core).Faults);
            fastOn += on.Kernel.Cpu(core).FastPathIpcs;
            fastOff += off.Kernel.Cpu(core).FastPathIpcs;
        }
        Assert.True(fastOn > 0, "the fast path was never taken with it on: the workload does not test it");
        Assert.Equal(0, fastOff);
        Assert.True(on.ExitStatus == 0 && !on.Output.Contains("FAIL"), on.Describe());
        Assert.True(off.ExitStatus == 0 && !off.Output.Contains("FAIL"), off.Describe());
    }
}

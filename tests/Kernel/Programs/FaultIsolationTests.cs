// A faulting thread is reported and stopped; every other thread and container keeps running.
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel.Abi;
using Xunit;

namespace Codezero.Tests.Kernel.Programs;

public sealed unsafe class FaultIsolationTests
{
    [Theory]
    [InlineData(RunMode.Deterministic)]
    [InlineData(RunMode.Parallel)]
    public void A_root_that_faults_without_a_pager_is_reported_while_another_container_finishes(RunMode mode)
    {
        using KernelRun run = KernelRun.Boot(["crash", "threads4"], cores: 2, mode).Run();
        string output = run.Output;
        Assert.Contains("kernel: thread 0x01001001 stopped: data abort at pc ", output);
        Assert.Contains("address 0x00000004, status 0x00000007 (no pager)", output);
        Assert.Contains(" sp=0x7feffff8 ", output);
        Assert.DoesNotContain("crash: survived", output);
        Assert.Contains("threads4: all checks passed", output);
        Assert.Equal(134, run.ExitStatus); // the first container's root was stopped by a fault
        Assert.Equal(1, run.Kernel.Container(1)->ThreadsStopped);
        Assert.Equal(-Errno.EABORT, run.Kernel.Container(1)->ExitCode);
        Assert.Equal(0, run.Kernel.Container(2)->ExitCode);
    }

    [Fact]
    public void Threads_stopped_by_faults_inside_a_program_are_reported_and_their_parent_sees_EABORT()
    {
        using KernelRun run = KernelRun.Boot("faulting", cores: 4).Run();
        Assert.True(run.ExitStatus == 0, run.Describe());
        Assert.Contains("(no pager)", run.Output);
        Assert.Contains("(its pager refused)", run.Output);
        Assert.Contains("faulting: others ran on", run.Output);
    }
}

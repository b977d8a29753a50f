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

    /// <summary>The Thumb build: the stop report shows the fault's address and a Thumb CPSR; the other container runs on.</summary>
    [Theory]
    [InlineData(RunMode.Deterministic)]
    [InlineData(RunMode.Parallel)]
    public void A_Thumb_root_that_faults_without_a_pager_is_reported_while_another_container_finishes(RunMode mode)
    {
        using KernelRun run = KernelRun.Boot(["crash", "threads4"], cores: 2, mode, build: GuestBuild.Thumb).Run();
        string output = run.Output;
        Assert.Contains("kernel: thread 0x01001001 stopped: data abort at pc ", output);
        Assert.Contains("address 0x00000004, status 0x00000007 (no pager)", output);
        int cpsr = output.IndexOf(" cpsr=0x", System.StringComparison.Ordinal);
        Assert.True(cpsr > 0, output);
        uint value = System.Convert.ToUInt32(output.Substring(cpsr + 8, 8), 16);
        Assert.True((value & 0x20) != 0 && (value & 0x1F) == 0x10, $"cpsr 0x{value:x8}: not User mode in Thumb state");
        Assert.DoesNotContain("crash: survived", output);
        Assert.Contains("threads4: all checks passed", output);
        Assert.Equal(134, run.ExitStatus);
        Assert.Equal(0, run.Kernel.Container(2)->ExitCode);
    }

    [Fact]
    public void Threads_stopped_by_faults_inside_a_program_are_reported_and_their_parent_sees_EABORT()
        => FaultingThreadsAreReported(GuestBuild.Arm);

    [Fact]
    public void Thumb_threads_stopped_by_faults_are_reported_and_a_skipped_UDF_steps_2_bytes()
        => FaultingThreadsAreReported(GuestBuild.Thumb);

    private static void FaultingThreadsAreReported(GuestBuild build)
    {
        using KernelRun run = KernelRun.Boot("faulting", cores: 4, build: build).Run();
        Assert.True(run.ExitStatus == 0, run.Describe());
        Assert.Contains("(no pager)", run.Output);
        Assert.Contains("(its pager refused)", run.Output);
        Assert.Contains("faulting: others ran on", run.Output);
    }
}

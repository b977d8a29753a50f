// Threads created but never started do not keep their container alive, and the kernel names them.
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Diagnostics;

public sealed unsafe class NeverStartedTests
{
    /// <summary>
    /// unstarted's root creates T1 and T2 and never runs them, runs T3 to its end, and returns 0. Before,
    /// T1 and T2 kept the container alive with nothing runnable: every core idle, a deadlock (67).
    /// </summary>
    [Theory]
    [InlineData(GuestBuild.Arm, 1, RunMode.Deterministic)]
    [InlineData(GuestBuild.Thumb, 1, RunMode.Deterministic)]
    [InlineData(GuestBuild.Arm, 4, RunMode.Parallel)]
    public void A_container_whose_started_threads_all_ended_ends_and_names_the_threads_never_started(GuestBuild build, int cores, RunMode mode)
    {
        using KernelRun run = KernelRun.Boot("unstarted", cores, mode, build: build).Run();

        Assert.True(run.Halt == HaltReason.Exit && run.ExitStatus == 0, run.Describe());
        Assert.Contains("unstarted: all checks passed", run.Output);
        Assert.Contains("kernel: unstarted.elf ended; 2 threads it created never started: 0x01001002 0x01001003\n", run.Output);
        Assert.Equal(0, run.Kernel.LiveThreads);
        Assert.Equal(0, run.Kernel.Container(1)->NeverStarted);
        Assert.DoesNotContain("FAIL", run.Output);
    }

    /// <summary>Another container runs on meanwhile, and the run ends when both have ended.</summary>
    [Fact]
    public void The_other_containers_run_on_and_the_run_ends_when_they_end()
    {
        using KernelRun run = KernelRun.Boot(["unstarted", "threads4"], cores: 2).Run();

        Assert.True(run.Halt == HaltReason.Exit && run.ExitStatus == 0, run.Describe());
        Assert.Matches(@"kernel: unstarted\.elf ended; 2 threads it created never started: 0x01[0-9a-f]{6} 0x01[0-9a-f]{6}\n", run.Output);
        Assert.Contains("threads4: all checks passed", run.Output);
    }

    /// <summary>While the root lives, a thread list marks the threads it created and has not started.</summary>
    [Fact]
    public void A_thread_list_marks_threads_never_started()
    {
        using KernelRun run = KernelRun.Boot("unstarted", cores: 1);
        for (int step = 0; step < 20_000 && run.Kernel.LiveThreads < 3; step++) // crt0 clears 96 KiB of stacks first
        {
            run.Run(maxInstructions: 50);
        }
        Assert.True(run.Kernel.LiveThreads == 3, run.Describe()); // root, T1, T2 (T3 not created yet: the steps are short)

        string threads = run.Kernel.DescribeThreads();
        Assert.Matches(@"thread 0x01001002 never started +priority", threads);
        Assert.Matches(@"thread 0x01001003 never started +priority", threads);
        Assert.Matches(@"thread 0x01001001 (Running|Runnable) ", threads);
        Assert.Equal(2, run.Kernel.Container(1)->NeverStarted);
    }
}

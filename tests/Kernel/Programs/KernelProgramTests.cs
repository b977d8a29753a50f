// Every libl4 program of guests/l4, in its ARM and its Thumb build, on the kernel: 1 and 4 cores, deterministic and parallel, all checks passing.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Programs;

public sealed class KernelProgramTests
{
    /// <summary>
    /// The example programs (hello, threads4, pager, mutex) and the kernel test programs (lifecycle,
    /// hostile, preempt, faulting, suspend, bigmap, ipc, ipcstress, ipcbench, thumbsvc). Each checks itself, prints
    /// "FAIL what: got X want Y" for each failed check and exits with the number of failures.
    /// </summary>
    public static IEnumerable<object[]> Programs()
    {
        string[] names = ["hello", "threads4", "pager", "mutex", "lifecycle", "hostile", "preempt", "faulting", "suspend", "bigmap", "ipc", "ipcstress", "ipcbench", "thumbsvc"];
        foreach (string name in names)
        {
            foreach (int cores in new[] { 1, 4 })
            {
                foreach (RunMode mode in new[] { RunMode.Deterministic, RunMode.Parallel })
                {
                    yield return [name, cores, mode];
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_runs_to_completion_with_every_check_passing(string program, int cores, RunMode mode)
        => RunsToCompletion(program, cores, mode, GuestBuild.Arm);

    /// <summary>The same programs built Thumb (guests/build/l4-thumb): Thumb entry points, Thumb svc restarts and fault skips.</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void Thumb_program_runs_to_completion_with_every_check_passing(string program, int cores, RunMode mode)
        => RunsToCompletion(program, cores, mode, GuestBuild.Thumb);

    private static void RunsToCompletion(string program, int cores, RunMode mode, GuestBuild build)
    {
        using KernelRun run = KernelRun.Boot(program, cores, mode, build: build).Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.Equal(HaltReason.Exit, run.Halt);
        Assert.Equal(0, run.Kernel.LiveThreads);
        Assert.Equal(0, run.Board.ParallelRunLoopAllocatedBytes);
    }

    [Fact]
    public void Threads_spread_over_four_cores_and_each_core_runs_user_code()
    {
        using KernelRun run = KernelRun.Boot("threads4", cores: 4).Run();
        Assert.True(run.ExitStatus == 0, run.Describe());
        for (int core = 0; core < 4; core++)
        {
            Assert.True(run.Kernel.Cpu(core).Switches > 0, $"core {core} never switched to a thread\n{run.Describe()}");
            Assert.True(run.Board.Cores[core].Instructions > 1_000_000, $"core {core} ran {run.Board.Cores[core].Instructions} instructions");
        }
    }

    [Fact]
    public void A_pager_serves_every_page_fault_of_its_child() => PagerServesEveryFault(GuestBuild.Arm);

    [Fact]
    public void A_pager_serves_every_page_fault_of_its_Thumb_child() => PagerServesEveryFault(GuestBuild.Thumb);

    private static void PagerServesEveryFault(GuestBuild build)
    {
        using KernelRun run = KernelRun.Boot("pager", cores: 2, build: build).Run();
        Assert.True(run.ExitStatus == 0, run.Describe());
        long faults = run.Kernel.Cpu(0).Faults + run.Kernel.Cpu(1).Faults;
        Assert.Equal(9, faults);
        Assert.Contains("pager: faults served 9 (stack 1, heap 8, reads 1)", run.Output);
    }

    [Fact]
    public void A_deterministic_run_repeats_bit_for_bit()
    {
        ulong first, second;
        string output;
        using (KernelRun run = KernelRun.Boot("mutex", cores: 4).Run())
        {
            first = run.Board.TraceHash;
            output = run.Output;
        }
        using (KernelRun run = KernelRun.Boot("mutex", cores: 4).Run())
        {
            second = run.Board.TraceHash;
            Assert.Equal(output, run.Output);
        }
        Assert.Equal(first, second);
    }

    [Fact]
    public void Long_map_and_unmap_calls_stop_at_preemption_points_and_restart_where_they_stopped()
        => RestartsWhereItStopped(GuestBuild.Arm);

    /// <summary>The same from Thumb code: each restart steps back over the 2-byte svc.</summary>
    [Fact]
    public void Long_map_and_unmap_calls_from_Thumb_code_restart_at_their_2_byte_svc()
        => RestartsWhereItStopped(GuestBuild.Thumb);

    /// <summary>
    /// thumbsvc's hand-written Thumb code (it runs in the ARM build too): map and unmap calls from a 2-byte
    /// svc inside an ITE block are preempted and restarted, and every restart gives the svc back its own
    /// ITSTATE (else it would be skipped, or the block's else arm would run, and the program counts it).
    /// </summary>
    [Fact]
    public void Calls_from_a_Thumb_svc_inside_an_IT_block_restart_at_that_svc_with_its_ITSTATE()
    {
        using KernelRun run = KernelRun.Boot("thumbsvc").Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.Contains("thumbsvc: all checks passed", run.Output);
        Assert.True(run.Kernel.Restarts > 0, "no call was preempted: the workload is too small to test restarts");
    }

    private static void RestartsWhereItStopped(GuestBuild build)
    {
        using KernelRun run = KernelRun.Boot("bigmap", build: build).Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.True(run.Kernel.Restarts > 0, "no call was preempted: the workload is too small to test restarts");
    }
}

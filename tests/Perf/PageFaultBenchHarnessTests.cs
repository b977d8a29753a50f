// The page-fault benchmark (guests/l4/pfbench.c, bench/PageFault*.cs): every touch faults and is served, and nothing allocates after set-up.
using System;
using Codezero.Bench;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Tests.Kernel;
using Xunit;

namespace Codezero.Tests.Perf;

/// <summary>
/// What BenchmarkDotNet's memory diagnoser reports for perf/PageFaultBenchmarks.cs, checked here without
/// it, and that the benchmark measures what it says: each fault is a real data abort counted by the
/// kernel, sent to the pager and answered, and the toucher's write lands. No timing is asserted.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class PageFaultBenchHarnessTests
{
    private static readonly string Elf = PageFaultBenchImage.Find(RepoPaths.Root);

    [Theory]
    [InlineData(1, RunMode.Deterministic)]
    [InlineData(4, RunMode.Deterministic)]
    [InlineData(1, RunMode.Parallel)]
    [InlineData(4, RunMode.Parallel)]
    public void Unpatched_pfbench_serves_every_fault_and_checks_itself(int cores, RunMode mode)
    {
        using KernelRun run = KernelRun.Boot("pfbench", cores, mode).Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.Equal(HaltReason.Exit, run.Halt);
        Assert.Contains("pfbench: 1000 faults served by the pager, ", run.Output);
        long faults = 0;
        for (int core = 0; core < cores; core++)
        {
            faults += run.Kernel.Cpu(core).Faults;
        }
        Assert.Equal(1001, faults); // the first touch, then 1000 timed ones: every write faulted once
        Assert.Equal(0, run.Kernel.LiveThreads);
    }

    [Fact]
    public void Kernel_path_faults_are_served_and_allocate_nothing()
    {
        using var bench = new PageFaultKernelPathBench(Elf);
        Assert.True(bench.CyclesPerFault > 0, $"{bench.CyclesPerFault} cycles per fault");
        for (int i = 0; i < 100; i++)
        {
            bench.Fault();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            bench.Fault();
        }
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        bench.Verify(); // every fault message reached the pager, map and unmap returned 0, the toucher runs
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void End_to_end_batches_fault_once_per_touch_and_allocate_nothing()
    {
        using var bench = new PageFaultEndToEndBench(Elf, faults: 200);
        bench.RunBatch();
        long before = GC.GetAllocatedBytesForCurrentThread();
        bench.RunBatch();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.DoesNotContain("FAIL", bench.Console);
        Assert.Equal(200, bench.LastFaults);
        Assert.True(bench.LastInstructions > 200 * 20, $"{bench.LastInstructions} instructions for 200 faults");
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void End_to_end_cycles_are_the_guest_instructions_plus_what_the_kernel_path_charges()
    {
        // The cost model (docs/performance.md): one cycle per guest instruction, plus the kernel's charges,
        // which the kernel path measures alone. A fault costs the same kernel work both ways.
        long kernelCycles;
        using (var kernel = new PageFaultKernelPathBench(Elf))
        {
            kernelCycles = kernel.CyclesPerFault;
        }
        using var bench = new PageFaultEndToEndBench(Elf, faults: 100);
        bench.RunBatch();
        Assert.Equal(bench.LastInstructions + 100 * kernelCycles, bench.LastCycles);
    }
}

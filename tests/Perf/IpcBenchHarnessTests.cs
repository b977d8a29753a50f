// The IPC benchmark harness (bench/): its round trips really happen, and allocate nothing after set-up.
using System;
using Codezero.Bench;
using Codezero.Tests.Kernel;
using Xunit;

namespace Codezero.Tests.Perf;

/// <summary>
/// What BenchmarkDotNet's memory diagnoser reports for perf/IpcBenchmarks.cs, checked here without it: a
/// kernel-path case and an end-to-end batch allocate nothing on the GC heap once set up (the kernel, the
/// interpreter and the harness alike). No timing is asserted.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class IpcBenchHarnessTests
{
    private static readonly string Elf = IpcBenchImage.Find(RepoPaths.Root);

    [Theory]
    [InlineData(KernelPathKind.Ipc, IpcTier.Short, Placement.SameCore, true)]
    [InlineData(KernelPathKind.Ipc, IpcTier.Short, Placement.SameCore, false)]
    [InlineData(KernelPathKind.Ipc, IpcTier.Full, Placement.SameCore, true)]
    [InlineData(KernelPathKind.Ipc, IpcTier.Extended2048, Placement.SameCore, true)]
    [InlineData(KernelPathKind.Ipc, IpcTier.Short, Placement.CrossCore, true)]
    [InlineData(KernelPathKind.Ipc, IpcTier.Extended512, Placement.CrossCore, true)]
    [InlineData(KernelPathKind.NullSyscall, IpcTier.Short, Placement.SameCore, true)]
    [InlineData(KernelPathKind.ThreadSwitch, IpcTier.Short, Placement.SameCore, true)]
    public void Kernel_path_round_trips_work_and_allocate_nothing(KernelPathKind kind, IpcTier tier, Placement placement, bool fastPath)
    {
        using var bench = new KernelPathBench(Elf, kind, tier, placement, fastPath);
        // An IPC round trip retires the kernel's copy-in and copy-out (counted in cycles); getid and a
        // thread switch move no message and cost none.
        Assert.True(kind == KernelPathKind.Ipc ? bench.CyclesPerRoundTrip > 0 : bench.CyclesPerRoundTrip == 0,
            $"{kind} {tier}: {bench.CyclesPerRoundTrip} cycles per round trip");
        for (int i = 0; i < 100; i++)
        {
            bench.RoundTrip();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            bench.RoundTrip();
        }
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        bench.Verify();
        Assert.Equal(0, bytes);
    }

    [Theory]
    [InlineData(IpcTier.Short, Placement.SameCore)]
    [InlineData(IpcTier.Extended2048, Placement.CrossCore)]
    public void End_to_end_batches_run_every_round_trip_and_allocate_nothing(IpcTier tier, Placement placement)
    {
        using var bench = new EndToEndBench(Elf, tier, placement, roundTrips: 200);
        bench.RunBatch();
        long before = GC.GetAllocatedBytesForCurrentThread();
        bench.RunBatch();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.DoesNotContain("FAIL", bench.Console);
        Assert.True(bench.LastInstructions > 200 * 40, $"{bench.LastInstructions} instructions for 200 round trips");
        Assert.Equal(0, bytes);
    }
}

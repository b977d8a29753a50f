// Measures what a booted kernel run allocates on the GC heap, telling the kernel's allocations from the test host's.
using System;
using System.Collections.Generic;
using Xunit;

namespace Codezero.Tests.Kernel;

/// <summary>
/// A deterministic run is a pure function of its image: the same instructions, kernel entries and paths
/// every time (equal trace hashes prove it). An allocation on a kernel or interpreter path therefore
/// shows in every run. The test host is not so still: now and then a runtime service charges a few KB
/// to the measuring thread in the middle of a run (seen about once in a few dozen full-suite runs, never
/// reproduced in isolation, gone with it). So a program is warmed once and then measured in up to three
/// identical runs: it passes when one of them allocated nothing and ran no collection, and every run
/// must have the same trace hash, so the runs compared really are the same run.
/// </summary>
internal static class AllocationMeasure
{
    public static void AssertAllocatesNothing(Func<KernelRun> boot, Action<KernelRun> check)
    {
        using (KernelRun warm = boot())
        {
            warm.Run();
        }
        var seen = new List<string>();
        ulong? hash = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            using KernelRun run = boot();
            int collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
            long before = GC.GetAllocatedBytesForCurrentThread();
            run.Run();
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            int ran = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - collections;
            check(run);
            hash ??= run.Board.TraceHash;
            Assert.Equal(hash.Value, run.Board.TraceHash);
            if (bytes == 0 && ran == 0)
            {
                return;
            }
            seen.Add($"{bytes} bytes, {ran} collections");
        }
        Assert.Fail("every measured run allocated: " + string.Join("; ", seen));
    }
}

// Proves the interpreter's run loop allocates nothing on the GC heap once started.
using System;
using Xunit;

namespace Codezero.Tests.Hal;

[Collection(Codezero.Tests.Kernel.AllocationCollection.Name)] // reads the process-wide GC count
public sealed unsafe class RunLoopAllocationTests
{
    // r3 = 0x60020000; r4 = 0x1000000; loop: add r0,#1; eor r1,r1,r0,lsl #3; ldr r2,[r3,#4];
    // str r1,[r3,#8]; subs r4,#1; bne loop; b .
    private static readonly uint[] s_loop =
    {
        0xE3A03206, 0xE2833802, 0xE3A04401, 0xE2800001, 0xE0211180,
        0xE5932004, 0xE5831008, 0xE2544001, 0x1AFFFFF9, 0xEAFFFFFE,
    };

    [Fact]
    public void Run_AfterWarmUp_AllocatesNothingAndCollectsNothing()
    {
        using var h = new CpuHarness();
        h.Load(s_loop);
        h.Core.Run(100_000); // warm up: decode the page, fill the soft TLB, tier up the JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        int collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        long retired = h.Core.Run(5_000_000);
        long after = GC.GetAllocatedBytesForCurrentThread();
        int collectionsAfter = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);

        Assert.Equal(5_000_000, retired);
        Assert.Equal(before, after);
        Assert.Equal(collections, collectionsAfter);
        Assert.Equal(850_000u, h.Core.R[0]); // the loop really ran: 3 set-up instructions, then one add per 6
    }

    [Fact]
    public void Board_Run_WithExceptionsAndSelfModifyingStores_AllocatesNothing()
    {
        using var h = new CpuHarness();
        // loop: str r5, [r6]  (r6 points into the code page: re-decodes a word)
        //       svc #0        (vector 8 holds "movs pc, lr": returns at once)
        //       b loop
        h.Load(0xE5865000, 0xEF000000, 0xEAFFFFFC);
        h.WriteWord(0x6000_0008, 0xE1B0F00E); // movs pc, lr at the SVC vector (low alias of RAM)
        h.Core.R[5] = 0xE1A00000;             // nop
        h.Core.R[6] = CpuHarness.CodeBase + 0x100;
        h.Board.Run(50_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        h.Board.Run(1_000_000);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
        Assert.True(h.Core.Instructions >= 1_000_000);
    }
}

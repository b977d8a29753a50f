// ASID allocation: stable per space, distinct between spaces, rollover that keeps running spaces and flushes.
using System;
using System.Collections.Generic;
using Codezero.Kernel.Mm;
using Xunit;

namespace Codezero.Tests.Kernel.Mm;

public sealed class AsidAllocatorTests
{
    [Fact]
    public void ASpace_KeepsItsAsid_AndNeedsNoFlush()
    {
        var asids = new AsidAllocator(cores: 2);
        ulong space = 0;
        uint first = asids.Activate(0, ref space, out bool flush1);
        uint again = asids.Activate(1, ref space, out bool flush2);
        Assert.NotEqual(0u, first);
        Assert.Equal(first, again);
        Assert.False(flush1 || flush2);
    }

    [Fact]
    public void The255SpacesOfAGeneration_GetDistinctNonZeroAsids()
    {
        var asids = new AsidAllocator(cores: 1);
        var seen = new HashSet<uint>();
        var spaces = new ulong[255];
        for (int i = 0; i < spaces.Length; i++)
        {
            uint asid = asids.Activate(0, ref spaces[i], out bool flush);
            Assert.False(flush);
            Assert.InRange(asid, 1u, 255u);
            Assert.True(seen.Add(asid), $"ASID {asid} handed out twice");
        }
        Assert.Equal(0, asids.Rollovers);
    }

    [Fact]
    public void Rollover_KeepsTheSpacesRunningOnOtherCores_AndFlushesEveryCoreOnce()
    {
        var asids = new AsidAllocator(cores: 2);
        ulong running = 0;
        uint runningAsid = asids.Activate(1, ref running, out _); // stays on core 1
        var spaces = new ulong[254];
        for (int i = 0; i < spaces.Length; i++)
        {
            asids.Activate(0, ref spaces[i], out _);
        }
        ulong newcomer = 0;
        uint newcomerAsid = asids.Activate(0, ref newcomer, out bool flushHere);
        Assert.Equal(1, asids.Rollovers);
        Assert.True(flushHere);                       // core 0 switches with a whole-TLB flush
        Assert.NotEqual(runningAsid, newcomerAsid);

        Assert.Equal(runningAsid, asids.Activate(1, ref running, out bool flushThere));
        Assert.True(flushThere);                      // core 1 flushes at its next switch, once
        Assert.Equal(runningAsid, asids.Activate(1, ref running, out bool flushAgain));
        Assert.False(flushAgain);

        // A space from the old generation gets a fresh ASID, never the running space's.
        uint renewed = asids.Activate(0, ref spaces[0], out _);
        Assert.NotEqual(runningAsid, renewed);
        Assert.NotEqual(newcomerAsid, renewed);
    }

    [Fact]
    public void Release_LetsAnotherSpaceTakeTheAsidWithoutRollover()
    {
        var asids = new AsidAllocator(cores: 1);
        var spaces = new ulong[255];
        for (int i = 0; i < spaces.Length; i++)
        {
            asids.Activate(0, ref spaces[i], out _);
        }
        uint freed = (uint)(spaces[10] & 0xFF);
        asids.Release(ref spaces[10]);
        Assert.Equal(0ul, spaces[10]);
        ulong next = 0;
        Assert.Equal(freed, asids.Activate(0, ref next, out bool flush));
        Assert.False(flush);
        Assert.Equal(0, asids.Rollovers);
    }

    [Fact]
    public void Activate_AfterWarmUp_AllocatesNothing()
    {
        var asids = new AsidAllocator(cores: 4);
        var spaces = new ulong[600];
        asids.Activate(0, ref spaces[0], out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < spaces.Length; i++)
            {
                asids.Activate(i % 4, ref spaces[i], out _);
            }
        }
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
        Assert.True(asids.Rollovers > 0);
    }
}

// Kernel object pools in board RAM: typed handles, exhaustion, stale and forged handles refused, no GC use.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel.Memory;
using Xunit;

namespace Codezero.Tests.Kernel.Memory;

public sealed unsafe class KernelPoolTests : IDisposable
{
    private struct Sample
    {
        public int Value;
        public long Other; // makes the struct 16 bytes: slots are wider than the free-list link
    }

    private readonly Board _board = new(new BoardOptions { RamSize = 16u << 20 });
    private readonly KernelRegion _region;

    public KernelPoolTests() => _region = new KernelRegion(_board.Memory, 0x6080_0000, 0x10_0000);

    public void Dispose() => _board.Dispose();

    [Fact]
    public void Pool_LivesInTheKernelRegion_AndUsesItsCapacityExactly()
    {
        uint freeBefore = _region.Free;
        var pool = new KernelPool<Sample>(_region, 3);
        Assert.True(_region.Free < freeBefore);
        Assert.True(pool.TryAllocate(out PoolHandle a));
        Assert.True(pool.TryAllocate(out PoolHandle b));
        Assert.True(pool.TryAllocate(out PoolHandle c));
        Assert.False(pool.TryAllocate(out _));
        Assert.Equal(3, pool.Count);
        Assert.NotEqual(a.Index, b.Index);
        Assert.NotEqual(b.Index, c.Index);
        byte* p = (byte*)pool.Get(a);
        long offset = p - _board.Memory.HostPointer(_region.Start);
        Assert.InRange(offset, 0, _region.Size - 1);
    }

    [Fact]
    public void FreedSlot_IsReusedZeroed_AndTheOldHandleGoesStale()
    {
        var pool = new KernelPool<Sample>(_region, 2);
        Assert.True(pool.TryAllocate(out PoolHandle first));
        pool.Get(first)->Value = 42;
        pool.Get(first)->Other = -1;
        Assert.True(pool.Free(first));
        Assert.True(pool.TryAllocate(out PoolHandle second));
        Assert.Equal(first.Index, second.Index);
        Assert.Equal(0, pool.Get(second)->Value);
        Assert.Equal(0, pool.Get(second)->Other);
        Assert.True(pool.Get(first) == null);
        Assert.False(pool.Free(first));
        Assert.True(pool.IsLive(second));
    }

    [Fact]
    public void ForgedHandles_AreRefused()
    {
        var pool = new KernelPool<Sample>(_region, 4);
        Assert.True(pool.TryAllocate(out PoolHandle live));
        Assert.True(pool.Get(PoolHandle.None) == null);
        Assert.True(pool.Get(new PoolHandle(5, 1)) == null);                 // past the end
        Assert.True(pool.Get(new PoolHandle(-1, 1)) == null);                // negative index
        Assert.True(pool.Get(new PoolHandle(live.Index, live.Generation + 2)) == null); // future generation
        Assert.True(pool.Get(new PoolHandle(live.Index + 1, 0)) == null);    // a free slot's generation
        Assert.True(pool.Get(new PoolHandle(live.Index + 1, 1)) == null);    // never allocated
        Assert.False(pool.Free(new PoolHandle(live.Index + 1, 0)));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void AllocateAndFree_AfterBoot_AllocateNothingOnTheGcHeap()
    {
        var pool = new KernelPool<Sample>(_region, 16);
        Assert.True(pool.TryAllocate(out PoolHandle warm));
        Assert.True(pool.Free(warm));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            pool.TryAllocate(out PoolHandle h);
            pool.Get(h)->Value = i;
            pool.Free(h);
        }
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
    }

    [Fact]
    public void Region_RefusesToCarveMoreThanItHas()
    {
        var small = new KernelRegion(_board.Memory, 0x6090_0000, 0x1000);
        small.Carve(0x800);
        Assert.Throws<InvalidOperationException>(() => small.Carve(0x1000));
    }
}

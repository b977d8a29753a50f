// The kernel's frame pool: exhaustion, reuse, aligned contiguous runs, refusals that leave it unchanged.
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel.Mm;
using Xunit;

namespace Codezero.Tests.Kernel.Mm;

public sealed class PhysicalFrameAllocatorTests
{
    private const uint Pool = 0x6080_1000; // deliberately not 8 KiB aligned
    private const uint Bitmap = 0x6070_0000;

    [Fact]
    public void Allocate_UntilEmpty_ThenFreedFrameIsReused()
    {
        using var board = new Board(new BoardOptions { RamSize = 16u << 20 });
        var frames = new PhysicalFrameAllocator(board.Memory, Pool, 100, Bitmap);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(frames.TryAllocate(out uint f));
            Assert.Equal(Pool + (uint)i * 4096, f);
        }
        Assert.False(frames.TryAllocate(out _));
        Assert.True(frames.Free(Pool + 42 * 4096));
        Assert.True(frames.TryAllocate(out uint again));
        Assert.Equal(Pool + 42 * 4096, again);
    }

    [Fact]
    public void AllocateContiguous_AlignsThePhysicalFrameNumber()
    {
        using var board = new Board(new BoardOptions { RamSize = 16u << 20 });
        var frames = new PhysicalFrameAllocator(board.Memory, Pool, 64, Bitmap);
        Assert.True(frames.TryAllocate(out _));                       // 0x60801000
        Assert.True(frames.TryAllocateContiguous(4, 4, out uint l1)); // 16 KiB aligned
        Assert.Equal(0x6080_4000u, l1);
        Assert.True(frames.TryAllocateContiguous(2, 2, out uint l1b));
        Assert.Equal(0x6080_2000u, l1b);                              // the gap before it fits
        Assert.Equal(64 - 7, frames.FreeFrames);
    }

    [Fact]
    public unsafe void Allocate_ReturnsZeroedFrames()
    {
        using var board = new Board(new BoardOptions { RamSize = 16u << 20 });
        var frames = new PhysicalFrameAllocator(board.Memory, Pool, 4, Bitmap);
        Assert.True(frames.TryAllocate(out uint f));
        board.Memory.WritePhysical(f + 100, new byte[] { 1, 2, 3 });
        Assert.True(frames.Free(f));
        Assert.True(frames.TryAllocate(out uint g));
        Assert.Equal(f, g);
        Assert.Equal(0, *(board.Memory.HostPointer(g + 101)));
    }

    [Fact]
    public void Free_OfAFrameNotAllocatedOrOutsideThePool_IsRefusedAndChangesNothing()
    {
        using var board = new Board(new BoardOptions { RamSize = 16u << 20 });
        var frames = new PhysicalFrameAllocator(board.Memory, Pool, 8, Bitmap);
        Assert.True(frames.TryAllocate(out uint f));
        Assert.False(frames.Free(f + 4096));         // never allocated
        Assert.False(frames.Free(f + 12));           // not a frame address
        Assert.False(frames.Free(Pool - 4096));      // outside the pool
        Assert.False(frames.Free(f, 2));             // the second frame is free
        Assert.Equal(7, frames.FreeFrames);
        Assert.True(frames.Free(f));
        Assert.False(frames.Free(f));                // freed twice
        Assert.Equal(8, frames.FreeFrames);
    }
}

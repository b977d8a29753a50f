// Kernel copies to and from user memory: across pages, with the user's permissions, refusing bad pointers.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel.Mm;
using Xunit;

namespace Codezero.Tests.Kernel.Mm;

public sealed unsafe class UserMemoryTests : IDisposable
{
    private const uint Va = 0x0010_0000;
    private readonly Board _board = new(new BoardOptions { RamSize = 16u << 20 });
    private readonly PhysicalFrameAllocator _frames;
    private readonly uint _l1;

    public UserMemoryTests()
    {
        _frames = new PhysicalFrameAllocator(_board.Memory, 0x6080_0000, 64, 0x6070_0000);
        Assert.Equal(MmStatus.Ok, UserPageTables.Create(_frames, out _l1));
        // Two adjacent virtual pages on physical pages that are not adjacent, then a read-only page.
        Map(Va, 0x6030_5000, MapFlags.ReadWrite);
        Map(Va + 0x1000, 0x6030_1000, MapFlags.ReadWrite);
        Map(Va + 0x2000, 0x6030_2000, MapFlags.ReadOnly);
        Map(Va + 0x4000, 0x1000_9000, MapFlags.Io);
    }

    public void Dispose() => _board.Dispose();

    private void Map(uint va, uint pa, MapFlags flags)
        => Assert.Equal(MmStatus.Ok, UserPageTables.Map(_board.Memory, _frames, _l1, va, pa, 1, flags));

    [Fact]
    public void CopyOutThenIn_AcrossAPageBoundary_FollowsTheMapping()
    {
        byte[] message = new byte[64];
        for (int i = 0; i < message.Length; i++)
        {
            message[i] = (byte)(i + 1);
        }
        uint start = Va + 0x1000 - 20;
        Assert.True(UserMemory.TryCopyOut(_board.Memory, _l1, start, message));
        Assert.Equal(1, *_board.Memory.HostPointer(0x6030_5000 + 0x1000 - 20));
        Assert.Equal(21, *_board.Memory.HostPointer(0x6030_1000));
        var back = new byte[64];
        Assert.True(UserMemory.TryCopyIn(_board.Memory, _l1, start, back));
        Assert.Equal(message, back);
    }

    [Fact]
    public void CopyOut_IntoAReadOnlyPage_IsRefusedAndWritesNothing()
    {
        uint start = Va + 0x2000 - 8; // 8 writable bytes, then the read-only page
        Assert.False(UserMemory.TryCopyOut(_board.Memory, _l1, start, new byte[16] { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9 }));
        Assert.Equal(0, *_board.Memory.HostPointer(0x6030_1000 + 0x1000 - 8));
        Assert.True(UserMemory.TryCopyIn(_board.Memory, _l1, Va + 0x2000, new byte[16])); // reading it is fine
    }

    [Theory]
    [InlineData(0x0010_3000u, 4)]   // unmapped page
    [InlineData(0x0010_2FFEu, 4)]   // runs from the read-only page into the unmapped one
    [InlineData(0x0010_4000u, 4)]   // device memory is never copied
    [InlineData(0x7FFF_FFFEu, 4)]   // runs into the kernel half
    [InlineData(0xFFFF_0000u, 4)]   // the kernel half
    public void CopyIn_FromABadPointer_IsRefused(uint va, int length)
    {
        Assert.False(UserMemory.TryCopyIn(_board.Memory, _l1, va, new byte[length]));
    }

    [Fact]
    public void ZeroLengthCopies_Succeed_Anywhere()
    {
        Assert.True(UserMemory.TryCopyIn(_board.Memory, _l1, 0xDEAD_0000, Span<byte>.Empty));
        Assert.True(UserMemory.TryCopyOut(_board.Memory, _l1, 0xDEAD_0000, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Copies_AllocateNothing()
    {
        Span<byte> buffer = stackalloc byte[256];
        UserMemory.TryCopyOut(_board.Memory, _l1, Va + 100, buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            UserMemory.TryCopyOut(_board.Memory, _l1, Va + 0xF80, buffer);
            UserMemory.TryCopyIn(_board.Memory, _l1, Va + 0xF80, buffer);
            UserMemory.TryCopyIn(_board.Memory, _l1, Va + 0x3000, buffer);
        }
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
    }
}

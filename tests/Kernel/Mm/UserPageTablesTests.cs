// User page tables written by the kernel, checked through the board's own MMU: access, faults, errors.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Kernel.Mm;
using Codezero.Tests.Hal;
using Xunit;

namespace Codezero.Tests.Kernel.Mm;

public sealed unsafe class UserPageTablesTests : IDisposable
{
    private const uint Pool = 0x6080_0000;
    private const uint Bitmap = 0x6070_0000;
    private const uint CodeVa = 0x0001_0000;
    private const uint DataVa = 0x0002_0000;
    private const uint ReadOnlyVa = 0x0003_0000;
    private const uint DataPa = 0x6030_0000;

    private readonly CpuHarness _h = new();
    private readonly PhysicalFrameAllocator _frames;
    private readonly uint _l1;

    public UserPageTablesTests()
    {
        _frames = new PhysicalFrameAllocator(_h.Board.Memory, Pool, 256, Bitmap);
        Assert.Equal(MmStatus.Ok, UserPageTables.Create(_frames, out _l1));
    }

    public void Dispose() => _h.Dispose();

    private MmStatus Map(uint va, uint pa, uint pages, MapFlags flags)
        => UserPageTables.Map(_h.Board.Memory, _frames, _l1, va, pa, pages, flags);

    private MmStatus Unmap(uint va, uint pages) => UserPageTables.Unmap(_h.Board.Memory, _frames, _l1, va, pages);

    /// <summary>Points core 0 at the space (TTBCR.N = 1, domain 0 client, ASID 7), MMU on, User mode at CodeVa.</summary>
    private void EnterUserSpace(params uint[] code)
    {
        _h.Load(code); // physical CodeBase, mapped at CodeVa below
        ArmCore core = _h.Core;
        core.WriteCp15(0, 2, 0, 2, UserPageTables.Ttbcr);
        core.WriteCp15(0, 2, 0, 0, _l1);
        core.WriteCp15(0, 3, 0, 0, 1);
        core.WriteCp15(0, 13, 0, 1, 7);
        core.WriteCp15(0, 1, 0, 0, core.Sctlr | ArmCore.Sctlr_M);
        core.WriteCpsr(0x10);
        core.SetPc(CodeVa);
    }

    [Fact]
    public void MappedPages_AreReadableWritableAndExecutableAsMapped()
    {
        Assert.Equal(MmStatus.Ok, Map(CodeVa, CpuHarness.CodeBase, 1, MapFlags.ReadExecute));
        Assert.Equal(MmStatus.Ok, Map(DataVa, DataPa, 2, MapFlags.ReadWrite));
        _h.WriteWord(DataPa + 0x1000, 0x1234_5678);
        _h.Core.R[1] = DataVa + 0x1000;
        _h.Core.R[2] = 0xCAFE;
        EnterUserSpace(0xE5910000, 0xE5812004); // ldr r0, [r1]; str r2, [r1, #4]
        _h.Step(2);
        Assert.Equal(ProcessorMode.User, _h.Core.Mode);
        Assert.Equal(0x1234_5678u, _h.Core.R[0]);
        Assert.Equal(0xCAFEu, _h.ReadWord(DataPa + 0x1004));
    }

    [Fact]
    public void StoreToReadOnlyPage_IsAPagePermissionFault()
    {
        Assert.Equal(MmStatus.Ok, Map(CodeVa, CpuHarness.CodeBase, 1, MapFlags.ReadExecute));
        Assert.Equal(MmStatus.Ok, Map(ReadOnlyVa, DataPa, 1, MapFlags.ReadOnly));
        _h.Core.R[3] = ReadOnlyVa + 8;
        EnterUserSpace(0xE5930000, 0xE5832000); // ldr r0, [r3]; str r2, [r3]
        _h.Step(2);
        Assert.Equal(ProcessorMode.Abort, _h.Core.Mode);
        Assert.Equal(0x80Fu, _h.Core.Dfsr);           // permission (page), domain 0, write
        Assert.Equal(ReadOnlyVa + 8, _h.Core.Dfar);
    }

    [Fact]
    public void FetchFromDataPage_IsExecuteNever()
    {
        Assert.Equal(MmStatus.Ok, Map(CodeVa, CpuHarness.CodeBase, 1, MapFlags.ReadExecute));
        Assert.Equal(MmStatus.Ok, Map(DataVa, DataPa, 1, MapFlags.ReadWrite));
        _h.Core.R[4] = DataVa;
        EnterUserSpace(0xE12FFF14); // bx r4
        _h.Step(2);
        Assert.Equal(ProcessorMode.Abort, _h.Core.Mode);
        Assert.Equal(0x0Fu, _h.Core.Ifsr);
        Assert.Equal(DataVa, _h.Core.Ifar);
    }

    [Fact]
    public void IoMapping_ReachesTheDevice()
    {
        Assert.Equal(MmStatus.Ok, Map(CodeVa, CpuHarness.CodeBase, 1, MapFlags.ReadExecute));
        Assert.Equal(MmStatus.Ok, Map(0x0004_0000, 0x1000_9000, 1, MapFlags.Io));
        _h.Core.R[1] = 0x0004_0000;
        EnterUserSpace(0xE5910018); // ldr r0, [r1, #0x18]: UART0 FR
        _h.Step();
        Assert.Equal(0x90u, _h.Core.R[0] & 0x90);
        Assert.True(UserPageTables.TryLookup(_h.Board.Memory, _l1, 0x0004_0018, out uint pa, out MapFlags flags));
        Assert.Equal(0x1000_9018u, pa);
        Assert.Equal(MapFlags.Io, flags);
    }

    [Fact]
    public void UnmappedUserPage_IsAPageTranslationFault_AfterUnmapAndTlbMaintenance()
    {
        Assert.Equal(MmStatus.Ok, Map(CodeVa, CpuHarness.CodeBase, 1, MapFlags.ReadExecute));
        Assert.Equal(MmStatus.Ok, Map(DataVa, DataPa, 1, MapFlags.ReadWrite));
        Assert.Equal(MmStatus.Ok, Unmap(DataVa, 1));
        _h.Core.R[1] = DataVa;
        EnterUserSpace(0xE5910000);
        _h.Core.WriteCp15(0, 8, 7, 0, 0); // TLBIALL
        _h.Step();
        Assert.Equal(ProcessorMode.Abort, _h.Core.Mode);
        Assert.Equal(0x07u, _h.Core.Dfsr);
    }

    [Theory]
    [InlineData(0x0001_0004u, 0x6030_0000u, 1u, MapFlags.ReadWrite)]      // misaligned virtual address
    [InlineData(0x0001_0000u, 0x6030_0010u, 1u, MapFlags.ReadWrite)]      // misaligned physical address
    [InlineData(0x7FFF_F000u, 0x6030_0000u, 2u, MapFlags.ReadWrite)]      // runs into the kernel half
    [InlineData(0x8000_0000u, 0x6030_0000u, 1u, MapFlags.ReadWrite)]      // the kernel half
    [InlineData(0x0001_0000u, 0x6030_0000u, 0u, MapFlags.ReadWrite)]      // no pages
    [InlineData(0x0001_0000u, 0x6030_0000u, 1u, MapFlags.Write)]          // write without read
    [InlineData(0x0001_0000u, 0x6030_0000u, 1u, MapFlags.Io | MapFlags.Execute)] // executable device memory
    [InlineData(0x0001_0000u, 0xFFFF_F000u, 2u, MapFlags.ReadWrite)]      // physical range wraps
    public void Map_WithBadArguments_IsRefusedAndMapsNothing(uint va, uint pa, uint pages, MapFlags flags)
    {
        int free = _frames.FreeFrames;
        Assert.Equal(MmStatus.InvalidArgument, Map(va, pa, pages, flags));
        Assert.Equal(free, _frames.FreeFrames);
        Assert.False(UserPageTables.TryLookup(_h.Board.Memory, _l1, va & ~0xFFFu, out _, out _));
    }

    [Fact]
    public void Map_OverAnExistingPage_IsRefusedWithoutMappingTheOthers()
    {
        Assert.Equal(MmStatus.Ok, Map(DataVa + 0x3000, DataPa, 1, MapFlags.ReadWrite));
        Assert.Equal(MmStatus.AlreadyMapped, Map(DataVa, DataPa, 4, MapFlags.ReadWrite));
        Assert.False(UserPageTables.TryLookup(_h.Board.Memory, _l1, DataVa, out _, out _));
        Assert.True(UserPageTables.TryLookup(_h.Board.Memory, _l1, DataVa + 0x3000, out uint pa, out _));
        Assert.Equal(DataPa, pa);
    }

    [Fact]
    public void Map_WithoutFramesForItsTables_IsRefusedWithoutMappingAnything()
    {
        // Leave one free frame: enough for one group of second-level tables, not two.
        while (_frames.FreeFrames > 1)
        {
            Assert.True(_frames.TryAllocate(out _));
        }
        uint spansTwoGroups = 0x003F_F000; // last page of the first 4 MiB group, first of the next
        Assert.Equal(MmStatus.OutOfMemory, Map(spansTwoGroups, DataPa, 2, MapFlags.ReadWrite));
        Assert.Equal(1, _frames.FreeFrames);
        Assert.False(UserPageTables.TryLookup(_h.Board.Memory, _l1, spansTwoGroups, out _, out _));
    }

    [Fact]
    public void Unmap_OfAPageNotMapped_IsRefusedAndKeepsTheRest()
    {
        Assert.Equal(MmStatus.Ok, Map(DataVa, DataPa, 1, MapFlags.ReadWrite));
        Assert.Equal(MmStatus.NotMapped, Unmap(DataVa, 2));
        Assert.True(UserPageTables.TryLookup(_h.Board.Memory, _l1, DataVa, out _, out _));
    }

    [Fact]
    public void UnmappingEverything_ReturnsEveryTableFrame()
    {
        int free = _frames.FreeFrames;
        Assert.Equal(MmStatus.Ok, Map(0x0000_0000, DataPa, 16, MapFlags.ReadWrite));      // group 0
        Assert.Equal(MmStatus.Ok, Map(0x0050_0000, DataPa, 300, MapFlags.ReadWrite));     // groups 1 (spans two MiB)
        Assert.Equal(MmStatus.Ok, Map(0x7FF0_0000, DataPa, 256, MapFlags.ReadOnly));      // the last MiB
        Assert.Equal(free - 3, _frames.FreeFrames);
        Assert.Equal(MmStatus.Ok, Unmap(0x0050_0000, 300));
        Assert.Equal(MmStatus.Ok, Unmap(0x0000_0000, 16));
        Assert.Equal(MmStatus.Ok, Unmap(0x7FF0_0000, 256));
        Assert.Equal(free, _frames.FreeFrames);
        UserPageTables.Destroy(_h.Board.Memory, _frames, _l1);
        Assert.Equal(256, _frames.FreeFrames);
    }

    [Fact]
    public void MapAndUnmap_AfterWarmUp_AllocateNothing()
    {
        Assert.Equal(MmStatus.Ok, Map(DataVa, DataPa, 8, MapFlags.ReadWrite));
        Assert.Equal(MmStatus.Ok, Unmap(DataVa, 8));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Map(DataVa, DataPa, 8, MapFlags.ReadWrite);
            Unmap(DataVa, 8);
        }
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(before, after);
    }

    [Fact]
    public void Copy_GivesANewSpaceTheSameFramesAndRights_AndTheCopyChangesAlone()
    {
        Assert.Equal(MmStatus.Ok, Map(CodeVa, CpuHarness.CodeBase, 1, MapFlags.ReadExecute));
        Assert.Equal(MmStatus.Ok, Map(0x7FEF_0000, DataPa, 16, MapFlags.ReadWrite));
        Assert.Equal(MmStatus.Ok, UserPageTables.Create(_frames, out uint copy));
        Assert.Equal(MmStatus.Ok, UserPageTables.Copy(_h.Board.Memory, _frames, _l1, copy));
        Assert.True(UserPageTables.TryLookup(_h.Board.Memory, copy, 0x7FEF_3004, out uint pa, out MapFlags flags));
        Assert.Equal(DataPa + 0x3004, pa);
        Assert.Equal(MapFlags.ReadWrite, flags);
        Assert.True(UserPageTables.TryLookup(_h.Board.Memory, copy, CodeVa, out pa, out flags));
        Assert.Equal(MapFlags.ReadExecute, flags);

        // New mappings in the copy, in a new 4 MiB group and next to copied pages, stay out of the original.
        Assert.Equal(MmStatus.Ok, UserPageTables.Map(_h.Board.Memory, _frames, copy, 0x400F_F000, DataPa + 0x20000, 1, MapFlags.ReadWrite));
        Assert.Equal(MmStatus.Ok, UserPageTables.Map(_h.Board.Memory, _frames, copy, 0x7FEE_F000, DataPa + 0x21000, 1, MapFlags.ReadWrite));
        Assert.True(UserPageTables.TryLookup(_h.Board.Memory, copy, 0x400F_FFE0, out pa, out _));
        Assert.Equal(DataPa + 0x20FE0, pa);
        Assert.False(UserPageTables.TryLookup(_h.Board.Memory, _l1, 0x400F_FFE0, out _, out _));
        Assert.False(UserPageTables.TryLookup(_h.Board.Memory, _l1, 0x7FEE_F000, out _, out _));
        _h.Core.WriteCp15(0, 2, 0, 2, UserPageTables.Ttbcr);
        _h.Core.WriteCp15(0, 2, 0, 0, copy);
        _h.Core.WriteCp15(0, 3, 0, 0, 1);
        _h.Core.WriteCp15(0, 1, 0, 0, _h.Core.Sctlr | ArmCore.Sctlr_M);
        Assert.True(_h.Core.Translate(0x400F_FFE0, AccessKind.Write, true, out pa, out uint fault), $"fault {fault:x}");
        Assert.Equal(DataPa + 0x20FE0, pa);
    }
}

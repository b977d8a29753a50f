// BareMetalBoot: segments placed at p_paddr with .bss zeroed, QEMU's reset state, refusals with exact messages.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal.Boot;

public sealed unsafe class BareMetalBootTests
{
    private static Board SmallBoard(int cores = 1) => new(new BoardOptions { RamSize = 16u << 20, Cores = cores, CodeCachePages = 16 });

    [Fact]
    public void Boot_LoadsSegmentsAtPhysicalAddressAndZeroesBss()
    {
        using Board board = SmallBoard();
        board.Memory.WritePhysical(0x6002_0000, [0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA]);
        var elf = TestElf.Program(TestElf.BranchToSelf).Load(0x6002_0000, [1, 2, 3], memorySize: 8);
        elf.Segments[1] = (1, 0x6002_0000, 0xC002_0000, [1, 2, 3], 8); // a different p_vaddr must not matter

        BareMetalBoot.Boot(board, ElfImage.Parse(elf.Build(), "prog.elf"));

        var loaded = new byte[8];
        board.Memory.ReadPhysical(0x6002_0000, loaded);
        Assert.Equal(new byte[] { 1, 2, 3, 0, 0, 0, 0, 0 }, loaded);
    }

    [Fact]
    public void Boot_StartsEveryCoreAtEntryInSvcModeWithInterruptsMasked()
    {
        using Board board = SmallBoard(cores: 2);
        board.Cores[1].R[3] = 77;
        BareMetalBoot.Boot(board, ElfImage.Parse(TestElf.Program(TestElf.BranchToSelf).Build(), "prog.elf"));

        foreach (ArmCore core in board.Cores)
        {
            Assert.Equal(TestElf.CodeBase, core.Pc);
            Assert.Equal(ProcessorMode.Supervisor, core.Mode);
            Assert.Equal(Psr.A | Psr.I | Psr.F, core.Control & (Psr.A | Psr.I | Psr.F | Psr.T));
            for (int r = 0; r < 15; r++)
            {
                Assert.Equal(0u, core.R[r]);
            }
        }
    }

    [Fact]
    public void Boot_SegmentOutsideRam_FailsWithTheRange()
    {
        using Board board = SmallBoard();
        var elf = TestElf.Program(0).Load(0x6100_0000 - 4, new byte[8]);
        var image = ElfImage.Parse(elf.Build(), "prog.elf");

        var e = Assert.Throws<ElfFormatException>(() => BareMetalBoot.Boot(board, image));

        Assert.Equal("prog.elf: segment 1 at 0x60FFFFFC-0x61000003 is not in RAM (0x60000000-0x60FFFFFF)", e.Message);
    }

    [Fact]
    public void Boot_ToolchainDefaultAddressOutsideTheLowAlias_FailsWithTheRange()
    {
        using Board board = SmallBoard();
        var elf = new TestElf { Entry = 0x0400_8000 }.Load(0x0400_8000, new byte[0x10]); // past the 16 MiB alias
        var e = Assert.Throws<ElfFormatException>(() => BareMetalBoot.Boot(board, ElfImage.Parse(elf.Build(), "prog.elf")));
        Assert.Equal("prog.elf: segment 0 at 0x04008000-0x0400800F is not in RAM (0x60000000-0x60FFFFFF)", e.Message);
    }

    [Fact]
    public void Boot_ThumbEntry_StartsEveryCoreInThumbStateAtTheEvenAddress()
    {
        using Board board = SmallBoard();
        var elf = TestElf.Program(0);
        elf.Entry = TestElf.CodeBase | 1;

        BareMetalBoot.Boot(board, ElfImage.Parse(elf.Build(), "prog.elf"));

        foreach (ArmCore core in board.Cores)
        {
            Assert.Equal(TestElf.CodeBase, core.Pc);
            Assert.NotEqual(0u, core.Cpsr & Psr.T);
            Assert.Equal(ProcessorMode.Supervisor, core.Mode);
        }
    }

    [Fact]
    public void Boot_SetsHeapInfoToTheGapAfterTheImage()
    {
        using Board board = SmallBoard();
        var elf = TestElf.Program(0).Load(0x6001_1000, new byte[0x10], memorySize: 0x234);

        BareMetalBoot.Boot(board, ElfImage.Parse(elf.Build(), "prog.elf"));

        var info = board.Semihosting.HeapInfo;
        Assert.Equal(0x6001_1234u, info.HeapBase);
        Assert.Equal(0x6100_0000u, info.HeapLimit);
        Assert.Equal(0x6100_0000u, info.StackBase);
        Assert.Equal(0x6001_1234u, info.StackLimit);
    }

    [Fact]
    public void Boot_ThenRun_ExecutesTheProgramToItsExit()
    {
        using Board board = SmallBoard();
        BareMetalBoot.Boot(board, ElfImage.Parse(TestElf.ExitWith(42).Build(), "prog.elf"));

        HaltReason halt = board.Run(1000);

        Assert.Equal(HaltReason.Exit, halt);
        Assert.Equal(42, board.ExitStatus);
    }
}

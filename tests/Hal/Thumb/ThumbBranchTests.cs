// T32 branches on the core: B/B<c>.W at their maximum offsets, BL/BLX link values, interworking, BXJ, TBB/TBH, IT rules, page-crossing.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;

namespace Codezero.Tests.Hal.Thumb;

/// <summary>
/// Encodings come from <c>arm-none-eabi-as -mthumb -mcpu=cortex-a9</c> (objdump order: hw1 then hw2, which is
/// also the order in memory). <see cref="Place"/> and <see cref="StartThumb"/> serve the other Thumb test classes.
/// </summary>
public sealed unsafe class ThumbBranchTests
{
    /// <summary>Writes halfwords little-endian from <paramref name="address"/> (hw1 of a T32 encoding first).</summary>
    internal static void Place(CpuHarness h, uint address, params ushort[] halfwords)
    {
        var bytes = new byte[halfwords.Length * 2];
        Buffer.BlockCopy(halfwords, 0, bytes, 0, bytes.Length);
        h.Board.Memory.WritePhysical(address, bytes);
    }

    /// <summary>Enters Thumb state at <paramref name="address"/>.</summary>
    internal static void StartThumb(CpuHarness h, uint address)
    {
        h.Core.WriteCpsr(h.Core.Cpsr | Psr.T);
        h.Core.SetPc(address);
    }

    /// <summary>Places the halfwords at <see cref="CpuHarness.CodeBase"/> and starts there in Thumb state.</summary>
    internal static CpuHarness ThumbCode(params ushort[] halfwords)
    {
        var h = new CpuHarness();
        Place(h, CpuHarness.CodeBase, halfwords);
        StartThumb(h, CpuHarness.CodeBase);
        return h;
    }

    /// <summary>
    /// The A32 word a T32 encoding lowers to decodes, in the A32 table, to the twin named; when
    /// <paramref name="direct"/>, the lowered handler is that A32 handler itself (otherwise a Thumb handler wraps it).
    /// </summary>
    internal static unsafe void AssertLowersOnto(uint raw, string a32Name, bool direct)
    {
        LoweredInsn insn = ThumbDecoder.Decode32(raw);
        Assert.False(insn.IsUndefined);
        Assert.Equal(a32Name, A32Decoder.NameOf(insn.Raw));
        Assert.Equal(direct, (nint)insn.Handler == (nint)A32Decoder.Decode(insn.Raw));
    }

    [Fact]
    public void Bxj_LowersOntoTheA32Bxj() => AssertLowersOnto(0xF3C38F00, "BXJ", direct: false);

    [Theory]
    [InlineData(0xF7FFBFFEu, "B.W T4")]
    [InlineData(0xF43FAFFCu, "B<c>.W T3")]
    [InlineData(0xF7FFFFFAu, "BL T1")]
    [InlineData(0xF000E892u, "BLX (imm) T2")]
    [InlineData(0xF3C38F00u, "BXJ T1")]
    [InlineData(0xE8D1F002u, "TBB T1")]
    [InlineData(0xE8DFF012u, "TBH T1")]
    public void Encodings_DecodeToTheirRows(uint raw, string name) => Assert.Equal(name, ThumbDecoder.NameOf(raw));

    [Theory]
    [InlineData(0xF000E893u)] // BLX with H = 1
    [InlineData(0xF3CD8F00u)] // BXJ sp
    [InlineData(0xF3CF8F00u)] // BXJ pc
    [InlineData(0xE8DDF002u)] // TBB [sp, r2]
    [InlineData(0xE8D1F00Du)] // TBB [r1, sp]
    [InlineData(0xE8D1F01Fu)] // TBH [r1, pc]
    [InlineData(0xF3808000u)] // cond 1110 in B<c>.W: the miscellaneous space, MSR with mask 0
    [InlineData(0xF7E08000u)] // HVC (no Virtualization Extensions)
    public void UnpredictableOrUnallocatedForms_AreUndefined(uint raw) => Assert.True(ThumbDecoder.Decode32(raw).IsUndefined);

    private const uint FarCode = 0x6010_0000; // with 64 MiB of RAM, 16 MiB either way stays in RAM

    private static CpuHarness At(uint address, params ushort[] halfwords)
    {
        var h = new CpuHarness(ramSize: 64u << 20);
        Place(h, address, halfwords);
        StartThumb(h, address);
        return h;
    }

    [Fact]
    public void BWide_ReachesItsMaximumForwardOffset()
    {
        using var h = At(FarCode, 0xF3FF, 0x97FF).Step(); // b.w . + 0x1000002
        Assert.Equal(FarCode + 4 + 0xFF_FFFE, h.Core.Pc);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
    }

    [Fact]
    public void BWide_ReachesItsMaximumBackwardOffset()
    {
        const uint at = FarCode + 0x100_0000;
        using var h = At(at, 0xF400, 0x9000).Step(); // b.w . - 0xFFFFFC
        Assert.Equal(at + 4 - 0x100_0000, h.Core.Pc);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BConditionalWide_ForwardMaximum_FollowsTheCondition(bool zero)
    {
        using var h = At(FarCode, 0xF03F, 0xAFFF); // beq.w . + 0x100002
        h.Core.Nzcv = zero ? Psr.Z : 0;
        h.Step();
        Assert.Equal(zero ? FarCode + 4 + 0xF_FFFE : FarCode + 4, h.Core.Pc);
    }

    [Fact]
    public void BConditionalWide_BackwardMaximum()
    {
        const uint at = FarCode + 0x20_0000;
        using var h = At(at, 0xF440, 0x8000).Step(); // bne.w . - 0xFFFFC, Z clear
        Assert.Equal(at + 4 - 0x10_0000, h.Core.Pc);
    }

    [Fact]
    public void Bl_ForwardMaximum_LinksWithBitZeroSet()
    {
        using var h = At(FarCode + 2, 0xF3FF, 0xD7FF).Step(); // bl . + 0x1000002 from a halfword-aligned address
        Assert.Equal(FarCode + 2 + 4 + 0xFF_FFFE, h.Core.Pc);
        Assert.Equal(FarCode + 2 + 4 + 1, h.Core.R[14]);
    }

    [Fact]
    public void Bl_BackwardMaximum()
    {
        const uint at = FarCode + 0x100_0000;
        using var h = At(at, 0xF400, 0xD000).Step(); // bl . - 0xFFFFFC
        Assert.Equal(at + 4 - 0x100_0000, h.Core.Pc);
        Assert.Equal(at + 5, h.Core.R[14]);
    }

    [Fact]
    public void BlxImmediate_FromAMisalignedPc_GoesToArmAtAlignedTargetAndReturns()
    {
        // 0: nop; 2: blx arm (PC = 6, Align(PC, 4) + 4 = 8); 6: adds r0, #1; 8 (ARM): add r0, r0, #7; bx lr
        using var h = ThumbCode(0xBF00, 0xF000, 0xE802, 0x3001);
        h.WriteWord(CpuHarness.CodeBase + 8, 0xE2800007);
        h.WriteWord(CpuHarness.CodeBase + 12, 0xE12FFF1E);
        h.Step(2);
        Assert.Equal(CpuHarness.CodeBase + 8, h.Core.Pc);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(CpuHarness.CodeBase + 7, h.Core.R[14]);
        h.Step(3);
        Assert.Equal(8u, h.Core.R[0]);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(CpuHarness.CodeBase + 8, h.Core.Pc);
    }

    [Fact]
    public void BlxImmediate_Backward_AlignsTheTarget()
    {
        // At CodeBase + 0x102: blx to the ARM code at CodeBase (Align(PC, 4) - 0x104); hw1 = 0xF7FF, hw2 = 0xEF7E
        using var h = new CpuHarness();
        uint at = CpuHarness.CodeBase + 0x102;
        Place(h, at, 0xF7FF, 0xEF7E);
        StartThumb(h, at);
        h.Step();
        Assert.Equal(CpuHarness.CodeBase, h.Core.Pc);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(at + 5, h.Core.R[14]);
    }

    [Theory]
    [InlineData(0x100u, false)]
    [InlineData(0x101u, true)]
    public void Bxj_IsBx(uint targetOffset, bool thumb)
    {
        using var h = ThumbCode(0xF3C3, 0x8F00); // bxj r3
        h.Core.R[3] = CpuHarness.CodeBase + targetOffset;
        h.Step();
        Assert.Equal(CpuHarness.CodeBase + (targetOffset & ~1u), h.Core.Pc);
        Assert.Equal(thumb, (h.Core.Cpsr & Psr.T) != 0);
    }

    [Theory]
    [InlineData(0u, 1u)]
    [InlineData(1u, 3u)]
    [InlineData(2u, 5u)]
    public void Tbb_PcRelativeTable_BranchesByTwiceTheEntry(uint index, uint expected)
    {
        // 0: tbb [pc, r1]; 4: .byte 2, 4, 6, 0; 8: movs r0, #1 .. 0x10: movs r0, #5
        using var h = ThumbCode(0xE8DF, 0xF001, 0x0402, 0x0006, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005);
        h.Core.R[1] = index;
        h.Step(2);
        Assert.Equal(expected, h.Core.R[0]);
    }

    [Fact]
    public void Tbh_RegisterTable_BranchesByTwiceTheHalfword()
    {
        using var h = ThumbCode(0xE8D2, 0xF011); // tbh [r2, r1, lsl #1]
        h.WriteWord(CpuHarness.DataBase, 0x0100_0000);
        h.WriteWord(CpuHarness.DataBase + 4, 0x0000_7FFF);
        h.Core.R[2] = CpuHarness.DataBase;
        h.Core.R[1] = 2;
        h.Step();
        Assert.Equal(CpuHarness.CodeBase + 4 + 2 * 0x7FFFu, h.Core.Pc);
    }

    [Fact]
    public void BConditionalWide_InsideAnItBlock_IsUndefined()
    {
        using var h = ThumbCode(0xBF08, 0xF43F, 0xAFFE); // it eq; beq.w . (T3)
        h.Core.Nzcv = Psr.Z;
        h.Step(2);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.R[14]); // the instruction's address + 2
        Assert.NotEqual(0u, h.Core.Spsr & (Psr.ItLow | Psr.ItHigh)); // returns into the IT block
    }

    [Fact]
    public void Bl_NotLastInItBlock_IsUndefined()
    {
        using var h = ThumbCode(0xBF04, 0xF7FF, 0xFFFE, 0xBF00); // itt eq; bl .; nop
        h.Core.Nzcv = Psr.Z;
        h.Step(2);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
    }

    [Fact]
    public void Bl_LastInItBlock_Branches()
    {
        using var h = ThumbCode(0xBF08, 0xF7FF, 0xFFFE); // it eq; bl .
        h.Core.Nzcv = Psr.Z;
        h.Step(2);
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.Equal(CpuHarness.CodeBase + 2, h.Core.Pc);
        Assert.Equal(CpuHarness.CodeBase + 7, h.Core.R[14]);
    }

    [Fact]
    public void T32StraddlingAPage_Executes()
    {
        using var h = new CpuHarness();
        uint at = CpuHarness.CodeBase + 0xFFE;
        Place(h, at, 0xF7FF, 0xFFFE); // bl . with hw2 on the next page
        StartThumb(h, at);
        h.Step();
        Assert.Equal(at, h.Core.Pc);
        Assert.Equal(at + 5, h.Core.R[14]);
    }

    [Fact]
    public void T32StraddlingAPage_SecondPageUnmapped_ReportsThePrefetchAbort()
    {
        const uint l1 = 0x6040_0000, l2 = 0x6041_0000, va = 0x7000_0000, pa = 0x6003_0000;
        using var h = new CpuHarness();
        h.WriteWord(l1 + ((0x6000_0000u >> 20) << 2), 0x6000_0000u | (3u << 10) | 2); // identity section, AP = 011
        h.WriteWord(l1 + ((va >> 20) << 2), (l2 & 0xFFFF_FC00) | 1);                 // page table for va's MiB
        h.WriteWord(l2, (pa & 0xFFFF_F000) | (3u << 4) | 2);                          // va -> pa; va + 4 KiB unmapped
        h.Core.Ttbr0 = l1;
        h.Core.Dacr = 0x5555_5555;
        h.Core.WriteCp15(0, 1, 0, 0, h.Core.Sctlr | ArmCore.Sctlr_M);
        Place(h, pa + 0xFFE, 0xF7FF, 0xFFFE); // bl .
        StartThumb(h, va + 0xFFE);
        h.Step();
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(va + 0x1000, h.Core.Ifar);          // the halfword that could not be fetched
        Assert.Equal(0x7u, h.Core.Ifsr & 0x40F);          // translation fault, page
        Assert.Equal(va + 0xFFE + 4, h.Core.R[14]);       // the instruction's address + 4
        Assert.NotEqual(0u, h.Core.Spsr & Psr.T);
        uint vectors = (h.Core.Sctlr & ArmCore.Sctlr_V) != 0 ? 0xFFFF_0000u : h.Core.Vbar;
        Assert.Equal(vectors + 0xC, h.Core.Pc);
    }
}

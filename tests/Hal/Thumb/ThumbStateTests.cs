// Thumb state in the core: IT blocks and ITSTATE, exceptions taken and returned in Thumb state, interworking, code writes.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Tests.Hal.Semihosting;
using Xunit;

namespace Codezero.Tests.Hal.Thumb;

public sealed unsafe class ThumbStateTests
{
    private const uint Base = CpuHarness.CodeBase;

    /// <summary>A harness running <paramref name="halfwords"/> from <see cref="Base"/> in Thumb state (Supervisor mode).</summary>
    internal static CpuHarness Thumb(params ushort[] halfwords)
    {
        var h = new CpuHarness();
        WriteHalfwords(h, Base, halfwords);
        h.Core.WriteCpsr(h.Core.Cpsr | Psr.T);
        h.Core.SetPc(Base);
        return h;
    }

    internal static void WriteHalfwords(CpuHarness h, uint address, params ushort[] halfwords)
    {
        var bytes = new byte[halfwords.Length * 2];
        Buffer.BlockCopy(halfwords, 0, bytes, 0, bytes.Length);
        h.Board.Memory.WritePhysical(address, bytes);
    }

    private static uint ItBits(uint cpsr) => ((cpsr >> 25) & 3) | ((cpsr >> 8) & 0xFC);

    [Theory]
    [InlineData(0u, 1u)]
    [InlineData(5u, 2u)]
    public void IteBlock_RunsTheThenOrTheElseInstruction(uint r0, uint expected)
    {
        // cmp r0, #0; ite eq; moveq r1, #1; movne r1, #2; movs r2, #7
        using CpuHarness h = Thumb(0x2800, 0xBF0C, 0x2101, 0x2102, 0x2207);
        h.Core.R[0] = r0;
        h.Step(5);
        Assert.Equal(expected, h.Core.R[1]);
        Assert.Equal(7u, h.Core.R[2]);
        Assert.Equal(Base + 10, h.Core.Pc);
        Assert.Equal(0u, ItBits(h.Core.Cpsr));
    }

    [Fact]
    public void ItState_IsVisibleInCpsrAndAdvancesEachInstruction()
    {
        using CpuHarness h = Thumb(0x2800, 0xBF0C, 0x2101, 0x2102);
        h.Step(2); // cmp, ite eq
        Assert.Equal(0x0Cu, ItBits(h.Core.Cpsr)); // firstcond 0000, mask 1100
        h.Step();
        Assert.Equal(0x18u, ItBits(h.Core.Cpsr)); // the else instruction: condition NE
        h.Step();
        Assert.Equal(0u, ItBits(h.Core.Cpsr));
    }

    [Fact]
    public void T16DataProcessing_InsideAnItBlock_LeavesTheFlagsAlone()
    {
        // movs r0, #0 (Z set); it eq; adds r0, r1, r2 (inside IT: ADD, no flags)
        using CpuHarness h = Thumb(0x2000, 0xBF08, 0x1888);
        h.Core.R[1] = 0xFFFF_FFFF;
        h.Core.R[2] = 1;
        h.Step(3);
        Assert.Equal(0u, h.Core.R[0]);
        Assert.Equal(Psr.Z, h.Core.Cpsr & Psr.Nzcv); // outside IT the same encoding would set C as well
    }

    [Fact]
    public void FailedCondition_SkipsTheInstructionButAdvancesTheBlock()
    {
        // movs r0, #1 (Z clear); itt eq; moveq r1, #1; moveq r2, #2; movs r3, #3
        using CpuHarness h = Thumb(0x2001, 0xBF04, 0x2101, 0x2202, 0x2303);
        h.Step(5);
        Assert.Equal(0u, h.Core.R[1]);
        Assert.Equal(0u, h.Core.R[2]);
        Assert.Equal(3u, h.Core.R[3]);
    }

    [Fact]
    public void UndefinedInsideAnItBlock_SavesTheFaultingInstructionsItStateAndLinksPlus2()
    {
        // movs r0, #0; itt eq; udf #1; movs r1, #1
        using CpuHarness h = Thumb(0x2000, 0xBF04, 0xDE01, 0x2101);
        h.Step(3);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(0x4u, h.Core.Pc);
        Assert.Equal(Base + 4 + 2, h.Core.R[14]);
        Assert.NotEqual(0u, h.Core.Spsr & Psr.T);
        Assert.Equal(0x04u, ItBits(h.Core.Spsr)); // ITT EQ as the UDF found it: the UDF is re-run on return
        Assert.Equal(0u, ItBits(h.Core.Cpsr));     // the handler runs outside any IT block
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);     // SCTLR.TE = 0: handlers run in ARM state
    }

    [Fact]
    public void SvcInsideAnItBlock_SavesTheItStateOfTheNextInstruction()
    {
        // movs r0, #0; itt eq; svc #3; moveq r1, #1
        using CpuHarness h = Thumb(0x2000, 0xBF04, 0xDF03, 0x2101);
        h.Step(3);
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.Equal(0x8u, h.Core.Pc);
        Assert.Equal(Base + 6, h.Core.R[14]);
        Assert.Equal(0x08u, ItBits(h.Core.Spsr)); // one instruction (EQ) left in the block
    }

    [Fact]
    public void ReturnFromSvc_ResumesThumbCodeInsideItsItBlock()
    {
        // movs r0, #0; itt eq; svc #3; moveq r1, #1   | vector 8: movs pc, lr (ARM)
        using CpuHarness h = Thumb(0x2000, 0xBF04, 0xDF03, 0x2101);
        h.Core.WriteCpsr((h.Core.Cpsr & ~Psr.M) | (uint)ProcessorMode.User);
        h.WriteWord(0x6000_0008, 0xE1B0F00E);
        h.Step(5);
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(1u, h.Core.R[1]); // EQ still held: the block went on after the return
        Assert.Equal(Base + 8, h.Core.Pc);
        Assert.Equal(0u, ItBits(h.Core.Cpsr));
    }

    [Fact]
    public void SctlrTe_TakesExceptionsInThumbState()
    {
        // udf at the start; the undefined vector (4) holds Thumb code: movs r5, #9
        using CpuHarness h = Thumb(0xDE00);
        h.Core.Sctlr |= ArmCore.Sctlr_TE;
        WriteHalfwords(h, 0x6000_0004, 0x2509);
        h.Step(2);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(9u, h.Core.R[5]);
    }

    [Fact]
    public void ArmStateException_WithSctlrTe_ReturnsToArmState()
    {
        using var h = new CpuHarness();
        h.Core.Sctlr |= ArmCore.Sctlr_TE;
        h.Load(0xEF000005, 0xE3A01001); // svc #5; mov r1, #1
        WriteHalfwords(h, 0x6000_0008, 0xF3DE, 0x8F00); // subs pc, lr, #0 (T32) at the SVC vector, in Thumb
        h.Step(3);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(1u, h.Core.R[1]);
    }

    [Fact]
    public void LoadFault_InThumbState_LinksTheInstructionPlus8()
    {
        // ldr r0, [r1] with r1 unmapped
        using CpuHarness h = Thumb(0x46C0, 0x6808);
        h.Core.R[1] = 0x4000_0000;
        h.Step(2);
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(0x10u, h.Core.Pc);
        Assert.Equal(Base + 2 + 8, h.Core.R[14]);
        Assert.Equal(0x4000_0000u, h.Core.Dfar);
    }

    [Fact]
    public void Bkpt_InThumbState_IsAPrefetchAbortAtTheInstruction()
    {
        using CpuHarness h = Thumb(0x46C0, 0xBE01); // nop (mov r8, r8); bkpt #1
        h.Step(2);
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(0xCu, h.Core.Pc);
        Assert.Equal(Base + 2 + 4, h.Core.R[14]);
        Assert.Equal(Base + 2, h.Core.Ifar);
        Assert.Equal(0x2u, h.Core.Ifsr);
    }

    [Fact]
    public void MovPc_InThumbState_BranchesWithoutLeavingThumb_AndBxEvenTargetLeaves()
    {
        // mov pc, r1 (to Base + 8, even): stays Thumb | at Base + 8: bx r2 (even): ARM
        using CpuHarness h = Thumb(0x468F, 0x46C0, 0x46C0, 0x46C0, 0x4710);
        h.Core.R[1] = Base + 8;
        h.Core.R[2] = Base + 0x20;
        h.WriteWord(Base + 0x20, 0xE3A03003); // mov r3, #3 (ARM)
        h.Step();
        Assert.Equal(Base + 8, h.Core.Pc);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        h.Step(2);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(3u, h.Core.R[3]);
    }

    [Fact]
    public void BlxRegister_LinksTheNextHalfwordWithBit0Set()
    {
        using CpuHarness h = Thumb(0x4788); // blx r1
        h.Core.R[1] = Base + 0x41;
        h.Step();
        Assert.Equal(Base + 3, h.Core.R[14]);
        Assert.Equal(Base + 0x40, h.Core.Pc);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
    }

    [Fact]
    public void LiteralLoad_AddressesFromTheWordAlignedPc()
    {
        // At Base + 2 (PC reads Base + 6, aligned Base + 4): ldr r0, [pc, #4] loads Base + 8.
        using CpuHarness h = Thumb(0x46C0, 0x4801, 0x46C0, 0x46C0, 0x5678, 0x1234);
        h.Step(2);
        Assert.Equal(0x1234_5678u, h.Core.R[0]);
    }

    [Fact]
    public void WritingThumbCode_IsSeenAtOnce()
    {
        // str r1, [r2] overwrites the next instruction (movs r0, #1) with movs r0, #2
        using CpuHarness h = Thumb(0x6011, 0x46C0, 0x2001);
        h.Core.R[1] = 0x46C0_2002;
        h.Core.R[2] = Base + 2;
        h.Step(3);
        Assert.Equal(2u, h.Core.R[0]);
    }

    [Fact]
    public void InterruptInsideAnItBlock_ReturnsIntoTheBlock()
    {
        // movs r0, #0; ittt eq; moveq r1, #1; moveq r2, #2; moveq r3, #3  | IRQ vector 0x18: subs pc, lr, #4 (ARM)
        using CpuHarness h = Thumb(0x2000, 0xBF02, 0x2101, 0x2202, 0x2303);
        h.WriteWord(0x6000_0018, 0xE25EF004);
        h.Step(3); // through the first moveq
        h.Core.WriteCpsr(h.Core.Cpsr & ~Psr.I);
        h.Core.IrqLine = true;
        h.Step(); // the interrupt is taken at the block boundary, then its handler's first instruction runs
        h.Core.IrqLine = false;
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        h.Step(2);
        Assert.Equal(2u, h.Core.R[2]);
        Assert.Equal(3u, h.Core.R[3]);
    }

    [Fact]
    public void SemihostingSvc0xAB_InThumbState_PrintsWithoutAnException()
    {
        using var h = new SemihostHarness(instruction: 0xDFAB); // svc #0xab (Thumb)
        h.Core.WriteCpsr(h.Core.Cpsr | Psr.T);
        h.Call(0x04, h.String(SemihostHarness.DataBase, "from thumb\n"));
        Assert.Equal("from thumb\n", h.Stdout());
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(SemihostHarness.CodeBase + 2, h.Core.Pc);
    }
}

// Hand-checked expectations for B, BL, BX, BLX and PC-relative reads.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class BranchTests
{
    [Fact]
    public void Bl_Forward_SetsLinkAndTarget()
    {
        using var h = new CpuHarness();
        h.Load(0xEB00003E).Step(); // bl .+0x100
        Assert.Equal(CpuHarness.CodeBase + 0x100, h.Core.Pc);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.R[14]);
    }

    [Fact]
    public void B_Backward_ToItself_Loops()
    {
        using var h = new CpuHarness();
        h.Load(0xEAFFFFFE).Step(3); // b .
        Assert.Equal(CpuHarness.CodeBase, h.Core.Pc);
        Assert.Equal(3, h.Core.Instructions);
    }

    [Fact]
    public void BlxRegister_EvenTarget_StaysInArmAndLinks()
    {
        using var h = new CpuHarness();
        h.Core.R[3] = CpuHarness.CodeBase + 0x40;
        h.Load(0xE12FFF33).Step(); // blx r3
        Assert.Equal(CpuHarness.CodeBase + 0x40, h.Core.Pc);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.R[14]);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
    }

    [Fact]
    public void Bx_OddTarget_EntersThumbAndRunsThumbCode()
    {
        using var h = new CpuHarness();
        h.Core.R[14] = CpuHarness.CodeBase + 0x21;
        h.Load(0xE12FFF1E).Step(); // bx lr
        Assert.Equal(CpuHarness.CodeBase + 0x20, h.Core.Pc);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        h.WriteWord(CpuHarness.CodeBase + 0x20, 0x4770_2005); // movs r0, #5; bx lr (lr is odd: stays in Thumb)
        h.Core.Run(2);
        Assert.Equal(5u, h.Core.R[0]);
        Assert.Equal(CpuHarness.CodeBase + 0x20, h.Core.Pc);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
    }

    [Fact]
    public void AddFromPc_ReadsInstructionAddressPlusEight()
    {
        using var h = new CpuHarness();
        h.Load(0xE28F0008).Step(); // add r0, pc, #8
        Assert.Equal(CpuHarness.CodeBase + 16, h.Core.R[0]);
    }

    [Fact]
    public void LdrLiteral_ReadsRelativeToPc()
    {
        using var h = new CpuHarness();
        h.Load(0xE51F0004, 0x1234_5678).Step(); // ldr r0, [pc, #-4] -> the word at CodeBase + 4
        Assert.Equal(0x1234_5678u, h.Core.R[0]);
    }

    [Fact]
    public void MovPc_BranchesThroughAluWrite()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = CpuHarness.CodeBase + 0x80;
        h.Load(0xE1A0F001).Step(); // mov pc, r1
        Assert.Equal(CpuHarness.CodeBase + 0x80, h.Core.Pc);
    }
}

// Hand-checked expectations for the data-processing instructions and their flags.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class DataProcessingTests
{
    [Fact]
    public void Adds_WithUnsignedOverflow_SetsCarryAndZero()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0xFFFF_FFFF;
        h.Core.R[2] = 1;
        h.Load(0xE091_0002).Step(); // adds r0, r1, r2
        Assert.Equal(0u, h.Core.R[0]);
        Assert.Equal(Psr.Z | Psr.C, h.Core.Nzcv);
    }

    [Fact]
    public void Subs_WithSignedOverflow_SetsNAndV()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0x8000_0000;
        h.Core.R[2] = 1;
        h.Load(0xE051_0002).Step(); // subs r0, r1, r2
        Assert.Equal(0x7FFF_FFFFu, h.Core.R[0]);
        Assert.Equal(Psr.C | Psr.V, h.Core.Nzcv);
    }

    [Fact]
    public void MovImmediate_Rotated_ProducesConstantAndShifterCarry()
    {
        using var h = new CpuHarness();
        h.Load(0xE3B0_04FF).Step(); // movs r0, #0xFF000000
        Assert.Equal(0xFF00_0000u, h.Core.R[0]);
        Assert.Equal(Psr.N | Psr.C, h.Core.Nzcv);
    }

    [Fact]
    public void MovwMovt_BuildA32BitConstant()
    {
        using var h = new CpuHarness();
        h.Load(0xE305_0678, 0xE341_0234).Step(2); // movw r0, #0x5678; movt r0, #0x1234
        Assert.Equal(0x1234_5678u, h.Core.R[0]);
    }

    [Fact]
    public void ConditionFailed_InstructionHasNoEffect()
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 7;
        h.Load(0x03A0_0001).Step(); // moveq r0, #1 with Z clear
        Assert.Equal(7u, h.Core.R[0]);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.Pc);
    }

    [Fact]
    public void UndefinedEncoding_TakesUndefinedException()
    {
        using var h = new CpuHarness();
        h.Load(0xE7F0_00F0).Step(); // permanently undefined (UDF)
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(0x4u, h.Core.Pc);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.R[14]);
    }
}

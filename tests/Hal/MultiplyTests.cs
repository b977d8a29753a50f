// Hand-checked expectations for the 32- and 64-bit multiplies.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class MultiplyTests
{
    [Fact]
    public void Umull_ProducesFull64BitProduct()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0xFFFF_FFFF;
        h.Core.R[3] = 0xFFFF_FFFF;
        h.Load(0xE0810392).Step(); // umull r0, r1, r2, r3
        Assert.Equal(0x0000_0001u, h.Core.R[0]);
        Assert.Equal(0xFFFF_FFFEu, h.Core.R[1]);
    }

    [Fact]
    public void Smlal_AccumulatesSignedProduct()
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 10;
        h.Core.R[1] = 0;
        h.Core.R[2] = unchecked((uint)-3);
        h.Core.R[3] = 5;
        h.Load(0xE0E10392).Step(); // smlal r0, r1, r2, r3: 10 + (-15) = -5
        Assert.Equal(unchecked((uint)-5), h.Core.R[0]);
        Assert.Equal(0xFFFF_FFFFu, h.Core.R[1]);
    }

    [Fact]
    public void Mls_SubtractsProductFromAccumulator()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 6;
        h.Core.R[2] = 7;
        h.Core.R[3] = 100;
        h.Load(0xE0603291).Step(); // mls r0, r1, r2, r3
        Assert.Equal(58u, h.Core.R[0]);
    }

    [Fact]
    public void Umaal_AddsBothAccumulators()
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 0xFFFF_FFFF;
        h.Core.R[1] = 0xFFFF_FFFF;
        h.Core.R[2] = 0xFFFF_FFFF;
        h.Core.R[3] = 0xFFFF_FFFF;
        h.Load(0xE0410392).Step(); // umaal r0, r1, r2, r3: the maximum, 2^64 - 1
        Assert.Equal(0xFFFF_FFFFu, h.Core.R[0]);
        Assert.Equal(0xFFFF_FFFFu, h.Core.R[1]);
    }

    [Fact]
    public void Muls_SetsNAndZButKeepsCarryAndOverflow()
    {
        using var h = new CpuHarness();
        h.Core.Nzcv = Psr.C | Psr.V;
        h.Core.R[1] = 0;
        h.Core.R[2] = 9;
        h.Load(0xE0100291).Step(); // muls r0, r1, r2
        Assert.Equal(Psr.Z | Psr.C | Psr.V, h.Core.Nzcv);
    }
}

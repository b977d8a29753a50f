// MRS/MSR/CPS and the CP15 registers: identification, privilege checks, thread-ID registers.
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class SystemRegisterTests
{
    [Fact]
    public void Mrc_ReadsMidrAndCbar()
    {
        using var h = new CpuHarness();
        h.Load(0xEE100F10, 0xEE9F1F10).Step(2); // mrc p15,0,r0,c0,c0,0 ; mrc p15,4,r1,c15,c0,0
        Assert.Equal(0x410F_C090u, h.Core.R[0]);
        Assert.Equal(Board.PeriphBase, h.Core.R[1]);
    }

    [Fact]
    public void Mrc_Mpidr_IdentifiesCoreZero()
    {
        using var h = new CpuHarness();
        h.Load(0xEE100FB0).Step(); // mrc p15, 0, r0, c0, c0, 5
        Assert.Equal(0x8000_0000u, h.Core.R[0]);
    }

    [Fact]
    public void Cp15_FromUserMode_IsUndefinedExceptUserThreadIds()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x10);
        h.Load(0xEE100F10).Step(); // mrc p15,0,r0,c0,c0,0 (MIDR) from User
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);

        using var h2 = new CpuHarness();
        h2.Core.TpidrUro = 0xBEEF;
        h2.Core.WriteCpsr(0x10);
        h2.Core.R[1] = 0x55;
        // mrc p15,0,r0,c13,c0,3 (TPIDRURO); mcr p15,0,r1,c13,c0,2 (TPIDRURW); mcr p15,0,r1,c13,c0,3 (URO: undefined)
        h2.Load(0xEE1D0F70, 0xEE0D1F50, 0xEE0D1F70).Step(3);
        Assert.Equal(0xBEEFu, h2.Core.R[0]);
        Assert.Equal(0x55u, h2.Core.TpidrUrw);
        Assert.Equal(ProcessorMode.Undefined, h2.Core.Mode);
        Assert.Equal(0xBEEFu, h2.Core.TpidrUro);
    }

    [Fact]
    public void MrsMsr_ChangeModeAndFlags()
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 0x1F | Psr.I;
        h.Load(0xE121F000, 0xE328F20F, 0xE10F1000).Step(3); // msr cpsr_c, r0; msr cpsr_f, #0xF0000000; mrs r1, cpsr
        Assert.Equal(ProcessorMode.System, h.Core.Mode);
        Assert.Equal(0xF000_019Fu, h.Core.R[1]); // A stays masked from reset: cpsr_c does not reach bit 8
    }

    [Fact]
    public void MsrControlField_FromUserMode_IsIgnored()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x10);
        h.Core.R[0] = 0x8000_001F;
        h.Load(0xE129F000).Step(); // msr cpsr_fc, r0
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.Equal(Psr.N, h.Core.Nzcv);
    }

    [Fact]
    public void Cps_ChangesModeAndMasks()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x1F);
        h.Load(0xF102001F - 0x1F + 0x13, 0xF10C0080).Step(2); // cps #0x13 ; cpsid i
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.I);
    }

    [Fact]
    public void LdrexStrex_SucceedOnceThenFailAfterClrex()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = CpuHarness.DataBase;
        h.Core.R[3] = 42;
        // ldrex r0, [r1]; strex r2, r3, [r1]; strex r2, r3, [r1]
        h.Load(0xE1910F9F, 0xE1812F93, 0xE1812F93).Step(2);
        Assert.Equal(0u, h.Core.R[2]);
        Assert.Equal(42u, h.ReadWord(CpuHarness.DataBase));
        h.Step();
        Assert.Equal(1u, h.Core.R[2]);

        h.Load(0xE1910F9F, 0xF57FF01F, 0xE1812F93).Step(3); // ldrex; clrex; strex
        Assert.Equal(1u, h.Core.R[2]);
    }

    [Fact]
    public void Wfi_WithNothingToWakeIt_DeadlocksTheBoard()
    {
        using var h = new CpuHarness();
        h.Load(0xE320F003); // wfi
        Assert.Equal(HaltReason.Deadlock, h.Board.Run(100));
    }
}

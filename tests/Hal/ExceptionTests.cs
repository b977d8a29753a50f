// Exception entry and return: vectors, banked LR/SPSR, masks, high vectors, VBAR, SRS/RFE, aborts.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class ExceptionTests
{
    [Fact]
    public void Reset_MatchesTheArchitecturalState()
    {
        using var h = new CpuHarness();
        h.Core.Reset();
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.Equal(0x1D3u, h.Core.Cpsr);
        Assert.Equal(0x00C5_0078u, h.Core.Sctlr);
        Assert.Equal(0u, h.Core.Pc);
    }

    [Fact]
    public void Svc_FromUser_EntersSupervisorWithLinkAndSpsr()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x8000_0010); // User, N set
        h.Load(0xEF000005).Step(); // svc #5
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.Equal(0x8u, h.Core.Pc);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.R[14]);
        Assert.Equal(0x8000_0010u, h.Core.Spsr);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.I);
        Assert.Equal(0u, h.Core.Cpsr & Psr.F);
    }

    [Fact]
    public void MovsPcLr_ReturnsToUserModeAndRestoresFlags()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x8000_0010);
        h.Core.R[13] = 0x1234;
        h.Load(0xEF000005).Step();                // svc #5 -> vector 8
        h.WriteWord(0x6000_0008, 0xE1B0F00E);     // movs pc, lr at the vector (low RAM alias)
        h.Core.R[13] = 0xAAAA;                    // SVC's banked SP
        h.Step();
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.Pc);
        Assert.Equal(0x8000_0010u, h.Core.Cpsr);
        Assert.Equal(0x1234u, h.Core.R[13]);      // User SP is back
        Assert.Equal(0xAAAAu, h.Core.ReadBanked(ProcessorMode.Supervisor, 13));
    }

    [Fact]
    public void UnmappedLoad_RaisesDataAbortWithExternalAbortStatus()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0x4000_0000;
        h.Load(0xE5910000).Step(); // ldr r0, [r1]
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(0x10u, h.Core.Pc);
        Assert.Equal(CpuHarness.CodeBase + 8, h.Core.R[14]);
        Assert.Equal(0x08u, h.Core.Dfsr);
        Assert.Equal(0x4000_0000u, h.Core.Dfar);
    }

    [Fact]
    public void UnmappedStore_SetsWnRInDfsr()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0x4000_0000;
        h.Load(0xE5810000).Step(); // str r0, [r1]
        Assert.Equal(0x808u, h.Core.Dfsr);
    }

    [Fact]
    public void FetchFromUnmappedAddress_RaisesPrefetchAbort()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0x4000_0000;
        h.Load(0xE12FFF11).Step(2); // bx r1, then the fetch at 0x40000000 fails
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(0x0Cu, h.Core.Pc);
        Assert.Equal(0x4000_0004u, h.Core.R[14]);
        Assert.Equal(0x08u, h.Core.Ifsr);
        Assert.Equal(0x4000_0000u, h.Core.Ifar);
    }

    [Fact]
    public void Vbar_MovesTheVectorTable()
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 0x6000_1000;
        h.Load(0xEE0C0F10, 0xEF000000).Step(2); // mcr p15, 0, r0, c12, c0, 0 (VBAR); svc #0
        Assert.Equal(0x6000_1008u, h.Core.Pc);
    }

    [Fact]
    public void HighVectors_UseFfff0000()
    {
        using var h = new CpuHarness();
        h.Core.Sctlr |= ArmCore.Sctlr_V;
        h.Load(0xEF000000).Step();
        Assert.Equal(0xFFFF_0008u, h.Core.Pc);
    }

    [Fact]
    public void SrsThenRfe_SaveAndRestoreReturnState()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x2000_0010);
        h.Load(0xEF000000).Step(); // svc #0 -> SVC mode, LR = CodeBase + 4, SPSR = 0x20000010
        h.Core.R[13] = CpuHarness.DataBase + 0x100;
        h.WriteWord(0x6000_0008, 0xF96D0513); // srsdb sp!, #0x13
        h.WriteWord(0x6000_000C, 0xF8BD0A00); // rfeia sp!
        h.Step();
        Assert.Equal(CpuHarness.DataBase + 0xF8, h.Core.R[13]);
        Assert.Equal(CpuHarness.CodeBase + 4, h.ReadWord(CpuHarness.DataBase + 0xF8));
        Assert.Equal(0x2000_0010u, h.ReadWord(CpuHarness.DataBase + 0xFC));
        h.Step();
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.Pc);
        Assert.Equal(0x2000_0010u, h.Core.Cpsr);
    }

    [Fact]
    public void LdmWithPcAndCaret_IsAnExceptionReturn()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x13);
        h.Core.Spsr = 0x4000_001F; // return to System mode with Z set
        h.Core.R[13] = CpuHarness.DataBase;
        h.WriteWord(CpuHarness.DataBase, 7);
        h.WriteWord(CpuHarness.DataBase + 4, CpuHarness.CodeBase + 0x40);
        h.Load(0xE8DD8001).Step(); // ldm sp, {r0, pc}^
        Assert.Equal(7u, h.Core.R[0]);
        Assert.Equal(ProcessorMode.System, h.Core.Mode);
        Assert.Equal(0x4000_001Fu, h.Core.Cpsr);
        Assert.Equal(CpuHarness.CodeBase + 0x40, h.Core.Pc);
    }

    [Fact]
    public void StmWithCaret_StoresUserBankRegisters()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x10);
        h.Core.R[13] = 0x1313;
        h.Core.R[14] = 0x1414;
        h.Core.WriteCpsr(0x13);
        h.Core.R[0] = CpuHarness.DataBase;
        h.Load(0xE8C06000).Step(); // stmia r0, {sp, lr}^
        Assert.Equal(0x1313u, h.ReadWord(CpuHarness.DataBase));
        Assert.Equal(0x1414u, h.ReadWord(CpuHarness.DataBase + 4));
    }

    [Fact]
    public void FiqMode_BanksR8ToR12()
    {
        using var h = new CpuHarness();
        h.Core.R[8] = 8;
        h.Core.WriteCpsr(0x11 | Psr.I | Psr.F);
        h.Core.R[8] = 88;
        h.Core.WriteCpsr(0x13);
        Assert.Equal(8u, h.Core.R[8]);
        h.Core.WriteCpsr(0x11);
        Assert.Equal(88u, h.Core.R[8]);
    }

    [Fact]
    public void Bkpt_OtherThanSemihosting_RaisesPrefetchAbortDebugEvent()
    {
        using var h = new CpuHarness();
        h.Load(0xE1200070).Step(); // bkpt #0
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(0x0Cu, h.Core.Pc);
        Assert.Equal(0x2u, h.Core.Ifsr);
    }
}

// Checks of the Unicorn binding's constants: the CPU model is a Cortex-A9 and the register ids name the right registers.
using System.Runtime.InteropServices;
using Xunit;

namespace Codezero.Tests.Differential;

public sealed unsafe class UnicornBindingTests
{
    private const uint Code = DifferentialRunner.CodeRegion;

    [Fact]
    public void CpuModelIsACortexA9()
    {
        // mrc p15, 0, r0, c0, c0, 0 in Supervisor mode reads MIDR.
        CpuSnapshot s = RunOne(0xEE10_0F10, cpsr: 0x1D3);
        Assert.Equal(CaseOutcome.Completed, s.Outcome);
        Assert.Equal(0x410F_C090u, s.R[0]);
    }

    [Fact]
    public void RegisterIdsNameR0ToR15AndCpsr()
    {
        // add r0, sp, lr ; with r13 = 0x1300, r14 = 0x0014
        CpuSnapshot s = RunOne(0xE08D_000E, cpsr: 0x10);
        Assert.Equal(0x1314u, s.R[0]);
        for (int i = 1; i < 15; i++)
        {
            Assert.Equal(Initial(i), s.R[i]);
        }
        Assert.Equal(Code + 4, s.R[15]);
        Assert.Equal(0x10u, s.Cpsr);
        // adds r0, r0, r0 with r0 = 0x8000_0000 sets Z, C and V (CPSR id, flag positions)
        s = RunOne(0xE090_0000, cpsr: 0x10, r0: 0x8000_0000);
        Assert.Equal(0x7000_0010u, s.Cpsr);
    }

    [Fact]
    public void UndefinedInstructionIsReportedAsUndefined()
    {
        CpuSnapshot s = RunOne(0xE7F0_00F0, cpsr: 0x10); // UDF
        Assert.Equal(CaseOutcome.Undefined, s.Outcome);
    }

    private static uint Initial(int i) => i == 13 ? 0x1300u : i == 14 ? 0x14u : (uint)i * 0x0101_0101u;

    private static CpuSnapshot RunOne(uint word, uint cpsr, uint r0 = 0)
    {
        byte* page = (byte*)NativeMemory.AlignedAlloc(DifferentialRunner.RegionSize, 4096);
        try
        {
            NativeMemory.Clear(page, DifferentialRunner.RegionSize);
            *(uint*)page = word;
            using var uc = new UnicornArm();
            uc.MapHost(Code, page, DifferentialRunner.RegionSize);
            var regs = new uint[16];
            for (int i = 0; i < 15; i++)
            {
                regs[i] = Initial(i);
            }
            regs[0] = r0;
            uc.SetState(cpsr, regs, Code);
            var s = new CpuSnapshot();
            uc.Step(Code, s);
            return s;
        }
        finally
        {
            NativeMemory.AlignedFree(page);
        }
    }
}

// Saving and loading user thread contexts: round trips, privilege never escalates, threads interleave.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class UserContextTests
{
    [Fact]
    public void SaveThenLoad_RestoresRegistersFlagsAndPc()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x10 | Psr.C | Psr.Q);
        for (int i = 0; i < 15; i++)
        {
            h.Core.R[i] = 0x100u + (uint)i;
        }
        UserContext saved;
        h.Core.SaveUserContext(&saved, CpuHarness.CodeBase + 8);

        h.Core.WriteCpsr(0x13);
        for (int i = 0; i < 15; i++)
        {
            h.Core.R[i] = 0;
        }
        h.Core.LoadUserContext(&saved);

        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.Equal(0x10 | Psr.C | Psr.Q, h.Core.Cpsr);
        Assert.Equal(CpuHarness.CodeBase + 8, h.Core.Pc);
        for (int i = 0; i < 15; i++)
        {
            Assert.Equal(0x100u + (uint)i, h.Core.R[i]);
        }
    }

    [Fact]
    public void Load_NeverEntersAPrivilegedModeOrMasksInterruptsOrThumb()
    {
        using var h = new CpuHarness();
        UserContext forged = default;
        forged.Cpsr = 0x1F3 | Psr.N | Psr.A | Psr.J; // SVC, I, F, T, A, J: all refused; N kept
        forged.Pc = CpuHarness.CodeBase + 2;          // misaligned for ARM state
        h.Core.LoadUserContext(&forged);
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.Equal(Psr.N | 0x10, h.Core.Cpsr);
        Assert.Equal(CpuHarness.CodeBase, h.Core.Pc);
    }

    [Fact]
    public void Save_FromSupervisorMode_ReadsTheUserBank()
    {
        using var h = new CpuHarness();
        h.Core.WriteCpsr(0x10);
        h.Core.R[13] = 0xAAAA;
        h.Core.R[14] = 0xBBBB;
        h.Core.WriteCpsr(0x13);
        h.Core.R[13] = 0x1313;
        UserContext saved;
        h.Core.SaveUserContext(&saved, 0);
        Assert.Equal(0xAAAAu, saved.R[13]);
        Assert.Equal(0xBBBBu, saved.R[14]);
    }

    [Fact]
    public void TwoThreadsSwitchedOnOneCore_EachKeepsItsOwnProgress()
    {
        using var h = new CpuHarness();
        h.Load(0xE2800001, 0xEAFFFFFD); // loop: add r0, r0, #1; b loop   (both threads run this code)
        UserContext a = default, b = default;
        a.Pc = b.Pc = CpuHarness.CodeBase;
        a.Cpsr = b.Cpsr = 0x10;
        b.R[0] = 1000;
        for (int slice = 0; slice < 10; slice++)
        {
            UserContext* current = slice % 2 == 0 ? &a : &b;
            h.Core.LoadUserContext(current);
            h.Core.Run(100 + slice); // odd lengths: switches land on either instruction
            h.Core.SaveUserContext(current, h.Core.Pc);
        }
        // a ran slices 0,2,4,6,8 (520 instructions), b ran 1,3,5,7,9 (525): one add per two instructions
        Assert.Equal(260u, a.R[0]);
        Assert.Equal(1000u + 263u, b.R[0]);
    }
}

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
    public void Load_NeverEntersAPrivilegedModeOrMasksInterruptsOrJazelle()
    {
        using var h = new CpuHarness();
        UserContext forged = default;
        forged.Cpsr = 0x1D3 | Psr.N | Psr.A | Psr.J | Psr.ItLow | Psr.ItHigh; // SVC, I, F, A, J refused; N kept; ITSTATE outside Thumb dropped
        forged.Pc = CpuHarness.CodeBase + 2;                                 // misaligned for ARM state
        h.Core.LoadUserContext(&forged);
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.Equal(Psr.N | 0x10, h.Core.Cpsr);
        Assert.Equal(0u, h.Core.ItState);
        Assert.Equal(CpuHarness.CodeBase, h.Core.Pc);
    }

    [Fact]
    public void Load_OfAThumbContext_KeepsThumbStateAndITSTATE_ButNoPrivilege()
    {
        using var h = new CpuHarness();
        UserContext forged = default;
        forged.Cpsr = 0xFFFF_FFFF;            // every bit: only flags, Q, GE, E, T and ITSTATE survive
        forged.Pc = CpuHarness.CodeBase + 3;  // odd: aligned to a halfword in Thumb state
        h.Core.LoadUserContext(&forged);
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.True(h.Core.InThumbState);
        Assert.Equal(0xFFu, h.Core.ItState);
        Assert.Equal(0u, h.Core.Cpsr & (Psr.I | Psr.F | Psr.A | Psr.J));
        Assert.Equal(CpuHarness.CodeBase + 2, h.Core.Pc);
    }

    [Fact]
    public void Load_DropsAnITSTATEThatDescribesNoBlock()
    {
        using var h = new CpuHarness();
        UserContext forged = default;
        forged.Cpsr = 0x10 | Psr.T | ArmCore.ItBits(0xE0); // a condition but mask 0000: no IT block
        forged.Pc = CpuHarness.CodeBase;
        h.Core.LoadUserContext(&forged);
        Assert.True(h.Core.InThumbState);
        Assert.Equal(0u, h.Core.ItState);
    }

    [Fact]
    public void AThumbThreadSwitchedOutInsideAnITBlock_FinishesTheBlockWithItsConditions()
    {
        using var h = new CpuHarness();
        // cmp r0, #0; itte eq; mov r1, #1; mov r2, #2; mov r3, #3 (else); b .
        h.Load(0xBF06_2800, 0x2202_2101, 0xE7FE_2303);
        UserContext thread = default;
        thread.Cpsr = 0x10 | Psr.T;
        thread.Pc = CpuHarness.CodeBase;
        h.Core.LoadUserContext(&thread);
        h.Step(3); // cmp, itte, mov r1: two instructions of the block are left
        Assert.Equal(1u, h.Core.R[1]);
        h.Core.SaveUserContext(&thread, h.Core.Pc);
        Assert.NotEqual(0u, ArmCore.ItFromPsr(thread.Cpsr));

        UserContext other = default; // another thread runs meanwhile: ARM state, Z clear
        other.Cpsr = 0x10;
        other.Pc = CpuHarness.DataBase;
        h.Core.LoadUserContext(&other);
        Assert.Equal(0u, h.Core.ItState);

        h.Core.LoadUserContext(&thread);
        h.Step(2); // mov r2 (then, Z set: executes); mov r3 (else: skipped)
        Assert.Equal(2u, h.Core.R[2]);
        Assert.Equal(0u, h.Core.R[3]);
        Assert.Equal(0u, h.Core.ItState);
        Assert.Equal(CpuHarness.CodeBase + 10, h.Core.Pc);
    }

    [Fact]
    public void SetEntry_TakesTheStateFromBit0_AndInterworkingPcGivesItBack()
    {
        UserContext c = default;
        c.Cpsr = 0x10 | Psr.Z | ArmCore.ItBits(0x08);
        c.SetEntry(0x0001_0045);
        Assert.True(c.Thumb);
        Assert.Equal(0x0001_0044u, c.Pc);
        Assert.Equal(0x0001_0045u, c.InterworkingPc);
        Assert.Equal(0x10 | Psr.Z | Psr.T, c.Cpsr); // flags kept, ITSTATE gone
        Assert.Equal(2u, c.SvcLength);

        c.SetEntry(0x0001_0046);
        Assert.False(c.Thumb);
        Assert.Equal(0x0001_0044u, c.Pc);
        Assert.Equal(0x0001_0044u, c.InterworkingPc);
        Assert.Equal(4u, c.SvcLength);
    }

    [Fact]
    public void StepOver_MovesThePcOn_AndAdvancesITSTATEInsideABlock()
    {
        UserContext c = default;
        c.Cpsr = 0x10 | Psr.T | ArmCore.ItBits(0x04); // ITT EQ, at its first instruction
        c.Pc = 0x1000;
        c.StepOver(2);
        Assert.Equal(0x1002u, c.Pc);
        Assert.Equal(0x08u, ArmCore.ItFromPsr(c.Cpsr)); // the second instruction of the block
        c.StepOver(4);
        Assert.Equal(0x1006u, c.Pc);
        Assert.Equal(0u, ArmCore.ItFromPsr(c.Cpsr));     // past the block
        Assert.Equal(0x10 | Psr.T, c.Cpsr);
    }

    private static uint s_hookCalls, s_itBeforeRewind, s_itAfterRewind, s_rewind, s_returnAddress;

    private static bool RewindingHook(ArmCore core, ExceptionKind kind, uint returnAddress)
    {
        s_hookCalls++;
        s_returnAddress = returnAddress;
        s_itBeforeRewind = core.ItState;
        s_rewind = core.RewindToSvc();
        s_itAfterRewind = core.ItState;
        core.SetPc(returnAddress - s_rewind);
        return true;
    }

    [Fact]
    public void RewindToSvc_InThumbState_Steps2BytesBack_AndGivesTheSvcItsOwnITSTATE()
    {
        using var h = new CpuHarness();
        // cmp r0, #0; itt eq; svc #5; mov r1, #1
        h.Load(0xBF04_2800, 0x2101_DF05);
        UserContext thread = default;
        thread.Cpsr = 0x10 | Psr.T;
        thread.Pc = CpuHarness.CodeBase;
        h.Core.LoadUserContext(&thread);
        s_hookCalls = 0;
        h.Core.ExceptionHook = &RewindingHook;
        h.Step(3); // cmp, itt, svc: the hook restarts it
        Assert.Equal(1u, s_hookCalls);
        Assert.Equal(CpuHarness.CodeBase + 6, s_returnAddress);
        Assert.Equal(2u, s_rewind);
        Assert.Equal(0x08u, s_itBeforeRewind); // the exception left ITSTATE for the mov
        Assert.Equal(0x04u, s_itAfterRewind);  // the svc's own
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.Pc);
        h.Core.ExceptionHook = null;
        h.Step(1); // the svc again, still inside the block (the plain vector now)
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.Equal(ArmCore.ItBits(0x08) | Psr.T, h.Core.Spsr & (Psr.T | Psr.ItLow | Psr.ItHigh));
    }

    [Fact]
    public void RewindToSvc_InArmState_Steps4BytesBack()
    {
        using var h = new CpuHarness();
        h.Load(0xEF000005); // svc #5
        UserContext thread = default;
        thread.Cpsr = 0x10;
        thread.Pc = CpuHarness.CodeBase;
        h.Core.LoadUserContext(&thread);
        s_hookCalls = 0;
        h.Core.ExceptionHook = &RewindingHook;
        h.Step(1);
        h.Core.ExceptionHook = null;
        Assert.Equal(1u, s_hookCalls);
        Assert.Equal(4u, s_rewind);
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

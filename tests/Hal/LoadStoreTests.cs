// Hand-checked expectations for the single and multiple load/store forms and their addressing modes.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class LoadStoreTests
{
    private const uint D = CpuHarness.DataBase;

    [Fact]
    public void LdrPreIndexedWithWriteback_UpdatesBase()
    {
        using var h = new CpuHarness();
        h.WriteWord(D + 0x10 - 4, 0xCAFE_F00D);
        h.Core.R[1] = D + 0x10;
        h.Load(0xE5310004).Step(); // ldr r0, [r1, #-4]!
        Assert.Equal(0xCAFE_F00Du, h.Core.R[0]);
        Assert.Equal(D + 0x0C, h.Core.R[1]);
    }

    [Fact]
    public void LdrbPostIndexedScaledRegister_LoadsByteThenAdvances()
    {
        using var h = new CpuHarness();
        h.WriteWord(D, 0x0000_00A5);
        h.Core.R[1] = D;
        h.Core.R[2] = 3;
        h.Load(0xE6D10102).Step(); // ldrb r0, [r1], r2, lsl #2
        Assert.Equal(0xA5u, h.Core.R[0]);
        Assert.Equal(D + 12, h.Core.R[1]);
    }

    [Fact]
    public void StrhAndLdrsh_RoundTripSignedHalfword()
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 0x1234_8001;
        h.Core.R[1] = D;
        h.Load(0xE1C100B6, 0xE1D100F6).Step(); // strh r0, [r1, #6]
        Assert.Equal(0x8001_0000u, h.ReadWord(D + 4));
        h.Core.R[0] = 0;
        h.Step();                               // ldrsh r0, [r1, #6]
        Assert.Equal(0xFFFF_8001u, h.Core.R[0]);
    }

    [Fact]
    public void LdrsbNegativeRegisterOffset_SignExtends()
    {
        using var h = new CpuHarness();
        h.WriteWord(D, 0x0000_0080);
        h.Core.R[1] = D + 5;
        h.Core.R[2] = 5;
        h.Load(0xE11100D2).Step(); // ldrsb r0, [r1, -r2]
        Assert.Equal(0xFFFF_FF80u, h.Core.R[0]);
    }

    [Fact]
    public void LdrdAndStrd_MoveRegisterPairs()
    {
        using var h = new CpuHarness();
        h.WriteWord(D + 8, 0x1111_1111);
        h.WriteWord(D + 12, 0x2222_2222);
        h.Core.R[1] = D;
        h.Load(0xE1C120D8).Step(); // ldrd r2, r3, [r1, #8]
        Assert.Equal(0x1111_1111u, h.Core.R[2]);
        Assert.Equal(0x2222_2222u, h.Core.R[3]);

        h.Core.R[1] = D + 0x40;
        h.Load(0xE16120F8).Step(); // strd r2, r3, [r1, #-8]!
        Assert.Equal(0x1111_1111u, h.ReadWord(D + 0x38));
        Assert.Equal(0x2222_2222u, h.ReadWord(D + 0x3C));
        Assert.Equal(D + 0x38, h.Core.R[1]);
    }

    [Fact]
    public void Ldrd_Unaligned_RaisesAlignmentFault()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = D + 2;
        h.Load(0xE1C120D8).Step(); // ldrd r2, r3, [r1, #8]
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(FaultStatus.Alignment, h.Core.Dfsr & 0xF);
        Assert.Equal(D + 10, h.Core.Dfar);
    }

    [Fact]
    public void UnalignedLdr_WithMmuOff_ReadsAcrossWords()
    {
        using var h = new CpuHarness();
        h.WriteWord(D, 0x4433_2211);
        h.WriteWord(D + 4, 0x8877_6655);
        h.Core.R[1] = D + 1;
        h.Load(0xE5910000).Step(); // ldr r0, [r1]
        Assert.Equal(0x5544_3322u, h.Core.R[0]);
    }

    [Fact]
    public void PushThenPop_RestoresRegistersAndReturns()
    {
        using var h = new CpuHarness();
        h.Core.R[13] = D + 0x100;
        h.Core.R[4] = 4;
        h.Core.R[5] = 5;
        h.Core.R[6] = 6;
        h.Core.R[14] = CpuHarness.CodeBase + 0x40;
        h.Load(0xE92D4070).Step(); // push {r4, r5, r6, lr}
        Assert.Equal(D + 0xF0, h.Core.R[13]);
        Assert.Equal(4u, h.ReadWord(D + 0xF0));
        Assert.Equal(CpuHarness.CodeBase + 0x40, h.ReadWord(D + 0xFC));

        h.Core.R[4] = h.Core.R[5] = h.Core.R[6] = 0;
        h.Load(0xE8BD8070).Step(); // pop {r4, r5, r6, pc}
        Assert.Equal(6u, h.Core.R[6]);
        Assert.Equal(D + 0x100, h.Core.R[13]);
        Assert.Equal(CpuHarness.CodeBase + 0x40, h.Core.Pc);
    }

    [Fact]
    public void LdmibAndStmda_UseTheirAddressingModes()
    {
        using var h = new CpuHarness();
        h.WriteWord(D + 4, 0xA);
        h.WriteWord(D + 8, 0xB);
        h.Core.R[0] = D;
        h.Load(0xE9B00006).Step(); // ldmib r0!, {r1, r2}
        Assert.Equal((0xAu, 0xBu, D + 8), (h.Core.R[1], h.Core.R[2], h.Core.R[0]));

        h.Core.R[0] = D + 0x84;
        h.Load(0xE8000006).Step(); // stmda r0, {r1, r2}: r1 at D+0x80, r2 at D+0x84
        Assert.Equal(0xAu, h.ReadWord(D + 0x80));
        Assert.Equal(0xBu, h.ReadWord(D + 0x84));
        Assert.Equal(D + 0x84, h.Core.R[0]);
    }

    [Fact]
    public void Ldm_FaultPartWay_LeavesRegistersAndBaseUnchanged()
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 0x5FFF_FFF8; // the first two words are unmapped, then RAM starts at 0x60000000
        h.Core.R[1] = 0x1111;
        h.Load(0xE8B0000E).Step(); // ldmia r0!, {r1, r2, r3}
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(FaultStatus.SyncExternal, h.Core.Dfsr & 0xF);
        Assert.Equal(0x1111u, h.Core.ReadUserRegister(1));
        Assert.Equal(0x5FFF_FFF8u, h.Core.ReadUserRegister(0));
    }

    [Fact]
    public void Ldrt_PostIndexes()
    {
        using var h = new CpuHarness();
        h.WriteWord(D, 77);
        h.Core.R[1] = D;
        h.Load(0xE4B10004).Step(); // ldrt r0, [r1], #4
        Assert.Equal(77u, h.Core.R[0]);
        Assert.Equal(D + 4, h.Core.R[1]);
    }

    [Fact]
    public void SetendBe_LoadsBigEndian()
    {
        using var h = new CpuHarness();
        h.WriteWord(D, 0x4433_2211);
        h.Core.R[1] = D;
        h.Load(0xF1010200, 0xE5910000).Step(2); // setend be; ldr r0, [r1]
        Assert.Equal(0x1122_3344u, h.Core.R[0]);
        h.Load(0xE1D100B0).Step();              // ldrh r0, [r1]
        Assert.Equal(0x1122u, h.Core.R[0]);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.E);
    }

    [Fact]
    public void Swp_IsUndefinedUntilSctlrSwIsSet()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = D;
        h.Load(0xE1020091).Step(); // swp r0, r1, [r2]
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);

        using var h2 = new CpuHarness();
        h2.Core.Sctlr |= ArmCore.Sctlr_SW;
        h2.WriteWord(D, 5);
        h2.Core.R[1] = 9;
        h2.Core.R[2] = D;
        h2.Load(0xE1020091).Step();
        Assert.Equal(5u, h2.Core.R[0]);
        Assert.Equal(9u, h2.ReadWord(D));
    }

    [Fact]
    public void StoreIntoDecodedCode_IsExecutedAsTheNewInstruction()
    {
        using var h = new CpuHarness();
        // str r1, [r2]; (r2 -> next word) next word: mov r0, #1, replaced by mov r0, #2
        h.Core.R[1] = 0xE3A00002;
        h.Core.R[2] = CpuHarness.CodeBase + 4;
        h.Load(0xE5821000, 0xE3A00001).Step(2);
        Assert.Equal(2u, h.Core.R[0]);
    }
}

// T32 loads and stores on the core: every single-register form, literals at misaligned PCs, loads to PC, LDM/STM, LDRD/STRD, exclusives.
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;
using static Codezero.Tests.Hal.Thumb.ThumbBranchTests;

namespace Codezero.Tests.Hal.Thumb;

/// <summary>Encodings from <c>arm-none-eabi-as -mthumb -mcpu=cortex-a9</c>; data lives at <see cref="Data"/>.</summary>
public sealed unsafe class ThumbLoadStoreTests
{
    private const uint Code = CpuHarness.CodeBase;
    private const uint Data = CpuHarness.DataBase + 0x100;

    /// <summary>Thumb code with r1 = <see cref="Data"/> and the words 0x8483_8281, 0x8887_8685, ... from Data - 16.</summary>
    private static CpuHarness WithData(params ushort[] code)
    {
        CpuHarness h = ThumbCode(code);
        for (uint i = 0; i < 64; i += 4)
        {
            uint b = 0x81 + i;
            h.WriteWord(Data - 16 + i, b | ((b + 1) << 8) | ((b + 2) << 16) | ((b + 3) << 24));
        }
        h.Core.R[1] = Data;
        return h;
    }

    private static byte ByteAt(int offset) => (byte)(0x81 + 16 + offset);

    [Theory]
    [InlineData(0xF8D1F000u, "LDR.W (imm12) T32")]
    [InlineData(0xF8DF0006u, "LDR (literal) T32")]
    [InlineData(0xF8510CFFu, "LDR (imm8, negative) T32")]
    [InlineData(0xF8510F04u, "LDR (imm8, pre) T32")]
    [InlineData(0xF8510904u, "LDR (imm8, post) T32")]
    [InlineData(0xF8510E03u, "LDRT T32")]
    [InlineData(0xF8510032u, "LDR.W (reg) T32")]
    [InlineData(0xF9912FFFu, "LDRSB (imm12) T32")]
    [InlineData(0xF9112E01u, "LDRSBT T32")]
    [InlineData(0xF8412E08u, "STRT T32")]
    [InlineData(0xF8212033u, "STRH.W (reg) T32")]
    [InlineData(0xF84D4D04u, "PUSH.W (single) T3")]
    [InlineData(0xF85D4B04u, "POP.W (single) T3")]
    [InlineData(0xF891F008u, "PLD (imm12) T32")]
    [InlineData(0xF8B1F008u, "PLDW (imm12) T32")]
    [InlineData(0xF911FCFFu, "PLI (imm8) T32")]
    [InlineData(0xF81FF064u, "PLD (literal) T32")]
    [InlineData(0xF831F032u, "PLDW (reg) T32")]
    [InlineData(0xF9B1F002u, "unallocated memory hint (imm12) T32")]
    [InlineData(0xE8B1800Cu, "LDM.W T2")]
    [InlineData(0xE92D40F0u, "PUSH.W T2")]
    [InlineData(0xE8BD8010u, "POP.W T2")]
    [InlineData(0xE9100006u, "LDMDB T1")]
    [InlineData(0xE88400A0u, "STM.W T2")]
    [InlineData(0xE9720102u, "LDRD (imm, pre) T1")]
    [InlineData(0xE8F20304u, "LDRD (imm, post) T1")]
    [InlineData(0xE9C246FFu, "STRD (imm) T1")]
    [InlineData(0xE95F0130u, "LDRD (literal) T1")]
    [InlineData(0xE8510F02u, "LDREX T1")]
    [InlineData(0xE8410203u, "STREX T1")]
    [InlineData(0xE8D1037Fu, "LDREXD T1")]
    [InlineData(0xE8C14572u, "STREXD T1")]
    [InlineData(0xE8D10F4Fu, "LDREXB T1")]
    [InlineData(0xE8C10F52u, "STREXH T1")]
    public void Encodings_DecodeToTheirRows(uint raw, string name) => Assert.Equal(name, ThumbDecoder.NameOf(raw));

    [Theory]
    [InlineData(0xE8B1800Cu, "LDM", false)] // with PC: the IT rule wraps it
    [InlineData(0xE8B1000Cu, "LDM", true)]
    [InlineData(0xE92D40F0u, "STM", true)]
    [InlineData(0xE9100006u, "LDM", true)]
    [InlineData(0xE88400A0u, "STM", true)]
    [InlineData(0xE8510F00u, "LDREX", true)]
    [InlineData(0xE8413200u, "STREX", true)]
    [InlineData(0xE8D15F4Fu, "LDREXB", true)]
    [InlineData(0xE8D15F5Fu, "LDREXH", true)]
    [InlineData(0xE8C17F46u, "STREXB", true)]
    [InlineData(0xE8C17F56u, "STREXH", true)]
    [InlineData(0xF8D10FFFu, "LDR (imm)", true)]
    [InlineData(0xF8D1F000u, "LDR (imm)", false)] // to PC
    [InlineData(0xF8510CFFu, "LDR (imm)", true)]
    [InlineData(0xF8510F04u, "LDR (imm, pre)", true)]
    [InlineData(0xF8510904u, "LDR (imm, post)", true)]
    [InlineData(0xF8510032u, "LDR (reg)", true)]
    [InlineData(0xF8110F05u, "LDRB (imm, pre)", true)]
    [InlineData(0xF8810FFFu, "STRB (imm)", true)]
    [InlineData(0xF8410B08u, "STR (imm, post)", true)]
    [InlineData(0xF8410012u, "STR (reg)", true)]
    [InlineData(0xF84D4D04u, "STR (imm, pre)", true)]
    [InlineData(0xF85D4B04u, "LDR (imm, post)", true)]
    public void LowersOntoTheA32Twin(uint raw, string a32Name, bool direct) => AssertLowersOnto(raw, a32Name, direct);

    [Theory]
    [InlineData(0xE8B4C003u)] // ldmia r4!, {r0, r1, lr, pc}: PC and LR both
    [InlineData(0xE8842020u)] // stmia r4, {r5, sp}: SP in an STM list
    [InlineData(0xE8848020u)] // stmia r4, {r5, pc}: PC in an STM list
    [InlineData(0xE8B42020u)] // ldmia r4!, {r5, sp}: SP in an LDM list
    [InlineData(0xE8B40001u)] // ldmia r4!, {r0}: one register
    [InlineData(0xE8B40011u)] // ldmia r4!, {r0, r4}: base in the list with writeback
    [InlineData(0xE8BF0003u)] // ldmia pc!, {r0, r1}
    [InlineData(0xF8CF0000u)] // str.w r0, [pc]
    [InlineData(0xF8411F04u)] // str r1, [r1, #4]!: writeback to Rt
    [InlineData(0xF8511F04u)] // ldr r1, [r1, #4]!
    [InlineData(0xF891D001u)] // ldrb.w sp, [r1, #1]
    [InlineData(0xF811FF05u)] // ldrb pc, [r1, #5]!
    [InlineData(0xF851000Du)] // ldr.w r0, [r1, sp]
    [InlineData(0xF8C1F000u)] // str.w pc, [r1]
    [InlineData(0xF881D000u)] // strb.w sp, [r1]
    [InlineData(0xF851FE03u)] // ldrt pc, [r1, #3]
    [InlineData(0xF8510800u)] // P = W = 0 in the imm8 form
    [InlineData(0xE9D20000u)] // ldrd r0, r0, [r2]
    [InlineData(0xE9D2D000u)] // ldrd sp, r0, [r2]
    [InlineData(0xE9F20200u)] // ldrd r0, r2, [r2, #0]!: Rn in the pair with writeback
    [InlineData(0xE9CF0100u)] // strd r0, r1, [pc]
    [InlineData(0xE8FF0104u)] // ldrd r0, r1, [pc], #16
    [InlineData(0xE8410000u)] // strex r0, r0, [r1]: Rd = Rt
    [InlineData(0xE8410100u)] // strex r1, r0, [r1]: Rd = Rn
    [InlineData(0xE85F0F00u)] // ldrex r0, [pc]
    [InlineData(0xE8D1007Fu)] // ldrexd r0, r0, [r1]
    [InlineData(0xE8C10171u)] // strexd r1, r0, r1, [r1]
    [InlineData(0xF831F03Du)] // pldw [r1, sp]
    public void UnpredictableForms_AreUndefined(uint raw) => Assert.True(ThumbDecoder.Decode32(raw).IsUndefined, ThumbDecoder.NameOf(raw));

    [Fact]
    public void Immediate12AndNegativeImmediate8_LoadWithoutWriteback()
    {
        using var h = WithData(0xF8D1, 0x0004, 0xF851, 0x2C04, 0xF991, 0x3003, 0xF9B1, 0x4006); // ldr.w r0, [r1, #4]; ldr r2, [r1, #-4]; ldrsb.w r3, [r1, #3]; ldrsh.w r4, [r1, #6]
        h.Step(4);
        Assert.Equal(0x9897_9695u, h.Core.R[0]);
        Assert.Equal(0x908F_8E8Du, h.Core.R[2]); // the word at Data - 4
        Assert.Equal(unchecked((uint)(sbyte)ByteAt(3)), h.Core.R[3]);
        Assert.Equal(unchecked((uint)(short)(ByteAt(6) | (ByteAt(7) << 8))), h.Core.R[4]);
        Assert.Equal(Data, h.Core.R[1]);
        Assert.Equal(Code + 16, h.Core.Pc);
    }

    [Fact]
    public void LargestImmediate12_ReachesFourKilobytesOut()
    {
        using var h = WithData(0xF991, 0x2FFF); // ldrsb.w r2, [r1, #4095]
        h.Board.Memory.WritePhysical(Data + 4095, new byte[] { 0x80 });
        h.Step();
        Assert.Equal(0xFFFF_FF80u, h.Core.R[2]);
    }

    [Fact]
    public void Immediate8PreAndPostIndexed_WriteBack()
    {
        using var h = WithData(0xF811, 0x2F05, 0xF931, 0x3903); // ldrb.w r2, [r1, #5]!; ldrsh.w r3, [r1], #-3
        h.Step();
        Assert.Equal((uint)ByteAt(5), h.Core.R[2]);
        Assert.Equal(Data + 5, h.Core.R[1]);
        h.Step();
        Assert.Equal(unchecked((uint)(short)(ByteAt(5) | (ByteAt(6) << 8))), h.Core.R[3]); // post-indexed: from the old base
        Assert.Equal(Data + 2, h.Core.R[1]);
    }

    [Fact]
    public void Stores_Immediate8PreAndPostAndImmediate12()
    {
        using var h = WithData(0xF821, 0x0D01, 0xF841, 0x0B08, 0xF881, 0x0FFF); // strh r0, [r1, #-1]!; str r0, [r1], #8; strb.w r0, [r1, #4095]
        h.Core.R[0] = 0xCAFE_F00D;
        h.Step(3);
        Assert.Equal(Data + 7, h.Core.R[1]);
        Assert.Equal(0xCAFE_F00Du, h.ReadWord(Data - 1));
        Assert.Equal(0x0Du, h.ReadWord(Data + 7 + 4095) & 0xFF);
    }

    [Fact]
    public void RegisterOffsets_ShiftByUpToThree()
    {
        // ldr.w r0, [r1, r2, lsl #3]; ldrh.w r4, [r1, r3, lsl #2]; strh.w r5, [r1, r3, lsl #3]
        using var h = WithData(0xF851, 0x0032, 0xF831, 0x4023, 0xF821, 0x5033);
        h.Core.R[2] = 1;
        h.Core.R[3] = 2;
        h.Core.R[5] = 0x1234_5678;
        h.Step(3);
        Assert.Equal(h.ReadWord(Data + 8), h.Core.R[0]);
        Assert.Equal(h.ReadWord(Data + 8) & 0xFFFF, h.Core.R[4]);
        Assert.Equal(0x5678u, h.ReadWord(Data + 16) & 0xFFFF);
        Assert.Equal(Data, h.Core.R[1]);
    }

    [Fact]
    public void Unprivileged_AddressRnPlusImm8_WithoutWriteback()
    {
        using var h = WithData(0xF911, 0x2E01, 0xF841, 0x2E08, 0xF851, 0x0E03); // ldrsbt r2, [r1, #1]; strt r2, [r1, #8]; ldrt r0, [r1, #3]
        h.Step(3);
        uint expected = unchecked((uint)(sbyte)ByteAt(1));
        Assert.Equal(expected, h.Core.R[2]);
        Assert.Equal(expected, h.ReadWord(Data + 8));
        Assert.Equal(Data, h.Core.R[1]);
        Assert.Equal((uint)(ByteAt(3) | (ByteAt(4) << 8) | (ByteAt(5) << 16) | (ByteAt(6) << 24)), h.Core.R[0]);
    }

    [Fact]
    public void Literals_AtHalfwordMisalignedPcs_AddressFromAlignPc()
    {
        using var h = new CpuHarness();
        // +0: nop; +2: ldr.w r0, [pc, #8] (-> +12); +6: ldr.w r1, [pc, #-8] (-> +0); +10: ldrb.w r2, [pc, #5] (-> +17);
        // +14: ldrsh.w r3, [pc, #-2] (-> +14)
        Place(h, Code, 0xBF00, 0xF8DF, 0x0008, 0xF85F, 0x1008, 0xF89F, 0x2005, 0xF93F, 0x3002);
        StartThumb(h, Code + 2);
        h.Step(4);
        Assert.Equal(0xF93F_2005u, h.Core.R[0]);
        Assert.Equal(0xF8DF_BF00u, h.Core.R[1]);
        Assert.Equal(0x30u, h.Core.R[2]);
        Assert.Equal(0xFFFF_F93Fu, h.Core.R[3]);
    }

    [Fact]
    public void LdrdLiteral_AtAMisalignedPc()
    {
        using var h = new CpuHarness();
        Place(h, Code + 2, 0xE9DF, 0x0302); // ldrd r0, r3, [pc, #8] (-> Align(+6, 4) + 8 = +12)
        h.WriteWord(Code + 12, 0xAAAA_5555);
        h.WriteWord(Code + 16, 0x1234_5678);
        StartThumb(h, Code + 2);
        h.Step();
        Assert.Equal(0xAAAA_5555u, h.Core.R[0]);
        Assert.Equal(0x1234_5678u, h.Core.R[3]);
    }

    [Theory]
    [InlineData(Code + 0x41, true)]
    [InlineData(Code + 0x40, false)]
    public void LdrPc_Interworks(uint target, bool thumb)
    {
        using var h = WithData(0xF8D1, 0xF000); // ldr.w pc, [r1]
        h.WriteWord(Data, target);
        h.Step();
        Assert.Equal(target & ~1u, h.Core.Pc);
        Assert.Equal(thumb, (h.Core.Cpsr & Psr.T) != 0);
    }

    [Fact]
    public void LdmWithPc_WritesBackAndSwitchesToArm()
    {
        using var h = WithData(0xE8B1, 0x800C); // ldm r1!, {r2, r3, pc}
        h.WriteWord(Data + 8, Code + 0x80);
        h.Step();
        Assert.Equal(h.ReadWord(Data), h.Core.R[2]);
        Assert.Equal(h.ReadWord(Data + 4), h.Core.R[3]);
        Assert.Equal(Data + 12, h.Core.R[1]);
        Assert.Equal(Code + 0x80, h.Core.Pc);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
    }

    [Fact]
    public void PushAndPopWide_RoundTripThroughTheStack()
    {
        // stmdb sp!, {r4-r7, lr}; str.w r4, [sp, #-4]!; ldr.w r0, [sp], #4; pop.w {r4, pc}
        using var h = ThumbCode(0xE92D, 0x40F0, 0xF84D, 0x4D04, 0xF85D, 0x0B04, 0xE8BD, 0x8010);
        h.Core.R[13] = Data;
        for (int r = 4; r <= 7; r++)
        {
            h.Core.R[r] = 0x100u * (uint)r;
        }
        h.Core.R[14] = Code + 0x201;
        h.Step(2);
        Assert.Equal(Data - 24, h.Core.R[13]);
        Assert.Equal(0x400u, h.ReadWord(Data - 24));
        Assert.Equal(0x400u, h.ReadWord(Data - 20));
        Assert.Equal(Code + 0x201, h.ReadWord(Data - 4));
        h.Core.R[4] = 0;
        h.Step(2); // r0 = the single push; pop.w takes r4 = the old r4 and pc = the old r5 (even: ARM state)
        Assert.Equal(0x400u, h.Core.R[0]);
        Assert.Equal(0x400u, h.Core.R[4]);
        Assert.Equal(0x500u, h.Core.Pc);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(Data - 12, h.Core.R[13]);
    }

    [Fact]
    public void LdmdbAndStmia_WithAndWithoutWriteback()
    {
        using var h = WithData(0xE934, 0x0007, 0xE884, 0x00A0); // ldmdb r4!, {r0, r1, r2}; stmia.w r4, {r5, r7}
        h.Core.R[4] = Data;
        h.Core.R[5] = 0x55;
        h.Core.R[7] = 0x77;
        uint first = h.ReadWord(Data - 12), last = h.ReadWord(Data - 4);
        h.Step();
        Assert.Equal(first, h.Core.R[0]);
        Assert.Equal(last, h.Core.R[2]);
        Assert.Equal(Data - 12, h.Core.R[4]);
        h.Step();
        Assert.Equal(0x55u, h.ReadWord(Data - 12));
        Assert.Equal(0x77u, h.ReadWord(Data - 8));
        Assert.Equal(Data - 12, h.Core.R[4]);
    }

    [Fact]
    public void PopPc_LastInItBlock_Executes()
    {
        using var h = ThumbCode(0xBF14, 0x2001, 0xE8BD, 0x8010); // ite ne; movne r0, #1; popeq.w {r4, pc}
        h.Core.R[13] = Data;
        h.WriteWord(Data, 0x44);
        h.WriteWord(Data + 4, Code + 0x301);
        h.Core.Nzcv = Psr.Z;
        h.Step(3);
        Assert.Equal(0u, h.Core.R[0]);
        Assert.Equal(0x44u, h.Core.R[4]);
        Assert.Equal(Code + 0x300, h.Core.Pc);
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
    }

    [Fact]
    public void PopPc_NotLastInItBlock_IsUndefined()
    {
        using var h = ThumbCode(0xBF04, 0xE8BD, 0x8010, 0xBF00); // itt eq; popeq.w {r4, pc}; nop
        h.Core.R[13] = Data;
        h.Core.Nzcv = Psr.Z;
        h.Step(2);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(Code + 4, h.Core.R[14]);
    }

    [Fact]
    public void LdrdStrd_IndexedForms_AndAFreeSecondRegister()
    {
        // ldrd r0, r1, [r2, #-8]!; ldrd r0, r3, [r2], #16; strd r4, r6, [r2, #1020]; strd r0, r3, [r4], #-16
        using var h = WithData(0xE972, 0x0102, 0xE8F2, 0x0304, 0xE9C2, 0x46FF, 0xE864, 0x0304);
        h.Core.R[2] = Data + 8;
        h.Core.R[4] = Data + 0x800;
        h.Core.R[6] = 0x6666_6666;
        h.Step();
        Assert.Equal(h.ReadWord(Data), h.Core.R[0]);
        Assert.Equal(h.ReadWord(Data + 4), h.Core.R[1]);
        Assert.Equal(Data, h.Core.R[2]);
        h.Step();
        Assert.Equal(h.ReadWord(Data), h.Core.R[0]);
        Assert.Equal(h.ReadWord(Data + 4), h.Core.R[3]);
        Assert.Equal(Data + 16, h.Core.R[2]);
        h.Step();
        Assert.Equal(Data + 0x800, h.ReadWord(Data + 16 + 1020));
        Assert.Equal(0x6666_6666u, h.ReadWord(Data + 16 + 1024));
        Assert.Equal(Data + 16, h.Core.R[2]);
        h.Step();
        Assert.Equal(h.Core.R[0], h.ReadWord(Data + 0x800));
        Assert.Equal(h.Core.R[3], h.ReadWord(Data + 0x804));
        Assert.Equal(Data + 0x800 - 16, h.Core.R[4]);
    }

    [Fact]
    public void LdrexStrex_WithOffset_SucceedOnceThenFail()
    {
        // ldrex r0, [r1, #1020]; strex r2, r3, [r1, #1020]; strex r4, r3, [r1, #1020]
        using var h = WithData(0xE851, 0x0FFF, 0xE841, 0x32FF, 0xE841, 0x34FF);
        h.WriteWord(Data + 1020, 0x1111);
        h.Core.R[3] = 0x2222;
        h.Core.R[4] = 7;
        h.Step(3);
        Assert.Equal(0x1111u, h.Core.R[0]);
        Assert.Equal(0u, h.Core.R[2]);
        Assert.Equal(1u, h.Core.R[4]);
        Assert.Equal(0x2222u, h.ReadWord(Data + 1020));
    }

    [Fact]
    public void ExclusiveDoublewordByteAndHalfword()
    {
        // ldrexd r0, r3, [r1]; strexd r2, r5, r6, [r1]; ldrexb r5, [r1]; strexb r6, r7, [r1]; ldrexh r5, [r1]; strexh r6, r7, [r1]
        using var h = WithData(0xE8D1, 0x037F, 0xE8C1, 0x5672, 0xE8D1, 0x5F4F, 0xE8C1, 0x7F46, 0xE8D1, 0x5F5F, 0xE8C1, 0x7F56);
        uint low = h.ReadWord(Data), high = h.ReadWord(Data + 4);
        h.Core.R[5] = 0x5555_AAAA;
        h.Core.R[6] = 0x6666_BBBB;
        h.Core.R[7] = 0x0000_C3D4;
        h.Step(2);
        Assert.Equal(low, h.Core.R[0]);
        Assert.Equal(high, h.Core.R[3]);
        Assert.Equal(0u, h.Core.R[2]);
        Assert.Equal(0x5555_AAAAu, h.ReadWord(Data));
        Assert.Equal(0x6666_BBBBu, h.ReadWord(Data + 4));
        h.Step(2);
        Assert.Equal(0xAAu, h.Core.R[5]);
        Assert.Equal(0u, h.Core.R[6]);
        Assert.Equal(0x5555_AAD4u, h.ReadWord(Data));
        h.Step(2);
        Assert.Equal(0xAAD4u, h.Core.R[5]);
        Assert.Equal(0u, h.Core.R[6]);
        Assert.Equal(0x5555_C3D4u, h.ReadWord(Data));
    }

    [Fact]
    public void MemoryHints_DoNotTouchMemory()
    {
        // pli [r1, #-255]; pld [pc, #-100]; pldw [r1, r2, lsl #3] with r1 far outside RAM
        using var h = ThumbCode(0xF911, 0xFCFF, 0xF81F, 0xF064, 0xF831, 0xF032);
        h.Core.R[1] = 0xF000_0000;
        h.Core.R[2] = 3;
        h.Step(3);
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        Assert.Equal(Code + 12, h.Core.Pc);
    }

    [Fact]
    public void DataAbortFromAT32Load_ReturnsToTheInstructionPlusEight()
    {
        using var h = ThumbCode(0xBF00, 0xF8D1, 0x0000); // nop; ldr.w r0, [r1] with r1 outside RAM and devices
        h.Core.R[1] = 0xF000_0000;
        h.Step(2);
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(Code + 2 + 8, h.Core.R[14]);
        Assert.Equal(0xF000_0000u, h.Core.Dfar);
    }
}

// Thumb T32 data processing (modified immediate, plain binary immediate, shifted register, register shifts) run on the core.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;

namespace Codezero.Tests.Hal.Thumb;

/// <summary>
/// Places Thumb code for the T32 data-processing, media and multiply tests: T16 halfwords and T32 encodings
/// written as hw1:hw2 (the ARM ARM's order), stored little-endian with hw1 at the lower address.
/// </summary>
internal static unsafe class ThumbDataHarness
{
    /// <summary>Writes the instructions at <see cref="CpuHarness.CodeBase"/> and enters Thumb state there.</summary>
    public static CpuHarness Load(CpuHarness h, params uint[] instructions)
    {
        var bytes = new List<byte>();
        foreach (uint insn in instructions)
        {
            if (insn > 0xFFFF)
            {
                AddHalfword(bytes, insn >> 16);
            }
            AddHalfword(bytes, insn & 0xFFFF);
        }
        h.Board.Memory.WritePhysical(CpuHarness.CodeBase, bytes.ToArray());
        h.Core.WriteCpsr(h.Core.Cpsr | Psr.T);
        h.Core.SetPc(CpuHarness.CodeBase);
        return h;
    }

    /// <summary>Runs one T32 encoding and returns the harness.</summary>
    public static CpuHarness Run(CpuHarness h, uint insn) => Load(h, insn).Step();

    /// <summary>Asserts that an encoding lowers to UNDEFINED and that running it takes the exception.</summary>
    public static void AssertUndefined(uint raw)
    {
        Assert.True(ThumbDecoder.Decode32(raw).IsUndefined, $"0x{raw:X8} ({ThumbDecoder.NameOf(raw)}) should lower to UNDEFINED");
        using var h = new CpuHarness();
        Run(h, raw);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(CpuHarness.CodeBase + 2, h.Core.R[14]); // Thumb: the instruction's address + 2
    }

    private static void AddHalfword(List<byte> bytes, uint hw)
    {
        bytes.Add((byte)hw);
        bytes.Add((byte)(hw >> 8));
    }
}

/// <summary>Results and flags against values worked by hand from the ARM ARM pseudocode (A6.3.1-3, A6.3.11-12).</summary>
public sealed unsafe class ThumbDataProcessingTests
{
    /// <summary>One encoding of every data-processing row, taken from arm-none-eabi-as -mthumb.</summary>
    [Theory]
    [InlineData(0xF002_11FFu, "AND (imm) T32")] // and.w r1, r2, #0x00ff00ff
    [InlineData(0xF012_4100u, "AND (imm) T32")] // ands r1, r2, #0x80000000
    [InlineData(0xF012_2FFFu, "TST (imm) T32")] // tst.w r2, #0xff00ff00
    [InlineData(0xF424_737Fu, "BIC (imm) T32")] // bic r3, r4, #0x3fc
    [InlineData(0xF046_3555u, "ORR (imm) T32")] // orr r5, r6, #0x55555555
    [InlineData(0xF04F_27ABu, "MOV (imm) T32")] // mov.w r7, #0xab00ab00
    [InlineData(0xF45F_7780u, "MOV (imm) T32")] // movs.w r7, #0x100
    [InlineData(0xF069_08FFu, "ORN (imm) T32")] // orn r8, r9, #0xff
    [InlineData(0xF46F_7AFFu, "MVN (imm) T32")] // mvn r10, #0x1fe
    [InlineData(0xF08C_4BFEu, "EOR (imm) T32")] // eor r11, r12, #0x7f000000
    [InlineData(0xF091_0F12u, "TEQ (imm) T32")] // teq r1, #0x12
    [InlineData(0xF102_1101u, "ADD (imm) T32")] // add.w r1, r2, #0x10001
    [InlineData(0xF50D_6180u, "ADD (SP plus imm) T32")] // add.w r1, sp, #0x400
    [InlineData(0xF50D_6D80u, "ADD (SP plus imm) T32")] // add.w sp, sp, #0x400
    [InlineData(0xF113_0F2Au, "CMN (imm) T32")] // cmn.w r3, #0x2a
    [InlineData(0xF142_01F0u, "ADC (imm) T32")] // adc r1, r2, #0xf0
    [InlineData(0xF162_01F0u, "SBC (imm) T32")] // sbc r1, r2, #0xf0
    [InlineData(0xF1A2_517Eu, "SUB (imm) T32")] // sub.w r1, r2, #0x3f800000
    [InlineData(0xF5AD_7D80u, "SUB (SP minus imm) T32")] // sub.w sp, sp, #0x100
    [InlineData(0xF5B4_3F80u, "CMP (imm) T32")] // cmp.w r4, #0x10000
    [InlineData(0xF1BD_0F08u, "CMP (imm) T32")] // cmp.w sp, #0x8
    [InlineData(0xF1C2_0100u, "RSB (imm) T32")] // rsb r1, r2, #0
    [InlineData(0xF602_71FFu, "ADDW T32")] // addw r1, r2, #0xfff
    [InlineData(0xF20D_1123u, "ADDW (SP plus imm12) T32")] // addw r1, sp, #0x123
    [InlineData(0xF20D_1D23u, "ADDW (SP plus imm12) T32")] // addw sp, sp, #0x123
    [InlineData(0xF20F_1100u, "ADR.W (add) T32")] // adr.w r1, .+0x104
    [InlineData(0xF64B_61EFu, "MOVW T32")] // movw r1, #0xbeef
    [InlineData(0xF6A2_21BCu, "SUBW T32")] // subw r1, r2, #0xabc
    [InlineData(0xF2AD_0D07u, "SUBW (SP minus imm12) T32")] // subw sp, sp, #0x7
    [InlineData(0xF6CD_61ADu, "MOVT T32")] // movt r1, #0xdead
    [InlineData(0xF302_010Fu, "SSAT (LSL) T32")] // ssat r1, #16, r2
    [InlineData(0xF302_01C7u, "SSAT (LSL) T32")] // ssat r1, #8, r2, lsl #3
    [InlineData(0xF322_01C7u, "SSAT (ASR) T32")] // ssat r1, #8, r2, asr #3
    [InlineData(0xF322_0107u, "SSAT16 T32")] // ssat16 r1, #8, r2
    [InlineData(0xF342_1107u, "SBFX T32")] // sbfx r1, r2, #4, #8
    [InlineData(0xF362_110Bu, "BFI T32")] // bfi r1, r2, #4, #8
    [InlineData(0xF36F_110Bu, "BFC T32")] // bfc r1, #4, #8
    [InlineData(0xF382_0110u, "USAT (LSL) T32")] // usat r1, #16, r2
    [InlineData(0xF3A2_71C7u, "USAT (ASR) T32")] // usat r1, #7, r2, asr #31
    [InlineData(0xF3A2_010Fu, "USAT16 T32")] // usat16 r1, #15, r2
    [InlineData(0xF3C2_71C0u, "UBFX T32")] // ubfx r1, r2, #31, #1
    [InlineData(0xEA02_1103u, "AND (reg) T32")] // and.w r1, r2, r3, lsl #4
    [InlineData(0xEA11_1FF2u, "TST (reg) T32")] // tst.w r1, r2, ror #7
    [InlineData(0xEA22_0123u, "BIC (reg) T32")] // bic.w r1, r2, r3, asr #32
    [InlineData(0xEA42_0153u, "ORR (reg) T32")] // orr.w r1, r2, r3, lsr #1
    [InlineData(0xEA4F_0102u, "MOV (reg) T32")] // mov.w r1, r2
    [InlineData(0xEA5F_0102u, "MOV (reg) T32")] // movs.w r1, r2
    [InlineData(0xEA4F_0D02u, "MOV (reg) T32")] // mov.w sp, r2
    [InlineData(0xEA4F_1142u, "LSL (imm) T32")] // lsl.w r1, r2, #5
    [InlineData(0xEA5F_0112u, "LSR (imm) T32")] // lsrs.w r1, r2, #32
    [InlineData(0xEA4F_0162u, "ASR (imm) T32")] // asr.w r1, r2, #1
    [InlineData(0xEA4F_71F2u, "ROR (imm) T32")] // ror.w r1, r2, #31
    [InlineData(0xEA4F_0132u, "RRX T32")] // rrx r1, r2
    [InlineData(0xEA62_0183u, "ORN (reg) T32")] // orn r1, r2, r3, lsl #2
    [InlineData(0xEA6F_2132u, "MVN (reg) T32")] // mvn.w r1, r2, ror #8
    [InlineData(0xEA82_0103u, "EOR (reg) T32")] // eor.w r1, r2, r3
    [InlineData(0xEA91_0F42u, "TEQ (reg) T32")] // teq.w r1, r2, lsl #1
    [InlineData(0xEAC2_2103u, "PKHBT T32")] // pkhbt r1, r2, r3, lsl #8
    [InlineData(0xEAC2_4123u, "PKHTB T32")] // pkhtb r1, r2, r3, asr #16
    [InlineData(0xEB02_01C3u, "ADD (reg) T32")] // add.w r1, r2, r3, lsl #3
    [InlineData(0xEB0D_0183u, "ADD (SP plus reg) T32")] // add.w r1, sp, r3, lsl #2
    [InlineData(0xEB11_0F02u, "CMN (reg) T32")] // cmn.w r1, r2
    [InlineData(0xEB42_0133u, "ADC (reg) T32")] // adc.w r1, r2, r3, rrx
    [InlineData(0xEB62_0103u, "SBC (reg) T32")] // sbc.w r1, r2, r3
    [InlineData(0xEBA2_01A3u, "SUB (reg) T32")] // sub.w r1, r2, r3, asr #2
    [InlineData(0xEBAD_0D83u, "SUB (SP minus reg) T32")] // sub.w sp, sp, r3, lsl #2
    [InlineData(0xEBB1_0F42u, "CMP (reg) T32")] // cmp.w r1, r2, lsl #1
    [InlineData(0xEBC2_1113u, "RSB (reg) T32")] // rsb r1, r2, r3, lsr #4
    [InlineData(0xFA02_F103u, "LSL (reg) T32")] // lsl.w r1, r2, r3
    [InlineData(0xFA32_F103u, "LSR (reg) T32")] // lsrs.w r1, r2, r3
    [InlineData(0xFA42_F103u, "ASR (reg) T32")] // asr.w r1, r2, r3
    [InlineData(0xFA62_F103u, "ROR (reg) T32")] // ror.w r1, r2, r3
    [InlineData(0xF2AF_1108u, "ADR.W (sub) T32")] // adr.w r1, .-0x104
    public void AssembledEncoding_DecodesToItsRowAndLowersToAHandler(uint raw, string row)
    {
        Assert.Equal(row, ThumbDecoder.NameOf(raw));
        Assert.False(ThumbDecoder.Decode32(raw).IsUndefined);
    }

    /// <summary>
    /// Each register, MOVW/MOVT, saturate and bit-field encoding lowers to the very word arm-none-eabi-as gives the
    /// same instruction in A32, and to that word's A32 handler.
    /// </summary>
    [Theory]
    [InlineData(0xF64B_61EFu, 0xE30B_1EEFu)] // movw r1, #0xbeef
    [InlineData(0xF6CD_61ADu, 0xE34D_1EADu)] // movt r1, #0xdead
    [InlineData(0xF302_010Fu, 0xE6AF_1012u)] // ssat r1, #16, r2
    [InlineData(0xF302_01C7u, 0xE6A7_1192u)] // ssat r1, #8, r2, lsl #3
    [InlineData(0xF322_01C7u, 0xE6A7_11D2u)] // ssat r1, #8, r2, asr #3
    [InlineData(0xF322_0107u, 0xE6A7_1F32u)] // ssat16 r1, #8, r2
    [InlineData(0xF342_1107u, 0xE7A7_1252u)] // sbfx r1, r2, #4, #8
    [InlineData(0xF362_110Bu, 0xE7CB_1212u)] // bfi r1, r2, #4, #8
    [InlineData(0xF36F_110Bu, 0xE7CB_121Fu)] // bfc r1, #4, #8
    [InlineData(0xF382_0110u, 0xE6F0_1012u)] // usat r1, #16, r2
    [InlineData(0xF3A2_71C7u, 0xE6E7_1FD2u)] // usat r1, #7, r2, asr #31
    [InlineData(0xF3A2_010Fu, 0xE6EF_1F32u)] // usat16 r1, #15, r2
    [InlineData(0xF3C2_71C0u, 0xE7E0_1FD2u)] // ubfx r1, r2, #31, #1
    [InlineData(0xEA02_1103u, 0xE002_1203u)] // and r1, r2, r3, lsl #4
    [InlineData(0xEA11_1FF2u, 0xE111_03E2u)] // tst r1, r2, ror #7
    [InlineData(0xEA22_0123u, 0xE1C2_1043u)] // bic r1, r2, r3, asr #32
    [InlineData(0xEA42_0153u, 0xE182_10A3u)] // orr r1, r2, r3, lsr #1
    [InlineData(0xEA4F_0102u, 0xE1A0_1002u)] // mov r1, r2
    [InlineData(0xEA5F_0102u, 0xE1B0_1002u)] // movs r1, r2
    [InlineData(0xEA4F_0D02u, 0xE1A0_D002u)] // mov sp, r2
    [InlineData(0xEA4F_1142u, 0xE1A0_1282u)] // lsl r1, r2, #5
    [InlineData(0xEA5F_0112u, 0xE1B0_1022u)] // lsrs r1, r2, #32
    [InlineData(0xEA4F_0162u, 0xE1A0_10C2u)] // asr r1, r2, #1
    [InlineData(0xEA4F_71F2u, 0xE1A0_1FE2u)] // ror r1, r2, #31
    [InlineData(0xEA4F_0132u, 0xE1A0_1062u)] // rrx r1, r2
    [InlineData(0xEA6F_2132u, 0xE1E0_1462u)] // mvn r1, r2, ror #8
    [InlineData(0xEA82_0103u, 0xE022_1003u)] // eor r1, r2, r3
    [InlineData(0xEA91_0F42u, 0xE131_0082u)] // teq r1, r2, lsl #1
    [InlineData(0xEAC2_2103u, 0xE682_1413u)] // pkhbt r1, r2, r3, lsl #8
    [InlineData(0xEAC2_4123u, 0xE682_1853u)] // pkhtb r1, r2, r3, asr #16
    [InlineData(0xEB02_01C3u, 0xE082_1183u)] // add r1, r2, r3, lsl #3
    [InlineData(0xEB0D_0183u, 0xE08D_1103u)] // add r1, sp, r3, lsl #2
    [InlineData(0xEB11_0F02u, 0xE171_0002u)] // cmn r1, r2
    [InlineData(0xEB42_0133u, 0xE0A2_1063u)] // adc r1, r2, r3, rrx
    [InlineData(0xEB62_0103u, 0xE0C2_1003u)] // sbc r1, r2, r3
    [InlineData(0xEBA2_01A3u, 0xE042_1143u)] // sub r1, r2, r3, asr #2
    [InlineData(0xEBAD_0D83u, 0xE04D_D103u)] // sub sp, sp, r3, lsl #2
    [InlineData(0xEBB1_0F42u, 0xE151_0082u)] // cmp r1, r2, lsl #1
    [InlineData(0xEBC2_1113u, 0xE062_1223u)] // rsb r1, r2, r3, lsr #4
    [InlineData(0xFA02_F103u, 0xE1A0_1312u)] // lsl r1, r2, r3
    [InlineData(0xFA32_F103u, 0xE1B0_1332u)] // lsrs r1, r2, r3
    [InlineData(0xFA42_F103u, 0xE1A0_1352u)] // asr r1, r2, r3
    [InlineData(0xFA62_F103u, 0xE1A0_1372u)] // ror r1, r2, r3
    public void LowersToTheA32EncodingOfTheSameInstruction(uint t32, uint a32)
    {
        LoweredInsn lowered = ThumbDecoder.Decode32(t32);
        Assert.Equal(a32, lowered.Raw);
        Assert.True((nint)lowered.Handler == (nint)A32Decoder.Decode(a32), $"0x{t32:X8} does not lower to {A32Decoder.NameOf(a32)}");
    }

    // ---- ThumbExpandImm: the plain and replicated forms keep C, the rotated forms set C to bit 31.

    [Theory]
    [InlineData(0xF05F_0012u, 0x0000_0012u, false)] // movs.w r0, #0x12
    [InlineData(0xF05F_0012u, 0x0000_0012u, true)]
    [InlineData(0xF05F_10ABu, 0x00AB_00ABu, false)] // movs.w r0, #0x00ab00ab
    [InlineData(0xF05F_10ABu, 0x00AB_00ABu, true)]
    [InlineData(0xF05F_20ABu, 0xAB00_AB00u, false)] // movs.w r0, #0xab00ab00
    [InlineData(0xF05F_20ABu, 0xAB00_AB00u, true)]
    [InlineData(0xF05F_30ABu, 0xABAB_ABABu, false)] // movs.w r0, #0xabababab
    [InlineData(0xF05F_30ABu, 0xABAB_ABABu, true)]
    public void MovsPlainOrReplicatedImmediate_KeepsCarryAndOverflow(uint raw, uint value, bool carryIn)
    {
        using var h = new CpuHarness();
        h.Core.Nzcv = Psr.Z | Psr.V | (carryIn ? Psr.C : 0);
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(value, h.Core.R[0]);
        Assert.Equal((value >> 31 != 0 ? Psr.N : 0) | Psr.V | (carryIn ? Psr.C : 0), h.Core.Nzcv);
    }

    [Theory]
    [InlineData(0xF05F_4000u, 0x8000_0000u, 0u, Psr.N | Psr.C)] // movs.w r0, #0x80000000: C = bit 31 = 1
    [InlineData(0xF45F_707Fu, 0x0000_03FCu, Psr.C, 0u)]          // movs.w r0, #0x3fc: C = bit 31 = 0
    public void MovsRotatedImmediate_SetsCarryFromBit31(uint raw, uint value, uint flagsIn, uint flagsOut)
    {
        using var h = new CpuHarness();
        h.Core.Nzcv = flagsIn;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(value, h.Core.R[0]);
        Assert.Equal(flagsOut, h.Core.Nzcv);
    }

    [Fact]
    public void MvnsOddRotation_GivesAConstantNoA32RotationCan()
    {
        using var h = new CpuHarness();
        h.Core.Nzcv = Psr.Z | Psr.C;
        ThumbDataHarness.Run(h, 0xF47F_70FF); // mvns.w r0, #0x1fe (0xFF rotated right by 31)
        Assert.Equal(0xFFFF_FE01u, h.Core.R[0]);
        Assert.Equal(Psr.N, h.Core.Nzcv);
    }

    [Fact]
    public void OrnsImmediate_OrsTheComplementAndKeepsCarry()
    {
        using var h = new CpuHarness();
        h.Core.R[9] = 0x12;
        h.Core.Nzcv = Psr.C;
        ThumbDataHarness.Run(h, 0xF079_08FF); // orns r8, r9, #0xff
        Assert.Equal(0xFFFF_FF12u, h.Core.R[8]);
        Assert.Equal(Psr.N | Psr.C, h.Core.Nzcv);
    }

    [Fact]
    public void AndsRotatedImmediate_SetsNegativeAndCarry()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0xF000_0000;
        ThumbDataHarness.Run(h, 0xF012_4100); // ands r1, r2, #0x80000000
        Assert.Equal(0x8000_0000u, h.Core.R[1]);
        Assert.Equal(Psr.N | Psr.C, h.Core.Nzcv);
    }

    [Fact]
    public void TstReplicatedImmediate_SetsZeroKeepsCarryAndWritesNothing()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0x00FF_00FF;
        h.Core.Nzcv = Psr.C;
        ThumbDataHarness.Run(h, 0xF012_2FFF); // tst.w r2, #0xff00ff00
        Assert.Equal(Psr.Z | Psr.C, h.Core.Nzcv);
        Assert.Equal(0x00FF_00FFu, h.Core.R[2]);
        Assert.Equal(CpuHarness.CodeBase + 4, h.Core.Pc);
    }

    [Fact]
    public void TeqImmediate_EqualValues_SetsZero()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0x12;
        ThumbDataHarness.Run(h, 0xF091_0F12); // teq r1, #0x12
        Assert.Equal(Psr.Z, h.Core.Nzcv);
    }

    [Fact]
    public void AddsImmediate_UnsignedAndSignedOverflow_SetsZeroCarryOverflow()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0x8000_0000;
        ThumbDataHarness.Run(h, 0xF111_4000); // adds.w r0, r1, #0x80000000
        Assert.Equal(0u, h.Core.R[0]);
        Assert.Equal(Psr.Z | Psr.C | Psr.V, h.Core.Nzcv);
    }

    [Fact]
    public void AddReplicatedImmediate_WithoutS_LeavesFlags()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 5;
        h.Core.Nzcv = Psr.N | Psr.V;
        ThumbDataHarness.Run(h, 0xF102_1101); // add.w r1, r2, #0x10001
        Assert.Equal(0x0001_0006u, h.Core.R[1]);
        Assert.Equal(Psr.N | Psr.V, h.Core.Nzcv);
    }

    [Theory]
    [InlineData(0xF5B4_3F80u, 4, 0x0001_0000u, Psr.Z | Psr.C)] // cmp.w r4, #0x10000
    [InlineData(0xF1BD_0F08u, 13, 4u, Psr.N)]                 // cmp.w sp, #8: 4 - 8 borrows
    [InlineData(0xF113_0F2Au, 3, 0xFFFF_FFD6u, Psr.Z | Psr.C)] // cmn.w r3, #42 with r3 = -42
    public void CompareImmediate_SetsFlagsOnly(uint raw, int rn, uint value, uint flags)
    {
        using var h = new CpuHarness();
        h.Core.R[rn] = value;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(flags, h.Core.Nzcv);
        Assert.Equal(value, h.Core.R[rn]);
    }

    [Fact]
    public void AdcsImmediate_AddsCarryIn()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0xFFFF_FF0F;
        h.Core.Nzcv = Psr.C;
        ThumbDataHarness.Run(h, 0xF152_01F0); // adcs.w r1, r2, #0xf0
        Assert.Equal(0u, h.Core.R[1]);
        Assert.Equal(Psr.Z | Psr.C, h.Core.Nzcv);
    }

    [Fact]
    public void SbcsImmediate_SubtractsNotCarry()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0x100;
        ThumbDataHarness.Run(h, 0xF172_01F0); // sbcs.w r1, r2, #0xf0 with C = 0
        Assert.Equal(0xFu, h.Core.R[1]);
        Assert.Equal(Psr.C, h.Core.Nzcv);
    }

    [Theory]
    [InlineData(0xF1C2_0100u, 1, 2, 5u, 0xFFFF_FFFBu)]            // rsb r1, r2, #0
    [InlineData(0xF424_737Fu, 3, 4, 0xFFFF_FFFFu, 0xFFFF_FC03u)]  // bic.w r3, r4, #0x3fc
    [InlineData(0xF08C_4BFEu, 11, 12, 0x0F00_00FFu, 0x7000_00FFu)] // eor.w r11, r12, #0x7f000000
    [InlineData(0xF046_3555u, 5, 6, 0xAAAA_0000u, 0xFFFF_5555u)]  // orr.w r5, r6, #0x55555555
    public void LogicalAndReverseSubtractImmediate_Compute(uint raw, int rd, int rn, uint value, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[rn] = value;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[rd]);
    }

    [Fact]
    public void SpFormsOfAddAndSubImmediate_AdjustAndReadSp()
    {
        using var h = new CpuHarness();
        h.Core.R[13] = 0x1000;
        ThumbDataHarness.Load(h, 0xF5AD_7D80, 0xF50D_6180).Step(2); // sub.w sp, sp, #0x100; add.w r1, sp, #0x400
        Assert.Equal(0xF00u, h.Core.R[13]);
        Assert.Equal(0x1300u, h.Core.R[1]);
    }

    // ---- Plain binary immediate.

    [Fact]
    public void AddwSubw_TakeTwelveBitImmediatesAndLeaveFlags()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 1;
        h.Core.R[4] = 0xABC;
        h.Core.R[13] = 0x1000;
        h.Core.Nzcv = Psr.Z;
        // addw r1, r2, #0xfff; subw r3, r4, #0xabc; addw sp, sp, #0x123; subw r5, sp, #7
        ThumbDataHarness.Load(h, 0xF602_71FF, 0xF6A4_23BC, 0xF20D_1D23, 0xF2AD_0507).Step(4);
        Assert.Equal(0x1000u, h.Core.R[1]);
        Assert.Equal(0u, h.Core.R[3]);
        Assert.Equal(0x1123u, h.Core.R[13]);
        Assert.Equal(0x111Cu, h.Core.R[5]);
        Assert.Equal(Psr.Z, h.Core.Nzcv);
    }

    [Fact]
    public void AdrWide_AddsAndSubtractsFromTheWordAlignedPc()
    {
        using var h = new CpuHarness();
        // nop; addw r1, pc, #0x102 (at +2: Align(PC, 4) = +4); subw r2, pc, #0x102 (at +6: Align(PC, 4) = +8)
        ThumbDataHarness.Load(h, 0xBF00, 0xF20F_1102, 0xF2AF_1202).Step(3);
        Assert.Equal(CpuHarness.CodeBase + 4 + 0x102, h.Core.R[1]);
        Assert.Equal(CpuHarness.CodeBase + 8 - 0x102, h.Core.R[2]);
    }

    [Fact]
    public void MovwMovt_BuildAThirtyTwoBitConstant()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0x1234_5678;
        ThumbDataHarness.Load(h, 0xF64B_61EF, 0xF6CD_61AD, 0xF6CD_62AD).Step(3); // movw r1, #0xbeef; movt r1, #0xdead; movt r2, #0xdead
        Assert.Equal(0xDEAD_BEEFu, h.Core.R[1]);
        Assert.Equal(0xDEAD_5678u, h.Core.R[2]);
    }

    [Theory]
    [InlineData(0xF302_01C7u, 20u, 127u, true)]                 // ssat r1, #8, r2, lsl #3: 160 -> 127
    [InlineData(0xF322_110Fu, 0xFFF0_0000u, 0xFFFF_8000u, true)] // ssat r1, #16, r2, asr #4: -65536 -> -32768
    [InlineData(0xF322_110Fu, 0x1230u, 0x123u, false)]          // ssat r1, #16, r2, asr #4: in range
    [InlineData(0xF302_011Fu, 0x8000_0000u, 0x8000_0000u, false)] // ssat r1, #32, r2
    [InlineData(0xF382_0108u, 0xFFFF_FFFBu, 0u, true)]          // usat r1, #8, r2: -5 -> 0
    [InlineData(0xF382_0108u, 300u, 255u, true)]                // usat r1, #8, r2: 300 -> 255
    [InlineData(0xF3A2_71C7u, 0x8000_0000u, 0u, true)]          // usat r1, #7, r2, asr #31: -1 -> 0
    [InlineData(0xF322_0107u, 0x0100_FF00u, 0x007F_FF80u, true)] // ssat16 r1, #8, r2: 256 -> 127, -256 -> -128
    [InlineData(0xF3A2_0104u, 0x0005_0020u, 0x0005_000Fu, true)] // usat16 r1, #4, r2: 32 -> 15, 5 stays
    public void SaturateInstructions_ClampAndSetQ(uint raw, uint value, uint result, bool saturates)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = value;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(saturates ? Psr.Q : 0, h.Core.QFlag);
    }

    [Theory]
    [InlineData(0xF342_1107u, 0u, 0x0000_0F80u, 0xFFFF_FFF8u)]  // sbfx r1, r2, #4, #8
    [InlineData(0xF3C2_7103u, 0u, 0xA000_0000u, 0xAu)]          // ubfx r1, r2, #28, #4
    [InlineData(0xF362_110Bu, 0xFFFF_FFFFu, 0x12u, 0xFFFF_F12Fu)] // bfi r1, r2, #4, #8
    [InlineData(0xF36F_011Fu, 0xFFFF_FFFFu, 0x12u, 0u)]          // bfc r1, #0, #32
    public void BitFieldInstructions_ExtractAndInsert(uint raw, uint rd, uint rn, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[1] = rd;
        h.Core.R[2] = rn;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
    }

    // ---- Shifted register: results, and C from the shifter for the logical operations.

    [Theory]
    [InlineData(0xEA12_0143u, 0xFFFF_FFFFu, 0x8000_0001u, Psr.V, 2u, Psr.C | Psr.V)]          // ands.w r1, r2, r3, lsl #1
    [InlineData(0xEA72_0183u, 0u, 0x4000_0000u, 0u, 0xFFFF_FFFFu, Psr.N | Psr.C)]             // orns r1, r2, r3, lsl #2
    [InlineData(0xEA32_0123u, 0xFFFF_FFFFu, 0x8000_0000u, 0u, 0u, Psr.Z | Psr.C)]             // bics.w r1, r2, r3, asr #32
    [InlineData(0xEA92_0103u, 0xF0F0_F0F0u, 0x0F0F_0F0Fu, Psr.C, 0xFFFF_FFFFu, Psr.N | Psr.C)] // eors.w r1, r2, r3 (LSL #0 keeps C)
    [InlineData(0xEBB2_01A3u, 0u, 0xFFFF_FFF0u, Psr.C, 4u, 0u)]                               // subs.w r1, r2, r3, asr #2: 0 - (-4)
    [InlineData(0xEBD2_1113u, 0x10u, 0x100u, 0u, 0u, Psr.Z | Psr.C)]                          // rsbs r1, r2, r3, lsr #4
    [InlineData(0xEB72_0103u, 5u, 5u, 0u, 0xFFFF_FFFFu, Psr.N)]                               // sbcs.w r1, r2, r3 with C = 0
    public void ShiftedRegisterWithS_ComputesResultAndFlags(uint raw, uint rn, uint rm, uint flagsIn, uint result, uint flagsOut)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rn;
        h.Core.R[3] = rm;
        h.Core.Nzcv = flagsIn;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(flagsOut, h.Core.Nzcv);
    }

    [Theory]
    [InlineData(0xEA5F_0132u, 3u, Psr.C, 0x8000_0001u, Psr.N | Psr.C)]   // rrxs r1, r2
    [InlineData(0xEA5F_0112u, 0x8000_0000u, 0u, 0u, Psr.Z | Psr.C)]      // lsrs.w r1, r2, #32
    [InlineData(0xEA7F_2132u, 0x80u, 0u, 0x7FFF_FFFFu, Psr.C)]           // mvns.w r1, r2, ror #8
    public void MoveAliasesWithS_ShiftAndSetCarry(uint raw, uint rm, uint flagsIn, uint result, uint flagsOut)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rm;
        h.Core.Nzcv = flagsIn;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(flagsOut, h.Core.Nzcv);
    }

    [Theory]
    [InlineData(0xEBB1_0F42u, 8u, 4u, 0u, Psr.Z | Psr.C)]                  // cmp.w r1, r2, lsl #1
    [InlineData(0xEB11_0F02u, 0x7FFF_FFFFu, 1u, 0u, Psr.N | Psr.V)]        // cmn.w r1, r2
    [InlineData(0xEA11_2F32u, 0x8000_0000u, 0xFFu, 0u, Psr.N | Psr.C)]     // tst.w r1, r2, ror #8
    [InlineData(0xEA91_0F42u, 2u, 1u, Psr.C, Psr.Z)]                       // teq r1, r2, lsl #1: C = r2 bit 31
    public void ShiftedRegisterComparisons_SetFlagsOnly(uint raw, uint rn, uint rm, uint flagsIn, uint flagsOut)
    {
        using var h = new CpuHarness();
        h.Core.R[1] = rn;
        h.Core.R[2] = rm;
        h.Core.Nzcv = flagsIn;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(flagsOut, h.Core.Nzcv);
        Assert.Equal(rn, h.Core.R[1]);
    }

    [Fact]
    public void AdcWithRrx_UsesCarryTwiceAndLeavesFlags()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 1;
        h.Core.R[3] = 2;
        h.Core.Nzcv = Psr.C;
        ThumbDataHarness.Run(h, 0xEB42_0133); // adc.w r1, r2, r3, rrx: 1 + 0x80000001 + 1
        Assert.Equal(0x8000_0003u, h.Core.R[1]);
        Assert.Equal(Psr.C, h.Core.Nzcv);
    }

    [Fact]
    public void SpRegisterForms_MoveToAndFromSpAndAddScaledIndex()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0x2000;
        h.Core.R[3] = 3;
        // mov.w sp, r2; mov.w r4, sp; add.w r1, sp, r3, lsl #2
        ThumbDataHarness.Load(h, 0xEA4F_0D02, 0xEA4F_040D, 0xEB0D_0183).Step(3);
        Assert.Equal(0x2000u, h.Core.R[13]);
        Assert.Equal(0x2000u, h.Core.R[4]);
        Assert.Equal(0x200Cu, h.Core.R[1]);
    }

    [Fact]
    public void Pkh_PacksHalfwords()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0x1111_2222;
        h.Core.R[3] = 0x3333_4444;
        ThumbDataHarness.Load(h, 0xEAC2_4123, 0xEAC2_2403).Step(2); // pkhtb r1, r2, r3, asr #16; pkhbt r4, r2, r3, lsl #8
        Assert.Equal(0x1111_3333u, h.Core.R[1]);
        Assert.Equal(0x3344_2222u, h.Core.R[4]);
    }

    // ---- Shifts by register: the bottom byte of Rm is the amount.

    [Theory]
    [InlineData(0xFA12_F103u, 1u, 32u, 0u, 0u, Psr.Z | Psr.C)]                       // lsls.w r1, r2, r3: by 32
    [InlineData(0xFA72_F103u, 0x1234_5678u, 36u, 0u, 0x8123_4567u, Psr.N | Psr.C)]   // rors.w r1, r2, r3: by 36 = 4
    [InlineData(0xFA52_F103u, 0x8000_0000u, 0x100u, 0u, 0x8000_0000u, Psr.N)]        // asrs.w r1, r2, r3: by 0 keeps C
    [InlineData(0xFA32_F103u, 0x8000_0000u, 31u, Psr.C, 1u, 0u)]                     // lsrs.w r1, r2, r3: by 31
    public void ShiftByRegister_UsesBottomByteOfRm(uint raw, uint rn, uint rm, uint flagsIn, uint result, uint flagsOut)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rn;
        h.Core.R[3] = rm;
        h.Core.Nzcv = flagsIn;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(flagsOut, h.Core.Nzcv);
    }

    // ---- IT blocks: T32 data processing takes its condition from ITSTATE and sets flags only as its S bit says.

    [Theory]
    [InlineData(true, 0x0001_0002u)]
    [InlineData(false, 0u)]
    public void IteBlock_RunsOneOfTwoWideInstructions(bool zero, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 1;
        h.Core.Nzcv = zero ? Psr.Z : 0;
        // ite eq; addeq.w r0, r0, #0x10001; subne.w r0, r0, #1
        ThumbDataHarness.Load(h, 0xBF0C, 0xF100_1001, 0xF1A0_0001).Step(3);
        Assert.Equal(result, h.Core.R[0]);
        Assert.Equal(zero ? Psr.Z : 0, h.Core.Nzcv);
        Assert.Equal(CpuHarness.CodeBase + 10, h.Core.Pc);
        Assert.Equal(0u, h.Core.ItState);
    }

    [Theory]
    [InlineData(true, 7u, Psr.Z)]          // condition fails: nothing written, flags kept
    [InlineData(false, 0u, Psr.Z | Psr.C)] // condition passes: adds sets the flags
    public void ItBlock_FlagSettingWideAdd_SetsFlagsOnlyWhenItRuns(bool zero, uint result, uint flags)
    {
        using var h = new CpuHarness();
        h.Core.R[0] = 7;
        h.Core.R[1] = 0xFFFF_FFFF;
        h.Core.Nzcv = zero ? Psr.Z : 0;
        ThumbDataHarness.Load(h, 0xBF18, 0xF111_0001).Step(2); // it ne; addsne.w r0, r1, #1
        Assert.Equal(result, h.Core.R[0]);
        Assert.Equal(flags, h.Core.Nzcv);
    }

    [Fact]
    public void IttBlock_ShiftedRegisterInstructionsBothRunOnCarrySet()
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 3;
        h.Core.R[2] = 100;
        h.Core.Nzcv = Psr.C;
        ThumbDataHarness.Load(h, 0xBF24, 0xEA4F_1001, 0xEB02_0200).Step(3); // itt cs; lslcs.w r0, r1, #4; addcs.w r2, r2, r0
        Assert.Equal(48u, h.Core.R[0]);
        Assert.Equal(148u, h.Core.R[2]);
        Assert.Equal(Psr.C, h.Core.Nzcv);
    }

    // ---- UNPREDICTABLE register uses and fields lower to UNDEFINED; the documented SP forms do not.

    [Theory]
    [InlineData(0xF04F_0D01u)] // mov.w sp, #1
    [InlineData(0xF001_0F01u)] // and.w pc, r1, #1 (Rd = PC without S)
    [InlineData(0xF00D_0101u)] // and.w r1, sp, #1
    [InlineData(0xF05F_1000u)] // movs.w r0, #0x00000000 as a replicated form (imm8 = 0)
    [InlineData(0xF10F_0104u)] // add.w r1, pc, #4 (T3 with Rn = PC)
    [InlineData(0xF01D_0F01u)] // tst.w sp, #1
    [InlineData(0xF1BF_0F01u)] // cmp.w pc, #1
    [InlineData(0xF06D_0101u)] // orn r1, sp, #1
    [InlineData(0xEA5F_0D02u)] // movs.w sp, r2
    [InlineData(0xEA4F_0D0Du)] // mov.w sp, sp
    [InlineData(0xEA4F_0F02u)] // mov.w pc, r2
    [InlineData(0xEA4F_0D42u)] // lsl.w sp, r2, #1
    [InlineData(0xEB0D_1D03u)] // add.w sp, sp, r3, lsl #4 (SP destination allows LSL #0-3 only)
    [InlineData(0xEBAD_0D13u)] // sub.w sp, sp, r3, lsr #32
    [InlineData(0xEB02_010Du)] // add.w r1, r2, sp
    [InlineData(0xEBB1_0F0Fu)] // cmp.w r1, pc
    [InlineData(0xEAC2_410Du)] // pkhbt r1, r2, sp, lsl #16
    [InlineData(0xFA0D_F103u)] // lsl.w r1, sp, r3
    [InlineData(0xF202_0F01u)] // addw pc, r2, #1
    [InlineData(0xF20F_0D01u)] // adr.w sp, .+5
    [InlineData(0xF2C0_0D01u)] // movt sp, #1
    [InlineData(0xF322_0117u)] // ssat16 with its (0) bit 4 set
    [InlineData(0xF342_7107u)] // sbfx r1, r2, #28, #8 (past bit 31)
    [InlineData(0xF362_2104u)] // bfi with msb 4 < lsb 8
    [InlineData(0xF30D_0107u)] // ssat r1, #8, sp
    public void UnpredictableEncodings_AreUndefined(uint raw) => ThumbDataHarness.AssertUndefined(raw);

    [Theory]
    [InlineData(0xF50D_6D80u)] // add.w sp, sp, #0x400
    [InlineData(0xF51D_6D80u)] // adds.w sp, sp, #0x400
    [InlineData(0xF1BD_0F08u)] // cmp.w sp, #8
    [InlineData(0xF11D_0F08u)] // cmn.w sp, #8
    [InlineData(0xF20D_1D23u)] // addw sp, sp, #0x123
    [InlineData(0xEB0D_0DC3u)] // add.w sp, sp, r3, lsl #3
    [InlineData(0xEBAD_0D03u)] // sub.w sp, sp, r3
    [InlineData(0xEBBD_0F03u)] // cmp.w sp, r3
    [InlineData(0xEA4F_0D02u)] // mov.w sp, r2
    [InlineData(0xEA4F_020Du)] // mov.w r2, sp
    public void DocumentedSpForms_AreNotUndefined(uint raw) => Assert.False(ThumbDecoder.Decode32(raw).IsUndefined, ThumbDecoder.NameOf(raw));
}

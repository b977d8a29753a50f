// Thumb T32 extensions, parallel add/subtract and miscellaneous operations run on the core.
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;

namespace Codezero.Tests.Hal.Thumb;

/// <summary>Results, GE and Q against values worked by hand from the ARM ARM pseudocode (A6.3.12-15).</summary>
public sealed unsafe class ThumbMediaTests
{
    /// <summary>One encoding of every media row, taken from arm-none-eabi-as -mthumb.</summary>
    [Theory]
    [InlineData(0xFA02_F193u, "SXTAH T32")] // sxtah r1, r2, r3, ror #8
    [InlineData(0xFA0F_F183u, "SXTH T32")] // sxth.w r1, r3
    [InlineData(0xFA12_F183u, "UXTAH T32")] // uxtah r1, r2, r3
    [InlineData(0xFA1F_F1A3u, "UXTH T32")] // uxth.w r1, r3, ror #16
    [InlineData(0xFA22_F183u, "SXTAB16 T32")] // sxtab16 r1, r2, r3
    [InlineData(0xFA2F_F1B3u, "SXTB16 T32")] // sxtb16 r1, r3, ror #24
    [InlineData(0xFA32_F183u, "UXTAB16 T32")] // uxtab16 r1, r2, r3
    [InlineData(0xFA3F_F183u, "UXTB16 T32")] // uxtb16 r1, r3
    [InlineData(0xFA42_F183u, "SXTAB T32")] // sxtab r1, r2, r3
    [InlineData(0xFA4F_F183u, "SXTB T32")] // sxtb.w r1, r3
    [InlineData(0xFA52_F193u, "UXTAB T32")] // uxtab r1, r2, r3, ror #8
    [InlineData(0xFA5F_F183u, "UXTB T32")] // uxtb.w r1, r3
    [InlineData(0xFA92_F103u, "SADD16 T32")] // sadd16 r1, r2, r3
    [InlineData(0xFAA2_F103u, "SASX T32")] // sasx r1, r2, r3
    [InlineData(0xFAE2_F103u, "SSAX T32")] // ssax r1, r2, r3
    [InlineData(0xFAD2_F103u, "SSUB16 T32")] // ssub16 r1, r2, r3
    [InlineData(0xFA82_F103u, "SADD8 T32")] // sadd8 r1, r2, r3
    [InlineData(0xFAC2_F103u, "SSUB8 T32")] // ssub8 r1, r2, r3
    [InlineData(0xFA92_F113u, "QADD16 T32")] // qadd16 r1, r2, r3
    [InlineData(0xFAA2_F113u, "QASX T32")] // qasx r1, r2, r3
    [InlineData(0xFAE2_F113u, "QSAX T32")] // qsax r1, r2, r3
    [InlineData(0xFAD2_F113u, "QSUB16 T32")] // qsub16 r1, r2, r3
    [InlineData(0xFA82_F113u, "QADD8 T32")] // qadd8 r1, r2, r3
    [InlineData(0xFAC2_F113u, "QSUB8 T32")] // qsub8 r1, r2, r3
    [InlineData(0xFA92_F123u, "SHADD16 T32")] // shadd16 r1, r2, r3
    [InlineData(0xFAA2_F123u, "SHASX T32")] // shasx r1, r2, r3
    [InlineData(0xFAE2_F123u, "SHSAX T32")] // shsax r1, r2, r3
    [InlineData(0xFAD2_F123u, "SHSUB16 T32")] // shsub16 r1, r2, r3
    [InlineData(0xFA82_F123u, "SHADD8 T32")] // shadd8 r1, r2, r3
    [InlineData(0xFAC2_F123u, "SHSUB8 T32")] // shsub8 r1, r2, r3
    [InlineData(0xFA92_F143u, "UADD16 T32")] // uadd16 r1, r2, r3
    [InlineData(0xFAA2_F143u, "UASX T32")] // uasx r1, r2, r3
    [InlineData(0xFAE2_F143u, "USAX T32")] // usax r1, r2, r3
    [InlineData(0xFAD2_F143u, "USUB16 T32")] // usub16 r1, r2, r3
    [InlineData(0xFA82_F143u, "UADD8 T32")] // uadd8 r1, r2, r3
    [InlineData(0xFAC2_F143u, "USUB8 T32")] // usub8 r1, r2, r3
    [InlineData(0xFA92_F153u, "UQADD16 T32")] // uqadd16 r1, r2, r3
    [InlineData(0xFAA2_F153u, "UQASX T32")] // uqasx r1, r2, r3
    [InlineData(0xFAE2_F153u, "UQSAX T32")] // uqsax r1, r2, r3
    [InlineData(0xFAD2_F153u, "UQSUB16 T32")] // uqsub16 r1, r2, r3
    [InlineData(0xFA82_F153u, "UQADD8 T32")] // uqadd8 r1, r2, r3
    [InlineData(0xFAC2_F153u, "UQSUB8 T32")] // uqsub8 r1, r2, r3
    [InlineData(0xFA92_F163u, "UHADD16 T32")] // uhadd16 r1, r2, r3
    [InlineData(0xFAA2_F163u, "UHASX T32")] // uhasx r1, r2, r3
    [InlineData(0xFAE2_F163u, "UHSAX T32")] // uhsax r1, r2, r3
    [InlineData(0xFAD2_F163u, "UHSUB16 T32")] // uhsub16 r1, r2, r3
    [InlineData(0xFA82_F163u, "UHADD8 T32")] // uhadd8 r1, r2, r3
    [InlineData(0xFAC2_F163u, "UHSUB8 T32")] // uhsub8 r1, r2, r3
    [InlineData(0xFA83_F182u, "QADD T32")] // qadd r1, r2, r3
    [InlineData(0xFA83_F192u, "QDADD T32")] // qdadd r1, r2, r3
    [InlineData(0xFA83_F1A2u, "QSUB T32")] // qsub r1, r2, r3
    [InlineData(0xFA83_F1B2u, "QDSUB T32")] // qdsub r1, r2, r3
    [InlineData(0xFA92_F182u, "REV T32")] // rev.w r1, r2
    [InlineData(0xFA92_F192u, "REV16 T32")] // rev16.w r1, r2
    [InlineData(0xFA92_F1A2u, "RBIT T32")] // rbit r1, r2
    [InlineData(0xFA92_F1B2u, "REVSH T32")] // revsh.w r1, r2
    [InlineData(0xFAA2_F183u, "SEL T32")] // sel r1, r2, r3
    [InlineData(0xFAB2_F182u, "CLZ T32")] // clz r1, r2
    public void AssembledEncoding_DecodesToItsRowAndLowersToAHandler(uint raw, string row)
    {
        Assert.Equal(row, ThumbDecoder.NameOf(raw));
        Assert.False(ThumbDecoder.Decode32(raw).IsUndefined);
    }

    /// <summary>Each T32 encoding lowers to the very word arm-none-eabi-as gives the same instruction in A32, and its handler.</summary>
    [Theory]
    [InlineData(0xFA02_F193u, 0xE6B2_1473u)] // sxtah r1, r2, r3, ror #8
    [InlineData(0xFA0F_F183u, 0xE6BF_1073u)] // sxth r1, r3
    [InlineData(0xFA12_F183u, 0xE6F2_1073u)] // uxtah r1, r2, r3
    [InlineData(0xFA1F_F1A3u, 0xE6FF_1873u)] // uxth r1, r3, ror #16
    [InlineData(0xFA22_F183u, 0xE682_1073u)] // sxtab16 r1, r2, r3
    [InlineData(0xFA2F_F1B3u, 0xE68F_1C73u)] // sxtb16 r1, r3, ror #24
    [InlineData(0xFA32_F183u, 0xE6C2_1073u)] // uxtab16 r1, r2, r3
    [InlineData(0xFA3F_F183u, 0xE6CF_1073u)] // uxtb16 r1, r3
    [InlineData(0xFA42_F183u, 0xE6A2_1073u)] // sxtab r1, r2, r3
    [InlineData(0xFA4F_F183u, 0xE6AF_1073u)] // sxtb r1, r3
    [InlineData(0xFA52_F193u, 0xE6E2_1473u)] // uxtab r1, r2, r3, ror #8
    [InlineData(0xFA5F_F183u, 0xE6EF_1073u)] // uxtb r1, r3
    [InlineData(0xFA92_F103u, 0xE612_1F13u)] // sadd16 r1, r2, r3
    [InlineData(0xFAA2_F103u, 0xE612_1F33u)] // sasx r1, r2, r3
    [InlineData(0xFAE2_F103u, 0xE612_1F53u)] // ssax r1, r2, r3
    [InlineData(0xFAD2_F103u, 0xE612_1F73u)] // ssub16 r1, r2, r3
    [InlineData(0xFA82_F103u, 0xE612_1F93u)] // sadd8 r1, r2, r3
    [InlineData(0xFAC2_F103u, 0xE612_1FF3u)] // ssub8 r1, r2, r3
    [InlineData(0xFA92_F113u, 0xE622_1F13u)] // qadd16 r1, r2, r3
    [InlineData(0xFAA2_F113u, 0xE622_1F33u)] // qasx r1, r2, r3
    [InlineData(0xFAE2_F113u, 0xE622_1F53u)] // qsax r1, r2, r3
    [InlineData(0xFAD2_F113u, 0xE622_1F73u)] // qsub16 r1, r2, r3
    [InlineData(0xFA82_F113u, 0xE622_1F93u)] // qadd8 r1, r2, r3
    [InlineData(0xFAC2_F113u, 0xE622_1FF3u)] // qsub8 r1, r2, r3
    [InlineData(0xFA92_F123u, 0xE632_1F13u)] // shadd16 r1, r2, r3
    [InlineData(0xFAA2_F123u, 0xE632_1F33u)] // shasx r1, r2, r3
    [InlineData(0xFAE2_F123u, 0xE632_1F53u)] // shsax r1, r2, r3
    [InlineData(0xFAD2_F123u, 0xE632_1F73u)] // shsub16 r1, r2, r3
    [InlineData(0xFA82_F123u, 0xE632_1F93u)] // shadd8 r1, r2, r3
    [InlineData(0xFAC2_F123u, 0xE632_1FF3u)] // shsub8 r1, r2, r3
    [InlineData(0xFA92_F143u, 0xE652_1F13u)] // uadd16 r1, r2, r3
    [InlineData(0xFAA2_F143u, 0xE652_1F33u)] // uasx r1, r2, r3
    [InlineData(0xFAE2_F143u, 0xE652_1F53u)] // usax r1, r2, r3
    [InlineData(0xFAD2_F143u, 0xE652_1F73u)] // usub16 r1, r2, r3
    [InlineData(0xFA82_F143u, 0xE652_1F93u)] // uadd8 r1, r2, r3
    [InlineData(0xFAC2_F143u, 0xE652_1FF3u)] // usub8 r1, r2, r3
    [InlineData(0xFA92_F153u, 0xE662_1F13u)] // uqadd16 r1, r2, r3
    [InlineData(0xFAA2_F153u, 0xE662_1F33u)] // uqasx r1, r2, r3
    [InlineData(0xFAE2_F153u, 0xE662_1F53u)] // uqsax r1, r2, r3
    [InlineData(0xFAD2_F153u, 0xE662_1F73u)] // uqsub16 r1, r2, r3
    [InlineData(0xFA82_F153u, 0xE662_1F93u)] // uqadd8 r1, r2, r3
    [InlineData(0xFAC2_F153u, 0xE662_1FF3u)] // uqsub8 r1, r2, r3
    [InlineData(0xFA92_F163u, 0xE672_1F13u)] // uhadd16 r1, r2, r3
    [InlineData(0xFAA2_F163u, 0xE672_1F33u)] // uhasx r1, r2, r3
    [InlineData(0xFAE2_F163u, 0xE672_1F53u)] // uhsax r1, r2, r3
    [InlineData(0xFAD2_F163u, 0xE672_1F73u)] // uhsub16 r1, r2, r3
    [InlineData(0xFA82_F163u, 0xE672_1F93u)] // uhadd8 r1, r2, r3
    [InlineData(0xFAC2_F163u, 0xE672_1FF3u)] // uhsub8 r1, r2, r3
    [InlineData(0xFA83_F182u, 0xE103_1052u)] // qadd r1, r2, r3
    [InlineData(0xFA83_F192u, 0xE143_1052u)] // qdadd r1, r2, r3
    [InlineData(0xFA83_F1A2u, 0xE123_1052u)] // qsub r1, r2, r3
    [InlineData(0xFA83_F1B2u, 0xE163_1052u)] // qdsub r1, r2, r3
    [InlineData(0xFA92_F182u, 0xE6BF_1F32u)] // rev r1, r2
    [InlineData(0xFA92_F192u, 0xE6BF_1FB2u)] // rev16 r1, r2
    [InlineData(0xFA92_F1A2u, 0xE6FF_1F32u)] // rbit r1, r2
    [InlineData(0xFA92_F1B2u, 0xE6FF_1FB2u)] // revsh r1, r2
    [InlineData(0xFAA2_F183u, 0xE682_1FB3u)] // sel r1, r2, r3
    [InlineData(0xFAB2_F182u, 0xE16F_1F12u)] // clz r1, r2
    public void LowersToTheA32EncodingOfTheSameInstruction(uint t32, uint a32)
    {
        LoweredInsn lowered = ThumbDecoder.Decode32(t32);
        Assert.Equal(a32, lowered.Raw);
        Assert.True((nint)lowered.Handler == (nint)A32Decoder.Decode(a32), $"0x{t32:X8} does not lower to {A32Decoder.NameOf(a32)}");
    }

    // ---- Extensions with rotation.

    [Theory]
    [InlineData(0xFA02_F193u, 0x100u, 0x0080_0100u, 0xFFFF_8101u)] // sxtah r1, r2, r3, ror #8
    [InlineData(0xFA0F_F183u, 0u, 0x1234_F00Fu, 0xFFFF_F00Fu)]     // sxth.w r1, r3
    [InlineData(0xFA12_F183u, 0x1_0000u, 0xABCD_8001u, 0x1_8001u)] // uxtah r1, r2, r3
    [InlineData(0xFA1F_F1A3u, 0u, 0xBEEF_1234u, 0xBEEFu)]          // uxth.w r1, r3, ror #16
    [InlineData(0xFA22_F183u, 0x0001_0001u, 0x0080_00FFu, 0xFF81_0000u)] // sxtab16 r1, r2, r3
    [InlineData(0xFA2F_F1B3u, 0u, 0x80FF_7F01u, 0x007F_FF80u)]     // sxtb16 r1, r3, ror #24
    [InlineData(0xFA32_F183u, 0xFFFF_0001u, 0x0002_00FFu, 0x0001_0100u)] // uxtab16 r1, r2, r3 (each half wraps)
    [InlineData(0xFA3F_F183u, 0u, 0x1234_5678u, 0x0034_0078u)]     // uxtb16 r1, r3
    [InlineData(0xFA42_F183u, 10u, 0xFEu, 8u)]                     // sxtab r1, r2, r3
    [InlineData(0xFA4F_F183u, 0u, 0x80u, 0xFFFF_FF80u)]            // sxtb.w r1, r3
    [InlineData(0xFA52_F193u, 1u, 0xFF00u, 0x100u)]                // uxtab r1, r2, r3, ror #8
    [InlineData(0xFA5F_F183u, 0u, 0x1234_56F0u, 0xF0u)]            // uxtb.w r1, r3
    public void Extensions_RotateExtendAndAccumulate(uint raw, uint rn, uint rm, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rn;
        h.Core.R[3] = rm;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
    }

    // ---- Parallel addition and subtraction.

    [Theory]
    [InlineData(0xFA92_F103u, 0x7FFF_0001u, 0x0001_FFFEu, 0x8000_FFFFu, 0b1100u)] // sadd16: 32768 >= 0, -1 < 0
    [InlineData(0xFAA2_F103u, 0x0005_0003u, 0x0004_0001u, 0x0006_FFFFu, 0b1100u)] // sasx: hi 5 + 1, lo 3 - 4
    [InlineData(0xFAE2_F103u, 0x0005_0003u, 0x0004_0006u, 0xFFFF_0007u, 0b0011u)] // ssax: hi 5 - 6, lo 3 + 4
    [InlineData(0xFAC2_F103u, 0x0102_0304u, 0x0103_0201u, 0x00FF_0103u, 0b1011u)] // ssub8
    [InlineData(0xFA82_F143u, 0xFF01_8000u, 0x0101_8001u, 0x0002_0001u, 0b1010u)] // uadd8: GE is each byte's carry
    [InlineData(0xFAD2_F143u, 0x0005_0001u, 0x0003_0002u, 0x0002_FFFFu, 0b1100u)] // usub16: GE is each half's no-borrow
    public void ModularParallelOperations_SetGe(uint raw, uint rn, uint rm, uint result, uint ge)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rn;
        h.Core.R[3] = rm;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(ge, h.Core.Ge);
    }

    [Theory]
    [InlineData(0xFA92_F113u, 0x7FFF_8000u, 0x0001_FFFFu, 0x7FFF_8000u)] // qadd16: both halves saturate
    [InlineData(0xFAD2_F123u, 0x0004_0000u, 0x0002_0001u, 0x0001_FFFFu)] // shsub16: (4 - 2) / 2, (0 - 1) >> 1
    [InlineData(0xFAC2_F153u, 0x1000_FF05u, 0x2000_0106u, 0x0000_FE00u)] // uqsub8: clamps at 0
    [InlineData(0xFA92_F163u, 0xFFFF_0003u, 0xFFFF_0001u, 0xFFFF_0002u)] // uhadd16: 17-bit sums halved
    public void SaturatingAndHalvingParallelOperations_LeaveGeAndQ(uint raw, uint rn, uint rm, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rn;
        h.Core.R[3] = rm;
        h.Core.Ge = 0b0110;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(0b0110u, h.Core.Ge);
        Assert.Equal(0u, h.Core.QFlag);
    }

    // ---- Miscellaneous operations.

    [Theory]
    [InlineData(0xFA83_F182u, 0x7FFF_FFFFu, 1u, 0x7FFF_FFFFu, true)]          // qadd r1, r2, r3
    [InlineData(0xFA83_F1A2u, 0x8000_0000u, 1u, 0x8000_0000u, true)]          // qsub r1, r2, r3
    [InlineData(0xFA83_F192u, 1u, 2u, 5u, false)]                             // qdadd r1, r2, r3: 1 + 2 * 2
    [InlineData(0xFA83_F1B2u, 0u, 0x4000_0000u, 0x8000_0001u, true)]          // qdsub r1, r2, r3: 0 - sat(2 * 2^30)
    public void SaturatingArithmetic_FirstOperandRmSecondRn(uint raw, uint rm, uint rn, uint result, bool saturates)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rm;
        h.Core.R[3] = rn;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(saturates ? Psr.Q : 0, h.Core.QFlag);
    }

    [Theory]
    [InlineData(0xFA92_F182u, 0x1234_5678u, 0x7856_3412u)] // rev.w r1, r2
    [InlineData(0xFA92_F192u, 0x1234_5678u, 0x3412_7856u)] // rev16.w r1, r2
    [InlineData(0xFA92_F1A2u, 0x1234_5678u, 0x1E6A_2C48u)] // rbit r1, r2
    [InlineData(0xFA92_F1B2u, 0x0000_80FFu, 0xFFFF_FF80u)] // revsh.w r1, r2
    [InlineData(0xFAB2_F182u, 0x0000_8000u, 16u)]          // clz r1, r2
    [InlineData(0xFAB2_F182u, 0u, 32u)]                    // clz r1, r2 of zero
    public void ReversalsAndClz_Compute(uint raw, uint rm, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rm;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
    }

    [Fact]
    public void Sel_PicksBytesByGe()
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 0x1122_3344;
        h.Core.R[3] = 0xAABB_CCDD;
        h.Core.Ge = 0b0101;
        ThumbDataHarness.Run(h, 0xFAA2_F183); // sel r1, r2, r3
        Assert.Equal(0xAA22_CC44u, h.Core.R[1]);
    }

    [Theory]
    [InlineData(true, 8u)]
    [InlineData(false, 0xDEADu)]
    public void ItBlock_ConditionsAWideExtension(bool zero, uint r1)
    {
        using var h = new CpuHarness();
        h.Core.R[1] = 0xDEAD;
        h.Core.R[2] = 10;
        h.Core.R[3] = 0xFE;
        h.Core.Nzcv = zero ? Psr.Z : 0;
        ThumbDataHarness.Load(h, 0xBF08, 0xFA42_F183, 0xFA42_F483).Step(3); // it eq; sxtabeq r1, r2, r3; sxtab r4, r2, r3
        Assert.Equal(r1, h.Core.R[1]);
        Assert.Equal(8u, h.Core.R[4]); // after the block: runs either way
    }

    // ---- UNPREDICTABLE and reserved encodings are UNDEFINED.

    [Theory]
    [InlineData(0xFA92_F183u)] // rev with hw1 Rm = r2, hw2 Rm = r3
    [InlineData(0xFAB2_F183u)] // clz with disagreeing Rm fields
    [InlineData(0xFA92_FD03u)] // sadd16 sp, r2, r3
    [InlineData(0xFA9F_F103u)] // sadd16 r1, pc, r3
    [InlineData(0xFA0D_F183u)] // sxtah r1, sp, r3
    [InlineData(0xFA0F_F18Fu)] // sxth r1, pc
    [InlineData(0xFA02_F1C3u)] // sxtah with its (0) bit 6 set
    [InlineData(0xFAB2_F103u)] // parallel op1 = 011 (reserved)
    [InlineData(0xFA92_F133u)] // parallel op2 = 11 (reserved)
    [InlineData(0xFA83_F1C2u)] // miscellaneous op2 = 11xx (reserved)
    [InlineData(0xFAA2_F193u)] // SEL space, op2 = 01 (reserved)
    [InlineData(0xFA83_F18Du)] // qadd r1, sp, r3
    public void UnpredictableOrReservedEncodings_AreUndefined(uint raw) => ThumbDataHarness.AssertUndefined(raw);
}

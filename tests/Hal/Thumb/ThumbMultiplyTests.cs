// Thumb T32 multiplies, multiply-accumulates, sums of absolute differences and long multiplies run on the core.
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;

namespace Codezero.Tests.Hal.Thumb;

/// <summary>Results and Q against values worked by hand from the ARM ARM pseudocode (A6.3.16, A6.3.17).</summary>
public sealed unsafe class ThumbMultiplyTests
{
    /// <summary>One encoding of every multiply row, taken from arm-none-eabi-as -mthumb.</summary>
    [Theory]
    [InlineData(0xFB02_4103u, "MLA T32")] // mla r1, r2, r3, r4
    [InlineData(0xFB02_F103u, "MUL T32")] // mul.w r1, r2, r3
    [InlineData(0xFB02_4113u, "MLS T32")] // mls r1, r2, r3, r4
    [InlineData(0xFB12_4113u, "SMLA<x><y> T32")] // smlabt r1, r2, r3, r4
    [InlineData(0xFB12_F123u, "SMUL<x><y> T32")] // smultb r1, r2, r3
    [InlineData(0xFB22_4113u, "SMLAD{X} T32")] // smladx r1, r2, r3, r4
    [InlineData(0xFB22_F103u, "SMUAD{X} T32")] // smuad r1, r2, r3
    [InlineData(0xFB32_4113u, "SMLAW<y> T32")] // smlawt r1, r2, r3, r4
    [InlineData(0xFB32_F103u, "SMULW<y> T32")] // smulwb r1, r2, r3
    [InlineData(0xFB42_4103u, "SMLSD{X} T32")] // smlsd r1, r2, r3, r4
    [InlineData(0xFB42_F113u, "SMUSD{X} T32")] // smusdx r1, r2, r3
    [InlineData(0xFB52_4113u, "SMMLA{R} T32")] // smmlar r1, r2, r3, r4
    [InlineData(0xFB52_F103u, "SMMUL{R} T32")] // smmul r1, r2, r3
    [InlineData(0xFB62_4103u, "SMMLS{R} T32")] // smmls r1, r2, r3, r4
    [InlineData(0xFB72_4103u, "USADA8 T32")] // usada8 r1, r2, r3, r4
    [InlineData(0xFB72_F103u, "USAD8 T32")] // usad8 r1, r2, r3
    [InlineData(0xFB83_1204u, "SMULL T32")] // smull r1, r2, r3, r4
    [InlineData(0xFBA3_1204u, "UMULL T32")] // umull r1, r2, r3, r4
    [InlineData(0xFBC3_1204u, "SMLAL T32")] // smlal r1, r2, r3, r4
    [InlineData(0xFBC3_12A4u, "SMLAL<x><y> T32")] // smlaltb r1, r2, r3, r4
    [InlineData(0xFBC3_12D4u, "SMLALD{X} T32")] // smlaldx r1, r2, r3, r4
    [InlineData(0xFBD3_12C4u, "SMLSLD{X} T32")] // smlsld r1, r2, r3, r4
    [InlineData(0xFBE3_1204u, "UMLAL T32")] // umlal r1, r2, r3, r4
    [InlineData(0xFBE3_1264u, "UMAAL T32")] // umaal r1, r2, r3, r4
    public void AssembledEncoding_DecodesToItsRowAndLowersToAHandler(uint raw, string row)
    {
        Assert.Equal(row, ThumbDecoder.NameOf(raw));
        Assert.False(ThumbDecoder.Decode32(raw).IsUndefined);
    }

    /// <summary>Each T32 encoding lowers to the very word arm-none-eabi-as gives the same instruction in A32, and its handler.</summary>
    [Theory]
    [InlineData(0xFB02_4103u, 0xE021_4392u)] // mla r1, r2, r3, r4
    [InlineData(0xFB02_F103u, 0xE001_0392u)] // mul r1, r2, r3
    [InlineData(0xFB02_4113u, 0xE061_4392u)] // mls r1, r2, r3, r4
    [InlineData(0xFB12_4113u, 0xE101_43C2u)] // smlabt r1, r2, r3, r4
    [InlineData(0xFB12_F123u, 0xE161_03A2u)] // smultb r1, r2, r3
    [InlineData(0xFB22_4113u, 0xE701_4332u)] // smladx r1, r2, r3, r4
    [InlineData(0xFB22_F103u, 0xE701_F312u)] // smuad r1, r2, r3
    [InlineData(0xFB32_4113u, 0xE121_43C2u)] // smlawt r1, r2, r3, r4
    [InlineData(0xFB32_F103u, 0xE121_03A2u)] // smulwb r1, r2, r3
    [InlineData(0xFB42_4103u, 0xE701_4352u)] // smlsd r1, r2, r3, r4
    [InlineData(0xFB42_F113u, 0xE701_F372u)] // smusdx r1, r2, r3
    [InlineData(0xFB52_4113u, 0xE751_4332u)] // smmlar r1, r2, r3, r4
    [InlineData(0xFB52_F103u, 0xE751_F312u)] // smmul r1, r2, r3
    [InlineData(0xFB62_4103u, 0xE751_43D2u)] // smmls r1, r2, r3, r4
    [InlineData(0xFB72_4103u, 0xE781_4312u)] // usada8 r1, r2, r3, r4
    [InlineData(0xFB72_F103u, 0xE781_F312u)] // usad8 r1, r2, r3
    [InlineData(0xFB83_1204u, 0xE0C2_1493u)] // smull r1, r2, r3, r4
    [InlineData(0xFBA3_1204u, 0xE082_1493u)] // umull r1, r2, r3, r4
    [InlineData(0xFBC3_1204u, 0xE0E2_1493u)] // smlal r1, r2, r3, r4
    [InlineData(0xFBC3_12A4u, 0xE142_14A3u)] // smlaltb r1, r2, r3, r4
    [InlineData(0xFBC3_12D4u, 0xE742_1433u)] // smlaldx r1, r2, r3, r4
    [InlineData(0xFBD3_12C4u, 0xE742_1453u)] // smlsld r1, r2, r3, r4
    [InlineData(0xFBE3_1204u, 0xE0A2_1493u)] // umlal r1, r2, r3, r4
    [InlineData(0xFBE3_1264u, 0xE042_1493u)] // umaal r1, r2, r3, r4
    public void LowersToTheA32EncodingOfTheSameInstruction(uint t32, uint a32)
    {
        LoweredInsn lowered = ThumbDecoder.Decode32(t32);
        Assert.Equal(a32, lowered.Raw);
        Assert.True((nint)lowered.Handler == (nint)A32Decoder.Decode(a32), $"0x{t32:X8} does not lower to {A32Decoder.NameOf(a32)}");
    }

    // ---- 32-bit results: Rd = r1, Rn = r2, Rm = r3, Ra = r4.

    [Theory]
    [InlineData(0xFB02_F103u, 0x1_0000u, 0x1_0001u, 0u, 0x1_0000u)]              // mul.w r1, r2, r3: low word only
    [InlineData(0xFB02_4103u, 3u, 4u, 5u, 17u)]                                  // mla r1, r2, r3, r4
    [InlineData(0xFB02_4113u, 3u, 4u, 5u, 0xFFFF_FFF9u)]                         // mls r1, r2, r3, r4: 5 - 12
    [InlineData(0xFB12_4113u, 0x0000_FFFEu, 0x0003_0000u, 10u, 4u)]              // smlabt: -2 * 3 + 10
    [InlineData(0xFB12_F123u, 0xFFFF_0000u, 7u, 0u, 0xFFFF_FFF9u)]               // smultb: -1 * 7
    [InlineData(0xFB22_4113u, 0x0002_0003u, 0x0005_0007u, 100u, 129u)]           // smladx: 3 * 5 + 2 * 7 + 100
    [InlineData(0xFB32_4113u, 0x0001_0000u, 0x0003_0000u, 10u, 13u)]             // smlawt: (65536 * 3) >> 16 + 10
    [InlineData(0xFB32_F103u, 0xFFFF_0000u, 2u, 0u, 0xFFFF_FFFEu)]               // smulwb: (-65536 * 2) >> 16
    [InlineData(0xFB42_4103u, 0x0002_0003u, 0x0005_0007u, 100u, 111u)]           // smlsd: 3 * 7 - 2 * 5 + 100
    [InlineData(0xFB42_F113u, 0x0002_0003u, 0x0005_0007u, 0u, 1u)]               // smusdx: 3 * 5 - 2 * 7
    [InlineData(0xFB52_4113u, 0x4000_0000u, 6u, 1u, 3u)]                         // smmlar: (2^32 + 0x1_8000_0000 + 2^31) >> 32
    [InlineData(0xFB52_F103u, 0x4000_0000u, 6u, 0u, 1u)]                         // smmul: 0x1_8000_0000 >> 32
    [InlineData(0xFB62_4103u, 0x4000_0000u, 6u, 5u, 3u)]                         // smmls: (5 * 2^32 - 0x1_8000_0000) >> 32
    [InlineData(0xFB72_4103u, 0x0102_0304u, 0x0401_0504u, 100u, 106u)]           // usada8: 3 + 1 + 2 + 0 + 100
    [InlineData(0xFB72_F103u, 0x0102_0304u, 0x0401_0504u, 0u, 6u)]               // usad8
    public void Multiplies_ComputeAndLeaveFlagsAndQ(uint raw, uint rn, uint rm, uint ra, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rn;
        h.Core.R[3] = rm;
        h.Core.R[4] = ra;
        h.Core.Nzcv = Psr.Z | Psr.C;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(Psr.Z | Psr.C, h.Core.Nzcv);
        Assert.Equal(0u, h.Core.QFlag);
    }

    [Theory]
    [InlineData(0xFB12_4113u, 0x8000u, 0x8000_0000u, 0x4000_0000u, 0x8000_0000u)] // smlabt: 2^30 + 2^30 overflows
    [InlineData(0xFB22_F103u, 0x8000_8000u, 0x8000_8000u, 0u, 0x8000_0000u)]      // smuad: 2^30 + 2^30 overflows
    public void SignedMultiplyAccumulate_Overflow_SetsQ(uint raw, uint rn, uint rm, uint ra, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = rn;
        h.Core.R[3] = rm;
        h.Core.R[4] = ra;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(result, h.Core.R[1]);
        Assert.Equal(Psr.Q, h.Core.QFlag);
    }

    // ---- 64-bit results: RdLo = r1, RdHi = r2, Rn = r3, Rm = r4.

    [Theory]
    [InlineData(0xFB83_1204u, 0xFFFF_FFFEu, 3u, 0u, 0u, 0xFFFF_FFFAu, 0xFFFF_FFFFu)]                 // smull: -2 * 3
    [InlineData(0xFBA3_1204u, 0xFFFF_FFFEu, 3u, 0u, 0u, 0xFFFF_FFFAu, 2u)]                           // umull
    [InlineData(0xFBC3_1204u, 0xFFFF_FFFEu, 3u, 16u, 0u, 10u, 0u)]                                   // smlal: 16 - 6
    [InlineData(0xFBC3_12A4u, 0xFFFE_0000u, 5u, 0u, 0u, 0xFFFF_FFF6u, 0xFFFF_FFFFu)]                 // smlaltb: -2 * 5
    [InlineData(0xFBC3_12D4u, 0x0002_0003u, 0x0005_0007u, 0xFFFF_FFFFu, 0u, 0x1Cu, 1u)]              // smlaldx: + 29 carries
    [InlineData(0xFBD3_12C4u, 0x0002_0003u, 0x0005_0007u, 0u, 1u, 11u, 1u)]                          // smlsld: 21 - 10
    [InlineData(0xFBE3_1204u, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0u, 0u, 0xFFFF_FFFFu)]       // umlal: the low-word carry reaches RdHi
    [InlineData(0xFBE3_1264u, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu, 0xFFFF_FFFFu)] // umaal: the largest sum fits
    public void LongMultiplies_ComputeSixtyFourBits(uint raw, uint rn, uint rm, uint lo, uint hi, uint resultLo, uint resultHi)
    {
        using var h = new CpuHarness();
        h.Core.R[3] = rn;
        h.Core.R[4] = rm;
        h.Core.R[1] = lo;
        h.Core.R[2] = hi;
        h.Core.Nzcv = Psr.V;
        ThumbDataHarness.Run(h, raw);
        Assert.Equal(resultLo, h.Core.R[1]);
        Assert.Equal(resultHi, h.Core.R[2]);
        Assert.Equal(Psr.V, h.Core.Nzcv);
    }

    [Theory]
    [InlineData(true, 17u)]
    [InlineData(false, 12u)]
    public void IteBlock_RunsMulOrMla(bool zero, uint result)
    {
        using var h = new CpuHarness();
        h.Core.R[2] = 3;
        h.Core.R[3] = 4;
        h.Core.R[4] = 5;
        h.Core.Nzcv = zero ? Psr.Z : 0;
        ThumbDataHarness.Load(h, 0xBF14, 0xFB02_F103, 0xFB02_4103).Step(3); // ite ne; mulne.w r1, r2, r3; mlaeq r1, r2, r3, r4
        Assert.Equal(result, h.Core.R[1]);
    }

    // ---- UNDEFINED: no divider on the Cortex-A9; UNPREDICTABLE register uses.

    [Theory]
    [InlineData(0xFB92_F1F3u)] // sdiv r1, r2, r3
    [InlineData(0xFBB2_F1F3u)] // udiv r1, r2, r3
    [InlineData(0xFB83_1104u)] // smull r1, r1, r3, r4 (RdHi = RdLo)
    [InlineData(0xFBA3_D204u)] // umull sp, r2, r3, r4
    [InlineData(0xFBE3_120Fu)] // umlal r1, r2, r3, pc
    [InlineData(0xFB02_FD03u)] // mul sp, r2, r3
    [InlineData(0xFB02_D103u)] // mla r1, r2, r3, sp
    [InlineData(0xFB02_F113u)] // mls r1, r2, r3, pc (MLS has no Ra = PC form)
    [InlineData(0xFB62_F103u)] // smmls r1, r2, r3, pc
    [InlineData(0xFB0D_F103u)] // mul r1, sp, r3
    [InlineData(0xFB02_F143u)] // multiply op2 bits 7:6 = 01
    public void DividesAndUnpredictableEncodings_AreUndefined(uint raw) => ThumbDataHarness.AssertUndefined(raw);
}

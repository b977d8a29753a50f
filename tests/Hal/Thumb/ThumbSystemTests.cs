// T32 system encodings on the core: MSR/MRS, CPS, hints, barriers, SUBS PC, LR, SMC/UDF, SRS/RFE and CP15 transfers.
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;
using static Codezero.Tests.Hal.Thumb.ThumbBranchTests;

namespace Codezero.Tests.Hal.Thumb;

/// <summary>Encodings from <c>arm-none-eabi-as -mthumb -mcpu=cortex-a9</c> (with the sec and mp extensions).</summary>
public sealed unsafe class ThumbSystemTests
{
    private const uint Code = CpuHarness.CodeBase;
    private const uint Data = CpuHarness.DataBase + 0x100;
    private const uint UserThumb = (uint)ProcessorMode.User | Psr.T;

    [Theory]
    [InlineData(0xF3818900u, "MSR (reg) T1")]
    [InlineData(0xF3928F00u, "MSR (reg) T1")]
    [InlineData(0xF3EF8300u, "MRS T1")]
    [InlineData(0xF3FF8300u, "MRS T1")]
    [InlineData(0xF3AF8640u, "CPS.W T2")]
    [InlineData(0xF3AF85F3u, "CPS.W T2")]
    [InlineData(0xF3AF8000u, "NOP.W T2")]
    [InlineData(0xF3AF8001u, "YIELD.W T2")]
    [InlineData(0xF3AF8002u, "WFE.W T2")]
    [InlineData(0xF3AF8003u, "WFI.W T2")]
    [InlineData(0xF3AF8004u, "SEV.W T2")]
    [InlineData(0xF3AF80F5u, "DBG T1")]
    [InlineData(0xF3AF8010u, "NOP-compatible hint T32")]
    [InlineData(0xF3BF8F2Fu, "CLREX T1")]
    [InlineData(0xF3BF8F4Fu, "DSB T1")]
    [InlineData(0xF3BF8F5Bu, "DMB T1")]
    [InlineData(0xF3BF8F6Fu, "ISB T1")]
    [InlineData(0xF3DE8F04u, "SUBS PC, LR (imm) T1")]
    [InlineData(0xF7F08000u, "SMC T1")]
    [InlineData(0xF7F1A234u, "UDF.W T2")]
    [InlineData(0xE830C000u, "RFEDB T1")]
    [InlineData(0xE99DC000u, "RFEIA T2")]
    [InlineData(0xE82DC013u, "SRSDB T1")]
    [InlineData(0xE98DC012u, "SRSIA T2")]
    [InlineData(0xEE070F15u, "MCR p15 T1")]
    [InlineData(0xEE101FB0u, "MRC p15 T1")]
    public void Encodings_DecodeToTheirRows(uint raw, string name) => Assert.Equal(name, ThumbDecoder.NameOf(raw));

    [Theory]
    [InlineData(0xF3818900u, "MSR (reg)", true)]
    [InlineData(0xF3928F00u, "MSR (reg)", true)]
    [InlineData(0xF3EF8300u, "MRS", true)]
    [InlineData(0xF3AF8640u, "CPS", false)]
    [InlineData(0xF3AF8000u, "NOP", true)]
    [InlineData(0xF3AF8001u, "YIELD", true)]
    [InlineData(0xF3AF8002u, "WFE", true)]
    [InlineData(0xF3AF8003u, "WFI", true)]
    [InlineData(0xF3AF8004u, "SEV", true)]
    [InlineData(0xF3AF80F5u, "DBG", true)]
    [InlineData(0xF3AF8010u, "NOP-compatible hint", true)]
    [InlineData(0xF3BF8F2Fu, "CLREX", true)]
    [InlineData(0xF3BF8F4Fu, "DSB", true)]
    [InlineData(0xF3BF8F5Bu, "DMB", true)]
    [InlineData(0xF3BF8F6Fu, "ISB", true)]
    [InlineData(0xF3DE8F04u, "SUBS (imm)", false)]
    [InlineData(0xF7F08000u, "SMC", true)]
    [InlineData(0xE830C000u, "RFE", false)]
    [InlineData(0xE99DC000u, "RFE", false)]
    [InlineData(0xE82DC013u, "SRS", true)]
    [InlineData(0xE98DC012u, "SRS", true)]
    [InlineData(0xEE070F15u, "MCR p15", true)]
    [InlineData(0xEE101FB0u, "MRC p15", true)]
    public void LowersOntoTheA32Twin(uint raw, string a32Name, bool direct) => AssertLowersOnto(raw, a32Name, direct);

    [Theory]
    [InlineData(0xF3818000u)] // msr with mask 0
    [InlineData(0xF38D8900u)] // msr cpsr_fc, sp
    [InlineData(0xF3EF8D00u)] // mrs sp, apsr
    [InlineData(0xF3EF8F00u)] // mrs pc, apsr
    [InlineData(0xF3818920u)] // msr (banked): no Virtualization Extensions
    [InlineData(0xF3EF8320u)] // mrs (banked)
    [InlineData(0xF3AF8240u)] // cps with imod = 01
    [InlineData(0xF3AF8400u)] // cpsie with no flags
    [InlineData(0xF3AF8153u)] // cps #0x13 with A:I:F = 010 but imod = 00
    [InlineData(0xF3BF8F0Fu)] // LEAVEX: ThumbEE is not modelled
    [InlineData(0xF3BF8F1Fu)] // ENTERX
    [InlineData(0xE83FC000u)] // rfedb pc!
    [InlineData(0xEE101E10u)] // mrc p14: CP14 is not modelled
    [InlineData(0xEC410F02u)] // mcrr p15
    [InlineData(0xEC510F02u)] // mrrc p15
    [InlineData(0xEE021F03u)] // cdp p15
    [InlineData(0xED801F00u)] // stc p15
    [InlineData(0xED901500u)] // ldc p5
    [InlineData(0xFE070F15u)] // mcr2 p15
    [InlineData(0xEEF10A10u)] // vmrs r0, fpscr (CP10)
    [InlineData(0xEE07DF15u)] // mcr p15 with Rt = SP
    [InlineData(0xEE07FF15u)] // mcr p15 with Rt = PC
    public void UnpredictableOrUnmodelledForms_AreUndefined(uint raw)
        => Assert.True(ThumbDecoder.Decode32(raw).IsUndefined, ThumbDecoder.NameOf(raw));

    [Fact]
    public void MsrMrs_ApplicationFlags()
    {
        using var h = ThumbCode(0xF381, 0x8800, 0xF3EF, 0x8300); // msr apsr_nzcvq, r1; mrs r3, apsr
        h.Core.R[1] = 0xF800_0000;
        h.Step(2);
        Assert.Equal(Psr.Nzcv, h.Core.Nzcv);
        Assert.Equal(0xF800_0000u, h.Core.R[3] & 0xF800_0000u);
        Assert.Equal(0u, h.Core.R[3] & Psr.T); // the execution-state bits read as zero
        Assert.Equal((uint)ProcessorMode.Supervisor, h.Core.R[3] & Psr.M);
    }

    [Fact]
    public void MsrMrs_Spsr()
    {
        using var h = ThumbCode(0xF392, 0x8F00, 0xF3FF, 0x8300); // msr spsr_fsxc, r2; mrs r3, spsr
        h.Core.R[2] = 0x8000_0030;
        h.Step(2);
        Assert.Equal(0x8000_0030u, h.Core.Spsr);
        Assert.Equal(0x8000_0030u, h.Core.R[3]);
    }

    [Fact]
    public void MsrControlField_ChangesMode()
    {
        using var h = ThumbCode(0xF381, 0x8100); // msr cpsr_c, r1
        h.Core.R[1] = (uint)ProcessorMode.System | Psr.I | Psr.F | Psr.A;
        h.Step();
        Assert.Equal(ProcessorMode.System, h.Core.Mode);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T); // MSR never writes the execution-state bits
    }

    [Fact]
    public void CpsWide_MasksUnmasksAndChangesMode()
    {
        using var h = ThumbCode(0xF3AF, 0x85F3, 0xF3AF, 0x8640, 0xF3AF, 0x811F); // cpsie aif, #0x13; cpsid.w i; cps #0x1f
        h.Step();
        Assert.Equal(0u, h.Core.Cpsr & (Psr.A | Psr.I | Psr.F));
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
        h.Step();
        Assert.Equal(Psr.I, h.Core.Cpsr & (Psr.A | Psr.I | Psr.F));
        h.Step();
        Assert.Equal(ProcessorMode.System, h.Core.Mode);
        Assert.Equal(Code + 12, h.Core.Pc);
    }

    [Fact]
    public void CpsWide_InsideAnItBlock_IsUndefined()
    {
        using var h = ThumbCode(0xBF08, 0xF3AF, 0x8640); // it eq; cpsid.w i
        h.Core.Nzcv = Psr.Z;
        h.Step(2);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(Code + 4, h.Core.R[14]);
    }

    [Fact]
    public void WideHints_AdvanceByFour()
    {
        using var h = ThumbCode(0xF3AF, 0x8000, 0xF3AF, 0x8001, 0xF3AF, 0x80F5, 0xF3AF, 0x8010); // nop.w; yield.w; dbg #5; hint #16
        h.Step(4);
        Assert.Equal(Code + 16, h.Core.Pc);
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
    }

    [Fact]
    public void SevThenWfe_DoesNotWait_AndWfiWaits()
    {
        using var h = ThumbCode(0xF3AF, 0x8004, 0xF3AF, 0x8002, 0xF3AF, 0x8003); // sev.w; wfe.w; wfi.w
        h.Step(2);
        Assert.False(h.Core.Waiting);
        Assert.Equal(Code + 8, h.Core.Pc);
        h.Step();
        Assert.True(h.Core.Waiting);
        Assert.Equal(Code + 12, h.Core.Pc);
    }

    [Fact]
    public void Barriers_Execute()
    {
        using var h = ThumbCode(0xF3BF, 0x8F4F, 0xF3BF, 0x8F5B, 0xF3BF, 0x8F6F); // dsb sy; dmb ish; isb sy
        h.Step(3);
        Assert.Equal(Code + 12, h.Core.Pc);
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
    }

    [Fact]
    public void Clrex_MakesTheNextStrexFail()
    {
        using var h = ThumbCode(0xE851, 0x0F00, 0xF3BF, 0x8F2F, 0xE841, 0x3200); // ldrex r0, [r1]; clrex; strex r2, r3, [r1]
        h.Core.R[1] = Data;
        h.WriteWord(Data, 5);
        h.Core.R[3] = 9;
        h.Step(3);
        Assert.Equal(1u, h.Core.R[2]);
        Assert.Equal(5u, h.ReadWord(Data));
    }

    [Theory]
    [InlineData(UserThumb, Code + 0x100)]
    [InlineData((uint)ProcessorMode.User, Code + 0x100)]
    public void SubsPcLr_ReturnsFromTheException(uint spsr, uint target)
    {
        using var h = ThumbCode(0xF3DE, 0x8F04); // subs pc, lr, #4
        h.Core.Spsr = spsr;
        h.Core.R[14] = target + 4;
        h.Step();
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.Equal(spsr & Psr.T, h.Core.Cpsr & Psr.T);
        Assert.Equal(target, h.Core.Pc);
    }

    [Fact]
    public void SubsPcLr_NotLastInItBlock_IsUndefined()
    {
        using var h = ThumbCode(0xBF04, 0xF3DE, 0x8F04, 0xBF00); // itt eq; subs pc, lr, #4; nop
        h.Core.Nzcv = Psr.Z;
        h.Step(2);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
    }

    [Theory]
    [InlineData(0xF7F0, 0x8000)] // smc #0: no Secure-monitor firmware
    [InlineData(0xF7F1, 0xA234)] // udf.w #0x1234
    public void SmcAndUdf_AreUndefinedWithTheThumbReturnAddress(ushort hw1, ushort hw2)
    {
        using var h = ThumbCode(0xBF00, hw1, hw2);
        h.Step(2);
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(Code + 2 + 2, h.Core.R[14]);
        Assert.NotEqual(0u, h.Core.Spsr & Psr.T);
    }

    [Fact]
    public void SrsThenRfe_SaveAndRestoreTheReturnState()
    {
        using var h = ThumbCode(0xE82D, 0xC013, 0xE830, 0xC000); // srsdb sp!, #0x13; rfedb r0!
        h.Core.R[13] = Data;
        h.Core.R[14] = Code + 0x201;
        h.Core.Spsr = UserThumb;
        h.Core.R[0] = Data;
        h.Step();
        Assert.Equal(Code + 0x201, h.ReadWord(Data - 8));
        Assert.Equal(UserThumb, h.ReadWord(Data - 4));
        Assert.Equal(Data - 8, h.Core.R[13]);
        h.Step();
        Assert.Equal(Data - 8, h.Core.R[0]); // the writeback (r0 is not banked)
        Assert.Equal(ProcessorMode.User, h.Core.Mode);
        Assert.NotEqual(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(Code + 0x200, h.Core.Pc);
    }

    [Fact]
    public void RfeIa_WithoutWriteback_ReturnsToArm()
    {
        using var h = ThumbCode(0xE99D, 0xC000); // rfeia sp
        h.Core.R[13] = Data;
        h.WriteWord(Data, Code + 0x400);
        h.WriteWord(Data + 4, (uint)ProcessorMode.System);
        h.Step();
        Assert.Equal(ProcessorMode.System, h.Core.Mode);
        Assert.Equal(0u, h.Core.Cpsr & Psr.T);
        Assert.Equal(Code + 0x400, h.Core.Pc);
        Assert.Equal(Data, h.Core.ReadBanked(ProcessorMode.Supervisor, 13));
    }

    [Fact]
    public void McrMrc_TransferCp15Registers()
    {
        // mcr p15, 0, r0, c13, c0, 2 (TPIDRURW); mrc p15, 0, r1, c13, c0, 2; mrc p15, 0, r2, c0, c0, 5 (MPIDR)
        using var h = ThumbCode(0xEE0D, 0x0F50, 0xEE1D, 0x1F50, 0xEE10, 0x2FB0);
        h.Core.R[0] = 0x1234_5678;
        h.Step(3);
        Assert.Equal(0x1234_5678u, h.Core.TpidrUrw);
        Assert.Equal(0x1234_5678u, h.Core.R[1]);
        Assert.NotEqual(0u, h.Core.R[2] & 0x8000_0000u); // MPIDR's multiprocessor-format bit
        Assert.Equal(ProcessorMode.Supervisor, h.Core.Mode);
    }

    [Fact]
    public void Cp14Access_IsUndefined()
    {
        using var h = ThumbCode(0xEE10, 0x1E10); // mrc p14, 0, r1, c0, c0, 0
        h.Step();
        Assert.Equal(ProcessorMode.Undefined, h.Core.Mode);
        Assert.Equal(Code + 2, h.Core.R[14]);
    }
}

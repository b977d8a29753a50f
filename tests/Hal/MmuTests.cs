// MMU walks and faults for every descriptor type and permission combination, TLB maintenance, ATS/PAR.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal;

public sealed unsafe class MmuTests
{
    private const uint L1 = 0x6040_0000;    // 16 KiB aligned first-level table
    private const uint L2 = 0x6041_0000;    // second-level tables
    private const uint Code = CpuHarness.CodeBase;

    private static CpuHarness NewWithIdentityCode()
    {
        var h = new CpuHarness();
        // Identity-map the first MiB of RAM holding code (0x600xxxxx): section, domain 0, AP=011, global.
        Section(h, 0x6000_0000, 0x6000_0000, ap: 3, domain: 0);
        h.Core.Ttbr0 = L1;
        h.Core.Dacr = 0x5555_5555; // every domain client
        return h;
    }

    private static void Section(CpuHarness h, uint va, uint pa, uint ap, uint domain, bool xn = false, bool ng = false)
    {
        uint d = (pa & 0xFFF0_0000) | ((ap & 4) << 13) | ((ap & 3) << 10) | (domain << 5) | (xn ? 0x10u : 0) | (ng ? 1u << 17 : 0) | 2;
        h.WriteWord(L1 + ((va >> 20) << 2), d);
    }

    private static void PageTable(CpuHarness h, uint va, uint table, uint domain)
        => h.WriteWord(L1 + ((va >> 20) << 2), (table & 0xFFFF_FC00) | (domain << 5) | 1);

    private static void SmallPage(CpuHarness h, uint table, uint va, uint pa, uint ap, bool xn = false, bool ng = false)
        => h.WriteWord(table + (((va >> 12) & 0xFF) << 2),
            (pa & 0xFFFF_F000) | ((ap & 4) << 7) | ((ap & 3) << 4) | (ng ? 1u << 11 : 0) | 2 | (xn ? 1u : 0));

    private static void EnableMmu(CpuHarness h) => h.Core.WriteCp15(0, 1, 0, 0, h.Core.Sctlr | ArmCore.Sctlr_M);

    private static uint Par(CpuHarness h, uint va, uint op)
    {
        h.Core.WriteCp15(0, 7, 8, op, va);
        return h.Core.Par;
    }

    [Fact]
    public void Section_TranslatesLoadsThroughAlias()
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x1230_0000, 0x6020_0000, ap: 3, domain: 0);
        h.WriteWord(0x6020_0010, 0xDEAD_BEEF);
        EnableMmu(h);
        h.Core.R[1] = 0x1230_0010;
        h.Load(0xE5910000).Step(); // ldr r0, [r1]
        Assert.Equal(0xDEAD_BEEFu, h.Core.R[0]);
        Assert.Equal(0x6020_0000u, Par(h, 0x1230_0010, 0));
    }

    [Fact]
    public void SmallAndLargePages_Translate()
    {
        using var h = NewWithIdentityCode();
        PageTable(h, 0x4000_0000, L2, domain: 1);
        SmallPage(h, L2, 0x4000_3000, 0x6030_5000, ap: 3);
        // Large page: 16 identical entries for 0x40010000-0x4001FFFF -> 0x60320000
        for (uint i = 0; i < 16; i++)
        {
            h.WriteWord(L2 + ((0x10 + i) << 2), 0x6032_0000 | (3 << 4) | 1);
        }
        EnableMmu(h);
        Assert.Equal(0x6030_5000u, Par(h, 0x4000_3ABC, 0));
        Assert.Equal(0x6032_7000u, Par(h, 0x4001_7123, 0));
    }

    [Fact]
    public void Supersection_ReportsSsInPar()
    {
        using var h = NewWithIdentityCode();
        for (uint i = 0; i < 16; i++)
        {
            h.WriteWord(L1 + ((0x500 + i) << 2), 0x6100_0000 | (1u << 18) | (3 << 10) | 2);
        }
        EnableMmu(h);
        Assert.Equal(0x6100_0002u, Par(h, 0x5034_5678, 0));
    }

    [Fact]
    public void UnmappedAddress_IsTranslationFaultWithDfarAndDfsr()
    {
        using var h = NewWithIdentityCode();
        PageTable(h, 0x4000_0000, L2, domain: 2);
        EnableMmu(h);
        h.Core.R[1] = 0x7000_0004;
        h.Load(0xE5910000).Step(); // ldr r0, [r1]: no L1 entry
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(0x05u, h.Core.Dfsr);
        Assert.Equal(0x7000_0004u, h.Core.Dfar);
    }

    [Fact]
    public void MissingSmallPage_IsPageTranslationFaultWithDomain()
    {
        using var h = NewWithIdentityCode();
        PageTable(h, 0x4000_0000, L2, domain: 2);
        EnableMmu(h);
        h.Core.R[1] = 0x4000_8000;
        h.Load(0xE5810000).Step(); // str r0, [r1]
        Assert.Equal(0x07u | (2 << 4) | (1 << 11), h.Core.Dfsr);
    }

    [Theory]
    // ap, user, write, allowed
    [InlineData(0u, false, false, false)]
    [InlineData(1u, false, true, true)]
    [InlineData(1u, true, false, false)]
    [InlineData(2u, true, false, true)]
    [InlineData(2u, true, true, false)]
    [InlineData(3u, true, true, true)]
    [InlineData(5u, false, false, true)]
    [InlineData(5u, false, true, false)]
    [InlineData(5u, true, false, false)]
    [InlineData(6u, true, false, true)]
    [InlineData(7u, false, true, false)]
    [InlineData(7u, true, false, true)]
    public void AccessPermissions_FollowTheApTable(uint ap, bool user, bool write, bool allowed)
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x4000_0000, 0x6020_0000, ap, domain: 3);
        EnableMmu(h);
        uint op = (user ? 2u : 0) | (write ? 1u : 0);
        uint par = Par(h, 0x4000_0000, op);
        Assert.Equal(allowed ? 0x6020_0000u : (0x0Du << 1) | 1, par);
    }

    [Fact]
    public void ManagerDomain_SkipsPermissionChecks_NoAccessDomainFaults()
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x4000_0000, 0x6020_0000, ap: 0, domain: 4);
        EnableMmu(h);
        h.Core.WriteCp15(0, 3, 0, 0, 0x5555_5555 | (3u << 8)); // domain 4 manager
        Assert.Equal(0x6020_0000u, Par(h, 0x4000_0000, 3));
        h.Core.WriteCp15(0, 3, 0, 0, 0x5555_5555 & ~(3u << 8)); // domain 4 no access
        Assert.Equal((0x09u << 1) | 1, Par(h, 0x4000_0000, 0));
    }

    [Fact]
    public void ExecuteNever_RaisesPrefetchPermissionFault()
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x4000_0000, 0x6020_0000, ap: 3, domain: 0, xn: true);
        EnableMmu(h);
        h.Core.R[1] = 0x4000_0000;
        h.Load(0xE12FFF11).Step(2); // bx r1
        Assert.Equal(ProcessorMode.Abort, h.Core.Mode);
        Assert.Equal(0x0Cu, h.Core.Pc & 0xFF);
        Assert.Equal(0x0Du, h.Core.Ifsr);
        Assert.Equal(0x4000_0000u, h.Core.Ifar);
    }

    [Fact]
    public void AccessFlag_WithAfe_FaultsWhenApZeroIsClear()
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x4000_0000, 0x6020_0000, ap: 2, domain: 0);   // AP[0] = 0: access flag clear
        Section(h, 0x4010_0000, 0x6020_0000, ap: 3, domain: 0);   // AP[0] = 1, AP[1] = 1: RW at PL0 and PL1
        h.Core.WriteCp15(0, 1, 0, 0, h.Core.Sctlr | ArmCore.Sctlr_AFE | ArmCore.Sctlr_M);
        Assert.Equal((0x03u << 1) | 1, Par(h, 0x4000_0000, 0));
        Assert.Equal(0x6020_0000u, Par(h, 0x4010_0000, 3));
    }

    [Fact]
    public void TtbcrN_SplitsBetweenTtbr0AndTtbr1()
    {
        using var h = NewWithIdentityCode();
        const uint l1b = 0x6044_0000;
        h.WriteWord(l1b + ((0xC00u) << 2), 0x6050_0000 | (3 << 10) | 2); // VA 0xC0000000 in TTBR1's table
        h.Core.Ttbr1 = l1b;
        h.Core.WriteCp15(0, 2, 0, 2, 1); // N = 1: VA >= 0x80000000 uses TTBR1
        EnableMmu(h);
        Assert.Equal(0x6050_0000u, Par(h, 0xC000_0000, 0));
        Assert.Equal(0x6000_0000u, Par(h, 0x6000_0000, 0)); // still through TTBR0
    }

    [Fact]
    public void TtbcrN_IndexesTtbr0TableByWholeWords_WhateverVaBits19And18Are()
    {
        // With N = 1 the first-level index is VA[30:20]; VA bits 19:18 must not leak into the address
        // (a mask of 0x3FFC >> N kept bit 1 and made the walk read an unaligned word: an external abort).
        using var h = NewWithIdentityCode();
        h.Core.WriteCp15(0, 2, 0, 2, 1);
        Section(h, 0x7FE0_0000, 0x6050_0000, ap: 3, domain: 0);
        EnableMmu(h);
        Assert.Equal(0x6050_0000u | 0xF_0000, Par(h, 0x7FEF_0000, 0) & 0xFFFF_F000);
        Assert.Equal(0x6050_0000u | 0xC_0000, Par(h, 0x7FEC_0000, 0) & 0xFFFF_F000);
    }

    [Fact]
    public void NonGlobalEntries_AreTaggedWithAsid_AndTlbiAsidDropsThem()
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x4000_0000, 0x6020_0000, ap: 3, domain: 0, ng: true);
        h.WriteWord(0x6020_0000, 111);
        h.WriteWord(0x6030_0000, 222);
        EnableMmu(h);
        h.Core.WriteCp15(0, 13, 0, 1, 5); // ASID 5
        Assert.Equal(0x6020_0000u, Par(h, 0x4000_0000, 0)); // cached for ASID 5
        Section(h, 0x4000_0000, 0x6030_0000, ap: 3, domain: 0, ng: true); // table now says otherwise
        Assert.Equal(0x6020_0000u, Par(h, 0x4000_0000, 0)); // stale until maintenance, as on hardware
        h.Core.WriteCp15(0, 13, 0, 1, 6); // ASID 6 misses and walks the new table
        Assert.Equal(0x6030_0000u, Par(h, 0x4000_0000, 0));
        h.Core.WriteCp15(0, 13, 0, 1, 5);
        Assert.Equal(0x6020_0000u, Par(h, 0x4000_0000, 0)); // ASID 5's entry survived the switch
        h.Core.WriteCp15(0, 8, 7, 2, 5); // TLBIASID 5
        Assert.Equal(0x6030_0000u, Par(h, 0x4000_0000, 0));
    }

    [Fact]
    public void TlbiMva_DropsTheWholeSectionEntry()
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x4000_0000, 0x6020_0000, ap: 3, domain: 0);
        EnableMmu(h);
        Assert.Equal(0x6020_1000u, Par(h, 0x4000_1000, 0));
        Section(h, 0x4000_0000, 0x6030_0000, ap: 3, domain: 0);
        h.Core.WriteCp15(0, 8, 7, 3, 0x4008_0000); // TLBIMVAA on another page of the same section
        Assert.Equal(0x6030_1000u, Par(h, 0x4000_1000, 0));
    }

    [Fact]
    public void RunningWithMmuOn_ExecutesThroughTheMapping()
    {
        using var h = NewWithIdentityCode();
        Section(h, 0x0010_0000, 0x6000_0000, ap: 3, domain: 0); // code also visible at 0x00100000
        EnableMmu(h);
        h.Core.R[1] = 0x0011_0008;                                  // = CodeBase + 8 through the alias
        h.Load(0xE12FFF11, 0xE3A00001, 0xE3A00002, 0xEAFFFFFE).Step(3); // bx r1; mov r0,#1; mov r0,#2; b .
        Assert.Equal(2u, h.Core.R[0]);
        Assert.Equal(0x0011_000Cu, h.Core.Pc);
    }
}

// Minimal cases the differential fuzzer once found failing, replayed against Unicorn on every run.
using System.Collections.Generic;
using Xunit;

namespace Codezero.Tests.Differential;

/// <summary>
/// Each vector is a word and a starting state (User mode; r0-r14 default to distinct data pointers). A failing
/// fuzz case prints a ready-to-paste <c>new(...)</c> line; trim it to what matters and add it here with the
/// commit that fixed it.
/// </summary>
public sealed class RegressionVectors
{
    internal sealed record Vector(uint Word, string Note, uint Flags = 0, int MemorySeed = 0, uint[]? Regs = null,
        uint TpidrUrw = 0, uint TpidrUro = 0);

    internal static readonly Vector[] All =
    [
        // fe4932e Fix MCR CP15DSB/CP15DMB: the PL0 accesses were looked up under the wrong keys and raised UNDEFINED.
        new(0xEE070F9A, "mcr p15, 0, r0, c7, c10, 4 (CP15DSB) in User mode"),
        new(0xEE070FBA, "mcr p15, 0, r0, c7, c10, 5 (CP15DMB) in User mode"),
        new(0xDE074FBA, "mcrle p15, 0, r4, c7, c10, 5 with LE passing (seed 2 case 239790)", Flags: 0x1808_0000),
        // 386616d Fix MRC PMUSERENR: readable at PL0.
        new(0xEE190F1E, "mrc p15, 0, r0, c9, c14, 0 (PMUSERENR) in User mode"),
        new(0xEE192F1E, "mrc p15, 0, r2, c9, c14, 0 (seed 5 case 55161)"),
        // Harness: TPIDRURW/TPIDRURO are part of each case's state, set on both sides (seed 101 case 253498 read a stale one).
        new(0xEE1D2F50, "mrc p15, 0, r2, c13, c0, 2 (TPIDRURW)", TpidrUrw: 0x1234_5678),
        new(0xEE1D2F70, "mrc p15, 0, r2, c13, c0, 3 (TPIDRURO)", TpidrUro: 0x8765_4321),
        new(0xEE0D2F50, "mcr p15, 0, r2, c13, c0, 2 (TPIDRURW)", TpidrUrw: 0x1234_5678),
        new(0xEE0D2F70, "mcr p15, 0, r2, c13, c0, 3 (TPIDRURO is read-only at PL0: UNDEFINED)", TpidrUro: 0x8765_4321),
        // Harness: a Thumb branch back to the instruction's own address (Unicorn must not be told to stop there).
        new(0xE0CFFF6A, "sbc pc, pc, r10, ror #30 = 0x60012001 (seed 101 case 224873)", Flags: 0xD00D_0200,
            Regs: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x8000_0001, 0, 0, 0, 0]),
    ];

    public static IEnumerable<object[]> Indices()
    {
        for (int i = 0; i < All.Length; i++)
        {
            yield return [i];
        }
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void VectorAgreesWithUnicorn(int index)
    {
        Vector v = All[index];
        using var runner = new DifferentialRunner(v.MemorySeed);
        CaseVerdict verdict = runner.Run(ToCase(v));
        Assert.True(verdict == CaseVerdict.Agree, $"0x{v.Word:X8} ({v.Note}): {verdict}\n{runner.LastNote}");
    }

    /// <summary>
    /// Harness regression: Unicorn 2.0.1 stopped by its count hook inside Thumb code later ran two or three ARM
    /// instructions per single step (seed 3 case 83383, a BXJ to Thumb, then every case after it disagreed).
    /// </summary>
    [Fact]
    public void CaseAfterABranchToThumbStillRunsOneInstruction()
    {
        using var runner = new DifferentialRunner(3);
        var bxj = new Vector(0xE12FFF29, "bxj r9 to Thumb code inside the code region",
            Regs: [0x8000, 0, 0, 0, 0, 0, 0, 0, 0, DifferentialRunner.CodeRegion + 0x12DB, 0, 0, 0, 0, 0]);
        var ldrh = new Vector(0xE059DBBA, "ldrh sp, [r9], #-0xBA");
        Assert.Equal(CaseVerdict.Agree, runner.Run(ToCase(bxj)));
        CaseVerdict after = runner.Run(ToCase(ldrh));
        Assert.True(after == CaseVerdict.Agree, runner.LastNote);
    }

    private static FuzzCase ToCase(Vector v)
    {
        var c = new FuzzCase { Word = v.Word, Flags = v.Flags, RowName = "regression", TpidrUrw = v.TpidrUrw, TpidrUro = v.TpidrUro };
        for (int i = 0; i < 15; i++)
        {
            c.Regs[i] = v.Regs?[i] ?? DifferentialRunner.DataPointerBase + 0x100u * (uint)i;
        }
        return c;
    }
}

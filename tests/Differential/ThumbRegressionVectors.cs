// Thumb cases the Thumb differential fuzzer once found failing, and harness pins, replayed against Unicorn on every run.
using System.Collections.Generic;
using Xunit;

namespace Codezero.Tests.Differential;

/// <summary>
/// Each vector is a program (T16 in bits 15:0, T32 as hw1:hw2) and a starting state (User mode, Thumb state; r0-r14
/// default to distinct data pointers). A failing Thumb fuzz case prints a ready-to-paste <c>new(...)</c> line; trim it
/// to what matters and add it here with the commit that fixed it.
/// </summary>
public sealed class ThumbRegressionVectors
{
    internal sealed record Vector(uint[] Program, string Note, int Test = 0, uint Start = DifferentialRunner.CodeAddress, uint ItStart = 0,
        uint Flags = 0, int MemorySeed = 0, uint TpidrUrw = 0, uint TpidrUro = 0, uint[]? Regs = null);

    internal static readonly Vector[] All =
    [
        // Fix IT: firstcond AL is valid with any mask that has one bit set (ITT AL ... ITTTT AL), not only with 1000.
        new([0xBFE4, 0x3B95, 0x3312], "itt al; subs r3, #0x95; adds r3, #0x12 (seed 1 case 549: ITT AL was UNDEFINED)", Flags: 0x0805_0000),
        new([0xBFE1, 0x3001, 0x3102, 0x3203, 0x3304], "itttt al; four adds (none sets flags inside the block)", Flags: 0xF000_0000),
        new([0xBFE2, 0x42B5, 0x4234, 0x40F6], "ittt al; cmp r5, r6; tst r4, r6; lsrs r6, r6 (seed 1 case 2)", Test: 3, Flags: 0xE009_0000),
        // Harness pins: exceptions inside IT blocks compare return address and saved ITSTATE.
        new([0xBF02, 0x2101, 0xDF05, 0x2203], "ittt eq; mov r1, #1; svc #5 (saves the next instruction's ITSTATE); mov r2, #3", Test: 2, Flags: 0x4000_0000),
        new([0xBF02, 0x2101, 0xDE05, 0x2203], "ittt eq; mov r1, #1; udf #5 (saves its own ITSTATE); mov r2, #3", Test: 2, Flags: 0x4000_0000),
        new([0xBF02, 0x2101, 0xBE05, 0x2203], "ittt eq (failing); mov r1, #1; bkpt #5 (unconditional); mov r2, #3", Test: 2),
        new([0xDE05, 0x2203], "udf #5 entered mid-block with ITSTATE 0x04 (ITT EQ, second slot) at a halfword-aligned address",
            Start: DifferentialRunner.CodeAddress + 2, ItStart: 0x04, Flags: 0x4000_0000),
        new([0xBF15, 0x2007, 0x2101, 0x2209, 0x2303], "itete ne; mov r0, #7; mov r1, #1 (skipped); mov r2, #9; mov r3, #3 (skipped)", Test: 1),
        // Harness pin: BX PC from a word-aligned address goes to ARM state at +4; the next case must run Thumb again.
        new([0x4778], "bx pc (to ARM state at the next word)"),
        // T32 rows. 3d9404f Thumb CLREX lowers to the A32 CLREX word: it was 0xF57FF02F, UNDEFINED (this fuzzer on the
        // t32ls branch: seed 11, every CLREX case whose condition passed).
        new([0xF3BF_8F2F], "clrex (T32)"),
        new([0xBF04, 0xF3BF_8F2F, 0x2101], "itt eq; clrex; mov r1, #1", Test: 1, Flags: 0x4000_0000),
        new([0xBF15, 0xF04F_0007, 0x2101, 0xF04F_0209, 0x2303], "itete ne with T32 mov.w in the T slots", Test: 1),
        // Pins of ThumbExclusions' placement rules around QEMU 5.0's ITSTATE deviations.
        new([0xBF08, 0xF3BF_8F6F], "it eq; isb (last in its block, as LastInItBlock puts it)", Test: 1, Flags: 0x4000_0000),
        new([0xBF04, 0xEE1D_0F70, 0x2101], "itt eq; mrc p15, 0, r0, c13, c0, 3 (TPIDRURO, not last, as NotLastInItBlock puts it); mov r1, #1",
            Test: 1, Flags: 0x4000_0000, TpidrUro: 0x1234_5678),
        new([0xBF04, 0xEE19_0F1E, 0x2101], "itt eq; mrc p15, 0, r0, c9, c14, 0 (PMUSERENR, with an access check, not last); mov r1, #1",
            Test: 1, Flags: 0x4000_0000),
        new([0xFA92_F182], "rev.w r1, r2 (Rm given twice, consistent)", Regs: [0, 0, 0x1122_3344, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ];

    private static Vector Named(string start) => System.Array.Find(All, v => v.Note.StartsWith(start, System.StringComparison.Ordinal))!;

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
        using var runner = new ThumbDifferentialRunner(v.MemorySeed);
        ThumbCase c = ToCase(v);
        CaseVerdict verdict = runner.Run(c);
        Assert.True(verdict == CaseVerdict.Agree, $"{v.Note}: {verdict}\n{c.Listing()}{runner.LastNote}");
        Assert.True(runner.ReachedTest, $"{v.Note}: the instruction under test was not reached");
    }

    /// <summary>Harness: a case after one that left Unicorn in ARM state, or after an exception, still steps Thumb code one instruction at a time.</summary>
    [Fact]
    public void CasesAfterArmStateAndExceptionsStillStepThumb()
    {
        using var runner = new ThumbDifferentialRunner(0);
        foreach (Vector first in (Vector[])[Named("bx pc"), Named("ittt eq; mov r1, #1; svc"), Named("ittt eq; mov r1, #1; udf")])
        {
            Assert.Equal(CaseVerdict.Agree, runner.Run(ToCase(first)));
            ThumbCase next = ToCase(Named("itete ne; mov r0"));
            Assert.True(runner.Run(next) == CaseVerdict.Agree, runner.LastNote);
            Assert.Equal(next.Length, runner.Steps);
        }
    }

    internal static ThumbCase ToCase(Vector v)
    {
        var c = new ThumbCase
        {
            Length = v.Program.Length, TestIndex = v.Test, Start = v.Start, ItStart = v.ItStart, Flags = v.Flags,
            TpidrUrw = v.TpidrUrw, TpidrUro = v.TpidrUro, RowName = "regression",
        };
        for (int i = 0; i < v.Program.Length; i++)
        {
            c.Program[i] = v.Program[i];
        }
        for (int i = 0; i < 15; i++)
        {
            c.Regs[i] = v.Regs?[i] ?? DifferentialRunner.DataPointerBase + 0x100u * (uint)i;
        }
        c.InItBlock = v.ItStart != 0 || (v.Test > 0 && (v.Program[0] & 0xFF00) == 0xBF00 && (v.Program[0] & 0xF) != 0);
        return c;
    }
}

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
        foreach (Vector first in (Vector[])[All[^1], All[3], All[4]])
        {
            Assert.Equal(CaseVerdict.Agree, runner.Run(ToCase(first)));
            ThumbCase next = ToCase(All[7]);
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

// Checks of what the Thumb fuzzer relies on in Unicorn 2: Thumb entry, one-instruction steps, IT blocks stepped by address, exception state.
using System.Runtime.InteropServices;
using Xunit;

namespace Codezero.Tests.Differential;

/// <summary>
/// The facts about Unicorn 2.0.1 in Thumb state that <see cref="ThumbExclusions.OracleAdjustments"/> states and
/// <see cref="ThumbDifferentialRunner"/> depends on. If an upgrade of Unicorn changes one, these say which note is stale.
/// </summary>
public sealed unsafe class ThumbUnicornSteppingTests
{
    private const uint Code = DifferentialRunner.CodeRegion;
    private const uint UserThumb = 0x30;

    [Fact]
    public void T16AndT32InstructionsStepOneAtATimeInThumbState()
    {
        // movs r0, #5 ; mov.w r2, #7 ; adds r1, r0, #1
        using var uc = Load([0x2005, 0xF04F, 0x0207, 0x1C41], UserThumb);
        var s = new CpuSnapshot();
        uc.Step(Code | 1, s, Code + 2);
        Assert.Equal((Code + 2, 5u, 0u), (s.R[15], s.R[0], s.R[2]));
        Assert.Equal(UserThumb, s.Cpsr);
        uc.Step(Code + 2 | 1, s, Code + 6);
        Assert.Equal((Code + 6, 7u, 0u), (s.R[15], s.R[2], s.R[1]));
        uc.Step(Code + 6 | 1, s); // by count alone, outside an IT block
        Assert.Equal((Code + 8, 6u), (s.R[15], s.R[1]));
        Assert.Equal(CaseOutcome.Completed, s.Outcome);
    }

    [Fact]
    public void CountIsIgnoredInsideAnItBlockButUntilStopsThereWithItState()
    {
        // ittt eq ; mov r1, #1 ; mov r2, #2 ; mov r3, #3 ; nop    (Z set: every slot passes)
        uint[] program = [0xBF02, 0x2101, 0x2202, 0x2303, 0xBF00];
        using (var uc = Load(program, UserThumb | 0x4000_0000))
        {
            var s = new CpuSnapshot();
            uc.Step(Code | 1, s); // count 1 from the IT instruction runs the whole block
            Assert.Equal(Code + 8, s.R[15]);
            Assert.Equal(3u, s.R[3]);
        }
        using (var uc = Load(program, UserThumb | 0x4000_0000))
        {
            var s = new CpuSnapshot();
            uc.Step(Code | 1, s, Code + 2);
            Assert.Equal(Code + 2, s.R[15]);
            Assert.Equal(0x02u, ItState(s.Cpsr)); // after IT: firstcond EQ, mask 0010
            uc.Step(Code + 2 | 1, s, Code + 4);
            Assert.Equal((Code + 4, 1u, 0u), (s.R[15], s.R[1], s.R[2]));
            Assert.Equal(0x04u, ItState(s.Cpsr));
            uc.Step(Code + 4 | 1, s, Code + 6);
            Assert.Equal(0x08u, ItState(s.Cpsr));
            uc.Step(Code + 6 | 1, s, Code + 8);
            Assert.Equal((Code + 8, 3u), (s.R[15], s.R[3]));
            Assert.Equal(0u, ItState(s.Cpsr));
        }
    }

    [Fact]
    public void ItStateWrittenWithTheCpsrConditionsTheNextInstructions()
    {
        // Enter an ITE EQ block at its second, last slot (ITSTATE 0x18: condition NE, mask 1000) with Z set: mov r1 is skipped.
        using var uc = Load([0x2101, 0x2202], UserThumb | 0x4000_0000 | ItBits(0x18));
        var s = new CpuSnapshot();
        uc.Step(Code | 1, s, Code + 2);
        Assert.Equal((Code + 2, 0u), (s.R[15], s.R[1]));
        Assert.Equal(0u, ItState(s.Cpsr));
        uc.Step(Code + 2 | 1, s, Code + 4);
        Assert.Equal(2u, s.R[2]);
    }

    [Fact]
    public void ExceptionsInsideAnItBlockStopWithTheStateTheyWouldSave()
    {
        // ittt eq ; mov r1, #1 ; udf #5 | svc #5 ; mov r2, #3   (Z set)
        using (var uc = Load([0xBF02, 0x2101, 0xDE05, 0x2203], UserThumb | 0x4000_0000))
        {
            var s = new CpuSnapshot();
            uc.Step(Code | 1, s, Code + 8, count: 0);
            Assert.Equal(CaseOutcome.Undefined, s.Outcome);
            Assert.Equal(Code + 4, s.R[15]);            // the faulting instruction
            Assert.Equal(0x04u, ItState(s.Cpsr));       // its own ITSTATE
        }
        using (var uc = Load([0xBF02, 0x2101, 0xDF05, 0x2203], UserThumb | 0x4000_0000))
        {
            var s = new CpuSnapshot();
            uc.Step(Code | 1, s, Code + 8, count: 0);
            Assert.Equal(CaseOutcome.SupervisorCall, s.Outcome);
            Assert.Equal(Code + 6, s.R[15]);            // the next instruction
            Assert.Equal(0x08u, ItState(s.Cpsr));       // the next instruction's ITSTATE
        }
    }

    private static uint ItBits(uint it) => ((it & 3) << 25) | ((it & 0xFC) << 8);

    private static uint ItState(uint cpsr) => ((cpsr >> 25) & 3) | ((cpsr >> 8) & 0xFC);

    /// <summary>An engine with <paramref name="halfwords"/> at the start of a code page, in Thumb state with <paramref name="cpsr"/>.</summary>
    private static UnicornWithPage Load(uint[] halfwords, uint cpsr)
    {
        var engine = new UnicornWithPage();
        for (int i = 0; i < halfwords.Length; i++)
        {
            ((ushort*)engine.Page)[i] = (ushort)halfwords[i];
        }
        engine.Uc.SetState(cpsr, new uint[16], Code | 1);
        return engine;
    }

    /// <summary>A Unicorn engine and the zeroed host page mapped at the code address, freed together.</summary>
    private sealed class UnicornWithPage : System.IDisposable
    {
        public readonly UnicornArm Uc = new();
        public readonly byte* Page = (byte*)NativeMemory.AlignedAlloc(DifferentialRunner.RegionSize, 4096);

        public UnicornWithPage()
        {
            NativeMemory.Clear(Page, DifferentialRunner.RegionSize);
            Uc.MapHost(Code, Page, DifferentialRunner.RegionSize);
        }

        public void Step(uint pc, CpuSnapshot s, uint until = 1, uint count = 1) => Uc.Step(pc, s, until, count);

        public void Dispose()
        {
            Uc.Dispose();
            NativeMemory.AlignedFree(Page);
        }
    }
}

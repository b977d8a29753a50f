// Builds a Thumb case from (seed, index): a random Thumb table row, random fields, perhaps an IT block around it, biased registers.
using System;
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Tests.Differential;

/// <summary>
/// Deterministic Thumb case generation, as <see cref="CaseGenerator"/> does for A32: case <c>i</c> of seed <c>s</c> is built
/// from <c>new Random(CaseSeed(s ^ salt, i))</c> alone, so any case replays without the ones before it. Rows are drawn
/// uniformly from <see cref="ThumbDecoder.Rows"/> as it is at run time (T16 and T32 alike), so rows added to the table
/// are fuzzed as soon as they exist. Shapes: a lone instruction (three cases in four), or the instruction inside an IT
/// block (see <see cref="ThumbExclusions.OracleAdjustments"/>, "IT blocks are built around the instruction under test").
/// </summary>
internal sealed class ThumbCaseGenerator
{
    /// <summary>Mixed into the seed so Thumb cases differ from the A32 cases of the same seed.</summary>
    private const int Salt = 0x5448_554D; // "THUM"

    /// <summary>T32 redraws of a word its row lowers to UNDEFINED (ThumbExclusions, "T32 UNPREDICTABLE forms are redrawn").</summary>
    private const int T32Redraws = 4;

    private readonly ThumbRowInfo[] _rows;

    public ThumbCaseGenerator()
    {
        ReadOnlySpan<ThumbRow> rows = ThumbDecoder.Rows;
        _rows = new ThumbRowInfo[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            _rows[i] = new ThumbRowInfo(i, rows[i]);
        }
    }

    public ReadOnlySpan<ThumbRowInfo> Rows => _rows;

    /// <summary>Fills <paramref name="c"/> with case <paramref name="index"/> of <paramref name="seed"/>; returns the drawn row.</summary>
    public ThumbRowInfo Generate(int seed, long index, ThumbCase c)
    {
        c.Index = index;
        c.CaseSeed = CaseGenerator.CaseSeed(seed ^ Salt, index);
        var rng = new Random(c.CaseSeed);
        ThumbRowInfo row = _rows[rng.Next(_rows.Length)];
        c.Flags = ((uint)rng.Next(16) << 28) | (rng.Next(2) == 0 ? 0u : 1u << 27) | ((uint)rng.Next(16) << 16);
        if (rng.Next(8) == 0)
        {
            c.Flags |= 1u << 9; // CPSR.E
        }
        for (int i = 0; i < 15; i++)
        {
            c.Regs[i] = FuzzValues.Register(rng);
        }
        if (rng.Next(10) != 0)
        {
            c.Regs[13] = FuzzValues.DataPointer(rng) & ~3u; // SP-relative loads and stores, PUSH and POP
        }
        c.Regs[15] = 0;
        c.TpidrUrw = FuzzValues.Register(rng);
        c.TpidrUro = FuzzValues.Register(rng);
        c.Start = DifferentialRunner.CodeAddress + 2u * (uint)rng.Next(2);
        c.ItStart = 0;

        // Where the instruction goes: alone, heading a block (the IT row), or inside a block.
        bool itRow = row.Family == ThumbFamily.It && !row.Is32;
        bool inBlock = !itRow && ThumbExclusions.AllowedInItBlock(row.Mnemonic) && rng.Next(4) == 0;
        bool notLast = ThumbExclusions.NeverLastInItBlock(row.Mnemonic);
        int blockLength = inBlock ? rng.Next(notLast ? 2 : 1, 5) : 0;
        bool last = row.IsBranch || ThumbExclusions.GoesLastInItBlock(row.Mnemonic);
        int position = inBlock ? (last ? blockLength - 1 : rng.Next(notLast ? blockLength - 1 : blockLength)) : 0;
        c.InItBlock = inBlock;
        c.LastInBlock = !inBlock || position == blockLength - 1;
        c.Length = 1;
        c.TestIndex = 0;
        for (int attempt = 0; ; attempt++)
        {
            c.Word = row.Value | (FuzzValues.Random32(rng) & row.FieldMask);
            // As for A32: the rules run before the address bias (so a base register they pick still gets a data
            // pointer) and after it (so value fixes such as alignment see the final values). They are idempotent.
            ApplyRules(row, c, rng);
            BiasAddresses(row, c, rng);
            ApplyRules(row, c, rng);
            if (!row.Is32 || attempt == T32Redraws || row.Mnemonic == "UDF" || !row.LowersToUndefined(c.Word, inBlock))
            {
                break;
            }
        }

        uint test = c.Word;
        if (itRow && (test & 0xF) != 0)
        {
            BuildBlock(c, rng, test, (test >> 4) & 0xF, test & 0xF, testPosition: -1, midStart: false);
        }
        else if (inBlock)
        {
            (uint firstCond, uint mask) = RandomIt(rng, blockLength);
            BuildBlock(c, rng, test, firstCond, mask, position, midStart: rng.Next(4) == 0);
        }

        // An operand fix can move a word into a more specific row: attribute the case to the row that decodes it.
        int decoded = ThumbCase.Is32(test) ? ThumbDecoder.FindRow32(test) : ThumbDecoder.FindRow16(test);
        ThumbRowInfo actual = decoded < 0 ? row : _rows[decoded];
        c.RowIndex = actual.Index;
        c.RowName = decoded < 0 ? row.Name + " (now UNDEFINED)" : actual.Name;
        c.UnpredictableByTable = decoded >= 0 && actual.FieldMask != 0 && actual.Mnemonic != "UDF" && actual.LowersToUndefined(test, c.InItBlock);
        c.Excluded = ThumbExclusions.ExcludedReason(actual);
        return row;
    }

    /// <summary>An IT condition and mask for a block of <paramref name="length"/> instructions (AL one time in eight, all T).</summary>
    private static (uint FirstCond, uint Mask) RandomIt(Random rng, int length)
    {
        bool always = rng.Next(8) == 0;
        uint firstCond = always ? 14u : (uint)rng.Next(14);
        uint mask = 1u << (4 - length);
        for (int k = 1; k < length; k++)
        {
            bool then = always || rng.Next(2) == 0;
            uint bit = then ? firstCond & 1 : ~firstCond & 1;
            mask |= bit << (4 - k);
        }
        return (firstCond, mask);
    }

    /// <summary>
    /// Lays out an IT block: the IT instruction (the instruction under test itself when <paramref name="testPosition"/>
    /// is -1), then the block with the instruction under test at <paramref name="testPosition"/> and fillers elsewhere.
    /// <paramref name="midStart"/> drops the IT instruction and starts with its ITSTATE in the CPSR instead.
    /// </summary>
    private static void BuildBlock(ThumbCase c, Random rng, uint test, uint firstCond, uint mask, int testPosition, bool midStart)
    {
        int length = 4 - System.Numerics.BitOperations.TrailingZeroCount(mask);
        int n = 0;
        if (midStart)
        {
            c.ItStart = (firstCond << 4) | mask;
        }
        else
        {
            c.Program[n++] = testPosition < 0 ? test : 0xBF00 | (firstCond << 4) | mask;
        }
        c.TestIndex = testPosition < 0 ? 0 : n + testPosition;
        for (int k = 0; k < length; k++)
        {
            if (k == testPosition)
            {
                c.Program[n++] = test;
                continue;
            }
            bool before = testPosition < 0 ? rng.Next(2) == 0 : k < testPosition;
            c.Program[n++] = before ? FlagFiller(rng) : KeepingFiller(rng);
        }
        c.Length = n;
    }

    /// <summary>A T16 instruction that only sets flags (inside an IT block too): CMP (imm), CMP/CMN/TST (reg).</summary>
    private static uint FlagFiller(Random rng)
    {
        uint n = (uint)rng.Next(8), m = (uint)rng.Next(8);
        return rng.Next(4) switch
        {
            0 => 0x2800 | (n << 8) | (uint)rng.Next(256),
            1 => 0x4280 | (m << 3) | n,
            2 => 0x42C0 | (m << 3) | n,
            _ => 0x4200 | (m << 3) | n,
        };
    }

    /// <summary>A T16 instruction that changes a low register without losing its value: ADD/SUB #imm8, EOR, ADC.</summary>
    private static uint KeepingFiller(Random rng)
    {
        uint d = (uint)rng.Next(8), m = (uint)rng.Next(8);
        return rng.Next(4) switch
        {
            0 => 0x3000 | (d << 8) | (uint)rng.Next(256),
            1 => 0x3800 | (d << 8) | (uint)rng.Next(256),
            2 => 0x4040 | (m << 3) | d,
            _ => 0x4140 | (m << 3) | d,
        };
    }

    private static void ApplyRules(ThumbRowInfo row, ThumbCase c, Random rng)
    {
        foreach (ThumbOperandRule rule in ThumbExclusions.OperandRules)
        {
            if (rule.AppliesTo(row))
            {
                rule.Fix(row, c, rng);
            }
        }
    }

    /// <summary>Makes loads and stores mostly hit the data pages: base registers point there, offset registers stay small.</summary>
    private static void BiasAddresses(ThumbRowInfo row, ThumbCase c, Random rng)
    {
        if (!row.IsMemory || rng.Next(10) == 0)
        {
            return; // leave some fully random addresses: both sides must then fault, or the case is skipped
        }
        int n = row.HasRegister('n') ? c.Reg(row, 'n') : -1;
        int m = row.HasRegister('m') ? c.Reg(row, 'm') : -1;
        if (m >= 0 && m != 15 && m != n)
        {
            c.Regs[m] = (uint)rng.Next(0x100);
        }
        if (n >= 0 && n != 15)
        {
            c.Regs[n] = FuzzValues.DataPointer(rng);
        }
    }
}

// One generated Thumb case: a short program (the instruction under test, perhaps inside an IT block) and the state both CPUs start from.
using System;
using System.Globalization;
using System.Text;
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Tests.Differential;

/// <summary>
/// The complete starting state of one Thumb case (memory aside, which is the runner's template): the program laid
/// out from <see cref="Start"/>, which instruction of it is under test, r0-r14, the flags and the ITSTATE the case
/// starts with. Instructions are stored as the table writes them: a T16 encoding in bits 15:0, a T32 encoding as
/// hw1:hw2. Reused between cases.
/// </summary>
internal sealed class ThumbCase
{
    /// <summary>The longest program: an IT instruction and four instructions.</summary>
    public const int MaxProgram = 5;

    public readonly uint[] Program = new uint[MaxProgram];
    public int Length;

    /// <summary>The index in <see cref="Program"/> of the instruction under test (drawn from the table).</summary>
    public int TestIndex;

    /// <summary>The address of Program[0]: the code address or two past it, so both halfword alignments of the PC occur.</summary>
    public uint Start;

    /// <summary>ITSTATE the case starts with: nonzero when it enters an IT block in the middle, as an exception return may.</summary>
    public uint ItStart;

    /// <summary>True when the instruction under test executes inside an IT block.</summary>
    public bool InItBlock;

    /// <summary>True when the instruction under test is the last of its IT block (always true outside IT blocks).</summary>
    public bool LastInBlock = true;

    /// <summary>r0-r14 (index 15 unused: the PC is <see cref="Start"/>).</summary>
    public readonly uint[] Regs = new uint[16];

    /// <summary>NZCV, Q, GE and E in their CPSR positions; User mode, T and ITSTATE are added by the runner.</summary>
    public uint Flags;
    public uint TpidrUrw, TpidrUro;

    public long Index;
    public int CaseSeed;
    public int RowIndex;
    public string RowName = "";

    /// <summary>
    /// True when the row decoding the instruction under test has field bits, is not UDF, and lowers this word to UNDEFINED:
    /// the table's treatment of an UNPREDICTABLE form (ThumbExclusions, "T32: UNPREDICTABLE form our table lowers to UNDEFINED").
    /// </summary>
    public bool UnpredictableByTable;

    /// <summary>Why the case is not compared (an excluded row); null otherwise.</summary>
    public string? Excluded;

    /// <summary>The instruction under test.</summary>
    public uint Word
    {
        get => Program[TestIndex];
        set => Program[TestIndex] = value;
    }

    public static bool Is32(uint insn) => insn > 0xFFFF;

    public static uint Size(uint insn) => Is32(insn) ? 4u : 2u;

    /// <summary>The address of Program[<paramref name="i"/>] (of the end of the program for i = Length).</summary>
    public uint AddressOf(int i)
    {
        uint a = Start;
        for (int k = 0; k < i; k++)
        {
            a += Size(Program[k]);
        }
        return a;
    }

    /// <summary>The address just past the program.</summary>
    public uint End => AddressOf(Length);

    public bool Bit(int b) => ((Word >> b) & 1) != 0;

    public uint Bits(int hi, int lo) => (Word >> lo) & ((1u << (hi - lo + 1)) - 1);

    public void SetBits(int hi, int lo, uint value)
    {
        uint m = ((1u << (hi - lo + 1)) - 1) << lo;
        Word = (Word & ~m) | ((value << lo) & m);
    }

    /// <summary>The register named by field <paramref name="letter"/> of the instruction under test.</summary>
    public int Reg(ThumbRowInfo row, char letter) => (int)row.Get(Word, letter);

    public void SetReg(ThumbRowInfo row, char letter, int r) => Word = row.Set(Word, letter, (uint)r);

    /// <summary>Replaces the register field <paramref name="letter"/> when its bit is set in <paramref name="avoid"/>, keeping it within the field's width.</summary>
    public void AvoidReg(ThumbRowInfo row, char letter, Random rng, int avoid)
    {
        int width = row.Width(letter);
        if (width == 0 || (avoid & (1 << Reg(row, letter))) == 0)
        {
            return;
        }
        int limit = 1 << width;
        while (true)
        {
            int r = rng.Next(limit);
            if ((avoid & (1 << r)) == 0)
            {
                SetReg(row, letter, r);
                return;
            }
        }
    }

    /// <summary>The program, one instruction per item, with the table's name for each and a mark on the one under test.</summary>
    public string Listing()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Length; i++)
        {
            uint insn = Program[i];
            string hex = Is32(insn) ? $"{insn >> 16:X4} {insn & 0xFFFF:X4}" : $"{insn:X4}     ";
            sb.Append(CultureInfo.InvariantCulture, $"    0x{AddressOf(i):X8}: {hex}  {ThumbDecoder.NameOf(insn)}{(i == TestIndex ? "   <- under test" : "")}\n");
        }
        return sb.ToString();
    }

    /// <summary>A C# line that pastes into <see cref="ThumbRegressionVectors"/> to replay this case.</summary>
    public string ToVectorLiteral(int memorySeed)
    {
        var sb = new StringBuilder("new([");
        for (int i = 0; i < Length; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"0x{Program[i]:X}");
        }
        sb.Append(CultureInfo.InvariantCulture, $"], \"note\", Test: {TestIndex}, Start: 0x{Start:X8}, ItStart: 0x{ItStart:X2}, Flags: 0x{Flags:X8}, MemorySeed: {memorySeed}, ");
        sb.Append(CultureInfo.InvariantCulture, $"TpidrUrw: 0x{TpidrUrw:X8}, TpidrUro: 0x{TpidrUro:X8}, Regs: [");
        for (int i = 0; i < 15; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"0x{Regs[i]:X8}");
        }
        return sb.Append("]),").ToString();
    }
}

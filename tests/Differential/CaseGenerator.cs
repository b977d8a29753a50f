// Builds a case from (seed, index): a random table row, random fields and condition, biased registers, random flags.
using System;
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Tests.Differential;

/// <summary>
/// Deterministic case generation: case <c>i</c> of seed <c>s</c> is built from <c>new Random(CaseSeed(s, i))</c>
/// alone, so any case replays without the ones before it. Rows are drawn uniformly, so every encoding class
/// of <see cref="A32Decoder.Rows"/> (whatever rows exist at run time) gets the same share.
/// </summary>
internal sealed class CaseGenerator
{
    private readonly RowInfo[] _rows;
    private readonly RowInfo[] _privilegedFocus;

    /// <summary>The modes privileged cases start in (Monitor is left out: see FuzzExclusions.PrivilegedModeChoices).</summary>
    private static readonly uint[] s_startModes = [0x11, 0x12, 0x13, 0x17, 0x1B, 0x1F];

    public CaseGenerator()
    {
        ReadOnlySpan<A32Row> rows = A32Decoder.Rows;
        _rows = new RowInfo[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            _rows[i] = new RowInfo(i, rows[i]);
        }
        var focus = new System.Collections.Generic.List<RowInfo>();
        foreach (RowInfo r in _rows)
        {
            if (r.Name is "MRS" or "MSR (reg)" or "MSR (imm)" or "CPS" or "SRS" or "RFE" or "LDM (user)" or "STM (user)" or "LDM (exception return)"
                || IsDataProcessingWritingPcWithFlags(r))
            {
                focus.Add(r);
            }
        }
        _privilegedFocus = focus.ToArray();
    }

    /// <summary>Data-processing rows with S = 1 and an Rd field: with Rd = PC they are exception returns (SUBS PC, LR, ...).</summary>
    private static bool IsDataProcessingWritingPcWithFlags(RowInfo r)
        => r.Family == RowFamily.DataProcessing && r.SetsFlags && !r.IsRegisterShifted && (r.RegisterFieldMask & (15u << 12)) != 0;

    public ReadOnlySpan<RowInfo> Rows => _rows;

    /// <summary>The seed of case <paramref name="index"/> of a run (SplitMix64 finaliser over both).</summary>
    public static int CaseSeed(int seed, long index)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ (ulong)index;
        z += 0x9E37_79B9_7F4A_7C15;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }

    /// <summary>Fills <paramref name="c"/> with case <paramref name="index"/>; returns the drawn row.</summary>
    /// <remarks>
    /// A privileged case (<paramref name="privileged"/>) draws from its own seed stream; half its rows come from the
    /// status-register, block-transfer and exception-return rows, and it starts in a random privileged mode with random
    /// A/I/F masks and random banked registers.
    /// </remarks>
    public RowInfo Generate(int seed, long index, FuzzCase c, bool privileged = false)
    {
        c.Index = index;
        c.CaseSeed = privileged ? CaseSeed(seed ^ 0x5052_4956, index) : CaseSeed(seed, index);
        var rng = new Random(c.CaseSeed);
        bool focus = privileged && rng.Next(2) == 0;
        RowInfo row = focus ? _privilegedFocus[rng.Next(_privilegedFocus.Length)] : _rows[rng.Next(_rows.Length)];
        c.Word = row.Value | (FuzzValues.Random32(rng) & row.FieldMask);
        if (focus && IsDataProcessingWritingPcWithFlags(row))
        {
            c.SetReg(FuzzCase.Rd, 15);
        }
        if (row.HasCondition)
        {
            uint cond = rng.Next(2) == 0 ? 14u : (uint)rng.Next(15);
            c.Word |= cond << 28;
        }
        c.Flags = ((uint)rng.Next(16) << 28) | (rng.Next(2) == 0 ? 0u : 1u << 27) | ((uint)rng.Next(16) << 16);
        if (rng.Next(8) == 0)
        {
            c.Flags |= 1u << 9; // CPSR.E: User code may run big-endian data accesses (SETEND BE)
        }
        for (int i = 0; i < 15; i++)
        {
            c.Regs[i] = FuzzValues.Register(rng);
        }
        c.Regs[15] = 0;
        c.Mode = FuzzCase.UserMode;
        c.HasPatch = false;
        if (privileged)
        {
            c.Mode = s_startModes[rng.Next(s_startModes.Length)];
            c.Flags |= (uint)rng.Next(8) << 6; // A, I, F
            for (int b = 0; b < FuzzCase.BankModes.Length; b++)
            {
                c.BankSp[b] = rng.Next(4) == 0 ? FuzzValues.Register(rng) : FuzzValues.DataPointer(rng) & ~3u;
                c.BankLr[b] = FuzzValues.Register(rng);
                c.BankSpsr[b] = b == 0 ? 0 : FuzzValues.ExceptionReturnPsr(rng);
            }
            for (int i = 0; i < 5; i++)
            {
                c.OtherHigh[i] = FuzzValues.Register(rng);
            }
        }
        c.TpidrUrw = FuzzValues.Register(rng);
        c.TpidrUro = FuzzValues.Register(rng);
        if (row.Family == RowFamily.Coprocessor && rng.Next(4) != 0)
        {
            (uint opc1, uint crn, uint crm, uint opc2) = FuzzValues.Cp15Register(rng);
            c.SetField(21, 3, opc1);
            c.SetField(16, 4, crn);
            c.SetField(0, 4, crm);
            c.SetField(5, 3, opc2);
        }
        // The rules run before the address bias (so a base register they pick still gets a data pointer) and
        // after it (so value fixes such as alignment see the final values). They are idempotent.
        ApplyRules(row, c, rng);
        BiasAddresses(row, c, rng);
        ApplyRules(row, c, rng);
        // An operand fix can move a word into a more specific row (e.g. MSR with mask 0 is a hint): test that row.
        int decoded = A32Decoder.FindRow(c.Word);
        c.RowIndex = decoded < 0 ? row.Index : decoded;
        c.RowName = decoded < 0 ? row.Name + " (now UNDEFINED)" : _rows[decoded].Name;
        c.Excluded = privileged ? FuzzExclusions.PrivilegedExcludedRowReason(_rows[c.RowIndex].Name) : FuzzExclusions.ExcludedRowReason(_rows[c.RowIndex].Name);
        return row;
    }

    private static void ApplyRules(RowInfo row, FuzzCase c, Random rng)
    {
        foreach (OperandRule rule in FuzzExclusions.OperandRules)
        {
            if (rule.AppliesTo(row))
            {
                rule.Fix(row, c, rng);
            }
        }
    }

    /// <summary>Makes loads and stores mostly hit the data pages: base registers point there, offset registers stay small.</summary>
    private static void BiasAddresses(RowInfo row, FuzzCase c, Random rng)
    {
        switch (row.Family)
        {
            case RowFamily.LoadStore:
            case RowFamily.LoadStoreDual:
            case RowFamily.LoadStoreMultiple:
            case RowFamily.Swap:
            case RowFamily.Exclusive:
            case RowFamily.Preload:
                break;
            default:
                return;
        }
        if (rng.Next(10) == 0)
        {
            return; // leave some fully random addresses: both sides must then fault, or the case is skipped
        }
        int n = c.Reg(FuzzCase.Rn);
        if (row.IsRegisterOffset)
        {
            int m = c.Reg(FuzzCase.Rm);
            c.Regs[m] = row.Family == RowFamily.LoadStore && row.Size is "" or "B"
                ? FuzzValues.SmallOffset(rng, c.Field(5, 2), (int)c.Field(7, 5))
                : FuzzValues.SmallOffset(rng, 0, 0);
        }
        if (n != 15)
        {
            c.Regs[n] = FuzzValues.DataPointer(rng);
        }
    }
}

// One decoder row as the fuzzer sees it: fixed bits, field runs, and the instruction family its name names.
using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Tests.Differential;

/// <summary>
/// A row of <see cref="A32Decoder.Rows"/> with what the generator and the operand rules need: where its
/// field bits are, which 4-bit fields name registers, and (from its name) which family it belongs to.
/// Rows added to the table later (media, saturating, DSP) are picked up as <see cref="RowFamily.Other"/>.
/// </summary>
internal sealed partial class RowInfo
{
    private static readonly HashSet<string> s_dataProcessing = new(StringComparer.Ordinal)
    {
        "AND", "EOR", "SUB", "RSB", "ADD", "ADC", "SBC", "RSC", "TST", "TEQ", "CMP", "CMN", "ORR", "MOV", "BIC", "MVN",
    };

    public RowInfo(int index, in A32Row row)
    {
        Index = index;
        Name = row.Name;
        Mask = row.Mask;
        Value = row.Value;
        IsUnconditional = row.IsUnconditional;
        HasCondition = (Mask >> 28) == 0;
        FieldMask = ~Mask & 0x0FFF_FFFFu;
        string bits = row.Pattern.Replace(" ", "", StringComparison.Ordinal);
        foreach (int at in stackalloc[] { 0, 8, 12, 16 })
        {
            // A register field is a run of exactly four bits of one letter (d n m t s a h l) on a nibble boundary;
            // longer runs of those letters are immediates (SSAT's saturate, BFI's msb, SBFX's lsb).
            char letter = bits[31 - at];
            bool whole = bits[31 - at - 1] == letter && bits[31 - at - 2] == letter && bits[31 - at - 3] == letter;
            bool longer = (at > 0 && bits[31 - at + 1] == letter) || (at < 28 && bits[31 - at - 4] == letter);
            if (whole && !longer && "dnmtsahl".Contains(letter, StringComparison.Ordinal))
            {
                RegisterFieldMask |= 15u << at;
                if (letter == 'h')
                {
                    HasHiLoPair = true;
                }
            }
        }
        Classify();
    }

    public int Index { get; }
    public string Name { get; }
    public uint Mask { get; }
    public uint Value { get; }
    public bool IsUnconditional { get; }

    /// <summary>True when bits 31:28 are a condition field (not 1111, and not fixed as BKPT's 1110 is).</summary>
    public bool HasCondition { get; }

    /// <summary>Bits the generator fills at random (everything not fixed, condition excluded).</summary>
    public uint FieldMask { get; }

    /// <summary>4-bit fields at bits 19:16, 15:12, 11:8, 3:0 whose pattern letter names a register (d n m t s a h l).</summary>
    public uint RegisterFieldMask { get; }

    /// <summary>True when the row has RdHi ('hhhh') and RdLo ('llll') register fields (long multiplies).</summary>
    public bool HasHiLoPair { get; }

    public RowFamily Family { get; private set; }

    /// <summary>The first word of the name ("LDRSH", "ADDS", "MCR").</summary>
    public string Mnemonic { get; private set; } = "";

    // Data processing
    public bool IsRegisterShifted { get; private set; }
    public bool SetsFlags { get; private set; }

    // Single, dual and multiple loads and stores
    public bool IsLoad { get; private set; }
    public bool IsRegisterOffset { get; private set; }
    public bool WritesBack { get; private set; }
    public bool IsPostIndexed { get; private set; }
    public bool IsUnprivileged { get; private set; }

    /// <summary>B, H, SB, SH or "" (word).</summary>
    public string Size { get; private set; } = "";

    public override string ToString() => Name;

    [GeneratedRegex(@"^(LDR|STR)(B|H|SB|SH|D)?(T)? \((imm|reg)(, (pre|post))?\)$")]
    private static partial Regex LoadStoreName();

    private void Classify()
    {
        string name = Name;
        int space = name.IndexOf(' ', StringComparison.Ordinal);
        Mnemonic = space < 0 ? name : name[..space];
        Match ls = LoadStoreName().Match(name);
        if (ls.Success)
        {
            IsLoad = ls.Groups[1].Value == "LDR";
            Size = ls.Groups[2].Value;
            IsUnprivileged = ls.Groups[3].Success;
            IsRegisterOffset = ls.Groups[4].Value == "reg";
            IsPostIndexed = IsUnprivileged || ls.Groups[6].Value == "post";
            WritesBack = IsUnprivileged || ls.Groups[6].Success;
            Family = Size == "D" ? RowFamily.LoadStoreDual : RowFamily.LoadStore;
            return;
        }
        string op = Mnemonic.Length == 4 && Mnemonic[3] == 'S' && s_dataProcessing.Contains(Mnemonic[..3]) ? Mnemonic[..3] : Mnemonic;
        if (s_dataProcessing.Contains(op) && (name.EndsWith("(imm)", StringComparison.Ordinal)
            || name.EndsWith("(reg)", StringComparison.Ordinal) || name.EndsWith("(rsr)", StringComparison.Ordinal)))
        {
            Family = RowFamily.DataProcessing;
            IsRegisterShifted = name.EndsWith("(rsr)", StringComparison.Ordinal);
            SetsFlags = (Value & (1u << 20)) != 0;
            return;
        }
        Family = Mnemonic switch
        {
            "MOVW" or "MOVT" => RowFamily.MoveWide,
            "B" or "BL" => RowFamily.Branch,
            "BLX" => name == "BLX (imm)" ? RowFamily.Branch : RowFamily.BranchExchange,
            "BX" or "BXJ" => RowFamily.BranchExchange,
            "LDM" or "STM" => RowFamily.LoadStoreMultiple,
            "MUL" or "MLA" or "MLS" or "UMAAL" or "UMULL" or "UMLAL" or "SMULL" or "SMLAL" => RowFamily.Multiply,
            "MRS" or "MSR" or "CPS" or "SETEND" or "SRS" or "RFE" => RowFamily.StatusRegister,
            "SVC" or "BKPT" or "SMC" => RowFamily.ExceptionGenerating,
            "NOP" or "NOP-compatible" or "YIELD" or "WFE" or "WFI" or "SEV" or "DBG"
                or "CLREX" or "DSB" or "DMB" or "ISB" => RowFamily.Hint,
            "PLD" or "PLDW" or "PLI" => RowFamily.Preload,
            "SWP" or "SWPB" => RowFamily.Swap,
            "LDREX" or "LDREXB" or "LDREXH" or "LDREXD" or "STREX" or "STREXB" or "STREXH" or "STREXD" => RowFamily.Exclusive,
            "MCR" or "MRC" => RowFamily.Coprocessor,
            _ => RowFamily.Other,
        };
    }
}

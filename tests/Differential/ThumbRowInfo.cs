// One Thumb decoder row as the Thumb fuzzer sees it: fixed bits, its pattern's named fields, and its family.
using System;
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Decoder;

namespace Codezero.Tests.Differential;

/// <summary>
/// A row of <see cref="ThumbDecoder.Rows"/> with what the generator and the rules need. Fields are read from the
/// pattern: every run of one letter is part of that letter's field, runs concatenated most significant first (so
/// <c>"01000100 d mmmm ddd"</c> gives a 4-bit d = D:ddd). Rows added to the table later are picked up as they are;
/// their family comes from the first word of their name.
/// </summary>
internal sealed unsafe class ThumbRowInfo
{
    /// <summary>Letters that name a register when their field is 3 (r0-r7) or 4 bits wide.</summary>
    private const string RegisterLetters = "dnmtahl";

    private readonly List<(char Letter, int Lo, int Width)> _runs = new();

    public ThumbRowInfo(int index, in ThumbRow row)
    {
        Index = index;
        Name = row.Name;
        Mask = row.Mask;
        Value = row.Value;
        Is32 = row.Is32;
        FieldMask = row.FieldMask;
        string bits = row.Pattern.Replace(" ", "", StringComparison.Ordinal);
        for (int i = 0; i < bits.Length;)
        {
            char letter = bits[i];
            int j = i;
            while (j < bits.Length && bits[j] == letter)
            {
                j++;
            }
            if (char.IsAsciiLetter(letter))
            {
                _runs.Add((letter, bits.Length - j, j - i));
            }
            i = j;
        }
        int space = Name.IndexOf(' ', StringComparison.Ordinal);
        string first = space < 0 ? Name : Name[..space];
        Mnemonic = first.EndsWith(".W", StringComparison.Ordinal) || first.EndsWith(".N", StringComparison.Ordinal) ? first[..^2] : first;
        Family = Classify(Mnemonic, Name);
    }

    public int Index { get; }
    public string Name { get; }

    /// <summary>The first word of the name without a .W/.N qualifier ("LDRSH", "B&lt;c&gt;", "PUSH").</summary>
    public string Mnemonic { get; }
    public uint Mask { get; }
    public uint Value { get; }
    public bool Is32 { get; }

    /// <summary>Bits the generator fills at random (16 or 32 bits wide).</summary>
    public uint FieldMask { get; }
    public ThumbFamily Family { get; }

    /// <summary>Branches of either kind: inside an IT block they must be its last instruction.</summary>
    public bool IsBranch => Family is ThumbFamily.Branch or ThumbFamily.BranchExchange or ThumbFamily.TableBranch;

    /// <summary>Rows whose base register should point at the data pages.</summary>
    public bool IsMemory => Family is ThumbFamily.LoadStore or ThumbFamily.LoadStoreDual or ThumbFamily.LoadStoreMultiple
        or ThumbFamily.Exclusive or ThumbFamily.Preload or ThumbFamily.TableBranch;

    /// <summary>Total width of the field named by <paramref name="letter"/> (0 when the pattern has none; 4 for a repeated register).</summary>
    public int Width(char letter)
    {
        if (IsRepeated(letter))
        {
            return 4;
        }
        int width = 0;
        foreach (var run in _runs)
        {
            if (run.Letter == letter)
            {
                width += run.Width;
            }
        }
        return width;
    }

    /// <summary>
    /// True when a T32 pattern gives register <paramref name="letter"/> twice, as separate 4-bit runs (Rm of REV, RBIT, CLZ:
    /// the ARM ARM's "if !Consistent(Rm) then UNPREDICTABLE"). T32 never splits a register field, so two such runs are copies;
    /// <see cref="Get"/> reads the first and <see cref="Set"/> writes both.
    /// </summary>
    public bool IsRepeated(char letter)
    {
        if (!Is32 || !RegisterLetters.Contains(letter, StringComparison.Ordinal))
        {
            return false;
        }
        int count = 0;
        foreach (var run in _runs)
        {
            if (run.Letter == letter)
            {
                if (run.Width != 4)
                {
                    return false;
                }
                count++;
            }
        }
        return count > 1;
    }

    /// <summary>The register letters <see cref="IsRepeated"/> is true for.</summary>
    public IEnumerable<char> RepeatedRegisters()
    {
        foreach (char letter in RegisterLetters)
        {
            if (IsRepeated(letter))
            {
                yield return letter;
            }
        }
    }

    /// <summary>True when the field <paramref name="letter"/> is a register number (3 or 4 bits of d, n, m, t, a, h, l).</summary>
    public bool HasRegister(char letter) => RegisterLetters.Contains(letter, StringComparison.Ordinal) && Width(letter) is 3 or 4;

    /// <summary>The value of field <paramref name="letter"/> in <paramref name="word"/>.</summary>
    public uint Get(uint word, char letter)
    {
        bool repeated = IsRepeated(letter);
        uint v = 0;
        foreach (var run in _runs)
        {
            if (run.Letter == letter)
            {
                v = (v << run.Width) | ((word >> run.Lo) & ((1u << run.Width) - 1));
                if (repeated)
                {
                    return v;
                }
            }
        }
        return v;
    }

    /// <summary><paramref name="word"/> with field <paramref name="letter"/> set to <paramref name="value"/>.</summary>
    public uint Set(uint word, char letter, uint value)
    {
        bool repeated = IsRepeated(letter);
        for (int i = _runs.Count - 1; i >= 0; i--)
        {
            var run = _runs[i];
            if (run.Letter == letter)
            {
                uint m = ((1u << run.Width) - 1) << run.Lo;
                word = (word & ~m) | ((value << run.Lo) & m);
                if (!repeated)
                {
                    value >>= run.Width;
                }
            }
        }
        return word;
    }

    /// <summary>True when this row lowers <paramref name="word"/> to UNDEFINED (the table's treatment of UNPREDICTABLE forms).</summary>
    public bool LowersToUndefined(uint word, bool inItBlock) => ThumbDecoder.Rows[Index].Lower(word, inItBlock).IsUndefined;

    public override string ToString() => Name;

    private static ThumbFamily Classify(string mnemonic, string name)
    {
        switch (mnemonic)
        {
            case "B" or "B<c>" or "BL" or "CBZ" or "CBNZ":
                return ThumbFamily.Branch;
            case "BLX":
                return name.Contains("(reg", StringComparison.Ordinal) ? ThumbFamily.BranchExchange : ThumbFamily.Branch;
            case "BX" or "BXJ":
                return ThumbFamily.BranchExchange;
            case "TBB" or "TBH":
                return ThumbFamily.TableBranch;
            case "IT":
                return ThumbFamily.It;
            case "LDRD" or "STRD":
                return ThumbFamily.LoadStoreDual;
            case "PUSH" or "POP":
                return ThumbFamily.LoadStoreMultiple;
            case "PLD" or "PLDW" or "PLI":
                return ThumbFamily.Preload;
            case "NOP" or "YIELD" or "WFE" or "WFI" or "SEV" or "DBG" or "CLREX" or "DSB" or "DMB" or "ISB":
                return ThumbFamily.Hint;
            case "MRS" or "MSR" or "CPS" or "CPSIE" or "CPSID" or "SETEND" or "SRS" or "RFE" or "SRSDB" or "SRSIA" or "RFEDB" or "RFEIA":
                return ThumbFamily.StatusRegister;
            case "SVC" or "BKPT" or "UDF" or "SMC":
                return ThumbFamily.ExceptionGenerating;
            case "MCR" or "MRC" or "MCR2" or "MRC2" or "MCRR" or "MRRC" or "MCRR2" or "MRRC2" or "LDC" or "STC" or "LDC2" or "STC2" or "CDP" or "CDP2":
                return ThumbFamily.Coprocessor;
        }
        if (mnemonic.StartsWith("LDREX", StringComparison.Ordinal) || mnemonic.StartsWith("STREX", StringComparison.Ordinal))
        {
            return ThumbFamily.Exclusive;
        }
        if (mnemonic.StartsWith("LDM", StringComparison.Ordinal) || mnemonic.StartsWith("STM", StringComparison.Ordinal))
        {
            return ThumbFamily.LoadStoreMultiple;
        }
        if (mnemonic.StartsWith("LDR", StringComparison.Ordinal) || mnemonic.StartsWith("STR", StringComparison.Ordinal))
        {
            return ThumbFamily.LoadStore;
        }
        return ThumbFamily.Other;
    }
}

// The Thumb encoding table: every T16 and T32 encoding the board runs, and how each is lowered.
using System.Collections.Generic;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// The Thumb instruction set of ARMv7-A (VFP/NEON excepted), one row per encoding, grouped by the ARM
/// ARM's Thumb encoding classes (A6.2 for 16-bit, A6.3 for 32-bit) in the partial files beside this one.
/// As in <see cref="A32Table"/>, should-be bits are fixed bits and UNPREDICTABLE forms lower to UNDEFINED.
/// </summary>
public static partial class ThumbTable
{
    /// <summary>All rows, in table order (the decoder sorts them most-specific-first within each width).</summary>
    public static ThumbRow[] Rows()
    {
        var rows = new List<ThumbRow>(512);
        AddT16(rows);
        AddT32DataProcessing(rows);
        AddT32Media(rows);
        AddT32LoadStore(rows);
        AddT32Branches(rows);
        AddT32System(rows);
        return rows.ToArray();
    }

    static partial void AddT32DataProcessing(List<ThumbRow> rows);

    static partial void AddT32Media(List<ThumbRow> rows);

    static partial void AddT32LoadStore(List<ThumbRow> rows);

    static partial void AddT32Branches(List<ThumbRow> rows);

    static partial void AddT32System(List<ThumbRow> rows);

    /// <summary>Bits [hi:lo] of an encoding.</summary>
    internal static uint Bits(uint raw, int hi, int lo) => (raw >> lo) & ((1u << (hi - lo + 1)) - 1);
}

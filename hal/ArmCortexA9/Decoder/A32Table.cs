// The A32 encoding table: the single truth about which words are which instructions.
using System.Collections.Generic;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// Every A32 encoding a Cortex-A9 executes (VFP/NEON excepted), one row each, grouped by the
/// ARM ARM's encoding classes in the partial files beside this one. Should-be-zero and should-be-one
/// bits are written as fixed bits: a word that breaks them is UNPREDICTABLE on the architecture and
/// decodes as UNDEFINED here, which is also what QEMU does.
/// </summary>
public static partial class A32Table
{
    /// <summary>All rows, in table order (the decoder sorts them most-specific-first).</summary>
    public static A32Row[] Rows()
    {
        var rows = new List<A32Row>(512);
        AddDataProcessing(rows);
        AddBranches(rows);
        AddLoadStore(rows);
        AddLoadStoreMultiple(rows);
        AddMultiply(rows);
        AddMedia(rows);
        AddSystem(rows);
        AddCoprocessor(rows);
        return rows.ToArray();
    }

    static partial void AddMedia(List<A32Row> rows);
}

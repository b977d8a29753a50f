// Turns an A32 instruction word into its handler using the encoding table, spread into 4096 buckets.
using System;
using System.Numerics;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// Decoding as dynarmic does it: the table (<see cref="A32Table"/>) is sorted most-specific-first and
/// spread into lookup arrays keyed by bits [27:20] and [7:4]; a word then tries only the rows of its
/// bucket, first match wins. A word that matches no row is UNDEFINED.
/// </summary>
public static unsafe class A32Decoder
{
    private static readonly A32Row[] s_rows = SortMostSpecificFirst(A32Table.Rows());
    private static readonly int[][] s_conditional = Spread(conditional: true);
    private static readonly int[][] s_unconditional = Spread(conditional: false);

    /// <summary>The table in the order the decoder tries it.</summary>
    public static ReadOnlySpan<A32Row> Rows => s_rows;

    /// <summary>The handler for an instruction word (the undefined-instruction handler when nothing matches).</summary>
    public static delegate*<ArmCore, uint, void> Decode(uint raw)
    {
        int row = FindRow(raw);
        return row < 0 ? &UndefinedInstruction : s_rows[row].Handler;
    }

    /// <summary>Index into <see cref="Rows"/> of the row that decodes <paramref name="raw"/>, or -1.</summary>
    public static int FindRow(uint raw)
    {
        int key = (int)(((raw >> 16) & 0xFF0) | ((raw >> 4) & 0xF));
        int[] bucket = (raw >> 28) == 0xF ? s_unconditional[key] : s_conditional[key];
        for (int i = 0; i < bucket.Length; i++)
        {
            if (s_rows[bucket[i]].Matches(raw))
            {
                return bucket[i];
            }
        }
        return -1;
    }

    /// <summary>The mnemonic of the row that decodes a word, or "UNDEFINED".</summary>
    public static string NameOf(uint raw)
    {
        int row = FindRow(raw);
        return row < 0 ? "UNDEFINED" : s_rows[row].Name;
    }

    /// <summary>Handler of every encoding the table does not define.</summary>
    public static void UndefinedInstruction(ArmCore core, uint raw) => core.Undefined();

    private static A32Row[] SortMostSpecificFirst(A32Row[] rows)
    {
        var order = new int[rows.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        // Stable: equal specificity keeps the table's order.
        Array.Sort(order, (a, b) =>
        {
            int bySpecificity = BitOperations.PopCount(rows[b].Mask).CompareTo(BitOperations.PopCount(rows[a].Mask));
            return bySpecificity != 0 ? bySpecificity : a.CompareTo(b);
        });
        var sorted = new A32Row[rows.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sorted[i] = rows[order[i]];
        }
        return sorted;
    }

    private static int[][] Spread(bool conditional)
    {
        const uint keyMask = 0x0FF0_00F0;
        var buckets = new int[4096][];
        var scratch = new int[s_rows.Length];
        for (int key = 0; key < 4096; key++)
        {
            uint keyBits = ((uint)(key & 0xFF0) << 16) | ((uint)(key & 0xF) << 4);
            int count = 0;
            for (int r = 0; r < s_rows.Length; r++)
            {
                ref readonly A32Row row = ref s_rows[r];
                if (row.IsUnconditional == conditional)
                {
                    continue;
                }
                uint common = row.Mask & keyMask;
                if ((keyBits & common) == (row.Value & common))
                {
                    scratch[count++] = r;
                }
            }
            buckets[key] = scratch.AsSpan(0, count).ToArray();
        }
        return buckets;
    }
}

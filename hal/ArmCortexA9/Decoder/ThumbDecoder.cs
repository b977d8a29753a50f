// Turns Thumb encodings into lowered instructions using the Thumb table: a flat table for T16, buckets for T32.
using System;
using System.Numerics;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// Decoding of the Thumb instruction set from <see cref="ThumbTable"/>, tried most-specific-first as
/// <see cref="A32Decoder"/> does. The 65536 T16 encodings are lowered once, both as they mean outside an IT
/// block and inside one; a T32 encoding tries the rows of its bucket (keyed by hw1[12:4] and hw2[15:12]).
/// </summary>
public static unsafe class ThumbDecoder
{
    /// <summary>Bit of <see cref="DecodedInsn.Reserved"/> set when a T16 entry means something else inside an IT block.</summary>
    public const uint ItSensitiveFlag = 0x100;

    /// <summary>Bits of <see cref="DecodedInsn.Reserved"/> holding the instruction's length in bytes (2 or 4).</summary>
    public const uint LengthMask = 0x7;

    private static readonly ThumbRow[] s_rows = SortMostSpecificFirst(ThumbTable.Rows());
    private static readonly int[][] s_buckets32 = Spread32();
    private static readonly LoweredInsn[] s_t16 = LowerAll16(inItBlock: false);
    private static readonly LoweredInsn[] s_t16InIt = LowerAll16(inItBlock: true);
    private static readonly bool[] s_t16ItSensitive = FindItSensitive16();

    /// <summary>The table in the order the decoder tries it (T16 rows first, then T32).</summary>
    public static ReadOnlySpan<ThumbRow> Rows => s_rows;

    /// <summary>True when a halfword is the first half of a 32-bit encoding (hw1[15:11] is 11101, 11110 or 11111).</summary>
    public static bool Is32BitPrefix(uint hw1) => (hw1 & 0xFFFF) >= 0xE800;

    /// <summary>A T16 encoding lowered for execution outside or inside an IT block.</summary>
    public static LoweredInsn Decode16(uint hw, bool inItBlock) => (inItBlock ? s_t16InIt : s_t16)[hw & 0xFFFF];

    /// <summary>True when the T16 encoding lowers differently inside an IT block.</summary>
    public static bool IsItSensitive16(uint hw) => s_t16ItSensitive[hw & 0xFFFF];

    /// <summary>A T32 encoding (hw1 in bits 31:16, hw2 in 15:0) lowered; outside and inside IT blocks are the same.</summary>
    public static LoweredInsn Decode32(uint raw)
    {
        int row = FindRow32(raw);
        return row < 0 ? LoweredInsn.Undefined : s_rows[row].Lower(raw, false);
    }

    /// <summary>Index into <see cref="Rows"/> of the T16 row decoding <paramref name="hw"/>, or -1.</summary>
    public static int FindRow16(uint hw)
    {
        for (int i = 0; i < s_rows.Length && !s_rows[i].Is32; i++)
        {
            if (s_rows[i].Matches(hw & 0xFFFF))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Index into <see cref="Rows"/> of the T32 row decoding <paramref name="raw"/>, or -1.</summary>
    public static int FindRow32(uint raw)
    {
        int[] bucket = s_buckets32[Key32(raw)];
        for (int i = 0; i < bucket.Length; i++)
        {
            if (s_rows[bucket[i]].Matches(raw))
            {
                return bucket[i];
            }
        }
        return -1;
    }

    /// <summary>The mnemonic of the row decoding an encoding (a T16 halfword or hw1:hw2), or "UNDEFINED".</summary>
    public static string NameOf(uint raw)
    {
        int row = raw <= 0xFFFF ? FindRow16(raw) : FindRow32(raw);
        return row < 0 ? "UNDEFINED" : s_rows[row].Name;
    }

    private static int Key32(uint raw) => (int)(((raw >> 16) & 0x1FF0) | ((raw >> 12) & 0xF));

    private static ThumbRow[] SortMostSpecificFirst(ThumbRow[] rows)
    {
        var order = new int[rows.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) =>
        {
            int byWidth = rows[a].Is32.CompareTo(rows[b].Is32);
            if (byWidth != 0)
            {
                return byWidth;
            }
            int bySpecificity = BitOperations.PopCount(rows[b].Mask).CompareTo(BitOperations.PopCount(rows[a].Mask));
            return bySpecificity != 0 ? bySpecificity : a.CompareTo(b);
        });
        var sorted = new ThumbRow[rows.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sorted[i] = rows[order[i]];
        }
        return sorted;
    }

    private static int[][] Spread32()
    {
        const uint keyMask = 0x1FF0_F000;
        var buckets = new int[8192][];
        var scratch = new int[s_rows.Length];
        for (int key = 0; key < 8192; key++)
        {
            uint keyBits = ((uint)(key & 0x1FF0) << 16) | ((uint)(key & 0xF) << 12);
            int count = 0;
            for (int r = 0; r < s_rows.Length; r++)
            {
                ref readonly ThumbRow row = ref s_rows[r];
                uint common = row.Mask & keyMask;
                if (row.Is32 && (keyBits & common) == (row.Value & common))
                {
                    scratch[count++] = r;
                }
            }
            buckets[key] = scratch.AsSpan(0, count).ToArray();
        }
        return buckets;
    }

    private static LoweredInsn[] LowerAll16(bool inItBlock)
    {
        var lowered = new LoweredInsn[65536];
        for (uint hw = 0; hw < 65536; hw++)
        {
            int row = Is32BitPrefix(hw) ? -1 : FindRow16(hw);
            lowered[hw] = row < 0 ? LoweredInsn.Undefined : s_rows[row].Lower(hw, inItBlock);
        }
        return lowered;
    }

    private static bool[] FindItSensitive16()
    {
        var sensitive = new bool[65536];
        for (uint hw = 0; hw < 65536; hw++)
        {
            sensitive[hw] = (nint)s_t16[hw].Handler != (nint)s_t16InIt[hw].Handler || s_t16[hw].Raw != s_t16InIt[hw].Raw;
        }
        return sensitive;
    }

    /// <summary>
    /// Handler of a T32 instruction whose second halfword lies on the next page: it is fetched through the
    /// MMU when the instruction runs, then decoded and executed (raw holds hw1).
    /// </summary>
    public static void CrossPage32(ArmCore core, uint raw)
    {
        uint address = core.CurrentInstructionAddress;
        if (!core.FetchHalfword(address + 2, out uint hw2))
        {
            return; // the prefetch abort was taken
        }
        LoweredInsn insn = Decode32((raw << 16) | hw2);
        insn.Handler(core, insn.Raw);
    }
}

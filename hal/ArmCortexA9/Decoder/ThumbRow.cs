// One row of the Thumb encoding table: a 16- or 32-bit pattern, a mnemonic and how the encoding is lowered.
using System;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// A row of the declarative Thumb table. The pattern has 16 symbols (a T16 encoding) or 32 (a T32 encoding,
/// hw1 then hw2, as the ARM ARM writes them), most significant bit first, spaces ignored: '0' and '1' are
/// fixed bits, any letter a field bit. <see cref="Lower"/> turns a matching encoding into the handler and
/// word the interpreter runs; <paramref name="inItBlock"/> tells it whether the instruction sits inside an
/// IT block, which changes the meaning of the T16 data-processing encodings (they set flags only outside).
/// </summary>
public readonly unsafe struct ThumbRow
{
    public readonly string Name;
    public readonly string Pattern;
    public readonly uint Mask;
    public readonly uint Value;

    /// <summary>True for a T32 (two-halfword) encoding.</summary>
    public readonly bool Is32;

    /// <summary>Lowers an encoding of this row: (encoding, inside an IT block) → handler and word.</summary>
    public readonly delegate*<uint, bool, LoweredInsn> Lower;

    public ThumbRow(string name, string pattern, delegate*<uint, bool, LoweredInsn> lower)
    {
        Name = name;
        Pattern = pattern;
        Lower = lower;
        string bits = pattern.Replace(" ", "", StringComparison.Ordinal);
        if (bits.Length != 16 && bits.Length != 32)
        {
            throw new ArgumentException($"Thumb pattern for {name} has {bits.Length} bits: '{pattern}'");
        }
        Is32 = bits.Length == 32;
        uint mask = 0, value = 0;
        for (int i = 0; i < bits.Length; i++)
        {
            char ch = bits[i];
            int bit = bits.Length - 1 - i;
            if (ch == '0' || ch == '1')
            {
                mask |= 1u << bit;
                value |= (uint)(ch - '0') << bit;
            }
            else if (!char.IsAsciiLetter(ch))
            {
                throw new ArgumentException($"Thumb pattern for {name} has symbol '{ch}': '{pattern}'");
            }
        }
        int top = bits.Length - 5; // hw1[15:11] decides the length: every value the pattern allows must agree
        uint fixedTop = (mask >> top) & 0x1F, valueTop = (value >> top) & 0x1F;
        for (uint t = 0; t < 32; t++)
        {
            if ((t & fixedTop) == valueTop && (t >= 0x1D) != Is32)
            {
                throw new ArgumentException($"Thumb pattern for {name} does not fix its length: '{pattern}'");
            }
        }
        Mask = mask;
        Value = value;
    }

    /// <summary>All field bits of the encoding (16 or 32 bits wide).</summary>
    public uint FieldMask => ~Mask & (Is32 ? 0xFFFF_FFFFu : 0xFFFFu);

    public bool Matches(uint raw) => (raw & Mask) == Value;

    public override string ToString() => $"{Name} [{Pattern}]";
}

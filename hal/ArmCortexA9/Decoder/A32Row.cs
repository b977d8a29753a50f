// One row of the A32 encoding table: a bit pattern with named fields, a mnemonic and a handler.
using System;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// A row of the declarative encoding table. The pattern has 32 symbols, most significant bit first
/// (spaces are ignored): '0' and '1' are fixed bits, any letter is a field bit the handler reads.
/// Rows whose pattern starts with "1111" live in the unconditional space; all others must start with "cccc".
/// </summary>
public readonly unsafe struct A32Row
{
    public readonly string Name;
    public readonly string Pattern;
    public readonly uint Mask;
    public readonly uint Value;
    public readonly delegate*<Cpu.ArmCore, uint, void> Handler;

    public A32Row(string name, string pattern, delegate*<Cpu.ArmCore, uint, void> handler)
    {
        Name = name;
        Pattern = pattern;
        Handler = handler;
        string bits = pattern.Replace(" ", "", StringComparison.Ordinal);
        if (bits.Length != 32)
        {
            throw new ArgumentException($"A32 pattern for {name} has {bits.Length} bits: '{pattern}'");
        }
        uint mask = 0, value = 0;
        for (int i = 0; i < 32; i++)
        {
            char ch = bits[i];
            int bit = 31 - i;
            if (ch == '0' || ch == '1')
            {
                mask |= 1u << bit;
                value |= (uint)(ch - '0') << bit;
            }
            else if (!char.IsAsciiLetter(ch))
            {
                throw new ArgumentException($"A32 pattern for {name} has symbol '{ch}': '{pattern}'");
            }
        }
        Mask = mask;
        Value = value;
    }

    /// <summary>True for rows of the unconditional (cond = 1111) space.</summary>
    public bool IsUnconditional => (Mask >> 28) == 0xF && (Value >> 28) == 0xF;

    public bool Matches(uint raw) => (raw & Mask) == Value;

    public override string ToString() => $"{Name} [{Pattern}]";
}

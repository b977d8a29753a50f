// Random register values biased towards the interesting ones, and pointers into the fuzzer's data pages.
using System;
using System.Numerics;

namespace Codezero.Tests.Differential;

/// <summary>Value choices for the generator; all randomness comes from the case's <see cref="Random"/>.</summary>
internal static class FuzzValues
{
    private static readonly uint[] s_interesting =
    [
        0, 1, 2, 3, 4, 0x1F, 0x20, 0x21, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000,
        0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFF, 0xFFFF_FFFE, 0xFFFF_0000, 0x7F7F_7F7F, 0x8080_8080,
        0x00FF_00FF, 0xFF00_FF00, 0x0000_7FFF, 0xFFFF_8000,
    ];

    /// <summary>A value for a general register: a data pointer, an edge value, a small number or anything.</summary>
    public static uint Register(Random rng)
    {
        int pick = rng.Next(10);
        return pick switch
        {
            < 4 => DataPointer(rng),
            < 7 => s_interesting[rng.Next(s_interesting.Length)],
            7 => (uint)rng.Next(64),
            _ => Random32(rng),
        };
    }

    /// <summary>An address in the middle two data pages, so any 12-bit offset either way stays mapped; mostly word-aligned.</summary>
    public static uint DataPointer(Random rng)
    {
        uint p = DifferentialRunner.DataPointerBase + (uint)rng.Next((int)DifferentialRunner.DataPointerSpan);
        return rng.Next(4) == 0 ? p : p & ~3u;
    }

    /// <summary>A register offset that keeps the address near its base once shifted (LSL by the encoded amount).</summary>
    public static uint SmallOffset(Random rng, uint shiftType, int amount)
    {
        uint v = (uint)rng.Next(0x400);
        return shiftType == 0 ? v >> Math.Min(amount, 31) : v;
    }

    public static uint Random32(Random rng) => (uint)rng.NextInt64(0, 1L << 32);

    /// <summary>Shift() of the ARM ARM for an immediate-shifted register offset (0 means 32 for LSR/ASR, RRX for ROR).</summary>
    public static uint ShiftForAddress(uint value, uint type, int amount, uint carry) => type switch
    {
        0 => value << amount,
        1 => amount == 0 ? 0 : value >> amount,
        2 => (uint)((int)value >> (amount == 0 ? 31 : amount)),
        _ => amount == 0 ? (carry << 31) | (value >> 1) : BitOperations.RotateRight(value, amount),
    };
}

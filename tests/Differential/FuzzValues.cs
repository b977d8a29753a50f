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

    // CP15 registers and operations an A9 has (opc1, CRn, CRm, opc2): random MCR/MRC fields would almost never name one.
    private static readonly (uint, uint, uint, uint)[] s_cp15 =
    [
        (0, 0, 0, 0), (0, 0, 0, 1), (0, 0, 0, 2), (0, 0, 0, 3), (0, 0, 0, 5), (0, 0, 0, 6),
        (0, 0, 1, 0), (0, 0, 1, 1), (0, 0, 1, 2), (0, 0, 1, 3), (0, 0, 1, 4), (0, 0, 1, 5), (0, 0, 1, 6), (0, 0, 1, 7),
        (0, 0, 2, 0), (0, 0, 2, 1), (0, 0, 2, 2), (0, 0, 2, 3), (0, 0, 2, 4), (0, 0, 2, 5),
        (1, 0, 0, 0), (1, 0, 0, 1), (1, 0, 0, 7), (2, 0, 0, 0),
        (0, 1, 0, 0), (0, 1, 0, 1), (0, 1, 0, 2), (0, 1, 1, 0), (0, 1, 1, 1), (0, 1, 1, 2),
        (0, 2, 0, 0), (0, 2, 0, 1), (0, 2, 0, 2), (0, 3, 0, 0),
        (0, 5, 0, 0), (0, 5, 0, 1), (0, 5, 1, 0), (0, 5, 1, 1), (0, 6, 0, 0), (0, 6, 0, 2),
        (0, 7, 0, 4), (0, 7, 1, 0), (0, 7, 1, 6), (0, 7, 4, 0), (0, 7, 5, 0), (0, 7, 5, 1), (0, 7, 5, 4), (0, 7, 5, 6), (0, 7, 5, 7),
        (0, 7, 6, 1), (0, 7, 6, 2), (0, 7, 8, 0), (0, 7, 8, 1), (0, 7, 8, 2), (0, 7, 8, 3),
        (0, 7, 10, 1), (0, 7, 10, 2), (0, 7, 10, 4), (0, 7, 10, 5), (0, 7, 11, 1), (0, 7, 14, 1), (0, 7, 14, 2),
        (0, 8, 3, 0), (0, 8, 3, 1), (0, 8, 3, 2), (0, 8, 3, 3), (0, 8, 5, 0), (0, 8, 6, 0), (0, 8, 7, 0), (0, 8, 7, 1), (0, 8, 7, 2), (0, 8, 7, 3),
        (0, 9, 12, 0), (0, 9, 12, 1), (0, 9, 12, 2), (0, 9, 12, 3), (0, 9, 12, 4), (0, 9, 12, 5),
        (0, 9, 13, 0), (0, 9, 13, 1), (0, 9, 13, 2), (0, 9, 14, 0), (0, 9, 14, 1), (0, 9, 14, 2),
        (0, 10, 0, 0), (0, 10, 2, 0), (0, 10, 2, 1), (0, 12, 0, 0), (0, 12, 0, 1), (0, 12, 1, 0),
        (0, 13, 0, 0), (0, 13, 0, 1), (0, 13, 0, 2), (0, 13, 0, 3), (0, 13, 0, 4),
        (0, 15, 0, 0), (4, 15, 0, 0), (5, 15, 4, 2), (5, 15, 5, 2), (5, 15, 6, 2), (5, 15, 7, 2),
    ];

    /// <summary>One of the CP15 encodings an A9 implements, for MCR/MRC.</summary>
    public static (uint Opc1, uint CRn, uint CRm, uint Opc2) Cp15Register(Random rng) => s_cp15[rng.Next(s_cp15.Length)];

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

    private static readonly uint[] s_returnModes = [0x10, 0x11, 0x12, 0x13, 0x17, 0x1B, 0x1F];

    /// <summary>
    /// A CPSR value an exception return may restore (an SPSR, RFE's stored CPSR): a valid mode other than Monitor, ARM
    /// state (T = 0), J and IT zero, bits 23:20 zero; NZCVQ, GE and A/I/F random, E set one time in eight.
    /// </summary>
    public static uint ExceptionReturnPsr(Random rng)
        => ((uint)rng.Next(32) << 27) | ((uint)rng.Next(16) << 16) | (rng.Next(8) == 0 ? 1u << 9 : 0)
            | ((uint)rng.Next(8) << 6) | s_returnModes[rng.Next(s_returnModes.Length)];
}

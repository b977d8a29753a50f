// Handlers of the packing, extension, selection, reversal, bit-field, sum-of-differences and CLZ instructions.
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>
/// Media instructions that set no flags: PKH, the sign/zero extensions and their accumulating forms, SEL,
/// REV/REV16/REVSH/RBIT, USAD8/USADA8, SBFX/UBFX, BFI/BFC and CLZ.
/// </summary>
internal static unsafe class Media
{
    /// <summary>
    /// Writes a media or DSP result. Rd = r15 is UNPREDICTABLE for all of them; like QEMU, the value then
    /// branches (word-aligned) instead of being dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WriteRegister(ArmCore core, int d, uint value)
    {
        if (d == 15)
        {
            core.BranchWritePc(value);
        }
        else
        {
            core.R[d] = value;
        }
    }

    private static uint Rn(ArmCore core, uint raw) => core.R[(raw >> 16) & 15];   // bits 19:16
    private static uint Rm(ArmCore core, uint raw) => core.R[raw & 15];           // bits 3:0
    private static int Rd(uint raw) => (int)(raw >> 12) & 15;                      // bits 15:12

    /// <summary>Rm rotated right by 8 x rotate (bits 11:10), the source of every extension.</summary>
    private static uint Rotated(ArmCore core, uint raw) => BitOperations.RotateRight(Rm(core, raw), (int)((raw >> 7) & 0x18));

    // PKHBT<c> <Rd>, <Rn>, <Rm>{, LSL #<imm>}
    public static void Pkhbt(ArmCore core, uint raw)
    {
        uint shifted = Rm(core, raw) << (int)((raw >> 7) & 31);
        WriteRegister(core, Rd(raw), (shifted & 0xFFFF_0000) | (Rn(core, raw) & 0xFFFF));
    }

    // PKHTB<c> <Rd>, <Rn>, <Rm>{, ASR #<imm>}
    public static void Pkhtb(ArmCore core, uint raw)
    {
        int imm5 = (int)(raw >> 7) & 31;
        uint shifted = (uint)((int)Rm(core, raw) >> (imm5 == 0 ? 31 : imm5)); // ASR #32 keeps only sign bits
        WriteRegister(core, Rd(raw), (Rn(core, raw) & 0xFFFF_0000) | (shifted & 0xFFFF));
    }

    // SXTB<c> <Rd>, <Rm>{, <rotation>}
    public static void Sxtb(ArmCore core, uint raw) => WriteRegister(core, Rd(raw), (uint)(sbyte)Rotated(core, raw));

    // SXTH<c> <Rd>, <Rm>{, <rotation>}
    public static void Sxth(ArmCore core, uint raw) => WriteRegister(core, Rd(raw), (uint)(short)Rotated(core, raw));

    // UXTB<c> <Rd>, <Rm>{, <rotation>}
    public static void Uxtb(ArmCore core, uint raw) => WriteRegister(core, Rd(raw), Rotated(core, raw) & 0xFF);

    // UXTH<c> <Rd>, <Rm>{, <rotation>}
    public static void Uxth(ArmCore core, uint raw) => WriteRegister(core, Rd(raw), Rotated(core, raw) & 0xFFFF);

    // SXTB16<c> <Rd>, <Rm>{, <rotation>}
    public static void Sxtb16(ArmCore core, uint raw)
    {
        uint rotated = Rotated(core, raw);
        uint lo = (uint)(sbyte)rotated & 0xFFFF;
        uint hi = (uint)(sbyte)(rotated >> 16) << 16;
        WriteRegister(core, Rd(raw), hi | lo);
    }

    // UXTB16<c> <Rd>, <Rm>{, <rotation>}
    public static void Uxtb16(ArmCore core, uint raw) => WriteRegister(core, Rd(raw), Rotated(core, raw) & 0x00FF_00FF);

    // SXTAB<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    public static void Sxtab(ArmCore core, uint raw)
        => WriteRegister(core, Rd(raw), Rn(core, raw) + (uint)(sbyte)Rotated(core, raw));

    // SXTAH<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    public static void Sxtah(ArmCore core, uint raw)
        => WriteRegister(core, Rd(raw), Rn(core, raw) + (uint)(short)Rotated(core, raw));

    // UXTAB<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    public static void Uxtab(ArmCore core, uint raw)
        => WriteRegister(core, Rd(raw), Rn(core, raw) + (Rotated(core, raw) & 0xFF));

    // UXTAH<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    public static void Uxtah(ArmCore core, uint raw)
        => WriteRegister(core, Rd(raw), Rn(core, raw) + (Rotated(core, raw) & 0xFFFF));

    // SXTAB16<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    public static void Sxtab16(ArmCore core, uint raw)
    {
        uint rotated = Rotated(core, raw);
        uint n = Rn(core, raw);
        uint lo = (n + (uint)(sbyte)rotated) & 0xFFFF;
        uint hi = ((n >> 16) + (uint)(sbyte)(rotated >> 16)) << 16;
        WriteRegister(core, Rd(raw), hi | lo);
    }

    // UXTAB16<c> <Rd>, <Rn>, <Rm>{, <rotation>}
    public static void Uxtab16(ArmCore core, uint raw)
    {
        uint rotated = Rotated(core, raw);
        uint n = Rn(core, raw);
        uint lo = (n + (rotated & 0xFF)) & 0xFFFF;
        uint hi = ((n >> 16) + ((rotated >> 16) & 0xFF)) << 16;
        WriteRegister(core, Rd(raw), hi | lo);
    }

    // SEL<c> <Rd>, <Rn>, <Rm>
    public static void Sel(ArmCore core, uint raw)
    {
        uint ge = core.Ge;
        uint mask = ((ge & 1) != 0 ? 0x0000_00FFu : 0) | ((ge & 2) != 0 ? 0x0000_FF00u : 0)
                  | ((ge & 4) != 0 ? 0x00FF_0000u : 0) | ((ge & 8) != 0 ? 0xFF00_0000u : 0);
        WriteRegister(core, Rd(raw), (Rn(core, raw) & mask) | (Rm(core, raw) & ~mask));
    }

    // REV<c> <Rd>, <Rm>
    public static void Rev(ArmCore core, uint raw) => WriteRegister(core, Rd(raw), BinaryPrimitives.ReverseEndianness(Rm(core, raw)));

    // REV16<c> <Rd>, <Rm>
    public static void Rev16(ArmCore core, uint raw)
    {
        uint m = Rm(core, raw);
        WriteRegister(core, Rd(raw), ((m & 0x00FF_00FF) << 8) | ((m >> 8) & 0x00FF_00FF));
    }

    // REVSH<c> <Rd>, <Rm>
    public static void Revsh(ArmCore core, uint raw)
    {
        uint m = Rm(core, raw);
        WriteRegister(core, Rd(raw), ((uint)(sbyte)m << 8) | ((m >> 8) & 0xFF));
    }

    // RBIT<c> <Rd>, <Rm>
    public static void Rbit(ArmCore core, uint raw)
    {
        uint v = Rm(core, raw);
        v = ((v >> 1) & 0x5555_5555) | ((v & 0x5555_5555) << 1);
        v = ((v >> 2) & 0x3333_3333) | ((v & 0x3333_3333) << 2);
        v = ((v >> 4) & 0x0F0F_0F0F) | ((v & 0x0F0F_0F0F) << 4);
        WriteRegister(core, Rd(raw), BinaryPrimitives.ReverseEndianness(v));
    }

    /// <summary>Sum of the absolute differences of the four byte pairs of Rn (bits 3:0) and Rm (bits 11:8).</summary>
    private static uint SumOfAbsoluteDifferences(ArmCore core, uint raw)
    {
        uint n = core.R[raw & 15];
        uint m = core.R[(raw >> 8) & 15];
        uint sum = 0;
        for (int i = 0; i < 32; i += 8)
        {
            int diff = (int)((n >> i) & 0xFF) - (int)((m >> i) & 0xFF);
            sum += (uint)(diff < 0 ? -diff : diff);
        }
        return sum;
    }

    // USAD8<c> <Rd>, <Rn>, <Rm>
    public static void Usad8(ArmCore core, uint raw)
        => WriteRegister(core, (int)(raw >> 16) & 15, SumOfAbsoluteDifferences(core, raw));

    // USADA8<c> <Rd>, <Rn>, <Rm>, <Ra>
    public static void Usada8(ArmCore core, uint raw)
        => WriteRegister(core, (int)(raw >> 16) & 15, core.R[(raw >> 12) & 15] + SumOfAbsoluteDifferences(core, raw));

    // SBFX<c> <Rd>, <Rn>, #<lsb>, #<width>
    public static void Sbfx(ArmCore core, uint raw)
    {
        int lsb = (int)(raw >> 7) & 31;
        int width = (int)((raw >> 16) & 31) + 1;
        if (lsb + width > 32)
        {
            core.Undefined(); // UNPREDICTABLE; UNDEFINED here as in QEMU
            return;
        }
        int value = (int)(core.R[raw & 15] << (32 - lsb - width)) >> (32 - width);
        WriteRegister(core, Rd(raw), (uint)value);
    }

    // UBFX<c> <Rd>, <Rn>, #<lsb>, #<width>
    public static void Ubfx(ArmCore core, uint raw)
    {
        int lsb = (int)(raw >> 7) & 31;
        int width = (int)((raw >> 16) & 31) + 1;
        if (lsb + width > 32)
        {
            core.Undefined(); // UNPREDICTABLE; UNDEFINED here as in QEMU
            return;
        }
        uint value = (core.R[raw & 15] << (32 - lsb - width)) >> (32 - width);
        WriteRegister(core, Rd(raw), value);
    }

    /// <summary>The mask of bits msb:lsb (bits 20:16 and 11:7), or 0 when msb &lt; lsb (UNPREDICTABLE).</summary>
    private static uint FieldMask(uint raw, out int lsb)
    {
        lsb = (int)(raw >> 7) & 31;
        int msb = (int)(raw >> 16) & 31;
        if (msb < lsb)
        {
            return 0;
        }
        return (uint)(((1UL << (msb + 1)) - 1) & ~((1UL << lsb) - 1));
    }

    // BFI<c> <Rd>, <Rn>, #<lsb>, #<width>
    public static void Bfi(ArmCore core, uint raw)
    {
        uint mask = FieldMask(raw, out int lsb);
        if (mask == 0)
        {
            core.Undefined(); // msb < lsb: UNPREDICTABLE; UNDEFINED here as in QEMU
            return;
        }
        int d = Rd(raw);
        WriteRegister(core, d, (core.R[d] & ~mask) | ((core.R[raw & 15] << lsb) & mask));
    }

    // BFC<c> <Rd>, #<lsb>, #<width>
    public static void Bfc(ArmCore core, uint raw)
    {
        uint mask = FieldMask(raw, out _);
        if (mask == 0)
        {
            core.Undefined(); // msb < lsb: UNPREDICTABLE; UNDEFINED here as in QEMU
            return;
        }
        int d = Rd(raw);
        WriteRegister(core, d, core.R[d] & ~mask);
    }

    // CLZ<c> <Rd>, <Rm>
    public static void Clz(ArmCore core, uint raw)
        => WriteRegister(core, Rd(raw), (uint)BitOperations.LeadingZeroCount(Rm(core, raw)));
}

// Addressing-mode pieces of the single load/store instructions: access sizes, indexing and offsets.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>An access size and signedness (word, byte, halfword, signed byte, signed halfword).</summary>
internal interface IAccessSize
{
    static abstract bool Load(ArmCore core, uint address, out uint value);
    static abstract bool Store(ArmCore core, uint address, uint value);
    static abstract int Bytes { get; }
    static abstract bool Signed { get; }
}

internal unsafe struct Word : IAccessSize
{
    public static int Bytes => 4;
    public static bool Signed => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Load(ArmCore core, uint address, out uint value) => core.Read32(address, out value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Store(ArmCore core, uint address, uint value) => core.Write32(address, value);
}

internal unsafe struct Byte : IAccessSize
{
    public static int Bytes => 1;
    public static bool Signed => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Load(ArmCore core, uint address, out uint value) => core.Read8(address, out value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Store(ArmCore core, uint address, uint value) => core.Write8(address, value);
}

internal unsafe struct Half : IAccessSize
{
    public static int Bytes => 2;
    public static bool Signed => false;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Load(ArmCore core, uint address, out uint value) => core.Read16(address, out value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Store(ArmCore core, uint address, uint value) => core.Write16(address, value);
}

internal unsafe struct SignedByte : IAccessSize
{
    public static int Bytes => 1;
    public static bool Signed => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Load(ArmCore core, uint address, out uint value)
    {
        bool ok = core.Read8(address, out value);
        value = (uint)(sbyte)value;
        return ok;
    }
    public static bool Store(ArmCore core, uint address, uint value) => core.Write8(address, value);
}

internal unsafe struct SignedHalf : IAccessSize
{
    public static int Bytes => 2;
    public static bool Signed => true;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Load(ArmCore core, uint address, out uint value)
    {
        bool ok = core.Read16(address, out value);
        value = (uint)(short)value;
        return ok;
    }
    public static bool Store(ArmCore core, uint address, uint value) => core.Write16(address, value);
}

/// <summary>Offset, pre-indexed or post-indexed addressing (P and W bits).</summary>
internal interface IIndexing
{
    static abstract bool PreIndex { get; }
    static abstract bool WriteBack { get; }
}

/// <summary><c>[Rn, offset]</c></summary>
internal unsafe struct OffsetAddressing : IIndexing { public static bool PreIndex => true; public static bool WriteBack => false; }

/// <summary><c>[Rn, offset]!</c></summary>
internal unsafe struct PreIndexed : IIndexing { public static bool PreIndex => true; public static bool WriteBack => true; }

/// <summary><c>[Rn], offset</c></summary>
internal unsafe struct PostIndexed : IIndexing { public static bool PreIndex => false; public static bool WriteBack => true; }

/// <summary>The unsigned offset of a load/store, before the U bit picks add or subtract.</summary>
internal interface IOffset
{
    static abstract uint Get(ArmCore core, uint raw);
}

/// <summary><c>#imm12</c> of LDR/STR/LDRB/STRB.</summary>
internal unsafe struct Immediate12 : IOffset
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw) => raw & 0xFFF;
}

/// <summary><c>Rm{, shift #n}</c> of LDR/STR/LDRB/STRB.</summary>
internal unsafe struct ScaledRegister : IOffset
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw) => Shifts.ImmediateShiftNoCarry(core, raw);
}

/// <summary><c>#imm8</c> split as imm4H:imm4L, of the halfword, signed and doubleword forms.</summary>
internal unsafe struct SplitImmediate8 : IOffset
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw) => ((raw >> 4) & 0xF0) | (raw & 0xF);
}

/// <summary><c>Rm</c> of the halfword, signed and doubleword forms.</summary>
internal unsafe struct PlainRegister : IOffset
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Get(ArmCore core, uint raw) => core.R[raw & 15];
}

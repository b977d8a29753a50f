// Handlers of the T32 unprivileged loads and stores (LDRT, STRT and the B, H, SB, SH forms): [Rn, #imm8], no writeback.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// In A32 these forms are post-indexed and write the base back; in T32 they address [Rn, #imm8] (always
/// adding) and leave Rn alone, so they are not the A32 handlers. The word is the T32 encoding: Rn in 19:16,
/// Rt in 15:12, imm8 in 7:0. Accesses are checked with User permissions whatever the mode.
/// </summary>
internal static unsafe class ThumbLoadStoreUnprivileged
{
    // LDR{B,H,SB,SH}T<c> <Rt>, [<Rn>, #<imm8>]
    public static void Load<TSize>(ArmCore core, uint raw) where TSize : struct, IAccessSize
    {
        uint address = core.R[(raw >> 16) & 15] + (raw & 0xFF);
        if (!core.ReadSlow(address, TSize.Bytes, AccessFlags.User, out uint value))
        {
            return;
        }
        if (TSize.Signed)
        {
            value = TSize.Bytes == 1 ? (uint)(sbyte)value : (uint)(short)value;
        }
        core.R[(raw >> 12) & 15] = value;
    }

    // STR{B,H}T<c> <Rt>, [<Rn>, #<imm8>]
    public static void Store<TSize>(ArmCore core, uint raw) where TSize : struct, IAccessSize
    {
        uint address = core.R[(raw >> 16) & 15] + (raw & 0xFF);
        core.WriteSlow(address, TSize.Bytes, AccessFlags.User, core.R[(raw >> 12) & 15]);
    }
}

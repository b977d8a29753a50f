// Handlers of the T32 exclusives with no A32 twin: LDREX/STREX with an offset, LDREXD/STREXD with a free Rt2.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// The word is the T32 encoding: Rn in 19:16, Rt in 15:12; STREX has Rd in 11:8 and imm8 in 7:0, LDREX imm8
/// in 7:0; the doubleword forms have Rt2 in 11:8 and (STREXD) Rd in 3:0. The lowering has refused the
/// UNPREDICTABLE register choices. LDREX/STREX with a zero offset and the byte and halfword forms lower to
/// the A32 handlers instead; these follow those (<see cref="Synchronization"/>) in monitor, alignment and fault order.
/// </summary>
internal static unsafe class ThumbLoadStoreExclusive
{
    // LDREX<c> <Rt>, [<Rn>, #<imm8 * 4>]
    public static void LoadWord(ArmCore core, uint raw)
    {
        uint address = core.R[(raw >> 16) & 15] + ThumbOffsetScaled8.Get(core, raw);
        if (!core.ReadSlow(address, 4, AccessFlags.Aligned, out uint value))
        {
            return;
        }
        core.MarkExclusive(address, 4, value);
        core.R[(raw >> 12) & 15] = value;
    }

    // STREX<c> <Rd>, <Rt>, [<Rn>, #<imm8 * 4>]
    public static void StoreWord(ArmCore core, uint raw)
    {
        uint address = core.R[(raw >> 16) & 15] + ThumbOffsetScaled8.Get(core, raw);
        if ((address & 3) != 0)
        {
            core.DataAbort(address, FaultStatus.Alignment, write: true);
            return;
        }
        if (!core.StoreExclusive(address, 4, core.R[(raw >> 12) & 15], out bool stored))
        {
            return;
        }
        core.R[(raw >> 8) & 15] = stored ? 0u : 1u;
    }

    // LDREXD<c> <Rt>, <Rt2>, [<Rn>]
    public static void LoadDual(ArmCore core, uint raw)
    {
        uint address = core.R[(raw >> 16) & 15];
        if ((address & 7) != 0)
        {
            core.DataAbort(address, FaultStatus.Alignment, write: false);
            return;
        }
        if (!core.Read32Aligned(address, out uint low) || !core.Read32Aligned(address + 4, out uint high))
        {
            return;
        }
        core.MarkExclusive(address, 8, ((ulong)high << 32) | low);
        core.R[(raw >> 12) & 15] = low;
        core.R[(raw >> 8) & 15] = high;
    }

    // STREXD<c> <Rd>, <Rt>, <Rt2>, [<Rn>]
    public static void StoreDual(ArmCore core, uint raw)
    {
        uint address = core.R[(raw >> 16) & 15];
        if ((address & 7) != 0)
        {
            core.DataAbort(address, FaultStatus.Alignment, write: true);
            return;
        }
        ulong pair = ((ulong)core.R[(raw >> 8) & 15] << 32) | core.R[(raw >> 12) & 15];
        if (!core.StoreExclusive(address, 8, pair, out bool stored))
        {
            return;
        }
        core.R[raw & 15] = stored ? 0u : 1u;
    }
}

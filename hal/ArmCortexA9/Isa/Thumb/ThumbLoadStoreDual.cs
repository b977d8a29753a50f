// Handlers of LDRD/STRD in Thumb: two free registers (Rt, Rt2) and an offset in words, so no A32 twin.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>
/// The word is the T32 encoding itself, which keeps the A32 bit positions of Rn (19:16), Rt (15:12) and
/// U (23); Rt2 is hw2[11:8] and the offset type reads imm8 (hw2[7:0]). The lowering has already refused
/// the UNPREDICTABLE register choices (Rt or Rt2 SP or PC, Rt = Rt2 for loads, Rn in the pair with writeback),
/// so neither handler writes the PC. Both words are accessed as MemA, like the A32 forms.
/// </summary>
internal static unsafe class ThumbLoadStoreDual
{
    private const uint UBit = 1u << 23;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Apply(uint raw, uint rn, uint offset) => (raw & UBit) != 0 ? rn + offset : rn - offset;

    // LDRD<c> <Rt>, <Rt2>, [<Rn>{, #±<imm>}]{!}  |  ... [<Rn>], #±<imm>  |  LDRD<c> <Rt>, <Rt2>, <label>
    public static void Load<TIndex, TOffset>(ArmCore core, uint raw)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset
    {
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        uint offsetAddress = Apply(raw, rn, TOffset.Get(core, raw));
        uint address = TIndex.PreIndex ? offsetAddress : rn;
        if (!core.Read32Aligned(address, out uint low) || !core.Read32Aligned(address + 4, out uint high))
        {
            return;
        }
        if (TIndex.WriteBack)
        {
            core.R[n] = offsetAddress;
        }
        core.R[(raw >> 12) & 15] = low;
        core.R[(raw >> 8) & 15] = high;
    }

    // STRD<c> <Rt>, <Rt2>, [<Rn>{, #±<imm>}]{!}  |  ... [<Rn>], #±<imm>
    public static void Store<TIndex, TOffset>(ArmCore core, uint raw)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset
    {
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        uint offsetAddress = Apply(raw, rn, TOffset.Get(core, raw));
        uint address = TIndex.PreIndex ? offsetAddress : rn;
        if (!core.Write32Aligned(address, core.R[(raw >> 12) & 15]) || !core.Write32Aligned(address + 4, core.R[(raw >> 8) & 15]))
        {
            return;
        }
        if (TIndex.WriteBack)
        {
            core.R[n] = offsetAddress;
        }
    }
}

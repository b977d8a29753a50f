// Handlers of the single-register loads and stores: LDR/STR, B, H, SB, SH, D, and the unprivileged T forms.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

internal static unsafe class LoadStore
{
    private const uint UBit = 1u << 23;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Apply(uint raw, uint rn, uint offset) => (raw & UBit) != 0 ? rn + offset : rn - offset;

    // LDR{B,H,SB,SH}<c> <Rt>, [<Rn>{, <offset>}]{!}  |  ... [<Rn>], <offset>
    public static void Load<TSize, TIndex, TOffset>(ArmCore core, uint raw)
        where TSize : struct, IAccessSize where TIndex : struct, IIndexing where TOffset : struct, IOffset
    {
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        uint offsetAddress = Apply(raw, rn, TOffset.Get(core, raw));
        if (!TSize.Load(core, TIndex.PreIndex ? offsetAddress : rn, out uint value))
        {
            return;
        }
        if (TIndex.WriteBack)
        {
            core.R[n] = offsetAddress;
        }
        int t = (int)(raw >> 12) & 15;
        if (t == 15)
        {
            core.BxWritePc(value); // LoadWritePC; only meaningful for LDR
        }
        else
        {
            core.R[t] = value;
        }
    }

    // STR{B,H}<c> <Rt>, [<Rn>{, <offset>}]{!}  |  ... [<Rn>], <offset>
    public static void Store<TSize, TIndex, TOffset>(ArmCore core, uint raw)
        where TSize : struct, IAccessSize where TIndex : struct, IIndexing where TOffset : struct, IOffset
    {
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        uint offsetAddress = Apply(raw, rn, TOffset.Get(core, raw));
        if (!TSize.Store(core, TIndex.PreIndex ? offsetAddress : rn, core.R[(raw >> 12) & 15]))
        {
            return;
        }
        if (TIndex.WriteBack)
        {
            core.R[n] = offsetAddress;
        }
    }

    // LDR{B,H,SB,SH}T<c> <Rt>, [<Rn>], <offset>   (User permissions, always post-indexed)
    public static void LoadUnprivileged<TSize, TOffset>(ArmCore core, uint raw)
        where TSize : struct, IAccessSize where TOffset : struct, IOffset
    {
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        if (!core.ReadSlow(rn, TSize.Bytes, AccessFlags.User, out uint value))
        {
            return;
        }
        if (TSize.Signed)
        {
            value = TSize.Bytes == 1 ? (uint)(sbyte)value : (uint)(short)value;
        }
        core.R[n] = Apply(raw, rn, TOffset.Get(core, raw));
        core.R[(raw >> 12) & 15] = value;
    }

    // STR{B,H}T<c> <Rt>, [<Rn>], <offset>
    public static void StoreUnprivileged<TSize, TOffset>(ArmCore core, uint raw)
        where TSize : struct, IAccessSize where TOffset : struct, IOffset
    {
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        if (!core.WriteSlow(rn, TSize.Bytes, AccessFlags.User, core.R[(raw >> 12) & 15]))
        {
            return;
        }
        core.R[n] = Apply(raw, rn, TOffset.Get(core, raw));
    }

    // LDRD<c> <Rt>, <Rt2>, [<Rn>{, <offset>}]{!}  |  ... [<Rn>], <offset>
    public static void LoadDual<TIndex, TOffset>(ArmCore core, uint raw)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset
    {
        int t = (int)(raw >> 12) & 15;
        if ((t & 1) != 0)
        {
            core.Undefined(); // odd Rt is UNPREDICTABLE; UNDEFINED here as in QEMU
            return;
        }
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
        core.R[t] = low;
        if (t == 14)
        {
            core.BxWritePc(high); // Rt2 = PC is UNPREDICTABLE
        }
        else
        {
            core.R[t + 1] = high;
        }
    }

    // STRD<c> <Rt>, <Rt2>, [<Rn>{, <offset>}]{!}  |  ... [<Rn>], <offset>
    public static void StoreDual<TIndex, TOffset>(ArmCore core, uint raw)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset
    {
        int t = (int)(raw >> 12) & 15;
        if ((t & 1) != 0)
        {
            core.Undefined();
            return;
        }
        int n = (int)(raw >> 16) & 15;
        uint rn = core.R[n];
        uint offsetAddress = Apply(raw, rn, TOffset.Get(core, raw));
        uint address = TIndex.PreIndex ? offsetAddress : rn;
        if (!core.Write32Aligned(address, core.R[t]) || !core.Write32Aligned(address + 4, core.R[(t + 1) & 15]))
        {
            return;
        }
        if (TIndex.WriteBack)
        {
            core.R[n] = offsetAddress;
        }
    }
}

// Handlers of the exclusive loads and stores (LDREX/STREX, B, H, D) and the legacy SWP/SWPB.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

internal static unsafe class Synchronization
{
    private static int Rn(uint raw) => (int)(raw >> 16) & 15;
    private static int Rt(uint raw) => (int)(raw >> 12) & 15;   // loads: Rt; stores: Rd (status)

    // LDREX<c> <Rt>, [<Rn>]
    public static void Ldrex(ArmCore core, uint raw) => LoadExclusive(core, raw, 4);

    // LDREXB<c> <Rt>, [<Rn>]
    public static void Ldrexb(ArmCore core, uint raw) => LoadExclusive(core, raw, 1);

    // LDREXH<c> <Rt>, [<Rn>]
    public static void Ldrexh(ArmCore core, uint raw) => LoadExclusive(core, raw, 2);

    private static void LoadExclusive(ArmCore core, uint raw, int size)
    {
        int t = Rt(raw);
        if (t == 15)
        {
            core.Undefined();
            return;
        }
        uint address = core.R[Rn(raw)];
        if (!core.ReadSlow(address, size, AccessFlags.Aligned, out uint value))
        {
            return;
        }
        core.MarkExclusive(address, size, value);
        core.R[t] = value;
    }

    // LDREXD<c> <Rt>, <Rt2>, [<Rn>]
    public static void Ldrexd(ArmCore core, uint raw)
    {
        int t = Rt(raw);
        if ((t & 1) != 0 || t == 14)
        {
            core.Undefined();
            return;
        }
        uint address = core.R[Rn(raw)];
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
        core.R[t] = low;
        core.R[t + 1] = high;
    }

    // STREX<c> <Rd>, <Rt>, [<Rn>]
    public static void Strex(ArmCore core, uint raw) => StoreExclusive(core, raw, 4);

    // STREXB<c> <Rd>, <Rt>, [<Rn>]
    public static void Strexb(ArmCore core, uint raw) => StoreExclusive(core, raw, 1);

    // STREXH<c> <Rd>, <Rt>, [<Rn>]
    public static void Strexh(ArmCore core, uint raw) => StoreExclusive(core, raw, 2);

    private static void StoreExclusive(ArmCore core, uint raw, int size)
    {
        int d = Rt(raw);
        int t = (int)raw & 15;
        int n = Rn(raw);
        if (d == 15 || t == 15 || n == 15 || d == n || d == t)
        {
            core.Undefined(); // UNPREDICTABLE register choices, UNDEFINED here
            return;
        }
        uint address = core.R[n];
        if ((address & (uint)(size - 1)) != 0)
        {
            core.DataAbort(address, FaultStatus.Alignment, write: true);
            return;
        }
        if (!core.StoreExclusive(address, size, core.R[t], out bool stored))
        {
            return;
        }
        core.R[d] = stored ? 0u : 1u;
    }

    // STREXD<c> <Rd>, <Rt>, <Rt2>, [<Rn>]
    public static void Strexd(ArmCore core, uint raw)
    {
        int d = Rt(raw);
        int t = (int)raw & 15;
        int n = Rn(raw);
        if (d == 15 || (t & 1) != 0 || t == 14 || n == 15 || d == n || d == t || d == t + 1)
        {
            core.Undefined();
            return;
        }
        uint address = core.R[n];
        if ((address & 7) != 0)
        {
            core.DataAbort(address, FaultStatus.Alignment, write: true);
            return;
        }
        ulong pair = ((ulong)core.R[t + 1] << 32) | core.R[t];
        if (!core.StoreExclusive(address, 8, pair, out bool stored))
        {
            return;
        }
        core.R[d] = stored ? 0u : 1u;
    }

    // SWP{B}<c> <Rt>, <Rt2>, [<Rn>]   (UNDEFINED unless SCTLR.SW is set, as on a real A9)
    public static void Swp(ArmCore core, uint raw)
    {
        if ((core.Sctlr & ArmCore.Sctlr_SW) == 0)
        {
            core.Undefined();
            return;
        }
        int size = (raw & (1u << 22)) != 0 ? 1 : 4;
        uint address = core.R[Rn(raw)];
        if (!core.ReadSlow(address, size, AccessFlags.Aligned, out uint old)
            || !core.WriteSlow(address, size, AccessFlags.Aligned, core.R[raw & 15]))
        {
            return;
        }
        core.R[Rt(raw)] = old;
    }
}

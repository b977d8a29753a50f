// GIC distributor state (enable, pending, active, level, priority, targets, configuration) and its register decoding.
namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The distributor at PERIPHBASE+0x1000. Every field is guarded by the owning <see cref="Gic"/>'s lock.
/// <para>
/// State is kept per interrupt ID as a mask of CPU interfaces (bit n = core n), as QEMU does: for SGIs
/// and PPIs each core has its own bit (banked); for SPIs "all cores" (0xFF) means set. SGI pending state
/// is additionally kept per (target, source) pair so GICC_IAR can report the source core.
/// SPIs follow the 1-N model: one pending state that the first core to acknowledge takes.
/// </para>
/// <para>
/// Like QEMU, every register is byte-accessible (a halfword or word access is that many byte accesses),
/// except GICD_SGIR, which only a word write at 0xF00 triggers. Offsets the GIC does not implement read
/// as zero and ignore writes.
/// </para>
/// Decisions where QEMU 7.2 and the architecture differ are noted at each register.
/// </summary>
public sealed class GicDistributor
{
    internal const int AllCores = 0xFF;
    private const int Count = Gic.InterruptCount;

    private static readonly byte[] s_identification =
    {
        0x04, 0x00, 0x00, 0x00, // 0xFD0-0xFDC: PIDR4-7
        0x90, 0xB3, 0x1B, 0x00, // 0xFE0-0xFEC: PIDR0-3 (QEMU's GICv1 values)
        0x0D, 0xF0, 0x05, 0xB1, // 0xFF0-0xFFC: CIDR0-3
    };

    private readonly int _cores;
    private readonly int _presentMask;

    internal GicDistributor(int cores)
    {
        _cores = cores;
        _presentMask = (1 << cores) - 1;
        Enabled = new byte[Count];
        Pending = new byte[Count];
        Active = new byte[Count];
        Level = new byte[Count];
        Edge = new bool[Count];
        Targets = new byte[Count];
        PrivatePriority = new byte[32 * cores];
        SharedPriority = new byte[Count - 32];
        SgiSources = new byte[16 * cores];
        for (int id = 0; id < 16; id++)
        {
            Enabled[id] = AllCores; // SGIs are always enabled
            Edge[id] = true;        // and always edge-triggered
        }
    }

    /// <summary>GICD_CTLR: bit0 EnableGrp0, bit1 EnableGrp1 (Secure view of a GIC with Security Extensions).</summary>
    internal uint Control;

    /// <summary>Per ID: mask of cores for which the interrupt is enabled.</summary>
    internal readonly byte[] Enabled;

    /// <summary>Per ID: mask of cores for which the pending latch is set (edge events, ISPENDR, SGIs).</summary>
    internal readonly byte[] Pending;

    /// <summary>Per ID: mask of cores on which the interrupt is active.</summary>
    internal readonly byte[] Active;

    /// <summary>Per ID: mask of cores whose input line is high (PPIs banked; SPIs 0xFF or 0).</summary>
    internal readonly byte[] Level;

    /// <summary>Per ID: edge-triggered (true) or level-sensitive. Not banked for PPIs, as in QEMU.</summary>
    internal readonly bool[] Edge;

    /// <summary>Per SPI: GICD_ITARGETSR as written.</summary>
    internal readonly byte[] Targets;

    /// <summary>Priorities of IDs 0-31, banked: index core * 32 + id.</summary>
    internal readonly byte[] PrivatePriority;

    /// <summary>Priorities of IDs 32-95: index id - 32.</summary>
    internal readonly byte[] SharedPriority;

    /// <summary>SGI pending sources: index target * 16 + id, bit n = pending from core n.</summary>
    internal readonly byte[] SgiSources;

    /// <summary>The priority of <paramref name="id"/> as <paramref name="core"/> sees it.</summary>
    internal int Priority(int id, int core) => id < 32 ? PrivatePriority[core * 32 + id] : SharedPriority[id - 32];

    /// <summary>The cores an SPI is routed to (a uniprocessor GIC routes everything to core 0).</summary>
    internal int RouteMask(int id) => _cores == 1 ? 1 : Targets[id] & _presentMask;

    /// <summary>Whether <paramref name="id"/> is pending for <paramref name="core"/> (level inputs count while high).</summary>
    internal bool IsPending(int id, int core)
    {
        int cm = 1 << core;
        if (id >= 32 && (RouteMask(id) & cm) == 0)
        {
            return false;
        }
        int state = Pending[id] | (Edge[id] ? 0 : Level[id]);
        return (state & cm) != 0;
    }

    internal bool IsEnabled(int id, int core) => (Enabled[id] & (1 << core)) != 0;

    /// <summary>Changes an input line; returns false when the level did not change.</summary>
    internal bool SetLevel(int id, int mask, bool level)
    {
        bool wasHigh = (Level[id] & mask) != 0;
        if (wasHigh == level)
        {
            return false;
        }
        if (level)
        {
            Level[id] |= (byte)mask;
            if (Edge[id] && (id < 32 || RouteMask(id) != 0))
            {
                Pending[id] |= (byte)mask; // a rising edge latches pending
            }
        }
        else
        {
            Level[id] &= (byte)~mask;
        }
        return true;
    }

    /// <summary>A read of <paramref name="size"/> bytes at <paramref name="offset"/> by <paramref name="core"/>.</summary>
    internal uint Read(int core, uint offset, int size)
    {
        uint value = 0;
        for (int i = 0; i < size; i++)
        {
            value |= ReadByte(core, offset + (uint)i) << (8 * i);
        }
        return value;
    }

    /// <summary>A write of <paramref name="size"/> bytes; a word write at 0xF00 is GICD_SGIR.</summary>
    internal void Write(int core, uint offset, int size, uint value)
    {
        if (offset == 0xF00)
        {
            if (size == 4)
            {
                SendSgi(core, value);
            }
            return;
        }
        for (int i = 0; i < size; i++)
        {
            WriteByte(core, offset + (uint)i, (value >> (8 * i)) & 0xFF);
        }
    }

    private uint ReadByte(int core, uint offset)
    {
        int cm = 1 << core;
        if (offset < 0x100)
        {
            return offset switch
            {
                0x000 => Control,
                0x004 => (uint)((Count / 32 - 1) | ((_cores - 1) << 5)), // TYPER[7:0]: ITLinesNumber, CPUNumber
                0x005 => 0x04,                                             // TYPER[10]: SecurityExtn
                0x008 => 0x3B,                                             // IIDR 0x0000043B: ARM
                0x009 => 0x04,
                _ => 0,                                                    // IGROUPR (all Group 0) and reserved
            };
        }
        if (offset < 0x200)
        {
            int id = (int)(offset & 0x7F) * 8; // ISENABLER / ICENABLER read the same bits
            return id < Count ? Gather(Enabled, id, cm) : 0;
        }
        if (offset < 0x300)
        {
            int id = (int)(offset & 0x7F) * 8; // ISPENDR / ICPENDR
            if (id >= Count)
            {
                return 0;
            }
            uint bits = 0;
            for (int i = 0; i < 8; i++)
            {
                int mask = id + i < 32 ? cm : AllCores;
                if (((Pending[id + i] | (Edge[id + i] ? 0 : Level[id + i])) & mask) != 0)
                {
                    bits |= 1u << i;
                }
            }
            return bits;
        }
        if (offset < 0x400)
        {
            int id = (int)(offset & 0x7F) * 8; // ISACTIVER / ICACTIVER
            return id < Count ? Gather(Active, id, id < 32 ? cm : AllCores) : 0;
        }
        if (offset < 0x800)
        {
            int id = (int)(offset - 0x400);
            return id < Count ? (uint)Priority(id, core) : 0;
        }
        if (offset < 0xC00)
        {
            int id = (int)(offset - 0x800);
            if (_cores == 1 || id >= Count)
            {
                return 0; // uniprocessor GICs have RAZ/WI targets, as QEMU
            }
            return id < 32 ? (uint)cm : Targets[id];
        }
        if (offset < 0xF00)
        {
            int id = (int)(offset - 0xC00) * 4;
            if (id >= Count)
            {
                return 0;
            }
            uint bits = 0;
            for (int i = 0; i < 4; i++)
            {
                if (Edge[id + i])
                {
                    bits |= 2u << (2 * i); // Int_config[1]: edge; the model bit [0] reads as 0 (N-N), as QEMU
                }
            }
            return bits;
        }
        if (offset >= 0xF10 && offset < 0xF30)
        {
            return SgiSources[core * 16 + (int)(offset & 0xF)]; // CPENDSGIR / SPENDSGIR, as QEMU
        }
        if (offset >= 0xFD0 && (offset & 3) == 0)
        {
            return s_identification[(offset - 0xFD0) >> 2];
        }
        return 0;
    }

    private void WriteByte(int core, uint offset, uint value)
    {
        int cm = 1 << core;
        if (offset < 0x100)
        {
            if (offset == 0)
            {
                Control = value & 3;
            }
            return; // TYPER, IIDR read-only; IGROUPR RAZ/WI (everything is Group 0)
        }
        if (offset < 0x300)
        {
            int id = (int)(offset & 0x7F) * 8;
            if (id >= Count || id < 16)
            {
                return; // SGIs cannot be disabled, nor made pending or cleared through these registers
            }
            for (int i = 0; i < 8; i++)
            {
                if ((value & (1u << i)) == 0)
                {
                    continue;
                }
                int n = id + i;
                int mask = n < 32 ? cm : AllCores;
                switch (offset >> 7)
                {
                    case 2: Enabled[n] |= (byte)mask; break;   // ISENABLER
                    case 3: Enabled[n] &= (byte)~mask; break;  // ICENABLER
                    case 4:                                     // ISPENDR
                        if (n < 32 || RouteMask(n) != 0)
                        {
                            Pending[n] |= (byte)mask;
                        }
                        break;
                    case 5: Pending[n] &= (byte)~mask; break;  // ICPENDR (QEMU clears a PPI for all cores; we clear the accessing core's)
                }
            }
            return;
        }
        if (offset < 0x400)
        {
            return; // ISACTIVER/ICACTIVER are read-only on GIC v1 (QEMU ignores the writes too)
        }
        if (offset < 0x800)
        {
            int id = (int)(offset - 0x400);
            byte priority = (byte)(value & 0xF8); // 5 priority bits: [2:0] read as zero
            if (id < 32)
            {
                PrivatePriority[core * 32 + id] = priority;
            }
            else if (id < Count)
            {
                SharedPriority[id - 32] = priority;
            }
            return;
        }
        if (offset < 0xC00)
        {
            int id = (int)(offset - 0x800);
            if (_cores > 1 && id >= 32 && id < Count)
            {
                Targets[id] = (byte)value; // stored as written (QEMU keeps all 8 bits); routing uses present cores
            }
            return;
        }
        if (offset < 0xF00)
        {
            int id = (int)(offset - 0xC00) * 4;
            if (id < 16 || id >= Count)
            {
                return; // SGIs are edge-triggered, read-only
            }
            for (int i = 0; i < 4; i++)
            {
                Edge[id + i] = (value & (2u << (2 * i))) != 0;
            }
            return;
        }
        if (offset >= 0xF10 && offset < 0xF20)
        {
            int id = (int)(offset & 0xF); // CPENDSGIR: clear pending sources
            int slot = core * 16 + id;
            SgiSources[slot] &= (byte)~value;
            if (SgiSources[slot] == 0)
            {
                Pending[id] &= (byte)~cm;
            }
            return;
        }
        if (offset >= 0xF20 && offset < 0xF30)
        {
            int id = (int)(offset & 0xF); // SPENDSGIR: set pending sources
            byte sources = (byte)(value & (uint)_presentMask);
            if (sources != 0)
            {
                SgiSources[core * 16 + id] |= sources;
                Pending[id] |= (byte)cm;
            }
        }
    }

    /// <summary>
    /// GICD_SGIR: [25:24] target filter (0 the list in [23:16], 1 every core but the sender, 2 the sender;
    /// 3 is reserved and, as QEMU, means every core), [3:0] the SGI.
    /// </summary>
    internal void SendSgi(int source, uint value)
    {
        int id = (int)(value & 0xF);
        int targets = ((value >> 24) & 3) switch
        {
            0 => (int)(value >> 16) & 0xFF,
            1 => AllCores & ~(1 << source),
            2 => 1 << source,
            _ => AllCores,
        };
        targets &= _presentMask;
        for (int t = 0; t < _cores; t++)
        {
            if ((targets & (1 << t)) != 0)
            {
                SgiSources[t * 16 + id] |= (byte)(1 << source);
                Pending[id] |= (byte)(1 << t);
            }
        }
    }

    private static uint Gather(byte[] masks, int id, int mask)
    {
        uint bits = 0;
        for (int i = 0; i < 8; i++)
        {
            if ((masks[id + i] & mask) != 0)
            {
                bits |= 1u << i;
            }
        }
        return bits;
    }
}

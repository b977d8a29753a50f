// The per-core watchdogs at PERIPHBASE+0x620, timer mode only: register decoding, lazy counting on cycles, PPI 30.
namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// One watchdog per core, modelled in timer mode exactly like the private timer (0x00 Load, 0x04 Counter,
/// 0x08 Control: bit0 enable, bit1 auto-reload, bit2 IRQ enable, bit3 watchdog mode, [15:8] prescaler;
/// 0x0C Interrupt status) and raising PPI 30. Offsets are relative to PERIPHBASE+0x620.
/// <para>
/// Not modelled, as in QEMU 7.2: watchdog mode (bit 3 is stored but the block keeps behaving as a timer
/// and never resets the core), the reset status register 0x10 (reads as zero, ignores writes) and the
/// disable sequence at 0x14 (writes accepted, reads as zero).
/// </para>
/// <para>Locking: <c>_locks[core]</c> guards <c>_timers[core]</c>; the GIC lock may be taken inside it.</para>
/// </summary>
public sealed class Watchdog
{
    private const uint ControlMask = 0xFF0F;

    private readonly Gic _gic;
    private readonly DownCounter[] _timers;
    private readonly DeviceSpinLock[] _locks;

    internal Watchdog(Gic gic, int cores)
    {
        _gic = gic;
        _timers = new DownCounter[cores];
        _locks = new DeviceSpinLock[cores];
    }

    public uint Read(int core, uint offset, long now)
    {
        _locks[core].Enter();
        ref DownCounter t = ref _timers[core];
        t.CatchUp(now);
        uint value = offset switch
        {
            0x00 => t.Load,
            0x04 => t.Counter(now),
            0x08 => t.Control,
            0x0C => t.Status ? 1u : 0u,
            _ => 0, // 0x10 reset status, 0x14 disable: read as zero
        };
        _gic.SetPpiLevel(core, Gic.WatchdogPpi, t.IrqLevel); // a read may notice an event that fell due
        _locks[core].Exit();
        return value;
    }

    public void Write(int core, uint offset, uint value, long now)
    {
        _locks[core].Enter();
        ref DownCounter t = ref _timers[core];
        switch (offset)
        {
            case 0x00: t.WriteLoad(now, value); break;
            case 0x04: t.WriteCounter(now, value); break;
            case 0x08: t.WriteControl(now, value & ControlMask); break;
            case 0x0C: t.WriteStatus(now, value); break;
            default: t.CatchUp(now); break; // 0x10 reset status, 0x14 disable: accepted, no effect
        }
        _gic.SetPpiLevel(core, Gic.WatchdogPpi, t.IrqLevel);
        _locks[core].Exit();
    }

    public void Update(int core, long now)
    {
        _locks[core].Enter();
        _timers[core].CatchUp(now);
        _gic.SetPpiLevel(core, Gic.WatchdogPpi, _timers[core].IrqLevel);
        _locks[core].Exit();
    }

    public long Deadline(int core)
    {
        _locks[core].Enter();
        long deadline = _timers[core].Deadline();
        _locks[core].Exit();
        return deadline;
    }
}

// The cluster's 64-bit global timer at PERIPHBASE+0x200 with per-core comparators, counted lazily on cycles; PPI 27.
namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The A9 global timer: one 64-bit up-counter shared by the cluster and one comparator per core.
/// Registers: 0x00/0x04 counter low/high (writable only while the timer is disabled, as the TRM requires;
/// QEMU ignores such writes too), 0x08 control (bit0 timer enable and [15:8] prescaler are shared; bit1
/// comparator enable, bit2 IRQ enable, bit3 auto-increment are the accessing core's), 0x0C interrupt status
/// (event flag, write 1 to clear), 0x10/0x14 comparator low/high and 0x18 auto-increment (the accessing
/// core's). Other offsets read as zero. Control keeps only its defined bits.
/// <para>
/// The counter advances one step every (prescaler + 1) cycles while enabled and is derived from the
/// accessing core's cycle count (each core has its own notion of now; a core that is behind the one that
/// last re-anchored the counter sees it held at the anchor value). Counting stops when disabled
/// (QEMU 7.2 lets the value drift while disabled, a bug we do not copy).
/// A comparator fires, as on r2p0 and later, when the counter is greater than or equal to it while the
/// timer and that core's comparator are enabled: the event flag is set and, with auto-increment, the
/// comparator advances by the increment until it is ahead of the counter again (QEMU fires one step
/// later, when the counter has passed the comparator). Without auto-increment the condition keeps
/// holding, so clearing the flag while counter >= comparator sets it again at once (QEMU and silicon
/// alike; handlers disable the comparator first). PPI 27 of a core is high while its event flag and
/// IRQ enable are both set.
/// </para>
/// <para>Locking: <c>_lock</c> guards every field (shared and per-core); the GIC lock may be taken inside it.</para>
/// </summary>
public sealed class GlobalTimer
{
    private const uint SharedMask = 0xFF01;
    private const uint BankedMask = 0x000E;

    private readonly Gic _gic;
    private readonly int _cores;
    private readonly uint[] _bankedControl;
    private readonly ulong[] _comparator;
    private readonly uint[] _increment;
    private readonly bool[] _status;
    private DeviceSpinLock _lock;
    private uint _control;
    private long _start;
    private ulong _startValue;

    internal GlobalTimer(Gic gic, int cores)
    {
        _gic = gic;
        _cores = cores;
        _bankedControl = new uint[cores];
        _comparator = new ulong[cores];
        _increment = new uint[cores];
        _status = new bool[cores];
    }

    private bool Enabled => (_control & 1) != 0;

    private long Step => ((_control >> 8) & 0xFF) + 1;

    public uint Read(int core, uint offset, long now)
    {
        _lock.Enter();
        CatchUp(core, now);
        uint value = offset switch
        {
            0x00 => (uint)Counter(now),
            0x04 => (uint)(Counter(now) >> 32),
            0x08 => _control | _bankedControl[core],
            0x0C => _status[core] ? 1u : 0u,
            0x10 => (uint)_comparator[core],
            0x14 => (uint)(_comparator[core] >> 32),
            0x18 => _increment[core],
            _ => 0,
        };
        DriveLine(core);
        _lock.Exit();
        return value;
    }

    public void Write(int core, uint offset, uint value, long now)
    {
        _lock.Enter();
        CatchUp(core, now);
        switch (offset)
        {
            case 0x00:
                if (!Enabled)
                {
                    _startValue = (_startValue & 0xFFFF_FFFF_0000_0000UL) | value;
                }
                break;
            case 0x04:
                if (!Enabled)
                {
                    _startValue = (_startValue & 0xFFFF_FFFFUL) | ((ulong)value << 32);
                }
                break;
            case 0x08:
                WriteControl(core, value, now);
                break;
            case 0x0C:
                if ((value & 1) != 0)
                {
                    _status[core] = false;
                }
                break;
            case 0x10:
                _comparator[core] = (_comparator[core] & 0xFFFF_FFFF_0000_0000UL) | value;
                break;
            case 0x14:
                _comparator[core] = (_comparator[core] & 0xFFFF_FFFFUL) | ((ulong)value << 32);
                break;
            case 0x18:
                _increment[core] = value;
                break;
        }
        CatchUp(core, now); // a comparator written at or below the counter fires at once
        DriveLine(core);
        _lock.Exit();
    }

    /// <summary>Brings <paramref name="core"/>'s comparator to cycle <paramref name="now"/> and drives its PPI.</summary>
    public void Update(int core, long now)
    {
        _lock.Enter();
        CatchUp(core, now);
        DriveLine(core);
        _lock.Exit();
    }

    /// <summary>The cycle at which <paramref name="core"/>'s comparator will next raise its PPI, or long.MaxValue.</summary>
    public long Deadline(int core)
    {
        _lock.Enter();
        long deadline = long.MaxValue;
        const uint armed = 0x6; // comparator enable and IRQ enable
        if (Enabled && (_bankedControl[core] & armed) == armed && !_status[core])
        {
            ulong comparator = _comparator[core];
            if (comparator <= _startValue)
            {
                deadline = _start;
            }
            else
            {
                ulong steps = comparator - _startValue;
                long step = Step;
                if (steps <= (ulong)((long.MaxValue - _start) / step))
                {
                    deadline = _start + (long)steps * step;
                }
            }
        }
        _lock.Exit();
        return deadline;
    }

    // Lock held.
    private ulong Counter(long now)
    {
        if (!Enabled || now <= _start)
        {
            return _startValue;
        }
        return _startValue + (ulong)((now - _start) / Step);
    }

    // Lock held. Applies a comparator match that has become due: event flag, auto-increment.
    private void CatchUp(int core, long now)
    {
        if (!Enabled || (_bankedControl[core] & 2) == 0)
        {
            return;
        }
        ulong counter = Counter(now);
        ulong comparator = _comparator[core];
        if (counter < comparator)
        {
            return;
        }
        _status[core] = true;
        uint increment = _increment[core];
        if ((_bankedControl[core] & 8) != 0 && increment != 0)
        {
            _comparator[core] = comparator + ((counter - comparator) / increment + 1) * increment;
        }
    }

    // Lock held. A change to the shared bits settles every comparator first, then re-anchors the counter.
    private void WriteControl(int core, uint value, long now)
    {
        uint shared = value & SharedMask;
        if (shared != _control)
        {
            for (int c = 0; c < _cores; c++)
            {
                CatchUp(c, now);
            }
            _startValue = Counter(now);
            _start = now;
            _control = shared;
            for (int c = 0; c < _cores; c++)
            {
                CatchUp(c, now);
                DriveLine(c);
            }
        }
        _bankedControl[core] = value & BankedMask;
    }

    // Lock held.
    private void DriveLine(int core)
    {
        _gic.SetPpiLevel(core, Gic.GlobalTimerPpi, _status[core] && (_bankedControl[core] & 4) != 0);
    }
}

// The 32-bit count-down engine shared by the private timer and the watchdog: derived lazily from emulated cycles.
namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// One MPCore timer block (Load, Counter, Control, Interrupt status) as QEMU 7.2's arm_mptimer behaves,
/// with time measured in board cycles: the counter moves one step every (prescaler + 1) cycles, which at
/// the 100 MHz board clock is QEMU's (prescaler + 1) x 10 ns.
/// <para>
/// Nothing ticks. The block remembers the cycle at which the counter last had a known value and derives
/// the counter from the cycle count on demand; <see cref="CatchUp"/> applies every event that has become
/// due (sets the event flag, reloads). The counter runs Load, Load-1, ..., 1, 0 and the event happens on
/// reaching 0; with auto-reload it shows 0 for one step and then reloads, so the period is Load + 1 steps.
/// QEMU's corner cases are kept: a one-shot timer written with 0 stops without an event; an auto-reload
/// timer enabled (or written) with counter 0 and prescaler 0 restarts from Load; Load 0 with auto-reload
/// and prescaler 0 does not run, with a prescaler it fires every step.
/// </para>
/// Not thread-safe on its own: the owner holds its per-core lock around every call.
/// </summary>
internal struct DownCounter
{
    /// <summary>The Load register.</summary>
    public uint Load;

    /// <summary>The Control register as stored (the owner masks it).</summary>
    public uint Control;

    /// <summary>The event flag (Interrupt status bit 0).</summary>
    public bool Status;

    private long _start;
    private uint _startValue;
    private bool _running;

    private readonly bool Enabled => (Control & 1) != 0;

    private readonly bool AutoReload => (Control & 2) != 0;

    public readonly bool IrqEnabled => (Control & 4) != 0;

    private readonly uint Prescaler => (Control >> 8) & 0xFF;

    private readonly long Step => Prescaler + 1;

    /// <summary>The level of this block's interrupt output.</summary>
    public readonly bool IrqLevel => Status && IrqEnabled;

    /// <summary>The counter at cycle <paramref name="now"/>.</summary>
    public readonly uint Counter(long now)
    {
        if (!_running)
        {
            return _startValue;
        }
        long steps = now > _start ? (now - _start) / Step : 0;
        if (steps <= _startValue)
        {
            return (uint)(_startValue - steps);
        }
        if (!AutoReload)
        {
            return 0;
        }
        long intoPeriod = (steps - _startValue - 1) % (Load + 1L);
        return (uint)(Load - intoPeriod);
    }

    /// <summary>The cycle of the next event, or long.MaxValue when the counter is stopped.</summary>
    public readonly long NextEvent()
    {
        if (!_running)
        {
            return long.MaxValue;
        }
        long first = _startValue > 0 ? _startValue : Load + 1L;
        return _start + first * Step;
    }

    /// <summary>When this block's interrupt output will next rise (long.MaxValue: it cannot without a register write).</summary>
    public readonly long Deadline() => IrqEnabled && !Status ? NextEvent() : long.MaxValue;

    /// <summary>Applies every event due by cycle <paramref name="now"/>: sets the flag, stops or reloads.</summary>
    public void CatchUp(long now)
    {
        long due = NextEvent();
        if (due > now)
        {
            return;
        }
        Status = true;
        if (!AutoReload)
        {
            _running = false;
            _startValue = 0;
            return;
        }
        long period = (Load + 1L) * Step;
        _start = due + (now - due) / period * period; // the last reload point; the counter shows 0 there
        _startValue = 0;
    }

    public void WriteLoad(long now, uint value)
    {
        CatchUp(now);
        Load = value;
        Start(now, value); // writing Load also loads the counter
    }

    public void WriteCounter(long now, uint value)
    {
        CatchUp(now);
        if (Enabled && AutoReload && Prescaler == 0 && value == 0)
        {
            value = Load;
        }
        Start(now, value);
    }

    public void WriteControl(long now, uint value)
    {
        CatchUp(now);
        uint old = Control;
        uint current = Counter(now);
        Control = value;
        if (((old ^ value) & 0xFF03) == 0)
        {
            return; // enable, auto-reload and prescaler unchanged: keep counting in phase
        }
        if (Enabled && AutoReload && Prescaler == 0 && current == 0)
        {
            current = Load;
        }
        Start(now, current);
    }

    /// <summary>Interrupt status write: 1 clears the event flag.</summary>
    public void WriteStatus(long now, uint value)
    {
        CatchUp(now);
        if ((value & 1) != 0)
        {
            Status = false;
        }
    }

    public void Reset()
    {
        this = default;
    }

    private void Start(long now, uint value)
    {
        _start = now;
        _startValue = value;
        _running = Enabled && (AutoReload ? value != 0 || Load != 0 || Prescaler != 0 : value != 0);
    }
}

// Runs each core on its own host thread; waiting cores sleep on a host event instead of spinning.
using System;
using System.Threading;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Runner;

/// <summary>
/// One host thread per core, each running its core in slices bounded by the quantum and the core's
/// next timer deadline. A core in WFI/WFE blocks on its wake event (set by an interrupt or SEV); if a
/// timer is due it sleeps at most until that deadline measured at the board's nominal clock, then its
/// clock jumps there. When every core waits with no timer armed and no host input can arrive, the run
/// ends as a deadlock. The instruction budget is shared with an interlocked counter.
/// </summary>
internal sealed class ParallelRunner
{
    private readonly Board _board;
    private readonly long _quantum;
    private long _left;
    private int _stopReason = -1;
    private int _waiting;

    private ParallelRunner(Board board, long maxInstructions, long quantum)
    {
        _board = board;
        _left = maxInstructions;
        _quantum = quantum;
    }

    public static HaltReason Run(Board board, long maxInstructions, long quantum)
    {
        var runner = new ParallelRunner(board, maxInstructions, quantum);
        int count = board.Cores.Length;
        var threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            var thread = new Thread(runner.CoreLoop) { IsBackground = true, Name = $"core{i}" };
            threads[i] = thread;
            thread.Start(board.Cores[i]);
        }
        foreach (Thread thread in threads)
        {
            thread.Join();
        }
        return (HaltReason)runner._stopReason;
    }

    private void Stop(HaltReason reason)
    {
        if (Interlocked.CompareExchange(ref _stopReason, (int)reason, -1) == -1)
        {
            foreach (ArmCore core in _board.Cores)
            {
                core.StopBlock = true;
                _board.WakeEvent(core.Index).Set();
            }
        }
    }

    private bool Stopped => Volatile.Read(ref _stopReason) != -1;

    private void CoreLoop(object? state)
    {
        long allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        var core = (ArmCore)state!;
        ManualResetEventSlim wake = _board.WakeEvent(core.Index);
        RunCore(core, wake);
        _board.AddRunLoopAllocations(GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart);
    }

    private void RunCore(ArmCore core, ManualResetEventSlim wake)
    {
        while (!Stopped)
        {
            if (core.Halt != HaltReason.None)
            {
                Stop(core.Halt);
                break;
            }
            if (core.Waiting && !core.TryWake())
            {
                Sleep(core, wake);
                continue;
            }
            long slice = Math.Min(_quantum, Volatile.Read(ref _left));
            if (core.NextDeadline != long.MaxValue)
            {
                slice = Math.Min(slice, Math.Max(1, core.NextDeadline - core.Cycles));
            }
            if (slice <= 0)
            {
                Stop(HaltReason.InstructionLimit);
                break;
            }
            long ran = core.Run(slice);
            if (core.Cycles >= core.NextDeadline)
            {
                _board.UpdateTimers(core);
            }
            if (Interlocked.Add(ref _left, -ran) <= 0 && core.Halt == HaltReason.None)
            {
                Stop(HaltReason.InstructionLimit);
            }
        }
    }

    private void Sleep(ArmCore core, ManualResetEventSlim wake)
    {
        wake.Reset();
        if (core.TryWake() || Stopped)
        {
            return; // woke between the check and the reset: an event or interrupt already arrived
        }
        if (core.NextDeadline <= core.Cycles)
        {
            _board.UpdateTimers(core); // a deadline already due: let the timers catch up first
            if (!core.Waiting || core.NextDeadline > core.Cycles)
            {
                return;
            }
        }
        if (core.NextDeadline == long.MaxValue || core.NextDeadline <= core.Cycles)
        {
            int waiting = Interlocked.Increment(ref _waiting);
            if (waiting == _board.Cores.Length && AllAsleepWithoutTimers() && !_board.HostInputPending)
            {
                Interlocked.Decrement(ref _waiting);
                Stop(HaltReason.Deadlock);
                return;
            }
            wake.Wait(50);
            Interlocked.Decrement(ref _waiting);
            return;
        }
        // Pace idle time at the nominal clock (capped so a stop request is seen quickly), then let the
        // core's clock catch up with the time slept, up to the deadline.
        long cycles = core.NextDeadline - core.Cycles;
        long milliseconds = Math.Clamp(cycles * 1000 / Board.ClockHz, 0, 50);
        if (milliseconds > 0 && wake.Wait((int)milliseconds))
        {
            return; // woken early by an interrupt or an event
        }
        if (core.Waiting)
        {
            long slept = milliseconds == 0 ? cycles : milliseconds * Board.ClockHz / 1000;
            core.Cycles += Math.Min(Math.Max(slept, 1), cycles);
            _board.UpdateTimers(core);
        }
    }

    private bool AllAsleepWithoutTimers()
    {
        foreach (ArmCore core in _board.Cores)
        {
            if (core.TryWake() || core.NextDeadline != long.MaxValue)
            {
                return false;
            }
        }
        return true;
    }
}

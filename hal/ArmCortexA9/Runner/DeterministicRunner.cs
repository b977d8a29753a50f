// Runs every core on the calling thread, round-robin in fixed quanta of emulated cycles.
using System;
using System.Threading;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Runner;

/// <summary>
/// Each round advances every core to the same emulated time, one core after another in index order.
/// A core never runs past its next timer deadline without the timers being brought up to date, and a
/// waiting core's clock jumps to its next deadline or to the end of the round. Cross-core effects
/// (memory, SGIs, SEV) therefore always land at the same emulated moment, so a run is a pure function
/// of the image and the inputs; <see cref="Board.TraceHash"/> proves it.
/// </summary>
internal static class DeterministicRunner
{
    public static HaltReason Run(Board board, long maxInstructions, long quantum)
    {
        ReadOnlySpan<ArmCore> cores = board.Cores;
        long left = maxInstructions;
        while (true)
        {
            long target = board.RoundTime + quantum;
            foreach (ArmCore core in cores)
            {
                while (core.Cycles < target)
                {
                    if (core.Halt != HaltReason.None)
                    {
                        return core.Halt;
                    }
                    if (core.Waiting && !core.TryWake())
                    {
                        // Idle time passes up to the core's next timer event or the end of the round;
                        // a deadline that is already due cannot hold the clock back.
                        long wake = Math.Min(core.NextDeadline, target);
                        core.Cycles = wake > core.Cycles ? wake : target;
                        board.UpdateTimers(core);
                        continue;
                    }
                    long slice = Math.Min(target - core.Cycles, left);
                    if (core.NextDeadline != long.MaxValue)
                    {
                        slice = Math.Min(slice, Math.Max(1, core.NextDeadline - core.Cycles));
                    }
                    left -= core.Run(slice);
                    if (core.Cycles >= core.NextDeadline)
                    {
                        board.UpdateTimers(core);
                    }
                    if (core.Halt != HaltReason.None)
                    {
                        return core.Halt;
                    }
                    if (left <= 0)
                    {
                        return HaltReason.InstructionLimit;
                    }
                }
                board.HashCore(core);
            }
            board.RoundTime = target;
            if (AllAsleepWithoutTimers(cores))
            {
                if (!board.HostInputPending)
                {
                    return HaltReason.Deadlock;
                }
                Thread.Sleep(1); // only host input can wake a core: wait for it without spinning
            }
        }
    }

    /// <summary>True when no core can run again without something from outside the board.</summary>
    private static bool AllAsleepWithoutTimers(ReadOnlySpan<ArmCore> cores)
    {
        foreach (ArmCore core in cores)
        {
            if (core.TryWake() || core.NextDeadline != long.MaxValue)
            {
                return false;
            }
        }
        return true;
    }
}

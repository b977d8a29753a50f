// Ctrl-C (SIGINT) for the verbs that report at the end of a run (boot, kernel): it stops the board, and the report is still printed.
using System.Runtime.InteropServices;
using Codezero.Hal.ArmCortexA9;

namespace Codezero.Cli;

/// <summary>
/// Once <see cref="Catch"/> has run, every SIGINT until the process exits is taken here (never the
/// default, which kills the process): the first stops the board the verb runs, or the board it will
/// run, and later ones change nothing. The registration is never undone, because a second SIGINT is
/// common (<c>timeout -s INT</c> signals the process and then its process group) and, with the default
/// back in place, would kill the process while it writes its summary or trace. Verbs that never call
/// <see cref="Catch"/> keep the default: Ctrl-C ends them at once.
/// </summary>
public static class CtrlC
{
    private static readonly object s_lock = new();
    private static PosixSignalRegistration? s_registration;
    private static Board? s_board;
    private static volatile bool s_requested;

    /// <summary>True once a SIGINT arrived after <see cref="Catch"/>.</summary>
    public static bool Requested => s_requested;

    /// <summary>Takes SIGINT from now until the process exits.</summary>
    public static void Catch()
    {
        lock (s_lock)
        {
            s_registration ??= PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        }
    }

    /// <summary>
    /// Makes <paramref name="board"/> the one a SIGINT stops; call it after boot (which resets the cores'
    /// halt state) and before <see cref="Board.Run"/>. A SIGINT that came earlier stops it now, so the
    /// run returns at once.
    /// </summary>
    public static void Stops(Board board)
    {
        lock (s_lock)
        {
            s_board = board;
            if (s_requested)
            {
                board.RequestExit(ExitStatus.Interrupted);
            }
        }
    }

    /// <summary>After the run: a later SIGINT stops nothing (the board may be disposed), and is still taken.</summary>
    public static void RunEnded()
    {
        lock (s_lock)
        {
            s_board = null;
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        lock (s_lock)
        {
            if (!s_requested)
            {
                s_requested = true;
                s_board?.RequestExit(ExitStatus.Interrupted);
            }
        }
    }
}

// Human-readable views of the kernel's threads, for the CLI and tests (off every kernel path; may allocate).
using System.Globalization;
using System.Text;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
    /// <summary>
    /// One line per live thread: id, state, priority, core, pager, and its real pc with the function and
    /// container it is in (<c>pc 0x000100cc (spin+0x8 in spin.elf)</c>). Call it while the board is not
    /// running (after a run, at a limit, a deadlock or an interrupt).
    /// </summary>
    public string DescribeThreads()
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int slot = 1; slot <= _options.MaxThreads; slot++)
        {
            Tcb* t = Slot(slot);
            if (t == null)
            {
                continue;
            }
            uint pc = ReportedPc(t);
            string state = t->State == ThreadState.Inactive && (t->Flags & ThreadFlags.NeverStarted) != 0 ? "never started" : t->State.ToString();
            text.Append(string.Format(c, "  thread 0x{0:x8} {1,-14} priority {2,2} core {3} pager 0x{4:x8} pc 0x{5:x8}",
                t->Tid, state, t->Priority, t->Core, t->Pager, pc));
            string location = DescribeLocation(t->Container, pc);
            if (location.Length != 0)
            {
                text.Append(" (").Append(location).Append(')');
            }
            if (t->State is ThreadState.BlockedSend or ThreadState.BlockedReceive)
            {
                text.Append(string.Format(c, " partner 0x{0:x8}", t->Partner));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The state of the thread with id <paramref name="tid"/>, or null when it is gone.</summary>
    public ThreadState? StateOf(uint tid)
    {
        Tcb* t = Lookup(tid);
        return t == null ? null : t->State;
    }
}

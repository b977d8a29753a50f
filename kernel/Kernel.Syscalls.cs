// System-call dispatch: the number from r12, the arguments from r0-r4, the result into r0.
using System;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Sched;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

public sealed unsafe partial class Kernel<THal>
{
    private const int ConsoleWriteLimit = 4096;

    private void HandleSyscall(int core)
    {
        ref CoreState cpu = ref _cpu[core];
        uint* r = _hal.Registers(core);
        Tcb* t = CurrentThread(core);
        t->Syscalls++;
        cpu.Syscalls++;
        int result = (Syscall)r[12] switch
        {
            Syscall.Ipc => Ipc(t, r[0], r[1], r[2]),
            Syscall.ThreadSwitch => ThreadSwitch(t, r[0]),
            Syscall.ThreadControl => ThreadControl(t, r[0], r[1], r[2]),
            Syscall.ExchangeRegisters => ExchangeRegisters(t, r[0], r[1]),
            Syscall.Map => Map(t, r[0], r[1], r[2], r[3], r[4]),
            Syscall.Unmap => Unmap(t, r[0], r[1], r[2]),
            Syscall.GetId => GetId(t, r),
            Syscall.MutexControl => MutexControl(t, r[0], r[1], r[2]),
            Syscall.IrqControl => IrqControl(t, r[0], r[1], r[2]),
            Syscall.CacheControl => CacheControl(t, r[0], r[1], r[2]),
            Syscall.CapabilityControl => CapabilityControl(t, r[0], r[1], r[2], r[3]),
            Syscall.Time => Time(t, r, r[0], r[1]),
            Syscall.ConsoleWrite => ConsoleWrite(t, r[0], r[1]),
            _ => -Errno.ENOSYS, // container_control: a stub in Codezero too
        };
        if (result != NoResult)
        {
            SetResult(t, result);
        }
    }

    private int GetId(Tcb* t, uint* r)
    {
        r[1] = SpaceOf(t)->Id;
        r[2] = (uint)t->Container;
        r[3] = t->Pager;
        return (int)t->Tid;
    }

    private int Time(Tcb* t, uint* r, uint buffer, uint set)
    {
        long cycles = _hal.Now(_core);
        r[1] = (uint)cycles;
        r[2] = (uint)(cycles >> 32);
        if (set != 0)
        {
            return -Errno.EPERM;
        }
        if (buffer != 0)
        {
            long micros = cycles / (global::Codezero.Hal.ArmCortexA9.Board.ClockHz / 1_000_000);
            uint* time = stackalloc uint[2];
            time[0] = (uint)(micros / 1_000_000);
            time[1] = (uint)(micros % 1_000_000);
            if (!UserMemory.TryCopyOut(_memory, SpaceOf(t)->L1, buffer, new ReadOnlySpan<byte>(time, 8)))
            {
                return -Errno.EFAULT;
            }
        }
        return 0;
    }

    private int ConsoleWrite(Tcb* t, uint buffer, uint length)
    {
        if (length > ConsoleWriteLimit)
        {
            return -Errno.EINVAL;
        }
        Span<byte> text = stackalloc byte[(int)length];
        if (!UserMemory.TryCopyIn(_memory, SpaceOf(t)->L1, buffer, text))
        {
            return -Errno.EFAULT;
        }
        WriteConsole(t->Container, text);
        return (int)length;
    }

    /// <summary>
    /// cache_control: the board has no caches to maintain (memory is coherent and stores to code are seen
    /// by the decoder), so a valid request succeeds with nothing to do; the range, the operation and a
    /// virtual-memory cap with Cached over the range are checked.
    /// </summary>
    private int CacheControl(Tcb* t, uint start, uint end, uint op)
    {
        if (op > 2 || end <= start || end > UserPageTables.UserTop)
        {
            return -Errno.EINVAL;
        }
        uint first = start >> 12;
        return Codezero.Caps.Authority.CacheControl(_caps, SubjectOf(t), first, ((end - 1) >> 12) - first + 1);
    }

    private int ThreadSwitch(Tcb* t, uint target)
    {
        if (target != ThreadId.Nil)
        {
            Tcb* other = Lookup(target);
            if (other == null || other->Container != t->Container)
            {
                return -Errno.ESRCH;
            }
            // Donate the rest of the turn: a runnable thread of this core goes to the front of its queue.
            if (other->State == ThreadState.Runnable && other->Core == _core && other->Priority >= t->Priority)
            {
                _runQueues[_core].Remove(SlotOf(other));
                _runQueues[_core].EnqueueFront(SlotOf(other), other->Priority);
            }
        }
        _cpu[_core].Yield = true;
        _cpu[_core].NeedResched = true;
        return 0;
    }
}

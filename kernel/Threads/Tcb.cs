// The thread control block: one user thread's registers, scheduling state, IPC queues and relations.
using System.Runtime.InteropServices;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Kernel.Threads;

/// <summary>
/// A thread, as a plain struct in the kernel pool (board RAM). Threads are named by pool slot inside
/// the kernel and by <see cref="Tid"/> outside. Queue links are slot numbers (0 = none).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct Tcb
{
    /// <summary>Reserved: the pool chains free slots through the first word.</summary>
    public int PoolLink;

    public uint Tid;
    public ThreadState State;
    public ThreadFlags Flags;

    /// <summary>Slot of its address space and its container's id.</summary>
    public int Space;
    public int Container;

    /// <summary>The thread that serves its faults and controls it (NIL: none).</summary>
    public uint Pager;

    /// <summary>The thread that created it: it may control it, and collects its exit code (NIL: none).</summary>
    public uint Parent;

    /// <summary>User address of its UTCB (0: none yet).</summary>
    public uint Utcb;

    public int Priority;

    /// <summary>Cores it may run on (bit per core; always non-empty).</summary>
    public uint Affinity;

    /// <summary>The core whose run queue holds it, or that runs it, or that ran it last.</summary>
    public int Core;

    /// <summary>Cycles left of its time slice.</summary>
    public long SliceLeft;

    /// <summary>IPC: whom it sends to (BlockedSend), or receives from (BlockedReceive; ANY allowed).</summary>
    public uint Partner;

    /// <summary>IPC: whom it receives from once its send is delivered (a call or reply-and-wait).</summary>
    public uint ReceiveFrom;

    /// <summary>IPC flags word of its current call.</summary>
    public uint IpcFlags;

    /// <summary>Extended tier: its buffer's user address and size (what it sends, or accepts at most).</summary>
    public uint IpcBuffer;
    public int IpcSize;

    /// <summary>Bytes in its staging buffer (a blocked sender's payload, or a delivery waiting for its buffer).</summary>
    public int StagedBytes;

    /// <summary>The interrupt line it waits on (BlockedIrq).</summary>
    public int IrqLine;

    /// <summary>Threads blocked sending to this one, in arrival order.</summary>
    public int SendersHead, SendersTail;

    /// <summary>Its own links in the one wait queue it is in (a receiver's senders, or a mutex's waiters).</summary>
    public int QueueNext, QueuePrev;

    /// <summary>Which queue: the receiver's slot (BlockedSend) or the mutex slot (BlockedMutex).</summary>
    public int QueueOwner;

    /// <summary>The thread it waits for (BlockedWait).</summary>
    public uint WaitTarget;

    public int ExitCode;

    /// <summary>The Threads quantity cap its creation was charged to (0: a boot thread).</summary>
    public uint ThreadCharge;

    /// <summary>The message a fault sends its pager: MR0-MR5.</summary>
    public fixed uint FaultMessage[6];

    /// <summary>Statistics: kernel entries that were system calls, faults taken.</summary>
    public long Syscalls, Faults;

    public UserContext Context;
}

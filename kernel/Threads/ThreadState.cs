// The states a thread control block moves through.
namespace Codezero.Kernel.Threads;

public enum ThreadState : byte
{
    /// <summary>Created, suspended or recycled: holds registers but is not scheduled.</summary>
    Inactive,
    /// <summary>In a core's run queue.</summary>
    Runnable,
    /// <summary>The thread a core is executing.</summary>
    Running,
    /// <summary>Blocked in an IPC send, queued on the receiver.</summary>
    BlockedSend,
    /// <summary>Blocked in an IPC receive (or waiting for its pager's answer to a fault).</summary>
    BlockedReceive,
    /// <summary>Blocked in mutex_control(LOCK), queued on the mutex.</summary>
    BlockedMutex,
    /// <summary>Blocked in thread_control(WAIT) for a child's exit.</summary>
    BlockedWait,
    /// <summary>Blocked in irq_control(WAIT) until its interrupt line fires.</summary>
    BlockedIrq,
    /// <summary>Exited (or stopped by a fault), keeping its exit code for its parent's WAIT.</summary>
    Zombie,
}

// Bits of a thread's flags word: requests that take effect at its next kernel entry, and IPC modes.
using System;

namespace Codezero.Kernel.Threads;

[Flags]
public enum ThreadFlags : uint
{
    None = 0,
    /// <summary>Suspend requested while it ran on another core.</summary>
    SuspendPending = 1,
    /// <summary>Destroy requested while it ran on another core.</summary>
    DestroyPending = 2,
    /// <summary>Its send is the first half of a call: after delivery it waits for the reply.</summary>
    Call = 4,
    /// <summary>Its pending message is a fault message (in FaultMessage), not its registers.</summary>
    Faulting = 8,
    /// <summary>Stopped by a fault nobody handled.</summary>
    Faulted = 16,
    /// <summary>Blocked until a suspend or destroy it asked for, of a thread on another core, took effect.</summary>
    AwaitingStop = 32,
    /// <summary>Its fault is in one of its IPC buffers: the pager's answer retries the call or makes it return -EFAULT, never stops it.</summary>
    BufferFault = 64,
    /// <summary>A received message waits in its staging buffer to be copied into its receive buffer once its buffer fault is served.</summary>
    DeliveryPending = 128,
    /// <summary>Blocked sending: its UTCB words (full) or buffer (extended) are staged in kernel memory.</summary>
    Staged = 256,
    /// <summary>Created but never RUN: it does not keep its container alive (<c>ContainerRecord.NeverStarted</c>).</summary>
    NeverStarted = 512,
}

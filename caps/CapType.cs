// The kinds of capability, as in Codezero: what resource a cap names and which operation family it allows.
namespace Codezero.Caps;

public enum CapType : byte
{
    None = 0,
    /// <summary>thread_control on the threads of its target (a thread, a space, or a container).</summary>
    ThreadControl = 1,
    /// <summary>exchange_registers on the threads of its target.</summary>
    ExchangeRegisters = 2,
    /// <summary>Physical memory: a range of page frames that may be mapped, with the rights given.</summary>
    PhysicalMemory = 3,
    /// <summary>Virtual memory: a range of virtual pages of its target's spaces that may be mapped, unmapped or maintained.</summary>
    VirtualMemory = 4,
    /// <summary>IPC towards the threads of its target, with the tiers given.</summary>
    Ipc = 5,
    /// <summary>irq_control on a range of interrupt lines (a device capability).</summary>
    IrqControl = 6,
    /// <summary>mutex_control in its target container.</summary>
    Mutex = 7,
    /// <summary>A quantity of one pool (threads, spaces, mutexes, map pages, caps): consumed on allocation, returned on free.</summary>
    Quantity = 8,
    /// <summary>capability_control: the operations it allows on the caps its holder owns.</summary>
    CapabilityControl = 9,
}

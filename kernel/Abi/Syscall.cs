// System-call numbers: the value user code puts in r12 before `svc #0` (docs/abi.md).
namespace Codezero.Kernel.Abi;

public enum Syscall : uint
{
    Ipc = 0,
    ThreadSwitch = 1,
    ThreadControl = 2,
    ExchangeRegisters = 3,
    Map = 4,
    Unmap = 5,
    GetId = 6,
    CapabilityControl = 7,
    ContainerControl = 8,
    IrqControl = 9,
    MutexControl = 10,
    CacheControl = 11,
    Time = 12,
    ConsoleWrite = 13,

    /// <summary>Number of call numbers; anything at or above it is -ENOSYS.</summary>
    Count = 14,
}

// The A32 exception types, with their vector offsets and target modes.
namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>Exceptions a core can take; the value is the vector's offset from the vector base.</summary>
public enum ExceptionKind : uint
{
    Reset = 0x00,
    Undefined = 0x04,
    SupervisorCall = 0x08,
    PrefetchAbort = 0x0C,
    DataAbort = 0x10,
    Irq = 0x18,
    Fiq = 0x1C,
}

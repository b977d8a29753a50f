// What an address translation is for: a data read, a data write, or an instruction fetch.
namespace Codezero.Hal.ArmCortexA9.Cpu;

public enum AccessKind
{
    Read,
    Write,
    Execute,
}

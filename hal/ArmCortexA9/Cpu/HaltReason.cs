// Why a core or the board stopped running guest code.
namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>The reason a run ended.</summary>
public enum HaltReason
{
    /// <summary>Still running (or the run returned because its instruction budget ran out).</summary>
    None,
    /// <summary>The guest asked to exit through semihosting.</summary>
    Exit,
    /// <summary>The run's instruction limit was reached.</summary>
    InstructionLimit,
    /// <summary>Every core is waiting for an interrupt that nothing can raise.</summary>
    Deadlock,
}

// Options of a slow-path memory access: alignment requirement and privilege.
using System;

namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>How a load or store is checked.</summary>
[Flags]
public enum AccessFlags
{
    None = 0,
    /// <summary>The access must be naturally aligned whatever SCTLR.A says (LDM, LDRD, LDREX, SWP...).</summary>
    Aligned = 1,
    /// <summary>Checked with User permissions whatever the mode (the LDRT/STRT forms).</summary>
    User = 2,
}

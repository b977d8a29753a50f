// Names a Thumb handler as a type, so table rows can lower "this encoding, unchanged, to that handler" generically.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa.Thumb;

/// <summary>A handler that takes the Thumb encoding itself as its word.</summary>
internal unsafe interface IThumbHandler
{
    static abstract delegate*<ArmCore, uint, void> Handler { get; }
}

/// <summary>CBZ/CBNZ.</summary>
internal unsafe struct CbzHandler : IThumbHandler
{
    public static delegate*<ArmCore, uint, void> Handler => &ThumbBranch.Cbz;
}

/// <summary>SVC (and the semihosting SVC 0xAB).</summary>
internal unsafe struct SvcHandler : IThumbHandler
{
    public static delegate*<ArmCore, uint, void> Handler => &ThumbMisc.Svc;
}

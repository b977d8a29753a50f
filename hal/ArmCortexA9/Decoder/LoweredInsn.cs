// What a Thumb encoding becomes once decoded: the handler to call and the word it is called with.
namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// The result of lowering one Thumb instruction. Most Thumb encodings have an A32 twin with the same
/// semantics; they lower to that twin's handler and an A32 word holding the same fields (condition AL), so
/// both instruction sets share one set of handlers. The rest lower to a Thumb handler and a word laid
/// out for it (usually the Thumb encoding itself, hw1:hw2).
/// </summary>
public readonly unsafe struct LoweredInsn
{
    public readonly delegate*<Cpu.ArmCore, uint, void> Handler;
    public readonly uint Raw;

    public LoweredInsn(delegate*<Cpu.ArmCore, uint, void> handler, uint raw)
    {
        Handler = handler;
        Raw = raw;
    }

    /// <summary>The UNDEFINED instruction (also what UNPREDICTABLE encodings lower to, as QEMU treats them).</summary>
    public static LoweredInsn Undefined => new(&A32Decoder.UndefinedInstruction, 0);

    /// <summary>True when this is <see cref="Undefined"/>.</summary>
    public bool IsUndefined => (nint)Handler == (nint)(delegate*<Cpu.ArmCore, uint, void>)&A32Decoder.UndefinedInstruction;
}

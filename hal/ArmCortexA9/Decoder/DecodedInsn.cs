// One cached, decoded A32 instruction: its handler and its encoding.
namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>An entry of the decoded-instruction cache (16 bytes).</summary>
public unsafe struct DecodedInsn
{
    /// <summary>The handler the decoder chose for the encoding.</summary>
    public delegate*<Cpu.ArmCore, uint, void> Handler;

    /// <summary>The instruction word.</summary>
    public uint Raw;

    /// <summary>Pads the entry to 16 bytes.</summary>
    public uint Reserved;
}

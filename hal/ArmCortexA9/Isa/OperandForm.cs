// The three encodings of a data-processing instruction's second operand.
namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>The three encodings of operand 2.</summary>
internal enum OperandForm
{
    Immediate,
    ImmediateShift,
    RegisterShift,
}

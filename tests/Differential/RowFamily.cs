// The instruction families the fuzzer's operand rules tell apart.
namespace Codezero.Tests.Differential;

/// <summary>Instruction families the operand rules know about; <see cref="Other"/> gets the generic rule.</summary>
internal enum RowFamily
{
    Other,
    DataProcessing,
    MoveWide,
    Branch,
    BranchExchange,
    LoadStore,
    LoadStoreDual,
    LoadStoreMultiple,
    Multiply,
    StatusRegister,
    ExceptionGenerating,
    Hint,
    Preload,
    Swap,
    Exclusive,
    Coprocessor,
}

// One step of a Thumb case: which instruction ran, from where, and the ITSTATE it started with.
namespace Codezero.Tests.Differential;

/// <summary>One instruction of a Thumb case as both CPUs stepped it.</summary>
/// <param name="Index">Steps taken before this one.</param>
/// <param name="Address">Where the instruction was fetched.</param>
/// <param name="Insn">The encoding (T16 in bits 15:0, T32 as hw1:hw2), as our core found it in memory.</param>
/// <param name="IsTest">True when this is the instruction under test.</param>
/// <param name="ItBefore">Our core's ITSTATE before the step (nonzero inside an IT block).</param>
/// <param name="ConditionPassed">False when the step was inside an IT block and its condition failed (the instruction did not execute).</param>
internal readonly record struct ThumbStep(int Index, uint Address, uint Insn, bool IsTest, uint ItBefore, bool ConditionPassed)
{
    /// <summary>The address of the next instruction in sequence.</summary>
    public uint Sequential => Address + ThumbCase.Size(Insn);
}

// The architectural state one CPU ended a case with: r0-r15, CPSR and how the instruction ended.
using System.Text;

namespace Codezero.Tests.Differential;

/// <summary>State after one instruction on one side. Reused between cases.</summary>
internal sealed class CpuSnapshot
{
    /// <summary>r0-r14 and, in R[15], the address of the next instruction.</summary>
    public readonly uint[] R = new uint[16];

    public uint Cpsr;

    /// <summary>TPIDRURW afterwards (User code can write it with MCR).</summary>
    public uint TpidrUrw;
    public CaseOutcome Outcome;

    /// <summary>Raw detail for <see cref="CaseOutcome.Other"/> and failure messages (error code, exception number).</summary>
    public string Detail = "";

    /// <summary>Register and CPSR differences against another snapshot, one per line.</summary>
    public static string Diff(CpuSnapshot ours, CpuSnapshot theirs, uint cpsrMask)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 16; i++)
        {
            if (ours.R[i] != theirs.R[i])
            {
                sb.Append($"    r{i}: ours 0x{ours.R[i]:X8}  unicorn 0x{theirs.R[i]:X8}\n");
            }
        }
        if (((ours.Cpsr ^ theirs.Cpsr) & cpsrMask) != 0)
        {
            sb.Append($"    cpsr: ours 0x{ours.Cpsr:X8}  unicorn 0x{theirs.Cpsr:X8}  (differing bits 0x{(ours.Cpsr ^ theirs.Cpsr) & cpsrMask:X8})\n");
        }
        if (ours.TpidrUrw != theirs.TpidrUrw)
        {
            sb.Append($"    TPIDRURW: ours 0x{ours.TpidrUrw:X8}  unicorn 0x{theirs.TpidrUrw:X8}\n");
        }
        return sb.ToString();
    }
}

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

    /// <summary>Privileged campaign: the final mode's SPSR, every bank's SP/LR/SPSR (<see cref="FuzzCase.BankModes"/> order), r8-r12 of both banks.</summary>
    public uint Spsr;
    public readonly uint[] BankSp = new uint[6], BankLr = new uint[6], BankSpsr = new uint[6];
    public readonly uint[] UsrHigh = new uint[5], FiqHigh = new uint[5];

    /// <summary>Whether the privileged state (SPSR, banks) of two snapshots agrees.</summary>
    public static bool BanksEqual(CpuSnapshot a, CpuSnapshot b)
    {
        const uint m = FuzzExclusions.SpsrCompareMask;
        bool equal = ((a.Spsr ^ b.Spsr) & m) == 0;
        for (int i = 0; i < 6; i++)
        {
            equal &= a.BankSp[i] == b.BankSp[i] && a.BankLr[i] == b.BankLr[i] && ((a.BankSpsr[i] ^ b.BankSpsr[i]) & m) == 0;
        }
        for (int i = 0; i < 5; i++)
        {
            equal &= a.UsrHigh[i] == b.UsrHigh[i] && a.FiqHigh[i] == b.FiqHigh[i];
        }
        return equal;
    }

    /// <summary>Differences in the privileged state, one per line.</summary>
    public static string BanksDiff(CpuSnapshot ours, CpuSnapshot theirs)
    {
        var sb = new StringBuilder();
        void One(string name, uint o, uint t)
        {
            if (o != t)
            {
                sb.Append($"    {name}: ours 0x{o:X8}  unicorn 0x{t:X8}\n");
            }
        }
        One("spsr", ours.Spsr, theirs.Spsr);
        for (int i = 0; i < 6; i++)
        {
            string m = FuzzCase.BankModes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            One($"sp_{m}", ours.BankSp[i], theirs.BankSp[i]);
            One($"lr_{m}", ours.BankLr[i], theirs.BankLr[i]);
            One($"spsr_{m}", ours.BankSpsr[i], theirs.BankSpsr[i]);
        }
        for (int i = 0; i < 5; i++)
        {
            One($"r{8 + i}_usr", ours.UsrHigh[i], theirs.UsrHigh[i]);
            One($"r{8 + i}_fiq", ours.FiqHigh[i], theirs.FiqHigh[i]);
        }
        return sb.ToString();
    }

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

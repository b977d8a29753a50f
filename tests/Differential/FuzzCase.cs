// One generated test case: an instruction word, r0-r14 and the flags both CPUs start from.
using System;
using System.Text;

namespace Codezero.Tests.Differential;

/// <summary>
/// The complete starting state of one case (memory aside, which is the runner's template). Reused between
/// cases so generation allocates nothing. Field helpers name the usual A32 register positions.
/// </summary>
internal sealed class FuzzCase
{
    public const int Rn = 16, Rd = 12, Rt = 12, Rs = 8, Rm = 0;

    /// <summary>r0-r14 (index 15 unused: the PC is the code address).</summary>
    public readonly uint[] Regs = new uint[16];

    public long Index;
    public int CaseSeed;
    public int RowIndex;
    public string RowName = "";
    public uint Word;

    /// <summary>NZCV, Q, GE and E (big-endian data) in their CPSR positions; the mode (User) is added by the runner.</summary>
    public uint Flags;

    /// <summary>The mode the case starts in (CPSR.M): User, or a privileged mode in the privileged campaign.</summary>
    public uint Mode = UserMode;

    /// <summary>
    /// Privileged campaign only: SP, LR and SPSR of every bank, in <see cref="BankModes"/> order (bank 0 = User/System,
    /// which has no SPSR). The current mode's SP and LR come from <see cref="Regs"/> instead.
    /// </summary>
    public readonly uint[] BankSp = new uint[BankModes.Length], BankLr = new uint[BankModes.Length], BankSpsr = new uint[BankModes.Length];

    /// <summary>Privileged campaign only: r8-r12 of the bank not in use (the FIQ bank, or User's when starting in FIQ).</summary>
    public readonly uint[] OtherHigh = new uint[5];

    /// <summary>When set, both sides' data memory holds <see cref="PatchPc"/> at <see cref="PatchAddress"/> and <see cref="PatchValue"/> after it (what RFE loads).</summary>
    public bool HasPatch;
    public uint PatchAddress, PatchPc, PatchValue;

    public const uint UserMode = 0x10, FiqMode = 0x11, SystemMode = 0x1F;

    /// <summary>One mode per bank of SP/LR/SPSR: System (User's bank), FIQ, IRQ, Supervisor, Abort, Undefined.</summary>
    public static readonly uint[] BankModes = [0x1F, 0x11, 0x12, 0x13, 0x17, 0x1B];

    /// <summary>The index in <see cref="BankModes"/> of the bank <paramref name="mode"/> uses, or -1.</summary>
    public static int BankOf(uint mode) => mode == UserMode ? 0 : Array.IndexOf(BankModes, mode);

    /// <summary>True for modes with an SPSR.</summary>
    public static bool HasSpsr(uint mode) => BankOf(mode) > 0;

    /// <summary>TPIDRURW and TPIDRURO, the thread-ID registers User code can read (and, for URW, write).</summary>
    public uint TpidrUrw, TpidrUro;

    /// <summary>Why the case is not compared, when a row exclusion or an operand rule says so; null otherwise.</summary>
    public string? Excluded;

    public int Reg(int lo) => (int)(Word >> lo) & 15;

    public void SetReg(int lo, int r) => Word = (Word & ~(15u << lo)) | ((uint)r << lo);

    public bool Bit(int b) => ((Word >> b) & 1) != 0;

    public void SetBit(int b, bool on) => Word = on ? Word | (1u << b) : Word & ~(1u << b);

    public uint Field(int lo, int width) => (Word >> lo) & ((1u << width) - 1);

    public void SetField(int lo, int width, uint value)
    {
        uint mask = ((1u << width) - 1) << lo;
        Word = (Word & ~mask) | ((value << lo) & mask);
    }

    /// <summary>A random register number whose bit is clear in <paramref name="avoid"/> (bit 15 is PC).</summary>
    public static int PickRegister(Random rng, int avoid)
    {
        while (true)
        {
            int r = rng.Next(16);
            if ((avoid & (1 << r)) == 0)
            {
                return r;
            }
        }
    }

    /// <summary>Replaces the register field at <paramref name="lo"/> when its bit is set in <paramref name="avoid"/>.</summary>
    public void AvoidReg(Random rng, int lo, int avoid)
    {
        if ((avoid & (1 << Reg(lo))) != 0)
        {
            SetReg(lo, PickRegister(rng, avoid));
        }
    }

    /// <summary>A C# line that pastes into <see cref="RegressionVectors"/> to replay this state.</summary>
    public string ToVectorLiteral(int memorySeed)
    {
        var sb = new StringBuilder();
        sb.Append($"new(0x{Word:X8}, \"note\", Flags: 0x{Flags:X8}, MemorySeed: {memorySeed}, TpidrUrw: 0x{TpidrUrw:X8}, TpidrUro: 0x{TpidrUro:X8}, Regs: [");
        for (int i = 0; i < 15; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append($"0x{Regs[i]:X8}");
        }
        sb.Append("]");
        if (Mode != UserMode)
        {
            sb.Append($", Mode: 0x{Mode:X2}, BankSp: [{Hex(BankSp)}], BankLr: [{Hex(BankLr)}], BankSpsr: [{Hex(BankSpsr)}], OtherHigh: [{Hex(OtherHigh)}]");
            if (HasPatch)
            {
                sb.Append($", PatchAddress: 0x{PatchAddress:X8}, PatchPc: 0x{PatchPc:X8}, PatchValue: 0x{PatchValue:X8}");
            }
        }
        sb.Append("),");
        return sb.ToString();
    }

    private static string Hex(uint[] values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append($"0x{values[i]:X8}");
        }
        return sb.ToString();
    }
}

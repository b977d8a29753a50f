// One emulated Cortex-A9 core: general registers, banked registers, PSR and the PC-write rules.
using System;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Memory;
using System.Runtime.InteropServices;

namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>
/// Architectural state of one core. Registers live in native memory so that instruction handlers
/// (function pointers taking the core) touch them without bounds checks or GC barriers.
/// The current mode's view of r0-r15 is <see cref="R"/>; other modes' SP, LR, SPSR and the FIQ
/// r8-r12 are kept in banks and swapped in by <see cref="SwitchMode"/>.
/// </summary>
public sealed unsafe partial class ArmCore : IDisposable
{
    /// <summary>r0-r15 as the current mode sees them. While an instruction executes, R[15] reads as its address + 8.</summary>
    public readonly uint* R;

    private readonly uint* _bankSp;
    private readonly uint* _bankLr;
    private readonly uint* _bankSpsr;
    private readonly uint* _fiqHigh;   // r8-r12 of FIQ mode while another mode is current
    private readonly uint* _usrHigh;   // r8-r12 of every other mode while FIQ is current
    private readonly uint* _condTable; // per condition code: bit n set when NZCV == n passes
    private readonly uint* _nativeBlock;

    /// <summary>Condition flags N, Z, C, V in their CPSR positions (bits 31:28); other bits zero.</summary>
    public uint Nzcv;

    /// <summary>Sticky saturation flag, in its CPSR position (bit 27).</summary>
    public uint QFlag;

    /// <summary>GE[3:0] flags of the parallel instructions, in bits 3:0.</summary>
    public uint Ge;

    /// <summary>The remaining CPSR bits but ITSTATE (kept in <see cref="ItState"/>): mode, T, F, I, A, E and J.</summary>
    public uint Control;

    /// <summary>Address of the next instruction to execute; handlers that branch write it.</summary>
    public uint NextPc;

    /// <summary>The address of the instruction the core will execute next, when it is not running.</summary>
    public uint Pc;

    /// <summary>Set by handlers that change state the run loop caches (code page, mode, translation, halt).</summary>
    public bool StopBlock;

    /// <summary>Instructions retired by this core.</summary>
    public long Instructions;

    /// <summary>Why the core stopped, when it did.</summary>
    public HaltReason Halt;

    /// <summary>Position of this core in its cluster (MPIDR.Aff0).</summary>
    public readonly int Index;

    /// <summary>The board this core belongs to (memory, devices, semihosting).</summary>
    public readonly Board Board;

    internal ArmCore(Board board, int index)
    {
        Board = board;
        Index = index;
        const int words = 16 + 8 + 8 + 8 + 5 + 5 + 16;
        _nativeBlock = (uint*)NativeMemory.AlignedAlloc(words * sizeof(uint), 64);
        NativeMemory.Clear(_nativeBlock, words * sizeof(uint));
        R = _nativeBlock;
        _bankSp = R + 16;
        _bankLr = _bankSp + 8;
        _bankSpsr = _bankLr + 8;
        _fiqHigh = _bankSpsr + 8;
        _usrHigh = _fiqHigh + 5;
        _condTable = _usrHigh + 5;
        for (uint cond = 0; cond < 16; cond++)
        {
            uint mask = 0;
            for (uint nzcv = 0; nzcv < 16; nzcv++)
            {
                if (Conditions.Passes(cond, nzcv << 28))
                {
                    mask |= 1u << (int)nzcv;
                }
            }
            _condTable[cond] = mask;
        }
        _softTlb = SoftTlb.Create();
        Reset();
    }

    /// <summary>The current mode, CPSR.M.</summary>
    public ProcessorMode Mode => (ProcessorMode)(Control & Psr.M);

    /// <summary>True in User mode, where privileged operations are refused.</summary>
    public bool IsUserMode => (Control & Psr.M) == (uint)ProcessorMode.User;

    /// <summary>The carry flag as 0 or 1.</summary>
    public uint Carry => (Nzcv >> 29) & 1;

    /// <summary>Whether an instruction with condition field <paramref name="cond"/> executes now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ConditionPasses(uint cond) => ((_condTable[cond] >> (int)(Nzcv >> 28)) & 1) != 0;

    /// <summary>The whole CPSR.</summary>
    public uint Cpsr
    {
        get => Nzcv | QFlag | (Ge << 16) | Control | ItBits(ItState);
    }

    /// <summary>SPSR of the current mode; User and System have none (reads as 0, writes ignored).</summary>
    public uint Spsr
    {
        get => HasSpsr ? _bankSpsr[ModeBank.Of(Control)] : 0;
        set
        {
            if (HasSpsr)
            {
                _bankSpsr[ModeBank.Of(Control)] = value & Psr.Implemented;
            }
        }
    }

    /// <summary>True when the current mode has an SPSR (every mode except User and System).</summary>
    public bool HasSpsr => ModeBank.Of(Control) > 0;

    /// <summary>Architectural reset: Supervisor mode, IRQ/FIQ/async aborts masked, ARM state, PC at the reset vector.</summary>
    public void Reset()
    {
        for (int i = 0; i < 16 + 8 + 8 + 8 + 5 + 5; i++)
        {
            R[i] = 0;
        }
        Nzcv = 0;
        QFlag = 0;
        Ge = 0;
        Control = (uint)ProcessorMode.Supervisor | Psr.A | Psr.I | Psr.F;
        SetItState(0);
        ResetSystemRegisters();
        Pc = (Sctlr & Sctlr_V) != 0 ? 0xFFFF_0000u : 0;
        NextPc = Pc;
        Halt = HaltReason.None;
        Instructions = 0;
        ClearExclusive();
        _tlb.InvalidateAll();
        FlushSoftTlb();
    }

    /// <summary>Writes the whole CPSR as an exception return or a privileged MSR does (mode switch included).</summary>
    public void WriteCpsr(uint value)
    {
        value &= Psr.Implemented;
        uint newMode = value & Psr.M;
        if (!ModeBank.IsValid(newMode))
        {
            // Writing an unimplemented mode is UNPREDICTABLE; the A9 model keeps the current mode.
            value = (value & ~Psr.M) | (Control & Psr.M);
            newMode = Control & Psr.M;
        }
        if (newMode != (Control & Psr.M))
        {
            SwitchMode(newMode);
        }
        uint oldControl = Control;
        Nzcv = value & Psr.Nzcv;
        QFlag = value & Psr.Q;
        Ge = (value >> 16) & 0xF;
        Control = value & Psr.ControlMask;
        SetItState(ItFromPsr(value));
        if ((oldControl & ~Control & (Psr.I | Psr.F)) != 0)
        {
            StopBlock = true; // interrupts unmasked: a pending one is taken at the block boundary
        }
        if (((oldControl ^ Control) & Psr.E) != 0)
        {
            FlushSoftTlb();
        }
        if (((oldControl ^ Control) & (Psr.E | Psr.T)) != 0)
        {
            StopBlock = true; // the run loop picks the instruction set at a block boundary
        }
    }

    /// <summary>Changes CPSR.M, swapping banked registers; everything else in CPSR is untouched.</summary>
    public void SwitchMode(uint newMode)
    {
        uint oldMode = Control & Psr.M;
        if (oldMode == newMode)
        {
            return;
        }
        int oldBank = ModeBank.Of(oldMode);
        int newBank = ModeBank.Of(newMode);
        _bankSp[oldBank] = R[13];
        _bankLr[oldBank] = R[14];
        if (oldBank == 1 && newBank != 1)
        {
            for (int i = 0; i < 5; i++)
            {
                _fiqHigh[i] = R[8 + i];
                R[8 + i] = _usrHigh[i];
            }
        }
        else if (oldBank != 1 && newBank == 1)
        {
            for (int i = 0; i < 5; i++)
            {
                _usrHigh[i] = R[8 + i];
                R[8 + i] = _fiqHigh[i];
            }
        }
        R[13] = _bankSp[newBank];
        R[14] = _bankLr[newBank];
        Control = (Control & ~Psr.M) | newMode;
        if ((oldMode == (uint)ProcessorMode.User) != (newMode == (uint)ProcessorMode.User))
        {
            FlushSoftTlb(); // user and privileged permissions differ once the MMU is on
        }
        StopBlock = true;
    }

    /// <summary>Reads a User-mode register (r8-r14) whatever the current mode; used by LDM/STM ^ and SRS.</summary>
    public uint ReadUserRegister(int n)
    {
        int bank = ModeBank.Of(Control);
        if (n < 8 || n == 15)
        {
            return R[n];
        }
        if (n <= 12)
        {
            return bank == 1 ? _usrHigh[n - 8] : R[n];
        }
        if (bank == 0)
        {
            return R[n];
        }
        return n == 13 ? _bankSp[0] : _bankLr[0];
    }

    /// <summary>Writes a User-mode register (r8-r14) whatever the current mode.</summary>
    public void WriteUserRegister(int n, uint value)
    {
        int bank = ModeBank.Of(Control);
        if (n < 8 || n == 15 || bank == 0 || (n <= 12 && bank != 1))
        {
            R[n] = value;
        }
        else if (n <= 12)
        {
            _usrHigh[n - 8] = value;
        }
        else if (n == 13)
        {
            _bankSp[0] = value;
        }
        else
        {
            _bankLr[0] = value;
        }
    }

    /// <summary>Reads SP, LR or SPSR of another mode's bank (for a debugger, the kernel and tests).</summary>
    public uint ReadBanked(ProcessorMode mode, int n)
    {
        int bank = ModeBank.Of((uint)mode);
        if (bank == ModeBank.Of(Control))
        {
            return n == 13 ? R[13] : n == 14 ? R[14] : _bankSpsr[bank];
        }
        return n == 13 ? _bankSp[bank] : n == 14 ? _bankLr[bank] : _bankSpsr[bank];
    }

    /// <summary>Writes SP, LR or SPSR (n = 16) of a mode's bank.</summary>
    public void WriteBanked(ProcessorMode mode, int n, uint value)
    {
        int bank = ModeBank.Of((uint)mode);
        bool current = bank == ModeBank.Of(Control);
        if (n == 13)
        {
            if (current) { R[13] = value; } else { _bankSp[bank] = value; }
        }
        else if (n == 14)
        {
            if (current) { R[14] = value; } else { _bankLr[bank] = value; }
        }
        else
        {
            _bankSpsr[bank] = value & Psr.Implemented;
        }
    }

    /// <summary>BranchWritePC: a branch target in the current instruction set (bits 1:0 ignored in ARM state, bit 0 in Thumb).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BranchWritePc(uint address) => NextPc = address & ((Control & Psr.T) != 0 ? ~1u : ~3u);

    /// <summary>BXWritePC: bit 0 selects Thumb state. Also LoadWritePC, and ALUWritePC in ARM state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BxWritePc(uint address)
    {
        if ((address & 1) != 0)
        {
            if ((Control & Psr.T) == 0)
            {
                EnterThumb();
            }
            NextPc = address & ~1u;
        }
        else
        {
            if ((Control & Psr.T) != 0)
            {
                EnterArm();
            }
            NextPc = address & ~3u; // address<1:0> == '10' is UNPREDICTABLE; the A9 model ignores bit 1
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterThumb()
    {
        Control |= Psr.T;
        StopBlock = true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterArm()
    {
        Control &= ~Psr.T;
        StopBlock = true;
    }

    /// <summary>
    /// An exception return (SUBS PC, LR; LDM ^ with the PC; RFE): CPSR takes <paramref name="cpsr"/>, then the PC
    /// takes <paramref name="address"/>, aligned for the instruction set the new CPSR selects.
    /// </summary>
    public void ReturnFromException(uint cpsr, uint address)
    {
        WriteCpsr(cpsr);
        NextPc = (Control & Psr.T) != 0 ? address & ~1u : address & ~3u;
        StopBlock = true;
    }

    /// <summary>Writes register <paramref name="n"/> as a data-processing result: r15 takes ALUWritePC.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteAluResult(int n, uint value)
    {
        if (n == 15)
        {
            if ((Control & Psr.T) != 0)
            {
                BranchWritePc(value); // ALUWritePC in Thumb state does not interwork
            }
            else
            {
                BxWritePc(value);
            }
        }
        else
        {
            R[n] = value;
        }
    }

    /// <summary>Sets N and Z from a result and C, V as given (each 0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNzcv(uint result, uint c, uint v)
        => Nzcv = (result & Psr.N) | (result == 0 ? Psr.Z : 0) | (c << 29) | (v << 28);

    /// <summary>Sets N and Z from a result and C as given; V is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNzc(uint result, uint c)
        => Nzcv = (result & Psr.N) | (result == 0 ? Psr.Z : 0) | (c << 29) | (Nzcv & Psr.V);

    /// <summary>Sets N and Z from a result; C and V are kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNz(uint result)
        => Nzcv = (result & Psr.N) | (result == 0 ? Psr.Z : 0) | (Nzcv & (Psr.C | Psr.V));

    public void Dispose()
    {
        _softTlb.Free();
        _tlb.Free();
        NativeMemory.AlignedFree(_nativeBlock);
    }
}

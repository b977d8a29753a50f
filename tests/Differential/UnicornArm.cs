// A Unicorn engine set up as a Cortex-A9 that runs one A32 instruction at a time from a given state.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Codezero.Tests.Differential;

/// <summary>
/// One Unicorn instance: Cortex-A9 model, host memory mapped in place (so the fuzzer compares and restores
/// pages without copying through the API), and an interrupt hook that records the exception number and
/// stops, so that no exception is delivered and the engine stays in the mode the case set.
/// </summary>
internal sealed unsafe class UnicornArm : IDisposable
{
    private const uint NoInterrupt = uint.MaxValue;

    private readonly nint _uc;
    private readonly uint* _interrupt; // written by the hook
    private bool _disposed;

    public UnicornArm()
    {
        Unicorn.Check(Unicorn.Open(Unicorn.UC_ARCH_ARM, Unicorn.UC_MODE_ARM, out _uc), "uc_open");
        // The CPU model must be chosen before anything else touches the engine.
        Unicorn.Check(Unicorn.Ctl(_uc, Unicorn.UC_CTL_CPU_MODEL_WRITE, Unicorn.UC_CPU_ARM_CORTEX_A9), "uc_ctl(CPU_MODEL)");
        _interrupt = (uint*)NativeMemory.Alloc(sizeof(uint));
        *_interrupt = NoInterrupt;
        delegate* unmanaged[Cdecl]<nint, uint, void*, void> hook = &OnInterrupt;
        Unicorn.Check(Unicorn.HookAdd(_uc, out _, Unicorn.UC_HOOK_INTR, hook, _interrupt, 1, 0), "uc_hook_add(INTR)");
    }

    /// <summary>Maps <paramref name="size"/> bytes of page-aligned host memory at <paramref name="address"/>.</summary>
    public void MapHost(uint address, byte* host, uint size)
        => Unicorn.Check(Unicorn.MemMapPtr(_uc, address, size, Unicorn.UC_PROT_ALL, host), "uc_mem_map_ptr");

    /// <summary>Drops translated code covering [address, address+size) after the host changed it.</summary>
    public void InvalidateCode(uint address, uint size)
        => Unicorn.Check(Unicorn.Ctl(_uc, Unicorn.UC_CTL_TB_REMOVE_CACHE_WRITE, address, (ulong)address + size), "uc_ctl(TB_REMOVE_CACHE)");

    /// <summary>Sets CPSR first (switching mode and bank), then r0-r14 of that mode, then the PC.</summary>
    public void SetState(uint cpsr, uint[] regs, uint pc)
    {
        uint v = cpsr;
        Unicorn.Check(Unicorn.RegWrite(_uc, Unicorn.UC_ARM_REG_CPSR, &v), "uc_reg_write(CPSR)");
        // Writing CPSR does not leave Thumb state (QEMU keeps T apart); writing the PC does: bit 0 selects it.
        v = pc;
        Unicorn.Check(Unicorn.RegWrite(_uc, Unicorn.UC_ARM_REG_PC, &v), "uc_reg_write(PC)");
        for (int i = 0; i < 15; i++)
        {
            v = regs[i];
            Unicorn.RegWrite(_uc, Unicorn.ArmReg(i), &v);
        }
    }

    /// <summary>
    /// Privileged campaign: writes every bank's SP, LR and SPSR and the unused r8-r12 bank by switching CPSR to each
    /// mode (a CPSR write banks registers as a mode change does); <see cref="SetState"/> then sets the case's mode.
    /// </summary>
    public void SetBanks(FuzzCase c)
    {
        for (int b = 0; b < FuzzCase.BankModes.Length; b++)
        {
            uint mode = FuzzCase.BankModes[b];
            Write(Unicorn.UC_ARM_REG_CPSR, mode | 0x1C0);
            Write(Unicorn.UC_ARM_REG_SP, c.BankSp[b]);
            Write(Unicorn.UC_ARM_REG_LR, c.BankLr[b]);
            if (b > 0)
            {
                Write(Unicorn.UC_ARM_REG_SPSR, c.BankSpsr[b]);
            }
            if ((mode == FuzzCase.FiqMode) != (c.Mode == FuzzCase.FiqMode) && b <= 1)
            {
                for (int i = 0; i < 5; i++)
                {
                    Write(Unicorn.ArmReg(8 + i), c.OtherHigh[i]);
                }
            }
        }
    }

    /// <summary>Privileged campaign: reads the current SPSR and every bank (switching mode), then restores CPSR.</summary>
    public void ReadBanks(CpuSnapshot s)
    {
        s.Spsr = Read(Unicorn.UC_ARM_REG_SPSR);
        uint cpsr = Read(Unicorn.UC_ARM_REG_CPSR);
        for (int b = 0; b < FuzzCase.BankModes.Length; b++)
        {
            Write(Unicorn.UC_ARM_REG_CPSR, FuzzCase.BankModes[b] | 0x1C0);
            s.BankSp[b] = Read(Unicorn.UC_ARM_REG_SP);
            s.BankLr[b] = Read(Unicorn.UC_ARM_REG_LR);
            s.BankSpsr[b] = b > 0 ? Read(Unicorn.UC_ARM_REG_SPSR) : 0;
            if (b <= 1)
            {
                uint[] high = b == 0 ? s.UsrHigh : s.FiqHigh;
                for (int i = 0; i < 5; i++)
                {
                    high[i] = Read(Unicorn.ArmReg(8 + i));
                }
            }
        }
        Write(Unicorn.UC_ARM_REG_CPSR, cpsr);
    }

    private void Write(int reg, uint value) => Unicorn.Check(Unicorn.RegWrite(_uc, reg, &value), "uc_reg_write");

    private uint Read(int reg)
    {
        uint v;
        Unicorn.Check(Unicorn.RegRead(_uc, reg, &v), "uc_reg_read");
        return v;
    }

    /// <summary>Writes a CP15 register (opc1, CRn, CRm, opc2) as a privileged MCR would.</summary>
    public void WriteCp15(uint opc1, uint crn, uint crm, uint opc2, uint value)
    {
        var reg = new Unicorn.ArmCpReg { Cp = 15, CRn = crn, CRm = crm, Opc1 = opc1, Opc2 = opc2, Value = value };
        Unicorn.Check(Unicorn.RegWrite(_uc, Unicorn.UC_ARM_REG_CP_REG, &reg), "uc_reg_write(CP_REG)");
    }

    /// <summary>Reads a CP15 register (opc1, CRn, CRm, opc2).</summary>
    public uint ReadCp15(uint opc1, uint crn, uint crm, uint opc2)
    {
        var reg = new Unicorn.ArmCpReg { Cp = 15, CRn = crn, CRm = crm, Opc1 = opc1, Opc2 = opc2 };
        Unicorn.Check(Unicorn.RegRead(_uc, Unicorn.UC_ARM_REG_CP_REG, &reg), "uc_reg_read(CP_REG)");
        return (uint)reg.Value;
    }

    /// <summary>
    /// Runs exactly one instruction at <paramref name="pc"/> and fills <paramref name="s"/>. The count (1) stops the
    /// run at the next instruction's hook; <paramref name="until"/> (1 = never) stops it before that instruction is
    /// even translated. Use it for a Thumb target: Unicorn 2.0.1 stopped by the count hook inside a Thumb block
    /// afterwards ignores the count for ARM code (it runs two or three instructions per start), so the engine must
    /// then be rebuilt (<see cref="NeedsReset"/>). Thumb code starts at <paramref name="pc"/> with bit 0 set; inside
    /// an IT block only <paramref name="until"/> stops a run (the count is ignored there: ThumbExclusions).
    /// </summary>
    public void Step(uint pc, CpuSnapshot s, uint until = 1, uint count = 1)
    {
        *_interrupt = NoInterrupt;
        int err = Unicorn.EmuStart(_uc, pc, until, 0, count);
        uint v;
        for (int i = 0; i < 16; i++)
        {
            Unicorn.RegRead(_uc, Unicorn.ArmReg(i), &v);
            s.R[i] = v;
        }
        Unicorn.RegRead(_uc, Unicorn.UC_ARM_REG_CPSR, &v);
        s.Cpsr = v;
        NeedsReset = (v & 0x20) != 0 && s.R[15] != until;
        uint interrupt = *_interrupt;
        s.Detail = "";
        if (interrupt != NoInterrupt)
        {
            s.Outcome = interrupt switch
            {
                Unicorn.EXCP_UDEF => CaseOutcome.Undefined,
                Unicorn.EXCP_SWI => CaseOutcome.SupervisorCall,
                Unicorn.EXCP_BKPT or Unicorn.EXCP_PREFETCH_ABORT => CaseOutcome.PrefetchAbort,
                Unicorn.EXCP_DATA_ABORT => CaseOutcome.DataAbort,
                _ => CaseOutcome.Other,
            };
            s.Detail = $"exception {interrupt}";
            return;
        }
        s.Outcome = err switch
        {
            Unicorn.UC_ERR_OK => CaseOutcome.Completed,
            // The instruction retired and branched to an address with no page: Unicorn fails fetching the next one.
            Unicorn.UC_ERR_FETCH_UNMAPPED => CaseOutcome.Completed,
            Unicorn.UC_ERR_INSN_INVALID => CaseOutcome.Undefined,
            Unicorn.UC_ERR_READ_UNMAPPED or Unicorn.UC_ERR_WRITE_UNMAPPED => CaseOutcome.Unmapped,
            _ => CaseOutcome.Other,
        };
        if (err != Unicorn.UC_ERR_OK)
        {
            s.Detail = $"uc_err {err} ({Unicorn.StrError(err)})";
        }
    }

    /// <summary>True when the last step ended in Thumb state somewhere other than its stop address.</summary>
    public bool NeedsReset { get; private set; }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnInterrupt(nint uc, uint intno, void* userData)
    {
        *(uint*)userData = intno;
        Unicorn.EmuStop(uc);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Unicorn.Close(_uc);
        NativeMemory.Free(_interrupt);
    }
}

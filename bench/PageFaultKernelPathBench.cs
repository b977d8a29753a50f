// Kernel-path page faults: the toucher's data abort and the pager's map, unmap and answer driven from C# through the kernel's entry.
using System;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Kernel;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Bench;

/// <summary>
/// Boots pfbench.elf in its kernel-path mode on a 1-core board and runs it to a mark where the toucher
/// (in a copied space) runs, one of its two pages is mapped and its pager (main) waits in a
/// reply-and-wait for its next fault. From there on no guest instruction executes: <see cref="Fault"/>
/// sets DFAR/DFSR as the MMU would for a write to the unmapped page and calls
/// <see cref="Kernel{THal}.Enter"/> with a data abort, which sends the fault IPC and switches to the
/// pager; then it makes the pager's three calls with the registers its `svc`s would carry: map the
/// frame at the fault page, unmap the other page, answer "retry" and wait. Four kernel entries per
/// fault, the toucher running again at its faulting instruction afterwards, as in pfbench.c's BATCH mode.
/// </summary>
public sealed unsafe class PageFaultKernelPathBench : IDisposable
{
    /// <summary>DFSR of a write to an unmapped page: a second-level translation fault (0b00111), WnR set.</summary>
    private const uint WriteTranslationFault = (1u << 11) | 0x7;

    private readonly MarkedBoard _board;
    private readonly Kernel<CortexA9Hal> _kernel;
    private readonly ArmCore _core;
    private readonly uint _toucher, _pager, _frame;
    private readonly uint _pageA, _pageB;
    private uint _mapped;
    private int _errors;

    public PageFaultKernelPathBench(string elf, bool fastPath = true)
    {
        var config = new PageFaultBenchConfig(PageFaultBenchConfig.KernelPath, 0);
        _pageA = config.PageA;
        _pageB = config.PageB;
        _board = new MarkedBoard(PageFaultBenchImage.Load(elf, config), 1, new KernelOptions { IpcFastPath = fastPath });
        _kernel = _board.Kernel;
        _core = _board.Board.Cores[0];
        for (int i = 0; ; i++)
        {
            _board.RunToMark();
            Tcb* pager = _kernel.Lookup(_board.MarkA);
            if (pager != null && pager->State == ThreadState.BlockedReceive && _board.MarkC == _pageA)
            {
                break;
            }
            if (i == 100)
            {
                throw new InvalidOperationException("pfbench never reached the kernel-path starting state:\n" + _board.Console + _kernel.DescribeThreads());
            }
        }
        _toucher = _core.R[0]; // the mark's getid returned the toucher's id
        _pager = _board.MarkA;
        _frame = _board.MarkB;
        _mapped = _board.MarkC;

        Fault();
        Fault();
        Verify();
        long before = _core.Cycles;
        Fault();
        CyclesPerFault = _core.Cycles - before;
        Verify();
    }

    /// <summary>Emulated cycles the kernel charges one fault (the abort, the fault IPC, map, unmap, the answer).</summary>
    public long CyclesPerFault { get; }

    /// <summary>Kernel entries per fault: the abort and the pager's three calls.</summary>
    public const int EntriesPerFault = 4;

    /// <summary>One page fault served by the pager, all on the kernel's entry.</summary>
    public void Fault()
    {
        ArmCore core = _core;
        uint page = _mapped == _pageA ? _pageB : _pageA;

        // The toucher's store to the page that is not mapped: the MMU's data abort at its pc.
        core.Dfar = page;
        core.Dfsr = WriteTranslationFault;
        _kernel.Enter(0, ExceptionKind.DataAbort, core.Pc + 8);
        uint* r = core.R;
        if (r[3] != FaultTag.DataAbort || r[4] != _toucher || r[5] != page)
        {
            _errors++; // the pager did not get the fault message (MR0-MR2 in r3-r5)
        }

        // The pager: map the frame at the fault page, unmap the other one, answer and wait.
        Call(Syscall.Map, _frame, page, 1, (uint)MapFlags.ReadWrite, _toucher);
        Call(Syscall.Unmap, _mapped, 1, _toucher, 0, 0);
        r[0] = _toucher;
        r[1] = _toucher;
        r[2] = IpcFlags.Short;
        r[3] = FaultTag.Retry;
        r[4] = 0;
        r[5] = 0;
        r[6] = 0;
        r[7] = 0;
        r[8] = 0;
        r[12] = (uint)Syscall.Ipc;
        _kernel.Enter(0, ExceptionKind.SupervisorCall, core.Pc);
        _mapped = page;
    }

    /// <summary>An `svc` of the pager (the current thread on core 0) with r0-r4; a result other than 0 counts as an error.</summary>
    private void Call(Syscall call, uint a0, uint a1, uint a2, uint a3, uint a4)
    {
        uint* r = _core.R;
        r[0] = a0;
        r[1] = a1;
        r[2] = a2;
        r[3] = a3;
        r[4] = a4;
        r[12] = (uint)call;
        _kernel.Enter(0, ExceptionKind.SupervisorCall, _core.Pc);
        if (r[0] != 0)
        {
            _errors++;
        }
    }

    /// <summary>Checks every fault so far was served and the toucher runs again (after a batch; throws otherwise).</summary>
    public void Verify()
    {
        Tcb* pager = _kernel.Lookup(_pager);
        if (_errors != 0 || _kernel.Cpu(0).Current != ThreadId.Slot(_toucher) || pager == null || pager->State != ThreadState.BlockedReceive)
        {
            throw new InvalidOperationException($"kernel-path page faults went wrong: {_errors} errors\n{_board.Console}{_kernel.DescribeThreads()}");
        }
    }

    public void Dispose() => _board.Dispose();
}

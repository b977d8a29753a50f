// Kernel-path round trips: the kernel's entry called from C# with the registers a guest would have, no guest instruction run.
using System;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Kernel;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Hal;
using Codezero.Kernel.Threads;

namespace Codezero.Bench;

/// <summary>What a kernel-path benchmark drives.</summary>
public enum KernelPathKind
{
    /// <summary>Client call, server reply-and-wait (one round trip).</summary>
    Ipc,
    /// <summary>getid (r12 = 6): the smallest system call.</summary>
    NullSyscall,
    /// <summary>thread_switch between two runnable threads of one core: two switches per round trip.</summary>
    ThreadSwitch,
}

/// <summary>
/// Boots ipcbench.elf in its kernel-path mode and runs it to a mark where the client (the root, on core 0)
/// runs and the server is blocked in a receive from anyone on core 0 or core 1 (or, for thread_switch, a
/// yielder is queued on core 0). From there on no guest instruction executes: <see cref="RoundTrip"/>
/// writes the registers an `svc` would carry (r0-r8, r12) into the running core and calls
/// <see cref="Kernel{THal}.Enter"/>, as the core would. Same core: the client's call and the server's
/// reply-and-wait, two entries. Cross core: the call on core 0, the reschedule SGI taken on core 1, the
/// server's reply-and-wait on core 1, the SGI taken on core 0: four entries on two cores.
/// </summary>
public sealed unsafe class KernelPathBench : IDisposable
{
    private const uint Ping = 0x50490000;

    private readonly MarkedBoard _board;
    private readonly Kernel<CortexA9Hal> _kernel;
    private readonly ArmCore _core0;
    private readonly ArmCore? _core1;
    private readonly ArmCore _serverCore;
    private readonly uint _client, _server;
    private readonly uint _clientBuffer, _serverBuffer;
    private readonly uint _flags;
    private readonly bool _cross;

    public KernelPathBench(string elf, KernelPathKind kind, IpcTier tier = IpcTier.Short, Placement placement = Placement.SameCore, bool fastPath = true)
    {
        Kind = kind;
        _cross = kind == KernelPathKind.Ipc && placement == Placement.CrossCore;
        uint role = kind == KernelPathKind.ThreadSwitch ? IpcBenchConfig.Yielder : IpcBenchConfig.Server;
        _board = new MarkedBoard(elf, new IpcBenchConfig(IpcBenchConfig.KernelPath, 0, 0, _cross, 0, role), _cross ? 2 : 1,
            new KernelOptions { IpcFastPath = fastPath });
        _kernel = _board.Kernel;
        _core0 = _board.Board.Cores[0];
        _core1 = _cross ? _board.Board.Cores[1] : null;
        _serverCore = _core1 ?? _core0;
        _flags = IpcCase.Flags(tier);

        // Run the guest until the client makes a mark with the other thread where it must be.
        for (int i = 0; ; i++)
        {
            _board.RunToMark();
            Tcb* other = _kernel.Lookup(_board.MarkA);
            bool ready = other != null && _board.MarkCore == 0 && (kind == KernelPathKind.ThreadSwitch
                ? other->State == ThreadState.Runnable && other->Core == 0
                : other->State == ThreadState.BlockedReceive && other->Partner == ThreadId.Any && other->Core == (_cross ? 1 : 0)
                  && (!_cross || _kernel.Cpu(1).Current == 0));
            if (ready)
            {
                break;
            }
            if (i == 100)
            {
                throw new InvalidOperationException("ipcbench never reached the kernel-path starting state:\n" + _kernel.DescribeThreads());
            }
        }
        _client = _core0.R[0]; // the mark's getid returned the client's id
        _server = _board.MarkA;
        _clientBuffer = _board.MarkB;
        _serverBuffer = _board.MarkC;

        if (kind == KernelPathKind.Ipc)
        {
            // The server waits in a short receive: one round trip whose reply-and-wait uses the tier leaves it
            // waiting in that tier (an extended reply to a short call is refused, and the receive goes on).
            RoundTrip(tier is IpcTier.Short or IpcTier.Full ? _flags : IpcFlags.Short, _flags);
            RoundTrip(_flags, _flags);
            if (_core0.R[0] != 0 || _core0.R[3] != Ping + 1 || _kernel.Lookup(_server)->State != ThreadState.BlockedReceive)
            {
                throw new InvalidOperationException($"kernel-path round trip went wrong: r0 {(int)_core0.R[0]}, MR0 0x{_core0.R[3]:x8}\n{_kernel.DescribeThreads()}");
            }
        }
        else
        {
            RoundTrip();
        }
        CyclesPerRoundTrip = MeasureCycles();
    }

    public KernelPathKind Kind { get; }

    /// <summary>Emulated cycles the kernel charges one round trip (summed over the cores involved).</summary>
    public long CyclesPerRoundTrip { get; }

    private long MeasureCycles()
    {
        long before = Cycles();
        RoundTrip();
        return Cycles() - before;
    }

    private long Cycles() => _core0.Cycles + (_core1?.Cycles ?? 0);

    /// <summary>One round trip (or one getid, or two thread switches), all on the kernel's entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RoundTrip()
    {
        switch (Kind)
        {
            case KernelPathKind.Ipc:
                RoundTrip(_flags, _flags);
                break;
            case KernelPathKind.NullSyscall:
                _core0.R[12] = (uint)Syscall.GetId;
                _kernel.Enter(0, ExceptionKind.SupervisorCall, _core0.Pc);
                break;
            default:
                Switch(_server);
                Switch(_client);
                break;
        }
    }

    private void Switch(uint to)
    {
        uint* r = _core0.R;
        r[0] = to;
        r[12] = (uint)Syscall.ThreadSwitch;
        _kernel.Enter(0, ExceptionKind.SupervisorCall, _core0.Pc);
    }

    private void RoundTrip(uint clientFlags, uint serverFlags)
    {
        Ipc(_core0, _server, _server, clientFlags, Ping, _clientBuffer);
        if (_cross)
        {
            _kernel.Enter(1, ExceptionKind.Irq, _core1!.Pc + 4); // the reschedule SGI: the server runs on core 1
        }
        Ipc(_serverCore, _client, ThreadId.Any, serverFlags, _serverCore.R[3] + 1, _serverBuffer);
        if (_cross)
        {
            _kernel.Enter(0, ExceptionKind.Irq, _core0.Pc + 4); // and the client on core 0
        }
    }

    /// <summary>An `svc` of ipc(to, from, flags) with MR0 = <paramref name="tag"/> and MR5 = the buffer, on <paramref name="core"/>.</summary>
    private void Ipc(ArmCore core, uint to, uint from, uint flags, uint tag, uint buffer)
    {
        uint* r = core.R;
        r[0] = to;
        r[1] = from;
        r[2] = flags;
        r[3] = tag;
        r[4] = 0;
        r[5] = 0;
        r[6] = 0;
        r[7] = 0;
        r[8] = buffer;
        r[12] = (uint)Syscall.Ipc;
        _kernel.Enter(core.Index, ExceptionKind.SupervisorCall, core.Pc);
    }

    /// <summary>Checks the client got its last reply (after a batch; throws otherwise).</summary>
    public void Verify()
    {
        // Every kind ends with the client current on core 0: an IPC's reply carries Ping + 1, getid
        // returns the caller's own id, and the client's thread_switch returned 0 when it ran again.
        bool clientCurrent = _kernel.Cpu(0).Current == ThreadId.Slot(_client);
        bool resultRight = Kind switch
        {
            KernelPathKind.Ipc => _core0.R[0] == 0 && _core0.R[3] == Ping + 1,
            KernelPathKind.NullSyscall => _core0.R[0] == _client,
            _ => _core0.R[0] == 0,
        };
        if (!clientCurrent || !resultRight)
        {
            throw new InvalidOperationException($"kernel-path {Kind} round trips went wrong: r0 0x{_core0.R[0]:x8}\n{_kernel.DescribeThreads()}");
        }
    }

    public void Dispose() => _board.Dispose();
}

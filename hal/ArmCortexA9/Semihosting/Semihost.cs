// ARM semihosting: the host services a bare-metal guest reaches through SVC 0x123456 or BKPT 0xAB.
using System;
using System.Text;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Devices;

namespace Codezero.Hal.ArmCortexA9.Semihosting;

/// <summary>
/// Implements ARM semihosting v2 as QEMU 7.2 system mode does for vexpress-a9, so that newlib's
/// rdimon programs behave the same on this board. The operation number is in r0, the parameter
/// (block pointer) in r1, and the result goes back in r0. Time is emulated: the board clock is
/// 100 MHz with one instruction per cycle. Host files are reachable only inside the sandbox root.
/// A bad parameter pointer gives -1 and EFAULT, never a data abort.
/// </summary>
public sealed unsafe partial class Semihost : IDisposable
{
    /// <summary>SYS_EXIT reason for a normal end (status 0, or the subcode with SYS_EXIT_EXTENDED).</summary>
    public const uint AdpStoppedApplicationExit = 0x2_0026;

    /// <summary>Emulated clock: instructions (cycles) per second.</summary>
    public const uint TicksPerSecond = 100_000_000;

    private const uint Failure = 0xFFFF_FFFF;
    private const uint NoValue = 0xDEAD_BEEF; // what QEMU leaves in r0 after WRITEC/WRITE0
    private const int ChunkLimit = 1 << 30;

    private readonly Board _board;
    private readonly ConsoleSink _errorSink;
    private readonly byte[] _commandLine;   // UTF-8, NUL-terminated
    private readonly byte[] _nameBuffer = new byte[4096];
    private readonly long[] _callCounts = new long[0x40];
    private int _errno;

    public Semihost(Board board, BoardOptions options)
    {
        _board = board;
        Enabled = options.Semihosting;
        _errorSink = new ConsoleSink(options.ConsoleError);
        _commandLine = Encoding.UTF8.GetBytes(options.CommandLine + "\0");
        Files = new SemihostFiles(new SemihostSandbox(options.SemihostingRoot), board.Console, _errorSink,
            options.ConsoleInput, options.ConsoleIsTerminal);
        HeapInfo = SemihostHeapInfo.ForLoadedImage(Memory.PhysicalMemoryMap.RamBase, options.RamSize, default);
    }

    /// <summary>Whether SVC 0x123456 / BKPT 0xAB are semihosting calls on this board.</summary>
    public bool Enabled { get; }

    /// <summary>The open-file table and its sandbox.</summary>
    public SemihostFiles Files { get; }

    /// <summary>What SYS_HEAPINFO reports; the boot loader sets it from the loaded image.</summary>
    public SemihostHeapInfo HeapInfo { get; set; }

    /// <summary>The errno the next SYS_ERRNO returns.</summary>
    public int LastErrno => _errno;

    /// <summary>How many times the guest called <paramref name="operation"/>.</summary>
    public long CallCount(SemihostOperation operation)
        => (uint)operation < (uint)_callCounts.Length ? _callCounts[(int)operation] : 0;

    /// <summary>Emulated ticks since boot as the calling core sees them: its exact cycle count (board clock).</summary>
    private static long TicksOf(ArmCore core) => core.LiveCycles;

    /// <summary>Performs the call in r0/r1 of <paramref name="core"/>.</summary>
    public void Call(ArmCore core)
    {
        uint op = core.R[0];
        uint arg = core.R[1];
        if (op < (uint)_callCounts.Length)
        {
            _callCounts[op]++;
        }
        switch ((SemihostOperation)op)
        {
            case SemihostOperation.Exit:
                _board.RequestExit(arg == AdpStoppedApplicationExit ? 0 : 1);
                return;
            case SemihostOperation.ExitExtended:
                ExitExtended(core, arg);
                return;
            default:
                core.R[0] = Dispatch(core, (SemihostOperation)op, arg);
                return;
        }
    }

    private uint Dispatch(ArmCore core, SemihostOperation op, uint arg)
    {
        switch (op)
        {
            case SemihostOperation.Open: return Open(core, arg);
            case SemihostOperation.Close: return Handle(core, arg, out uint h) ? Result(Files.Close(h)) : Fault();
            case SemihostOperation.WriteC: return WriteC(core, arg);
            case SemihostOperation.Write0: return Write0(core, arg);
            case SemihostOperation.Write: return Write(core, arg);
            case SemihostOperation.Read: return Read(core, arg);
            case SemihostOperation.ReadC: return ReadC();
            case SemihostOperation.IsError:
                return TryReadArgument(core, arg, 0, out uint value) ? ((int)value < 0 ? 1u : 0u) : Fault();
            case SemihostOperation.IsTty: return IsTty(core, arg);
            case SemihostOperation.Seek: return Seek(core, arg);
            case SemihostOperation.Flen: return Flen(core, arg);
            case SemihostOperation.TmpNam: return Error(SemihostErrno.Access); // no temporary host files
            case SemihostOperation.Remove: return Remove(core, arg);
            case SemihostOperation.Rename: return Rename(core, arg);
            case SemihostOperation.Clock: return (uint)(TicksOf(core) / (TicksPerSecond / 100));
            case SemihostOperation.Time: return (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            case SemihostOperation.System: return Error(SemihostErrno.Access); // never run host commands
            case SemihostOperation.Errno: return (uint)_errno;
            case SemihostOperation.GetCmdline: return GetCmdline(core, arg);
            case SemihostOperation.HeapInfo: return WriteHeapInfo(core, arg);
            case SemihostOperation.Elapsed: return Elapsed(core, arg);
            case SemihostOperation.TickFreq: return TicksPerSecond;
            default: return Error(SemihostErrno.Invalid); // unknown operation (QEMU aborts instead)
        }
    }

    // SYS_EXIT_EXTENDED: r1 -> {reason, subcode}; the subcode is the status of an application exit.
    private void ExitExtended(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint reason) || !TryReadArgument(core, block, 1, out uint subcode))
        {
            core.R[0] = Fault();
            return;
        }
        _board.RequestExit(reason == AdpStoppedApplicationExit ? (int)subcode : 1);
    }

    // SYS_OPEN: r1 -> {name, mode, name length}.
    private uint Open(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint name) || !TryReadArgument(core, block, 1, out uint mode)
            || !TryReadArgument(core, block, 2, out uint length))
        {
            return Fault();
        }
        if (length > (uint)_nameBuffer.Length)
        {
            return Error(SemihostErrno.Invalid);
        }
        if (!TryReadName(core, name, length, out string path))
        {
            return Fault();
        }
        return Result(Files.Open(path, mode));
    }

    private uint WriteC(ArmCore core, uint address)
    {
        Span<byte> ch = stackalloc byte[1];
        if (!CopyFromGuest(core, address, ch))
        {
            return Fault();
        }
        _board.Console.Write(ch[0]);
        return NoValue;
    }

    private uint Write0(ArmCore core, uint address)
    {
        while (true)
        {
            byte* host = GuestBytes(core, address, 0x1000, write: false, out uint length);
            if (host == null)
            {
                return Fault();
            }
            for (uint i = 0; i < length; i++)
            {
                if (host[i] == 0)
                {
                    return NoValue;
                }
                _board.Console.Write(host[i]);
            }
            address += length;
        }
    }

    // SYS_WRITE: r1 -> {handle, buffer, length}; returns the number of bytes NOT written.
    private uint Write(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint handle) || !TryReadArgument(core, block, 1, out uint buffer)
            || !TryReadArgument(core, block, 2, out uint length))
        {
            return Fault();
        }
        uint done = 0;
        int result = 0;
        while (done < length)
        {
            byte* host = GuestBytes(core, buffer + done, Math.Min(length - done, ChunkLimit), write: false, out uint chunk);
            if (host == null)
            {
                result = -SemihostErrno.Fault;
                break;
            }
            result = Files.Write(handle, new ReadOnlySpan<byte>(host, (int)chunk));
            if (result < 0)
            {
                break;
            }
            done += (uint)result;
        }
        if (Files.IsConsoleError(handle))
        {
            _errorSink.Flush();
        }
        if (result < 0)
        {
            _errno = -result;
        }
        return length - done;
    }

    // SYS_READ: r1 -> {handle, buffer, length}; returns the number of bytes NOT read (length at end of file).
    private uint Read(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint handle) || !TryReadArgument(core, block, 1, out uint buffer)
            || !TryReadArgument(core, block, 2, out uint length))
        {
            return Fault();
        }
        uint done = 0;
        while (done < length)
        {
            byte* host = GuestBytes(core, buffer + done, Math.Min(length - done, ChunkLimit), write: true, out uint chunk);
            if (host == null)
            {
                _errno = SemihostErrno.Fault;
                break;
            }
            int n = Files.Read(handle, new Span<byte>(host, (int)chunk));
            if (n < 0)
            {
                _errno = -n;
                break;
            }
            GuestWritten(host, (uint)n);
            done += (uint)n;
            if (n < chunk)
            {
                break; // end of file, or a console line: return what arrived, as read(2) does
            }
        }
        return length - done;
    }

    private uint ReadC()
    {
        Span<byte> ch = stackalloc byte[1];
        return Files.ReadConsole(ch) == 1 ? ch[0] : Error(SemihostErrno.IoError);
    }

    private uint IsTty(ArmCore core, uint block)
    {
        if (!Handle(core, block, out uint handle))
        {
            return Fault();
        }
        int result = Files.IsTty(handle, out int errno);
        if (errno != 0)
        {
            _errno = errno;
        }
        return (uint)result;
    }

    // SYS_SEEK: r1 -> {handle, absolute position}; 0 on success.
    private uint Seek(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint handle) || !TryReadArgument(core, block, 1, out uint position))
        {
            return Fault();
        }
        return Result(Files.Seek(handle, position));
    }

    private uint Flen(ArmCore core, uint block)
    {
        if (!Handle(core, block, out uint handle))
        {
            return Fault();
        }
        long length = Files.Length(handle);
        if (length < 0)
        {
            return Error((int)-length);
        }
        return length > int.MaxValue ? Error(SemihostErrno.Invalid) : (uint)length; // EOVERFLOW in QEMU
    }

    // SYS_REMOVE: r1 -> {name, length}.
    private uint Remove(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint name) || !TryReadArgument(core, block, 1, out uint length))
        {
            return Fault();
        }
        if (length > (uint)_nameBuffer.Length)
        {
            return Error(SemihostErrno.Invalid);
        }
        return TryReadName(core, name, length, out string path) ? Result(Files.Remove(path)) : Fault();
    }

    // SYS_RENAME: r1 -> {old name, old length, new name, new length}.
    private uint Rename(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint from) || !TryReadArgument(core, block, 1, out uint fromLength)
            || !TryReadArgument(core, block, 2, out uint to) || !TryReadArgument(core, block, 3, out uint toLength))
        {
            return Fault();
        }
        if (fromLength > (uint)_nameBuffer.Length || toLength > (uint)_nameBuffer.Length)
        {
            return Error(SemihostErrno.Invalid);
        }
        if (!TryReadName(core, from, fromLength, out string fromPath) || !TryReadName(core, to, toLength, out string toPath))
        {
            return Fault();
        }
        return Result(Files.Rename(fromPath, toPath));
    }

    // SYS_GET_CMDLINE: r1 -> {buffer, size}; writes the NUL-terminated line and its length (without the NUL).
    private uint GetCmdline(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint buffer) || !TryReadArgument(core, block, 1, out uint size))
        {
            return Fault();
        }
        if ((uint)_commandLine.Length > size)
        {
            return Error(SemihostErrno.ArgumentList);
        }
        if (!TryWriteArgument(core, block, 1, (uint)_commandLine.Length - 1) || !CopyToGuest(core, buffer, _commandLine))
        {
            return Fault();
        }
        return 0;
    }

    // SYS_HEAPINFO: r1 -> {pointer to four words}: heap base, heap limit, stack base, stack limit.
    private uint WriteHeapInfo(ArmCore core, uint block)
    {
        if (!TryReadArgument(core, block, 0, out uint words))
        {
            return Fault();
        }
        SemihostHeapInfo info = HeapInfo;
        if (!TryWriteArgument(core, words, 0, info.HeapBase) || !TryWriteArgument(core, words, 1, info.HeapLimit)
            || !TryWriteArgument(core, words, 2, info.StackBase) || !TryWriteArgument(core, words, 3, info.StackLimit))
        {
            return Fault();
        }
        return 0;
    }

    // SYS_ELAPSED: r1 -> two words receiving the 64-bit tick count (low word first).
    private uint Elapsed(ArmCore core, uint block)
    {
        ulong ticks = (ulong)TicksOf(core);
        if (!TryWriteArgument(core, block, 0, (uint)ticks) || !TryWriteArgument(core, block, 1, (uint)(ticks >> 32)))
        {
            return Fault();
        }
        return 0;
    }

    private bool Handle(ArmCore core, uint block, out uint handle) => TryReadArgument(core, block, 0, out handle);

    private uint Result(int result) => result >= 0 ? (uint)result : Error(-result);

    private uint Error(int errno)
    {
        _errno = errno;
        return Failure;
    }

    private uint Fault() => Error(SemihostErrno.Fault);

    public void Dispose()
    {
        _errorSink.Flush();
        Files.Dispose();
    }
}

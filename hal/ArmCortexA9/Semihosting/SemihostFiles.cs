// The semihosting handle table: console handles (":tt"), the feature file, and sandboxed host files.
using System;
using System.IO;
using Codezero.Hal.ArmCortexA9.Devices;

namespace Codezero.Hal.ArmCortexA9.Semihosting;

/// <summary>
/// Open files of a semihosting guest, in a table preallocated at boot. Handles are numbered from 1
/// (the lowest free one is given out, as QEMU does). Every operation returns a non-negative result
/// or a negative errno; nothing here throws for a guest's mistake.
/// </summary>
public sealed class SemihostFiles : IDisposable
{
    /// <summary>Handles a guest may hold at once.</summary>
    public const int Capacity = 32;

    /// <summary>The special file ":tt": opened for reading it is stdin, for writing stdout, for appending stderr.</summary>
    public const string ConsoleName = ":tt";

    /// <summary>The special file advertising semihosting v2 extensions.</summary>
    public const string FeaturesName = ":semihosting-features";

    // "SHFB" then feature byte 0: SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR (what QEMU reports).
    private static ReadOnlySpan<byte> FeatureFile => [0x53, 0x48, 0x46, 0x42, 0x03];

    private enum Kind : byte
    {
        Free,
        ConsoleIn,
        ConsoleOut,
        ConsoleError,
        Features,
        HostFile,
    }

    private readonly Kind[] _kind = new Kind[Capacity];
    private readonly FileStream?[] _files = new FileStream?[Capacity];
    private readonly bool[] _append = new bool[Capacity];
    private readonly long[] _position = new long[Capacity]; // read position in the feature file
    private readonly ConsoleSink _stdout;
    private readonly ConsoleSink _stderr;
    private readonly Stream? _stdin;
    private readonly bool _consoleIsTerminal;

    public SemihostFiles(SemihostSandbox sandbox, ConsoleSink stdout, ConsoleSink stderr, Stream? stdin, bool consoleIsTerminal)
    {
        Sandbox = sandbox;
        _stdout = stdout;
        _stderr = stderr;
        _stdin = stdin;
        _consoleIsTerminal = consoleIsTerminal;
    }

    public SemihostSandbox Sandbox { get; }

    /// <summary>SYS_OPEN: <paramref name="mode"/> 0-11 is the fopen mode index (r, rb, r+, r+b, w, wb, w+, w+b, a, ab, a+, a+b).</summary>
    public int Open(string name, uint mode)
    {
        if (mode >= 12)
        {
            return -SemihostErrno.Invalid;
        }
        if (name == ConsoleName)
        {
            return Allocate(mode < 4 ? Kind.ConsoleIn : mode < 8 ? Kind.ConsoleOut : Kind.ConsoleError, null, append: false);
        }
        if (name == FeaturesName)
        {
            return mode > 1 ? -SemihostErrno.Access : Allocate(Kind.Features, null, append: false);
        }
        int slot = FreeSlot();
        if (slot < 0)
        {
            return -SemihostErrno.TooManyOpen;
        }
        int resolved = Sandbox.Resolve(name, out string path);
        if (resolved < 0)
        {
            return resolved;
        }
        if (Directory.Exists(path))
        {
            return -SemihostErrno.IsDirectory;
        }
        (FileMode fileMode, FileAccess access) = (mode >> 1) switch
        {
            0 => (FileMode.Open, FileAccess.Read),
            1 => (FileMode.Open, FileAccess.ReadWrite),
            2 => (FileMode.Create, FileAccess.Write),
            3 => (FileMode.Create, FileAccess.ReadWrite),
            4 => (FileMode.OpenOrCreate, FileAccess.Write),
            _ => (FileMode.OpenOrCreate, FileAccess.ReadWrite),
        };
        FileStream stream;
        try
        {
            // bufferSize 0: no FileStream buffer, so positions, lengths and other openers agree at every call.
            stream = new FileStream(path, fileMode, access, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -ErrnoOf(e);
        }
        return Allocate(Kind.HostFile, stream, append: mode >= 8, slot);
    }

    /// <summary>SYS_CLOSE.</summary>
    public int Close(uint handle)
    {
        int slot = SlotOf(handle);
        if (slot < 0)
        {
            return -SemihostErrno.BadHandle;
        }
        FileStream? file = _files[slot];
        _files[slot] = null;
        _kind[slot] = Kind.Free;
        if (file != null)
        {
            try
            {
                file.Dispose();
            }
            catch (IOException)
            {
                return -SemihostErrno.IoError;
            }
        }
        return 0;
    }

    /// <summary>True when <paramref name="handle"/> writes to the guest's stderr (the caller flushes after the call).</summary>
    public bool IsConsoleError(uint handle)
    {
        int slot = SlotOf(handle);
        return slot >= 0 && _kind[slot] == Kind.ConsoleError;
    }

    /// <summary>Part of SYS_WRITE: writes <paramref name="data"/>, returning the bytes written or a negative errno.</summary>
    public int Write(uint handle, ReadOnlySpan<byte> data)
    {
        int slot = SlotOf(handle);
        if (slot < 0)
        {
            return -SemihostErrno.BadHandle;
        }
        switch (_kind[slot])
        {
            case Kind.ConsoleOut:
                foreach (byte b in data)
                {
                    _stdout.Write(b);
                }
                return data.Length;
            case Kind.ConsoleError:
                _stdout.Flush(); // keep stdout and stderr in the order the guest wrote them
                foreach (byte b in data)
                {
                    _stderr.Write(b);
                }
                return data.Length;
            case Kind.HostFile:
                FileStream file = _files[slot]!;
                if (!file.CanWrite)
                {
                    return -SemihostErrno.BadHandle;
                }
                try
                {
                    if (_append[slot])
                    {
                        file.Seek(0, SeekOrigin.End);
                    }
                    file.Write(data);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return -ErrnoOf(e);
                }
                return data.Length;
            default:
                return -SemihostErrno.BadHandle;
        }
    }

    /// <summary>Part of SYS_READ: fills <paramref name="buffer"/>, returning the bytes read (0 at end of file) or a negative errno.</summary>
    public int Read(uint handle, Span<byte> buffer)
    {
        int slot = SlotOf(handle);
        if (slot < 0)
        {
            return -SemihostErrno.BadHandle;
        }
        try
        {
            switch (_kind[slot])
            {
                case Kind.ConsoleIn:
                    return ReadConsole(buffer);
                case Kind.Features:
                    long at = _position[slot];
                    int count = (int)Math.Clamp(FeatureFile.Length - at, 0, buffer.Length);
                    FeatureFile.Slice((int)Math.Min(at, FeatureFile.Length), count).CopyTo(buffer);
                    _position[slot] = at + count;
                    return count;
                case Kind.HostFile:
                    FileStream file = _files[slot]!;
                    return file.CanRead ? file.Read(buffer) : -SemihostErrno.BadHandle;
                default:
                    return -SemihostErrno.BadHandle;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -ErrnoOf(e);
        }
    }

    /// <summary>SYS_READC and console reads: flushes the guest's output first so a prompt shows before the wait.</summary>
    public int ReadConsole(Span<byte> buffer)
    {
        _stdout.Flush();
        if (_stdin == null || buffer.Length == 0)
        {
            return 0;
        }
        return _stdin.Read(buffer);
    }

    /// <summary>SYS_ISTTY: 1 for console handles on a terminal, 0 (errno ENOTTY) otherwise.</summary>
    public int IsTty(uint handle, out int errno)
    {
        errno = 0;
        int slot = SlotOf(handle);
        if (slot < 0)
        {
            errno = SemihostErrno.BadHandle;
            return -1;
        }
        bool console = _kind[slot] is Kind.ConsoleIn or Kind.ConsoleOut or Kind.ConsoleError;
        if (console && _consoleIsTerminal)
        {
            return 1;
        }
        errno = SemihostErrno.NotTty;
        return 0;
    }

    /// <summary>SYS_SEEK to an absolute position: 0 or a negative errno.</summary>
    public int Seek(uint handle, uint position)
    {
        int slot = SlotOf(handle);
        if (slot < 0)
        {
            return -SemihostErrno.BadHandle;
        }
        switch (_kind[slot])
        {
            case Kind.Features:
                _position[slot] = position;
                return 0;
            case Kind.HostFile:
                try
                {
                    _files[slot]!.Seek(position, SeekOrigin.Begin);
                    return 0;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return -ErrnoOf(e);
                }
            default:
                return -SemihostErrno.Invalid; // lseek on a console: ESPIPE on a host, EINVAL-like here
        }
    }

    /// <summary>SYS_FLEN: the file's length, 0 for console handles, or a negative errno.</summary>
    public long Length(uint handle)
    {
        int slot = SlotOf(handle);
        if (slot < 0)
        {
            return -SemihostErrno.BadHandle;
        }
        switch (_kind[slot])
        {
            case Kind.Features:
                return FeatureFile.Length;
            case Kind.HostFile:
                try
                {
                    return _files[slot]!.Length;
                }
                catch (IOException e)
                {
                    return -ErrnoOf(e);
                }
            default:
                return 0;
        }
    }

    /// <summary>SYS_REMOVE inside the sandbox: 0 or a negative errno.</summary>
    public int Remove(string name)
    {
        int resolved = Sandbox.Resolve(name, out string path);
        if (resolved < 0)
        {
            return resolved;
        }
        if (Directory.Exists(path))
        {
            return -SemihostErrno.IsDirectory;
        }
        if (!File.Exists(path))
        {
            return -SemihostErrno.NoEntry;
        }
        try
        {
            File.Delete(path);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -ErrnoOf(e);
        }
    }

    /// <summary>SYS_RENAME with both names inside the sandbox: 0 or a negative errno.</summary>
    public int Rename(string from, string to)
    {
        int resolved = Sandbox.Resolve(from, out string source);
        if (resolved < 0)
        {
            return resolved;
        }
        resolved = Sandbox.Resolve(to, out string destination);
        if (resolved < 0)
        {
            return resolved;
        }
        if (!File.Exists(source))
        {
            return Directory.Exists(source) ? -SemihostErrno.IsDirectory : -SemihostErrno.NoEntry;
        }
        try
        {
            File.Move(source, destination, overwrite: true);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -ErrnoOf(e);
        }
    }

    /// <summary>Closes every open host file (board disposal).</summary>
    public void Dispose()
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (_kind[i] != Kind.Free)
            {
                Close((uint)i + 1);
            }
        }
    }

    private int SlotOf(uint handle)
    {
        uint slot = handle - 1;
        return slot < Capacity && _kind[slot] != Kind.Free ? (int)slot : -1;
    }

    private int FreeSlot()
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (_kind[i] == Kind.Free)
            {
                return i;
            }
        }
        return -1;
    }

    private int Allocate(Kind kind, FileStream? file, bool append, int slot = -1)
    {
        if (slot < 0)
        {
            slot = FreeSlot();
            if (slot < 0)
            {
                return -SemihostErrno.TooManyOpen;
            }
        }
        _kind[slot] = kind;
        _files[slot] = file;
        _append[slot] = append;
        _position[slot] = 0;
        return slot + 1;
    }

    private static int ErrnoOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => SemihostErrno.NoEntry,
        UnauthorizedAccessException => SemihostErrno.Access,
        PathTooLongException => SemihostErrno.Invalid,
        _ => SemihostErrno.IoError,
    };
}

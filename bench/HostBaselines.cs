// Host baselines measured in the same run: a pipe round trip between two host threads, a futex-backed handoff, getppid.
using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Codezero.Bench;

/// <summary>libc calls for the baselines (Linux).</summary>
internal static unsafe partial class LibC
{
    [LibraryImport("libc", EntryPoint = "pipe")]
    public static partial int Pipe(int* fds);

    [LibraryImport("libc", EntryPoint = "read")]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write")]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "getppid")]
    public static partial int GetPpid();
}

/// <summary>A round trip of one byte between two host threads through two Linux pipes (write, read; read, write).</summary>
public sealed unsafe class PipePingPong : IDisposable
{
    private const byte Stop = 0xFF;
    private readonly int _toServerRead, _toServerWrite, _toClientRead, _toClientWrite;
    private readonly Thread _server;

    public PipePingPong()
    {
        int* fds = stackalloc int[4];
        if (LibC.Pipe(fds) != 0 || LibC.Pipe(fds + 2) != 0)
        {
            throw new InvalidOperationException("pipe() failed: " + Marshal.GetLastPInvokeErrorMessage());
        }
        _toServerRead = fds[0];
        _toServerWrite = fds[1];
        _toClientRead = fds[2];
        _toClientWrite = fds[3];
        _server = new Thread(Serve) { IsBackground = true, Name = "pipe server" };
        _server.Start();
        RoundTrip();
    }

    private void Serve()
    {
        byte b;
        while (LibC.Read(_toServerRead, &b, 1) == 1 && b != Stop)
        {
            LibC.Write(_toClientWrite, &b, 1);
        }
    }

    public void RoundTrip()
    {
        byte b = 1;
        if (LibC.Write(_toServerWrite, &b, 1) != 1 || LibC.Read(_toClientRead, &b, 1) != 1)
        {
            throw new InvalidOperationException("pipe round trip failed");
        }
    }

    public void Dispose()
    {
        byte b = Stop;
        LibC.Write(_toServerWrite, &b, 1);
        _server.Join();
        LibC.Close(_toServerRead);
        LibC.Close(_toServerWrite);
        LibC.Close(_toClientRead);
        LibC.Close(_toClientWrite);
    }
}

/// <summary>A handoff between two host threads through a pair of SemaphoreSlim (spin, then a futex wait).</summary>
public sealed class FutexHandoff : IDisposable
{
    private readonly SemaphoreSlim _ping = new(0), _pong = new(0);
    private readonly Thread _server;
    private volatile bool _stop;

    public FutexHandoff()
    {
        _server = new Thread(Serve) { IsBackground = true, Name = "handoff server" };
        _server.Start();
        RoundTrip();
    }

    private void Serve()
    {
        while (true)
        {
            _ping.Wait();
            if (_stop)
            {
                return;
            }
            _pong.Release();
        }
    }

    public void RoundTrip()
    {
        _ping.Release();
        _pong.Wait();
    }

    public void Dispose()
    {
        _stop = true;
        _ping.Release();
        _server.Join();
        _ping.Dispose();
        _pong.Dispose();
    }
}

/// <summary>The host's null system call.</summary>
public static class HostSyscall
{
    public static int GetPpid() => LibC.GetPpid();
}

// Host console input for the guest: a background reader feeding a bounded single-producer/single-consumer ring.
using System;
using System.IO;
using System.Threading;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// Bytes the host offers to the guest console (UART0 receive). The emulation never waits for the host:
/// a background thread blocks on the host stream and copies what arrives into a ring allocated once;
/// the UART takes bytes from the ring without blocking (<see cref="TryRead"/>). When the ring is full the
/// reader waits for the guest to drain it; nothing is dropped.
/// <para>
/// Determinism: bytes reach the guest whenever the host delivers them, so with a terminal or a pipe the
/// cycle at which a byte appears depends on the host. A <see cref="MemoryStream"/> or
/// <see cref="UnmanagedMemoryStream"/> cannot block, so it is read directly on the consumer's side with
/// no thread: every byte is available from the first poll, and runs are repeatable (tests use this).
/// </para>
/// Single consumer: only the UART (under its lock) calls <see cref="TryRead"/>. The host stream is not
/// owned: disposing this object stops the reader at its next byte; the thread is a background thread and
/// also ends at end of stream. A host that disposes the stream while the reader is blocked on it may hang
/// that dispose on some platforms, so close the writing end first.
/// </summary>
public sealed class HostInput : IDisposable
{
    private const int Capacity = 4096;

    private readonly Stream? _stream;
    private readonly bool _direct;
    private readonly byte[] _ring = new byte[Capacity];
    private long _head; // next slot to read: written by the consumer only
    private long _tail; // next slot to fill: written by the producer only
    private volatile bool _disposed;
    private volatile bool _ended;

    public HostInput(Stream? stream)
    {
        _stream = stream;
        if (stream == null)
        {
            _ended = true;
            return;
        }
        if (stream is MemoryStream or UnmanagedMemoryStream)
        {
            _direct = true;
            return;
        }
        var reader = new Thread(Pump) { IsBackground = true, Name = "guest console input" };
        reader.Start();
    }

    /// <summary>True once the host stream has ended and every byte was taken.</summary>
    public bool Ended => _direct ? _stream!.Position >= _stream.Length : _ended && Volatile.Read(ref _tail) == _head;

    /// <summary>Takes the next host byte if one has arrived. Never blocks, never allocates.</summary>
    public bool TryRead(out byte value)
    {
        if (_direct)
        {
            int b = _stream!.ReadByte();
            value = (byte)b;
            return b >= 0;
        }
        long head = _head;
        if (head == Volatile.Read(ref _tail))
        {
            value = 0;
            return false;
        }
        value = _ring[head & (Capacity - 1)];
        Volatile.Write(ref _head, head + 1);
        return true;
    }

    public void Dispose() => _disposed = true;

    // The producer thread: blocks on the host stream, never on the emulation.
    private void Pump()
    {
        byte[] chunk = new byte[256];
        try
        {
            while (!_disposed)
            {
                int n = _stream!.Read(chunk, 0, chunk.Length);
                if (n <= 0)
                {
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    long tail = _tail;
                    while (tail - Volatile.Read(ref _head) == Capacity)
                    {
                        if (_disposed)
                        {
                            return;
                        }
                        Thread.Sleep(1);
                    }
                    _ring[tail & (Capacity - 1)] = chunk[i];
                    Volatile.Write(ref _tail, tail + 1);
                }
            }
        }
        catch (IOException)
        {
            // the host closed the stream: treat as end of input
        }
        catch (ObjectDisposedException)
        {
            // the host disposed the stream: treat as end of input
        }
        finally
        {
            _ended = true;
        }
    }
}

// Kernel events for a timeline (codezero boot --trace): a preallocated ring, written at the end of the run.
using System.Runtime.InteropServices;

namespace Codezero.Kernel.Diagnostics;

/// <summary>What a <see cref="TraceEvent"/> records.</summary>
public enum TraceKind : byte
{
    /// <summary>Core <c>Core</c> starts running thread <c>A</c> (0: goes idle).</summary>
    Switch = 1,
    /// <summary>An IPC rendezvous: <c>A</c> sent to <c>B</c> (tier in <c>C</c>).</summary>
    Ipc = 2,
    /// <summary>Thread <c>A</c> faulted at address <c>B</c> (tag in <c>C</c>).</summary>
    Fault = 3,
    /// <summary>Interrupt <c>A</c> was taken on core <c>Core</c>.</summary>
    Irq = 4,
}

[StructLayout(LayoutKind.Sequential)]
public struct TraceEvent
{
    public long Cycle;
    public TraceKind Kind;
    public byte Core;
    public ushort Reserved;
    public uint A, B, C;
}

/// <summary>
/// A fixed ring of events, allocated once at boot: recording is a bounds-checked store, never an
/// allocation, and under the kernel lock, so the ring holds events in the order they happened (each
/// core's in its own clock's order). When the ring is full the oldest events are overwritten and <see cref="Dropped"/> counts them.
/// </summary>
public sealed class TraceBuffer
{
    private readonly TraceEvent[] _events;
    private long _next;

    public TraceBuffer(int capacity) => _events = new TraceEvent[capacity];

    public long Recorded => _next;

    public long Dropped => _next > _events.Length ? _next - _events.Length : 0;

    public void Record(TraceKind kind, int core, long cycle, uint a, uint b = 0, uint c = 0)
    {
        ref TraceEvent e = ref _events[(int)(_next % _events.Length)];
        e.Cycle = cycle;
        e.Kind = kind;
        e.Core = (byte)core;
        e.A = a;
        e.B = b;
        e.C = c;
        _next++;
    }

    /// <summary>The events still held, oldest first.</summary>
    public int CopyTo(System.Span<TraceEvent> destination)
    {
        long first = _next > _events.Length ? _next - _events.Length : 0;
        int n = 0;
        for (long i = first; i < _next && n < destination.Length; i++)
        {
            destination[n++] = _events[(int)(i % _events.Length)];
        }
        return n;
    }

    public int Count => (int)(_next > _events.Length ? _events.Length : _next);
}

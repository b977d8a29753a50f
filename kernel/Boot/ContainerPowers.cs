// What a container may do, as a boot plan: the rights of its own caps, its memory, devices, pools and IPC peers.
using System.Collections.Generic;
using Codezero.Caps;

namespace Codezero.Kernel.Boot;

/// <summary>
/// Filled in by a boot path (the minimal one for <c>codezero kernel</c>, or a manifest) and turned into
/// capabilities by <see cref="DefaultCapabilities.Give"/>, the one place that does. Boot-time only.
/// </summary>
public sealed class ContainerPowers
{
    public uint ThreadControl { get; set; } = CapRights.ThreadControl.All;
    public uint ExchangeRegisters { get; set; } = CapRights.ExchangeRegisters.All;
    public uint CapabilityControl { get; set; } = CapRights.CapabilityControl.All;
    public uint Mutex { get; set; } = CapRights.Mutex.All;

    /// <summary>Physical RAM the container owns (bytes, page aligned).</summary>
    public List<(uint Base, uint Size)> Physical { get; } = new();

    /// <summary>Virtual ranges it may map in its spaces (bytes, page aligned).</summary>
    public List<(uint Base, uint Size)> Virtual { get; } = new();

    /// <summary>Device MMIO windows it owns (mapped uncached) and their interrupt lines.</summary>
    public List<(uint Base, uint Size)> DeviceWindows { get; } = new();
    public List<int> Irqs { get; } = new();

    /// <summary>IPC caps towards other containers: a whole container, or one thread (its pager).</summary>
    public List<(TargetKind Kind, uint Target, uint Rights)> IpcTowards { get; } = new();

    public int Threads { get; set; }
    public int Spaces { get; set; }
    public int Mutexes { get; set; }
    public int MapPages { get; set; }
    public int Caps { get; set; }
}

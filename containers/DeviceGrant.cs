// A device of the board given to a container: its MMIO window (an IO physical-memory cap) and IRQ lines (an IRQ cap).
using System.Collections.Generic;

namespace Codezero.Containers;

public sealed class DeviceGrant
{
    public required string Name { get; init; }

    public uint PhysicalBase { get; init; }

    public uint Size { get; init; }

    /// <summary>GIC interrupt ids (shared peripheral interrupts, 32-95).</summary>
    public required IReadOnlyList<int> Irqs { get; init; }

    public SourceLocation Location { get; init; }
}

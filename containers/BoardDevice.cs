// The devices of the board a container may be given: name, MMIO window and GIC interrupt ids, as data.
using System.Collections.Generic;

namespace Codezero.Containers;

public sealed record BoardDevice(string Name, uint PhysicalBase, uint Size, IReadOnlyList<int> Irqs, string Description)
{
    /// <summary>vexpress-a9's devices that containers may own (docs/board.md). Add a row to add a device.</summary>
    public static IReadOnlyList<BoardDevice> VexpressA9 { get; } = new BoardDevice[]
    {
        new("uart0", 0x10009000, 0x1000, new[] { 37 }, "PL011 UART 0 (the console)"),
    };

    public static BoardDevice? Find(string name)
    {
        foreach (BoardDevice device in VexpressA9)
        {
            if (device.Name == name)
            {
                return device;
            }
        }
        return null;
    }
}

// Test helper: a board of 1-4 cores with register accessors for the MPCore private region and UART0.
using System;
using System.IO;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal.Devices;

/// <summary>Builds a board and accesses device registers as a given core would (no instructions run).</summary>
public sealed class DeviceBoard : IDisposable
{
    public const uint Distributor = Board.PeriphBase + 0x1000;
    public const uint CpuInterface = Board.PeriphBase + 0x100;
    public const uint GlobalTimerBase = Board.PeriphBase + 0x200;
    public const uint PrivateTimerBase = Board.PeriphBase + 0x600;
    public const uint WatchdogBase = Board.PeriphBase + 0x620;

    public DeviceBoard(int cores = 1, Stream? input = null)
    {
        Board = new Board(new BoardOptions { RamSize = 1u << 20, CodeCachePages = 16, Cores = cores, ConsoleInput = input });
    }

    public Board Board { get; }

    public ArmCore Core(int index) => Board.Cores[index];

    public uint Read(int core, uint physical, int size = 4)
    {
        Assert.True(Board.Memory.ReadDevice(core, physical, size, out uint value));
        return value;
    }

    public void Write(int core, uint physical, uint value, int size = 4)
    {
        Assert.True(Board.Memory.WriteDevice(core, physical, size, value));
    }

    public uint Dist(int core, uint offset, int size = 4) => Read(core, Distributor + offset, size);

    public void SetDist(int core, uint offset, uint value, int size = 4) => Write(core, Distributor + offset, value, size);

    public uint Cpu(int core, uint offset) => Read(core, CpuInterface + offset);

    public void SetCpu(int core, uint offset, uint value) => Write(core, CpuInterface + offset, value);

    /// <summary>Enables the distributor and every core's CPU interface with the priority mask wide open.</summary>
    public DeviceBoard EnableGic()
    {
        SetDist(0, 0x000, 1);
        for (int c = 0; c < Board.Cores.Length; c++)
        {
            SetCpu(c, 0x04, 0xF8);
            SetCpu(c, 0x00, 1);
        }
        return this;
    }

    /// <summary>Enables interrupt <paramref name="id"/> for <paramref name="core"/> (banked for IDs below 32).</summary>
    public void Enable(int core, int id) => SetDist(core, 0x100 + (uint)(id / 32 * 4), 1u << (id % 32));

    public void SetPending(int core, int id) => SetDist(core, 0x200 + (uint)(id / 32 * 4), 1u << (id % 32));

    public void SetPriority(int core, int id, uint priority) => SetDist(core, 0x400 + (uint)id, priority, 1);

    public void SetTargets(int id, uint targets) => SetDist(0, 0x800 + (uint)id, targets, 1);

    public uint Iar(int core) => Cpu(core, 0x0C);

    public void Eoir(int core, uint value) => SetCpu(core, 0x10, value);

    /// <summary>Moves <paramref name="core"/>'s clock (it is not running, so LiveCycles is Cycles).</summary>
    public void At(int core, long cycle) => Board.Cores[core].Cycles = cycle;

    public void Dispose() => Board.Dispose();
}

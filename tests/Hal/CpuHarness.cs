// Test helper: a one-core board with a small program assembled from instruction words.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Tests.Hal;

/// <summary>Builds a board, places instruction words at <see cref="CodeBase"/>, and runs them.</summary>
public sealed unsafe class CpuHarness : IDisposable
{
    public const uint CodeBase = 0x6001_0000;
    public const uint DataBase = 0x6002_0000;

    public CpuHarness(uint ramSize = 1u << 20 << 4)
    {
        Board = new Board(new BoardOptions { RamSize = ramSize, CodeCachePages = 64 });
        Core = Board.Cores[0];
    }

    public Board Board { get; }

    public ArmCore Core { get; }

    /// <summary>Writes words at <see cref="CodeBase"/> and points the PC at the first.</summary>
    public CpuHarness Load(params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
        Board.Memory.WritePhysical(CodeBase, bytes);
        Core.SetPc(CodeBase);
        return this;
    }

    /// <summary>Executes exactly <paramref name="count"/> instructions.</summary>
    public CpuHarness Step(int count = 1)
    {
        for (int i = 0; i < count; i++)
        {
            Core.Step();
        }
        return this;
    }

    public uint ReadWord(uint physical)
    {
        Span<byte> b = stackalloc byte[4];
        Board.Memory.ReadPhysical(physical, b);
        return BitConverter.ToUInt32(b);
    }

    public void WriteWord(uint physical, uint value) => Board.Memory.WritePhysical(physical, BitConverter.GetBytes(value));

    public void Dispose() => Board.Dispose();
}

// Test helper: a one-core board whose guest makes semihosting calls from a single SVC 0x123456.
using System;
using System.IO;
using System.Text;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal.Semihosting;

/// <summary>
/// The guest program is one instruction, <c>svc 0x123456</c> (or <c>bkpt 0xab</c>), at
/// <see cref="CodeBase"/>; <see cref="Call"/> sets r0/r1, executes it and returns r0.
/// Parameter blocks and strings are placed in RAM at <see cref="DataBase"/> and above.
/// </summary>
public sealed unsafe class SemihostHarness : IDisposable
{
    public const uint CodeBase = 0x6001_0000;
    public const uint DataBase = 0x6002_0000;
    public const uint SvcSemihosting = 0xEF12_3456;
    public const uint BkptSemihosting = 0xE120_0A7B;

    public SemihostHarness(string? root = null, string commandLine = "guest", Stream? input = null, uint instruction = SvcSemihosting)
    {
        Board = new Board(new BoardOptions
        {
            RamSize = 16u << 20,
            CodeCachePages = 16,
            ConsoleOutput = Output,
            ConsoleError = ErrorOutput,
            ConsoleInput = input,
            SemihostingRoot = root,
            CommandLine = commandLine,
        });
        Core = Board.Cores[0];
        Board.Memory.WritePhysical(CodeBase, BitConverter.GetBytes(instruction));
    }

    public Board Board { get; }

    public ArmCore Core { get; }

    public MemoryStream Output { get; } = new();

    public MemoryStream ErrorOutput { get; } = new();

    /// <summary>Runs one semihosting call and returns r0.</summary>
    public uint Call(uint operation, uint argument)
    {
        Core.R[0] = operation;
        Core.R[1] = argument;
        Core.SetPc(CodeBase);
        Core.Step();
        Assert.Equal(ProcessorMode.Supervisor, Core.Mode); // no exception was taken
        return Core.R[0];
    }

    /// <summary>Writes a parameter block of words at <paramref name="address"/> and returns the address.</summary>
    public uint Block(uint address, params uint[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            WriteWord(address + (uint)(4 * i), words[i]);
        }
        return address;
    }

    public void WriteWord(uint address, uint value) => Board.Memory.WritePhysical(address, BitConverter.GetBytes(value));

    public uint ReadWord(uint address)
    {
        var bytes = new byte[4];
        Board.Memory.ReadPhysical(address, bytes);
        return BitConverter.ToUInt32(bytes);
    }

    /// <summary>Writes a NUL-terminated UTF-8 string; returns its address.</summary>
    public uint String(uint address, string text)
    {
        Board.Memory.WritePhysical(address, Encoding.UTF8.GetBytes(text + "\0"));
        return address;
    }

    public byte[] ReadBytes(uint address, int length)
    {
        var bytes = new byte[length];
        Board.Memory.ReadPhysical(address, bytes);
        return bytes;
    }

    /// <summary>SYS_OPEN of a name placed at DataBase + 0x800.</summary>
    public int Open(string name, uint mode)
    {
        uint nameAt = String(DataBase + 0x800, name);
        return (int)Call(0x01, Block(DataBase + 0x700, nameAt, mode, (uint)Encoding.UTF8.GetByteCount(name)));
    }

    /// <summary>Everything the guest wrote to stdout so far.</summary>
    public string Stdout()
    {
        Board.Console.Flush();
        return Encoding.UTF8.GetString(Output.ToArray());
    }

    public string Stderr() => Encoding.UTF8.GetString(ErrorOutput.ToArray());

    public int Errno() => (int)Call(0x13, 0);

    public void Dispose() => Board.Dispose();
}

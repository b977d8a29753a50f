// Interpreter speed on a real compute-bound guest (guests/programs/bench.c: SHA-256, CRC-32, sieve, matrix).
using System;
using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Perf;

/// <summary>
/// Boots guests/build/bench.elf with 40 iterations (about 34 million instructions) and runs it to its
/// semihosting exit. The guest-MIPS column divides the instructions of one run, counted once in the
/// host process, by the median time. Build the guests first (<c>make -C guests</c>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class GuestBenchmarks
{
    public const string Iterations = "40";

    private Board _board = null!;
    private ElfImage _image = null!;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MipsColumn(new Dictionary<string, long>
        {
            [nameof(BenchElf)] = CountInstructions(),
        }));
    }

    private static string ElfPath()
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "guests", "build", "bench.elf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("guests/build/bench.elf not found: run `make -C guests` first");
    }

    private static Board NewBoard() => new(new BoardOptions
    {
        ConsoleOutput = Stream.Null,
        CommandLine = "bench " + Iterations,
    });

    private static long CountInstructions()
    {
        using Board board = NewBoard();
        BareMetalBoot.Boot(board, ElfImage.Parse(File.ReadAllBytes(ElfPath()), "bench.elf"));
        board.Run();
        return board.Instructions;
    }

    [GlobalSetup]
    public void Setup()
    {
        _image = ElfImage.Parse(File.ReadAllBytes(ElfPath()), "bench.elf");
        _board = NewBoard();
    }

    [IterationSetup]
    public void Boot() => BareMetalBoot.Boot(_board, _image);

    [GlobalCleanup]
    public void Cleanup() => _board.Dispose();

    [Benchmark]
    public HaltReason BenchElf() => _board.Run();
}

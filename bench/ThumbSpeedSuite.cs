// The same guest program built ARM and Thumb (guests/build/bench.elf, guests/build/thumb/bench.elf), run alternately: wall time and MIPS of each, and their ratio.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Bench;

/// <summary>One build's figures: every timed run of the whole program on a fresh board.</summary>
public sealed class ThumbSpeedFigure
{
    /// <summary>"arm" or "thumb".</summary>
    public string Build { get; init; } = "";

    public string Elf { get; init; } = "";

    /// <summary>Guest instructions of one run (the two builds execute different numbers).</summary>
    public long Instructions { get; init; }

    public int ExitStatus { get; init; }

    public int StdoutBytes { get; init; }

    public double MedianSeconds { get; init; }

    public double MinSeconds { get; init; }

    public double MaxSeconds { get; init; }

    /// <summary>Guest instructions per second of host time, from the median, in millions.</summary>
    public double Mips { get; init; }
}

/// <summary>The report of one <c>codezero bench thumb</c> run.</summary>
public sealed class ThumbSpeedReport
{
    public string GuestArguments { get; init; } = "";

    public int Runs { get; init; }

    public ThumbSpeedFigure Arm { get; init; } = new();

    public ThumbSpeedFigure Thumb { get; init; } = new();

    /// <summary>
    /// How fast the Thumb build runs the program relative to the ARM build: the ARM build's median wall
    /// time over the Thumb build's (1.0 equal, below 1 slower; issue 8 asks for at least 0.8).
    /// </summary>
    public double SpeedRatio { get; init; }

    /// <summary>True when both builds printed the same bytes and exited with the same status.</summary>
    public bool SameOutput { get; init; }
}

/// <summary>
/// Runs both builds of a program <see cref="Runs"/> times each after one untimed warm-up run of each,
/// alternating ARM and Thumb so that any drift of the host affects both alike. Every run boots a fresh
/// board (decoding is part of the time, as in any run of the program).
/// </summary>
public sealed class ThumbSpeedSuite
{
    public const string ArmRelative = "guests/build/bench.elf";
    public const string ThumbRelative = "guests/build/thumb/bench.elf";

    private readonly string _armElf;
    private readonly string _thumbElf;
    private readonly string[] _guestArgs;

    public ThumbSpeedSuite(string armElf, string thumbElf, int runs, string[] guestArgs)
    {
        if (runs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(runs));
        }
        _armElf = armElf;
        _thumbElf = thumbElf;
        Runs = runs;
        _guestArgs = guestArgs;
    }

    public int Runs { get; }

    /// <summary>A run that has not exited after this many instructions fails (a build that goes astray loops forever).</summary>
    public long MaxInstructionsPerRun { get; init; } = 20_000_000_000;

    /// <summary>Called before each run with its build and number (0: warm-up).</summary>
    public Action<string, int>? Progress { get; init; }

    /// <summary><paramref name="relative"/> (e.g. <see cref="ArmRelative"/>) searched upwards from the current directory and the running program's.</summary>
    public static string Find(string relative)
    {
        foreach (string origin in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (string? dir = origin; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException($"{relative} not found: build the guests with `make -C guests` (or give its path)");
    }

    public ThumbSpeedReport Run()
    {
        ElfImage arm = ElfImage.Parse(File.ReadAllBytes(_armElf), _armElf);
        ElfImage thumb = ElfImage.Parse(File.ReadAllBytes(_thumbElf), _thumbElf);
        var armTimes = new List<double>();
        var thumbTimes = new List<double>();
        RunOnce(arm, "arm", 0, out byte[] armOut, out int armStatus, out long armInstructions);
        RunOnce(thumb, "thumb", 0, out byte[] thumbOut, out int thumbStatus, out long thumbInstructions);
        for (int i = 1; i <= Runs; i++)
        {
            armTimes.Add(RunOnce(arm, "arm", i, out _, out _, out _));
            thumbTimes.Add(RunOnce(thumb, "thumb", i, out _, out _, out _));
        }
        ThumbSpeedFigure armFigure = Figure("arm", _armElf, armInstructions, armStatus, armOut.Length, armTimes);
        ThumbSpeedFigure thumbFigure = Figure("thumb", _thumbElf, thumbInstructions, thumbStatus, thumbOut.Length, thumbTimes);
        return new ThumbSpeedReport
        {
            GuestArguments = string.Join(' ', _guestArgs),
            Runs = Runs,
            Arm = armFigure,
            Thumb = thumbFigure,
            SpeedRatio = armFigure.MedianSeconds / thumbFigure.MedianSeconds,
            SameOutput = armStatus == thumbStatus && ((ReadOnlySpan<byte>)armOut).SequenceEqual(thumbOut),
        };
    }

    /// <summary>One whole run of <paramref name="image"/> on a fresh one-core board; returns its wall time in seconds.</summary>
    private double RunOnce(ElfImage image, string build, int run, out byte[] stdout, out int status, out long instructions)
    {
        Progress?.Invoke(build, run);
        var output = new MemoryStream();
        string name = Path.GetFileNameWithoutExtension(image.DisplayName);
        using var board = new Board(new BoardOptions
        {
            ConsoleOutput = output,
            CommandLine = _guestArgs.Length == 0 ? name : name + " " + string.Join(' ', _guestArgs),
        });
        var clock = Stopwatch.StartNew();
        BareMetalBoot.Boot(board, image);
        HaltReason halt = board.Run(MaxInstructionsPerRun);
        clock.Stop();
        if (halt != HaltReason.Exit)
        {
            throw new InvalidOperationException($"{image.DisplayName} ({build}) stopped with {halt} at pc=0x{board.Cores[0].Pc:X8}");
        }
        board.Console.Flush();
        stdout = output.ToArray();
        status = board.ExitStatus ?? -1;
        instructions = board.Instructions;
        return clock.Elapsed.TotalSeconds;
    }

    private static ThumbSpeedFigure Figure(string build, string elf, long instructions, int status, int bytes, List<double> times)
    {
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return new ThumbSpeedFigure
        {
            Build = build,
            Elf = elf,
            Instructions = instructions,
            ExitStatus = status,
            StdoutBytes = bytes,
            MedianSeconds = median,
            MinSeconds = times[0],
            MaxSeconds = times[^1],
            Mips = instructions / median / 1e6,
        };
    }
}

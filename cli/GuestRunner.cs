// Loads an ELF, builds the board for it, boots and runs it: the part shared by run and compare-qemu.
using System;
using System.Diagnostics;
using System.IO;
using Codezero.Cli.Options;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Hal.ArmCortexA9.Semihosting;

namespace Codezero.Cli;

/// <summary>What one guest run did.</summary>
public readonly record struct GuestRunResult(
    HaltReason Halt, int? ExitStatus, long Instructions, long[] InstructionsPerCore, double HostSeconds,
    long PagesDecoded, long CacheFlushes, string SemihostingCalls, RunMode Mode, ulong TraceHash);

/// <summary>Runs a guest ELF on a fresh board; throws <see cref="CliFailure"/> for the user's mistakes.</summary>
public static class GuestRunner
{
    /// <summary>Checks the options, reads and parses the ELF; nothing runs yet.</summary>
    public static ElfImage Prepare(GuestOptions options)
    {
        if (options.RamMib < 1 || options.RamMib > 1024)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.RamMibName} must be between 1 and 1024, not {options.RamMib}");
        }
        if (options.Cpus < 1 || options.Cpus > 4)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.CpusName} must be between 1 and 4, not {options.Cpus}");
        }
        ParseMode(options);
        if (options.MaxInstructions is <= 0)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.MaxInstructionsName} must be positive");
        }
        if (options.SemihostingRoot != null && !Directory.Exists(options.SemihostingRoot))
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.SemihostingRootName}: '{options.SemihostingRoot}' is not a directory");
        }
        byte[] bytes = InputFile.Read(options.Elf, InputFile.Elf, InputFile.MaxImageBytes, ExitStatus.BadElf);
        ElfImage image = Parse(bytes, options.Elf);
        if (Codezero.Containers.KernelImage.IsLibl4(bytes))
        {
            throw new CliFailure(ExitStatus.BadElf, $"{options.Elf}: a libl4 program for the Codezero kernel, not a bare-metal ELF: "
                + $"run it with 'codezero kernel {options.Elf}' or as a container of a manifest with 'codezero boot'");
        }
        return image;
    }

    /// <summary>Reads and parses an ELF; a missing, unreadable, non-regular, oversized or malformed file is a <see cref="CliFailure"/> (65).</summary>
    public static ElfImage LoadElf(string path)
        => Parse(InputFile.Read(path, InputFile.Elf, InputFile.MaxImageBytes, ExitStatus.BadElf), path);

    private static ElfImage Parse(byte[] bytes, string path)
    {
        try
        {
            return ElfImage.Parse(bytes, path);
        }
        catch (ElfFormatException e)
        {
            throw new CliFailure(ExitStatus.BadElf, e.Message);
        }
    }

    /// <summary>
    /// Boots <paramref name="image"/> and runs it to the end. The guest's command line is the ELF
    /// name as given followed by its arguments, joined by spaces (what QEMU gives a semihosting guest).
    /// </summary>
    public static GuestRunResult Run(GuestOptions options, ElfImage image, string[] guestArgs,
        Stream? stdout, Stream? stderr, Stream? stdin, bool consoleIsTerminal)
    {
        var boardOptions = new BoardOptions
        {
            RamSize = (uint)options.RamMib << 20,
            Cores = options.Cpus,
            ConsoleOutput = stdout,
            ConsoleError = stderr,
            ConsoleInput = stdin,
            ConsoleIsTerminal = consoleIsTerminal,
            SemihostingRoot = options.SemihostingRoot,
            CommandLine = guestArgs.Length == 0 ? options.Elf : options.Elf + " " + string.Join(' ', guestArgs),
        };
        using var board = new Board(boardOptions);
        try
        {
            BareMetalBoot.Boot(board, image);
        }
        catch (ElfFormatException e)
        {
            throw new CliFailure(ExitStatus.BadElf, e.Message);
        }
        catch (UnsupportedImageException e)
        {
            throw new CliFailure(ExitStatus.GuestStopped, e.Message);
        }
        var clock = Stopwatch.StartNew();
        RunMode mode = ParseMode(options);
        HaltReason halt = board.Run(options.MaxInstructions ?? long.MaxValue, mode);
        clock.Stop();
        board.Console.Flush();
        var perCore = new long[board.Cores.Length];
        for (int i = 0; i < perCore.Length; i++)
        {
            perCore[i] = board.Cores[i].Instructions;
        }
        return new GuestRunResult(halt, board.ExitStatus, board.Instructions, perCore, clock.Elapsed.TotalSeconds,
            board.Code.PagesDecoded, board.Code.FullFlushes, DescribeCalls(board.Semihosting), mode, board.TraceHash);
    }

    /// <summary>The one-line reason a run that did not exit stopped, or null when it exited.</summary>
    public static string? StopReason(in GuestRunResult result, ElfImage image) => result.Halt switch
    {
        HaltReason.Exit => null,
        HaltReason.InstructionLimit => $"instruction limit reached after {result.Instructions} instructions",
        HaltReason.Deadlock => "guest stopped: every core is waiting (WFI/WFE) and nothing can wake it",
        _ => $"guest stopped: {result.Halt}",
    };

    private static string DescribeCalls(Semihost semihost)
    {
        var text = new System.Text.StringBuilder();
        foreach (SemihostOperation op in Enum.GetValues<SemihostOperation>())
        {
            long count = semihost.CallCount(op);
            if (count > 0)
            {
                text.Append(text.Length == 0 ? "" : ", ").Append(op.ToString()).Append(' ').Append(count);
            }
        }
        return text.Length == 0 ? "none" : text.ToString();
    }

    private static RunMode ParseMode(GuestOptions options) => options.Mode switch
    {
        "deterministic" => RunMode.Deterministic,
        "parallel" => RunMode.Parallel,
        _ => throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.ModeName} must be deterministic or parallel, not '{options.Mode}'"),
    };
}

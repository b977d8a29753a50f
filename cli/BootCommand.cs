// `codezero boot`: runs the containers of a manifest on the kernel, names their output, summarises each at the end.
using System;
using System.Globalization;
using System.IO;
using Codezero.Cli.Options;
using Codezero.Containers;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel;
using Codezero.Kernel.Diagnostics;
using Codezero.Kernel.Hal;

namespace Codezero.Cli;

public static class BootCommand
{
    public static int Execute(BootOptions options)
    {
        RunMode mode = ParseMode(options.Mode);
        if (options.MaxCycles is <= 0)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{BootOptions.MaxCyclesName} must be positive");
        }
        LoadedManifest loaded = LoadedManifest.Load(options.Manifest, options.Cpus, options.MaxCycles ?? 0);
        Manifest manifest = loaded.Manifest;
        using FileStream? trace = options.Trace == null ? null : OutputFile.Create(options.Trace, BootOptions.TraceName);

        using HostOutput stdout = HostOutput.StandardOutput();
        using var board = new Board(new BoardOptions
        {
            Cores = manifest.BoardCores,
            RamSize = manifest.BoardRamSize,
            ConsoleOutput = stdout,
            Semihosting = false,
        });
        Kernel<CortexA9Hal> kernel = loaded.Boot(board, mode == RunMode.Parallel);
        var names = new string[manifest.Containers.Count + 1];
        names[0] = "kernel";
        foreach (ContainerSpec spec in manifest.Containers)
        {
            names[spec.Id] = spec.Name;
            kernel.SetContainerName(spec.Id, spec.Name); // fault reports and thread lists name containers as the manifest does
        }
        kernel.Console = new ContainerConsole(board.Console, names, colour: !options.NoColor && !Console.IsOutputRedirected);
        if (trace != null)
        {
            kernel.Trace = new TraceBuffer(TraceEvents);
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        HaltReason halt;
        kernel.StartCores();
        CtrlC.Stops(board);
        try
        {
            halt = board.Run(long.MaxValue, mode);
        }
        finally
        {
            CtrlC.RunEnded();
        }
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        board.Console.Flush();
        stdout.Flush();
        PrintSummary(kernel, board, manifest, seconds);
        if (trace != null)
        {
            WriteTrace(trace, options.Trace!, kernel, board, names);
        }
        if (options.Stats)
        {
            KernelCommand.PrintStats(kernel, board, seconds);
        }
        stdout.ThrowIfFailed();
        return Status(kernel, manifest, halt, CtrlC.Requested);
    }

    /// <summary>Events the trace ring holds (24 bytes each); older ones are overwritten and counted as dropped.</summary>
    private const int TraceEvents = 1 << 20;

    private static void WriteTrace(FileStream file, string path, Kernel<CortexA9Hal> kernel, Board board, string[] names)
    {
        long end = 0;
        foreach (ArmCore core in board.Cores)
        {
            end = Math.Max(end, core.Cycles);
        }
        try
        {
            TraceWriter.Write(file, kernel.Trace!, board.Cores.Length, end,
                tid => $"{names[Math.Min((int)(tid >> 24), names.Length - 1)]} 0x{tid:x8}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{BootOptions.TraceName} {path}: cannot write: {e.Message.ReplaceLineEndings(" ")}");
        }
        Console.Error.WriteLine($"codezero: trace of {kernel.Trace!.Recorded} events ({kernel.Trace.Dropped} dropped) written to {path}");
    }

    private static RunMode ParseMode(string mode) => mode switch
    {
        "deterministic" => RunMode.Deterministic,
        "parallel" => RunMode.Parallel,
        _ => throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.ModeName} must be deterministic or parallel, not '{mode}'"),
    };

    /// <summary>0 when every container ended cleanly; otherwise the first reason, most serious first.</summary>
    private static unsafe int Status(Kernel<CortexA9Hal> kernel, Manifest manifest, HaltReason halt, bool interrupted)
    {
        if (interrupted)
        {
            return ExitStatus.Interrupted;
        }
        if (kernel.TimeLimitReached)
        {
            Console.Error.WriteLine("codezero: stopped at the cycle limit; threads still live:");
            Console.Error.Write(kernel.DescribeThreads());
            return ExitStatus.InstructionLimit;
        }
        if (halt == HaltReason.Deadlock)
        {
            Console.Error.WriteLine("codezero: every thread is blocked and nothing can wake one:");
            Console.Error.Write(kernel.DescribeThreads());
            return ExitStatus.GuestStopped;
        }
        int status = 0;
        foreach (ContainerSpec spec in manifest.Containers)
        {
            Kernel.Containers.ContainerRecord* c = kernel.Container(spec.Id);
            if (c->ThreadsStopped > 0)
            {
                return ExitStatus.ContainerFault;
            }
            if (status == 0 && (!c->RootExited || c->ExitCode != 0))
            {
                status = ExitStatus.ContainerFailed;
            }
        }
        return status;
    }

    private static unsafe void PrintSummary(Kernel<CortexA9Hal> kernel, Board board, Manifest manifest, double seconds)
    {
        CultureInfo ci = CultureInfo.InvariantCulture;
        TextWriter e = Console.Error;
        e.WriteLine(string.Format(ci, "codezero boot {0}: {1} container(s), {2} core(s), {3} instructions in {4:F3} host seconds",
            manifest.Path, manifest.Containers.Count, manifest.BoardCores, board.Instructions, seconds));
        int width = 4;
        foreach (ContainerSpec spec in manifest.Containers)
        {
            width = Math.Max(width, spec.Name.Length);
        }
        e.WriteLine(string.Format(ci, "  {0} {1,-14} {2,7} {3,9} {4,9} {5,9} {6,7} {7,13}",
            "name".PadRight(width), "ended", "threads", "short", "full", "extended", "faults", "cycles"));
        foreach (ContainerSpec spec in manifest.Containers)
        {
            Kernel.Containers.ContainerRecord* c = kernel.Container(spec.Id);
            string ended = c->ThreadsStopped > 0 ? $"fault ({c->ThreadsStopped})"
                : c->RootExited ? (c->ExitCode == 0 ? "exit 0" : "exit " + c->ExitCode.ToString(ci))
                : "running";
            e.WriteLine(string.Format(ci, "  {0} {1,-14} {2,7} {3,9} {4,9} {5,9} {6,7} {7,13}",
                spec.Name.PadRight(width), ended, c->ThreadsCreated, c->ShortIpcs, c->FullIpcs, c->ExtendedIpcs, c->Faults, c->Cycles));
        }
    }
}

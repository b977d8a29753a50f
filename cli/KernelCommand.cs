// `codezero kernel`: boots libl4 programs on the Codezero kernel and exits with the run's status.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Codezero.Cli.Options;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel;
using Codezero.Kernel.Boot;
using Codezero.Kernel.Hal;

namespace Codezero.Cli;

public static class KernelCommand
{
    public static int Execute(KernelRunOptions options)
    {
        if (options.Cpus < 1 || options.Cpus > 4)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.CpusName} must be between 1 and 4, not {options.Cpus}");
        }
        if (options.RamMib < 16 || options.RamMib > 1024)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.RamMibName} must be between 16 and 1024, not {options.RamMib}");
        }
        if (options.ContainerMib < 1 || options.ContainerMib > 512)
        {
            throw new CliFailure(ExitStatus.Usage, $"--container-mib must be between 1 and 512, not {options.ContainerMib}");
        }
        if (options.MaxInstructions is <= 0)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.MaxInstructionsName} must be positive");
        }
        RunMode mode = options.Mode switch
        {
            "deterministic" => RunMode.Deterministic,
            "parallel" => RunMode.Parallel,
            _ => throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.ModeName} must be deterministic or parallel, not '{options.Mode}'"),
        };
        var images = new List<ElfImage>();
        foreach (string path in options.Programs)
        {
            images.Add(GuestRunner.LoadElf(path));
        }
        using HostOutput stdout = HostOutput.StandardOutput();
        using var board = new Board(new BoardOptions
        {
            Cores = options.Cpus,
            RamSize = (uint)options.RamMib << 20,
            ConsoleOutput = stdout,
            Semihosting = false,
        });
        Kernel<CortexA9Hal> kernel;
        try
        {
            kernel = KernelBoot.Boot(board, mode == RunMode.Parallel,
                new KernelOptions { ContainerMemory = (uint)options.ContainerMib << 20 }, images.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or UnsupportedImageException)
        {
            throw new CliFailure(ExitStatus.BadElf, e.Message);
        }
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        HaltReason halt;
        CtrlC.Stops(board);
        try
        {
            halt = board.Run(options.MaxInstructions ?? long.MaxValue, mode);
        }
        finally
        {
            CtrlC.RunEnded();
        }
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        board.Console.Flush();
        stdout.Flush();
        if (options.Stats)
        {
            PrintStats(kernel, board, seconds);
        }
        stdout.ThrowIfFailed();
        if (CtrlC.Requested)
        {
            throw new CliFailure(ExitStatus.Interrupted, $"stopped by Ctrl-C after {board.Instructions} instructions; threads:\n{kernel.DescribeThreads().TrimEnd('\n')}");
        }
        if (board.ExitStatus is int status)
        {
            return status;
        }
        if (halt == HaltReason.InstructionLimit)
        {
            throw new CliFailure(ExitStatus.InstructionLimit, $"stopped after {board.Instructions} instructions; threads still running:\n{kernel.DescribeThreads()}");
        }
        throw new CliFailure(ExitStatus.GuestStopped, halt == HaltReason.Deadlock
            ? $"every thread is blocked and nothing can wake one:\n{kernel.DescribeThreads()}"
            : $"the board stopped: {halt}");
    }

    internal static void PrintStats(Kernel<CortexA9Hal> kernel, Board board, double seconds)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        TextWriter e = Console.Error;
        e.WriteLine("codezero kernel statistics:");
        e.WriteLine(string.Format(c, "  instructions   {0} in {1:F3} host seconds", board.Instructions, seconds));
        for (int i = 0; i < kernel.CoreCount; i++)
        {
            ref Codezero.Kernel.Sched.CoreState s = ref kernel.Cpu(i);
            e.WriteLine(string.Format(c, "  core {0}: {1} cycles, {2} syscalls, {3} interrupts, {4} faults, {5} switches, {6} idles",
                i, board.Cores[i].Cycles, s.Syscalls, s.Interrupts, s.Faults, s.Switches, s.IdleEntries));
        }
        long shortIpcs = 0, fullIpcs = 0, extendedIpcs = 0, fast = 0;
        for (int i = 0; i < kernel.CoreCount; i++)
        {
            ref Codezero.Kernel.Sched.CoreState s = ref kernel.Cpu(i);
            shortIpcs += s.ShortIpcs;
            fullIpcs += s.FullIpcs;
            extendedIpcs += s.ExtendedIpcs;
            fast += s.FastPathIpcs;
        }
        e.WriteLine(string.Format(c, "  ipc: {0} short ({1} by the fast path), {2} full, {3} extended; {4} replies dropped",
            shortIpcs, fast, fullIpcs, extendedIpcs, kernel.DroppedReplies));
        e.WriteLine(string.Format(c, "  migrations {0}, TLB shootdowns {1}, restarted calls {2}", kernel.Migrations, kernel.Shootdowns, kernel.Restarts));
    }
}

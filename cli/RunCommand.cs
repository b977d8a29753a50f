// `codezero run`: boots a bare-metal ELF, streams its console, exits with its status.
using System;
using System.Globalization;
using System.IO;
using Codezero.Cli.Options;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Runner;

namespace Codezero.Cli;

public static class RunCommand
{
    public static int Execute(RunOptions options, string[] guestArgs)
    {
        ElfImage image = GuestRunner.Prepare(options);
        using HostOutput stdout = HostOutput.StandardOutput();
        using HostOutput stderr = HostOutput.StandardError();
        using Stream stdin = Console.OpenStandardInput();
        GuestRunResult result = GuestRunner.Run(options, image, guestArgs, stdout, stderr, stdin,
            consoleIsTerminal: !Console.IsOutputRedirected);
        stdout.Flush();
        if (options.Summary)
        {
            PrintSummary(result);
        }
        stdout.ThrowIfFailed();
        stderr.ThrowIfFailed();
        string? reason = GuestRunner.StopReason(result, image);
        if (reason == null)
        {
            return result.ExitStatus ?? 0;
        }
        int status = result.Halt == Codezero.Hal.ArmCortexA9.Cpu.HaltReason.InstructionLimit
            ? ExitStatus.InstructionLimit : ExitStatus.GuestStopped;
        throw new CliFailure(status, reason);
    }

    private static void PrintSummary(in GuestRunResult result)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        double mips = result.HostSeconds > 0 ? result.Instructions / result.HostSeconds / 1e6 : 0;
        string stop = result.ExitStatus is int status ? $"guest exit, status {status}" : result.Halt.ToString();
        TextWriter e = Console.Error;
        e.WriteLine("codezero summary:");
        e.WriteLine(string.Format(c, "  instructions        {0}", result.Instructions));
        for (int i = 0; i < result.InstructionsPerCore.Length; i++)
        {
            e.WriteLine(string.Format(c, "    core {0}            {1}", i, result.InstructionsPerCore[i]));
        }
        e.WriteLine(string.Format(c, "  mode                {0}", result.Mode == RunMode.Parallel ? "parallel" : "deterministic"));
        if (result.Mode == RunMode.Deterministic)
        {
            e.WriteLine(string.Format(c, "  trace hash          {0:x16}", result.TraceHash));
        }
        e.WriteLine(string.Format(c, "  host seconds        {0:F3}", result.HostSeconds));
        e.WriteLine(string.Format(c, "  MIPS                {0:F1}", mips));
        e.WriteLine(string.Format(c, "  code-cache pages    {0} decoded, {1} full flushes", result.PagesDecoded, result.CacheFlushes));
        e.WriteLine(string.Format(c, "  semihosting calls   {0}", result.SemihostingCalls));
        e.WriteLine(string.Format(c, "  stop                {0}", stop));
    }
}

// `codezero bench ipc`: IPC round trips and pager-served page faults on the kernel path and end to end, in batches, against host baselines; `bench thumb`: Thumb against ARM builds.
using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Codezero.Bench;
using Codezero.Cli.Options;

namespace Codezero.Cli;

public static class BenchCommand
{
    public static int Execute(BenchOptions options)
    {
        if (options.What == "thumb")
        {
            return ThumbBenchCommand.Execute(options);
        }
        if (options.What != "ipc")
        {
            throw new CliFailure(ExitStatus.Usage, $"bench: unknown benchmark '{options.What}' (known: ipc, thumb)");
        }
        if (options.Batches < 1 || options.Batches > 1000)
        {
            throw new CliFailure(ExitStatus.Usage, $"--batches must be between 1 and 1000, not {options.Batches}");
        }
        if (options.RoundTrips < 1 || options.RoundTrips > 10_000_000)
        {
            throw new CliFailure(ExitStatus.Usage, $"--round-trips must be between 1 and 10000000, not {options.RoundTrips}");
        }
        string elf;
        try
        {
            elf = options.Elf ?? IpcBenchImage.Find();
        }
        catch (FileNotFoundException e)
        {
            throw new CliFailure(ExitStatus.BadElf, e.Message);
        }
        InputFile.Check(elf, InputFile.Elf, InputFile.MaxImageBytes, ExitStatus.BadElf);
        var suite = new IpcBenchSuite(elf, options.Batches, options.RoundTrips)
        {
            Progress = name => Console.Error.WriteLine("codezero bench: " + name),
        };
        if (!File.Exists(suite.PageFaultElf))
        {
            throw new CliFailure(ExitStatus.BadElf, $"{suite.PageFaultElf}: no such file (the page-fault guest is taken from beside {elf}; build it with `make -C guests l4`)");
        }
        InputFile.Check(suite.PageFaultElf, InputFile.Elf, InputFile.MaxImageBytes, ExitStatus.BadElf);
        IpcBenchReport report;
        try
        {
            report = suite.Run();
        }
        catch (Exception e) when (e is InvalidDataException or Codezero.Hal.ArmCortexA9.Boot.UnsupportedImageException or Codezero.Hal.ArmCortexA9.Boot.ElfFormatException)
        {
            throw new CliFailure(ExitStatus.BadElf, e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new CliFailure(ExitStatus.GuestStopped, e.Message);
        }
        if (options.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.IpcBenchReport));
        }
        else
        {
            Print(report, Console.Out);
        }
        return 0;
    }

    private static void Print(IpcBenchReport report, TextWriter o)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(c, "codezero bench ipc: {0} batches of {1} round trips per case; host {2}", report.Batches, report.RoundTrips, report.Machine));
        o.WriteLine("host ns per round trip over the batches (median, p10-p90, min-max); emulated cycles and guest instructions per round trip");
        o.WriteLine("(page-fault rows: per fault, i.e. per fault IPC to the pager and its answer, with the pager's map and unmap)");
        PrintGroup(o, "kernel path (the kernel's entry called from C#, no guest instruction run)", report.KernelPath, c);
        PrintGroup(o, "end to end (two ARM guest threads, libl4 call / reply-and-wait, deterministic run)", report.EndToEnd, c);
        PrintGroup(o, "host baselines (same run)", report.Baselines, c);
        o.WriteLine();
        o.WriteLine("ratios (ours / baseline, medians; below 1 is faster)");
        foreach (BenchRatio r in report.Ratios)
        {
            o.WriteLine(string.Format(c, "  {0,-36} / {1,-14} {2,9:F3}", r.Name, r.Baseline, r.Ratio));
        }
        o.WriteLine();
        o.WriteLine("targets");
        foreach (BenchTarget t in report.Targets)
        {
            o.WriteLine(string.Format(c, "  {0}: {1:F2} (limit {2}) {3}: {4}", t.Name, t.Value, t.Limit, t.Met ? "met" : "NOT met", t.Goal));
        }
    }

    private static void PrintGroup(TextWriter o, string title, System.Collections.Generic.List<BenchFigure> figures, CultureInfo c)
    {
        o.WriteLine();
        o.WriteLine(title);
        o.WriteLine(string.Format(c, "  {0,-36} {1,10} {2,21} {3,21} {4,10} {5,10}", "case", "median ns", "p10-p90", "min-max", "cycles", "instrs"));
        foreach (BenchFigure f in figures)
        {
            o.WriteLine(string.Format(c, "  {0,-36} {1,10:F1} {2,21} {3,21} {4,10} {5,10}", f.Name, f.MedianNs,
                string.Format(c, "{0:F1}-{1:F1}", f.P10Ns, f.P90Ns), string.Format(c, "{0:F1}-{1:F1}", f.MinNs, f.MaxNs),
                f.CyclesPerRoundTrip is double cy ? cy.ToString("F1", c) : "-",
                f.InstructionsPerRoundTrip is double ins ? ins.ToString("F1", c) : "-"));
        }
    }
}

// `codezero bench thumb`: guests/programs/bench.c's ARM and Thumb builds run alternately on the board; wall time, MIPS and the Thumb/ARM speed ratio.
using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Codezero.Bench;
using Codezero.Cli.Options;

namespace Codezero.Cli;

public static class ThumbBenchCommand
{
    /// <summary>The speed the Thumb build must reach relative to the ARM build (issue 8).</summary>
    public const double Target = 0.8;

    public static int Execute(BenchOptions options)
    {
        if (options.Runs < 1 || options.Runs > 100)
        {
            throw new CliFailure(ExitStatus.Usage, $"--runs must be between 1 and 100, not {options.Runs}");
        }
        if (options.Iterations < 1 || options.Iterations > 100_000)
        {
            throw new CliFailure(ExitStatus.Usage, $"--iterations must be between 1 and 100000, not {options.Iterations}");
        }
        string arm = Locate(options.Elf, ThumbSpeedSuite.ArmRelative);
        string thumb = Locate(options.ThumbElf, ThumbSpeedSuite.ThumbRelative);
        ThumbSpeedReport report;
        try
        {
            var suite = new ThumbSpeedSuite(arm, thumb, options.Runs, [options.Iterations.ToString(CultureInfo.InvariantCulture)])
            {
                MaxInstructionsPerRun = 5_000_000L * options.Iterations + 100_000_000, // bench.c: under 1 million per iteration
                Progress = (build, run) => Console.Error.WriteLine(run == 0 ? $"codezero bench: {build} warm-up" : $"codezero bench: {build} run {run}"),
            };
            report = suite.Run();
        }
        catch (Exception e) when (e is Codezero.Hal.ArmCortexA9.Boot.UnsupportedImageException or Codezero.Hal.ArmCortexA9.Boot.ElfFormatException)
        {
            throw new CliFailure(ExitStatus.BadElf, e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new CliFailure(ExitStatus.GuestStopped, e.Message);
        }
        if (options.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.ThumbSpeedReport));
        }
        else
        {
            Print(report, Console.Out);
        }
        return report.SameOutput ? 0 : ExitStatus.Different;
    }

    private static string Locate(string? given, string relative)
    {
        string path;
        try
        {
            path = given ?? ThumbSpeedSuite.Find(relative);
        }
        catch (FileNotFoundException e)
        {
            throw new CliFailure(ExitStatus.BadElf, e.Message);
        }
        InputFile.Check(path, InputFile.Elf, InputFile.MaxImageBytes, ExitStatus.BadElf);
        return path;
    }

    private static void Print(ThumbSpeedReport report, TextWriter o)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(c, "codezero bench thumb: bench {0}, {1} timed runs of each build after a warm-up, alternating, one core", report.GuestArguments, report.Runs));
        o.WriteLine(string.Format(c, "{0,-6} {1,14} {2,10} {3,10} {4,10} {5,8}  {6}", "build", "instructions", "median s", "min s", "max s", "MIPS", "elf"));
        foreach (ThumbSpeedFigure f in new[] { report.Arm, report.Thumb })
        {
            o.WriteLine(string.Format(c, "{0,-6} {1,14:N0} {2,10:F3} {3,10:F3} {4,10:F3} {5,8:F1}  {6}",
                f.Build, f.Instructions, f.MedianSeconds, f.MinSeconds, f.MaxSeconds, f.Mips, f.Elf));
        }
        o.WriteLine(string.Format(c, "thumb speed (arm median time / thumb median time): {0:F3} (target {1:F2}: {2})",
            report.SpeedRatio, Target, report.SpeedRatio >= Target ? "met" : "NOT met"));
        o.WriteLine(report.SameOutput ? "result: identical stdout and exit status" : "result: DIFFERENT stdout or exit status");
    }
}

// Runs every IPC benchmark case in repeated batches, without BenchmarkDotNet, and gathers the report.
using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace Codezero.Bench;

/// <summary>
/// For each case: one warm-up batch, then <see cref="Batches"/> timed batches of <see cref="RoundTrips"/>
/// round trips (Stopwatch around the batch); host nanoseconds per round trip are summarised over the
/// batches (median, min, max, p10, p90). Kernel path and end to end for every tier and placement, the
/// kernel path's short same-core case with the fast path off too, getid and thread_switch, and a page
/// fault served by a pager both ways (pfbench.elf, one fault per "round trip": the fault IPC to the pager
/// and its answer); then the host baselines; then ratios (ours / baseline) and the two targets.
/// </summary>
public sealed class IpcBenchSuite
{
    public IpcBenchSuite(string elf, int batches, int roundTrips)
    {
        if (batches < 1 || roundTrips < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batches), "batches and round trips must be positive");
        }
        Elf = elf;
        PageFaultElf = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(elf)) ?? ".", PageFaultBenchImage.FileName);
        Batches = batches;
        RoundTrips = roundTrips;
    }

    /// <summary>ipcbench.elf.</summary>
    public string Elf { get; }

    /// <summary>pfbench.elf: by default the one beside <see cref="Elf"/>.</summary>
    public string PageFaultElf { get; init; }

    public int Batches { get; }

    public int RoundTrips { get; }

    /// <summary>Called with each case's name before it is measured (progress on stderr).</summary>
    public Action<string>? Progress { get; init; }

    public IpcBenchReport Run()
    {
        var report = new IpcBenchReport
        {
            Machine = MachineName(),
            HostCores = Environment.ProcessorCount,
            Batches = Batches,
            RoundTrips = RoundTrips,
        };
        foreach (Placement placement in IpcCase.Placements)
        {
            foreach (IpcTier tier in IpcCase.Tiers)
            {
                report.KernelPath.Add(KernelPath($"kernel-{Slug(tier)}-{Slug(placement)}", $"kernel path, {IpcCase.Name(tier)}, {IpcCase.Name(placement)}",
                    KernelPathKind.Ipc, tier, placement, fastPath: true));
                if (tier == IpcTier.Short && placement == Placement.SameCore)
                {
                    report.KernelPath.Add(KernelPath("kernel-short-same-core-slow-path", "kernel path, short, same core, fast path off",
                        KernelPathKind.Ipc, tier, placement, fastPath: false));
                }
            }
        }
        report.KernelPath.Add(KernelPath("kernel-getid", "kernel path, null syscall (getid)", KernelPathKind.NullSyscall, IpcTier.Short, Placement.SameCore, true));
        report.KernelPath.Add(KernelPath("kernel-thread-switch", "kernel path, thread_switch A->B->A (two switches)", KernelPathKind.ThreadSwitch, IpcTier.Short, Placement.SameCore, true));
        report.KernelPath.Add(KernelPathPageFault());
        foreach (Placement placement in IpcCase.Placements)
        {
            foreach (IpcTier tier in IpcCase.Tiers)
            {
                report.EndToEnd.Add(EndToEnd(tier, placement));
            }
        }
        report.EndToEnd.Add(EndToEndPageFault());
        using (var pipe = new PipePingPong())
        {
            report.Baselines.Add(Baseline("pipe", "host: 1-byte round trip between two host threads through two Linux pipes", pipe.RoundTrip));
        }
        using (var futex = new FutexHandoff())
        {
            report.Baselines.Add(Baseline("futex-handoff", "host: handoff between two host threads through two SemaphoreSlim (futex)", futex.RoundTrip));
        }
        report.Baselines.Add(Baseline("getppid", "host: null syscall getppid() through P/Invoke", static () => HostSyscall.GetPpid()));
        using (var fault = new HostPageFault())
        {
            report.Baselines.Add(Baseline(HostPageFaultName, "host: minor page fault, madvise(MADV_DONTNEED) then a write to the page", fault.Fault));
        }
        AddRatios(report);
        return report;
    }

    private static string Slug(IpcTier tier) => IpcCase.Name(tier).Replace(' ', '-');

    private static string Slug(Placement placement) => IpcCase.Name(placement).Replace(' ', '-');

    private BenchFigure KernelPath(string name, string description, KernelPathKind kind, IpcTier tier, Placement placement, bool fastPath)
    {
        Progress?.Invoke(name);
        using var bench = new KernelPathBench(Elf, kind, tier, placement, fastPath);
        int n = RoundTrips;
        var ns = new double[Batches];
        for (int batch = -1; batch < Batches; batch++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                bench.RoundTrip();
            }
            long elapsed = Stopwatch.GetTimestamp() - start;
            if (batch >= 0)
            {
                ns[batch] = Nanoseconds(elapsed) / n;
            }
        }
        bench.Verify();
        return Figure("kernel-path", name, description, kind == KernelPathKind.Ipc ? tier : null, kind == KernelPathKind.Ipc ? placement : null,
            ns, bench.CyclesPerRoundTrip, 0);
    }

    public const string KernelPageFaultName = "kernel-page-fault", EndToEndPageFaultName = "e2e-page-fault", HostPageFaultName = "host-page-fault";

    private BenchFigure KernelPathPageFault()
    {
        Progress?.Invoke(KernelPageFaultName);
        using var bench = new PageFaultKernelPathBench(PageFaultElf);
        int n = RoundTrips;
        var ns = new double[Batches];
        for (int batch = -1; batch < Batches; batch++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                bench.Fault();
            }
            long elapsed = Stopwatch.GetTimestamp() - start;
            if (batch >= 0)
            {
                ns[batch] = Nanoseconds(elapsed) / n;
            }
        }
        bench.Verify();
        return Figure("kernel-path", KernelPageFaultName, "kernel path, page fault served by a pager (abort, fault IPC, map, unmap, answer), per fault",
            null, Placement.SameCore, ns, bench.CyclesPerFault, 0);
    }

    private BenchFigure EndToEndPageFault()
    {
        Progress?.Invoke(EndToEndPageFaultName);
        using var bench = new PageFaultEndToEndBench(PageFaultElf, RoundTrips);
        var ns = new double[Batches];
        for (int batch = -1; batch < Batches; batch++)
        {
            long start = Stopwatch.GetTimestamp();
            bench.RunBatch();
            long elapsed = Stopwatch.GetTimestamp() - start;
            if (batch >= 0)
            {
                ns[batch] = Nanoseconds(elapsed) / RoundTrips;
            }
        }
        if (bench.Console.Contains("FAIL", StringComparison.Ordinal) || bench.LastFaults != RoundTrips)
        {
            throw new InvalidOperationException($"{EndToEndPageFaultName}: {bench.LastFaults} faults in a batch of {RoundTrips}:\n{bench.Console}");
        }
        return Figure("end-to-end", EndToEndPageFaultName, "end to end, an ARM guest thread's write to an unmapped page served by its pager thread (map, unmap, reply-and-wait), per fault",
            null, Placement.SameCore, ns, (double)bench.LastCycles / RoundTrips, (double)bench.LastInstructions / RoundTrips);
    }

    private BenchFigure EndToEnd(IpcTier tier, Placement placement)
    {
        string name = $"e2e-{Slug(tier)}-{Slug(placement)}";
        Progress?.Invoke(name);
        using var bench = new EndToEndBench(Elf, tier, placement, RoundTrips);
        var ns = new double[Batches];
        for (int batch = -1; batch < Batches; batch++)
        {
            long start = Stopwatch.GetTimestamp();
            bench.RunBatch();
            long elapsed = Stopwatch.GetTimestamp() - start;
            if (batch >= 0)
            {
                ns[batch] = Nanoseconds(elapsed) / RoundTrips;
            }
        }
        if (bench.Console.Contains("FAIL", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{name}: ipcbench reported failures:\n{bench.Console}");
        }
        return Figure("end-to-end", name, $"end to end, two ARM guest threads, {IpcCase.Name(tier)}, {IpcCase.Name(placement)}", tier, placement, ns,
            (double)bench.LastCycles / RoundTrips, (double)bench.LastInstructions / RoundTrips);
    }

    private BenchFigure Baseline(string name, string description, Action roundTrip)
    {
        Progress?.Invoke(name);
        int n = RoundTrips;
        var ns = new double[Batches];
        for (int batch = -1; batch < Batches; batch++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                roundTrip();
            }
            long elapsed = Stopwatch.GetTimestamp() - start;
            if (batch >= 0)
            {
                ns[batch] = Nanoseconds(elapsed) / n;
            }
        }
        return Figure("baseline", name, description, null, null, ns, null, null);
    }

    private BenchFigure Figure(string group, string name, string description, IpcTier? tier, Placement? placement, double[] ns, double? cycles, double? instructions)
    {
        Array.Sort(ns);
        return new BenchFigure
        {
            Group = group,
            Name = name,
            Description = description,
            Tier = tier is IpcTier t ? (t >= IpcTier.Extended64 ? "extended" : IpcCase.Name(t)) : "",
            Bytes = tier is IpcTier b ? IpcCase.Bytes(b) : 0,
            Placement = placement is Placement p ? Slug(p) : "",
            Batches = ns.Length,
            RoundTripsPerBatch = RoundTrips,
            MedianNs = Percentile(ns, 0.5),
            MinNs = ns[0],
            MaxNs = ns[^1],
            P10Ns = Percentile(ns, 0.1),
            P90Ns = Percentile(ns, 0.9),
            CyclesPerRoundTrip = cycles,
            InstructionsPerRoundTrip = instructions,
        };
    }

    /// <summary>Linear interpolation between the closest ranks of sorted values.</summary>
    public static double Percentile(double[] sorted, double q)
    {
        double rank = q * (sorted.Length - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static double Nanoseconds(long ticks) => ticks * 1e9 / Stopwatch.Frequency;

    private static void AddRatios(IpcBenchReport report)
    {
        BenchFigure pipe = report.Baselines.Find(f => f.Name == "pipe")!;
        BenchFigure futex = report.Baselines.Find(f => f.Name == "futex-handoff")!;
        BenchFigure getppid = report.Baselines.Find(f => f.Name == "getppid")!;
        BenchFigure hostFault = report.Baselines.Find(f => f.Name == HostPageFaultName)!;
        foreach (BenchFigure f in report.KernelPath)
        {
            BenchFigure over = f.Name == "kernel-getid" ? getppid : pipe;
            report.Ratios.Add(new BenchRatio { Name = f.Name, Baseline = over.Name, Ratio = f.MedianNs / over.MedianNs });
            if (f.Name == KernelPageFaultName)
            {
                report.Ratios.Add(new BenchRatio { Name = f.Name, Baseline = hostFault.Name, Ratio = f.MedianNs / hostFault.MedianNs });
            }
        }
        foreach (BenchFigure f in report.EndToEnd)
        {
            report.Ratios.Add(new BenchRatio { Name = f.Name, Baseline = pipe.Name, Ratio = f.MedianNs / pipe.MedianNs });
            report.Ratios.Add(new BenchRatio { Name = f.Name, Baseline = futex.Name, Ratio = f.MedianNs / futex.MedianNs });
            if (f.Name == EndToEndPageFaultName)
            {
                report.Ratios.Add(new BenchRatio { Name = f.Name, Baseline = hostFault.Name, Ratio = f.MedianNs / hostFault.MedianNs });
            }
        }
        BenchFigure e2e = report.EndToEnd.Find(f => f.Name == "e2e-short-same-core")!;
        BenchFigure kernel = report.KernelPath.Find(f => f.Name == "kernel-short-same-core")!;
        double speedUp = pipe.MedianNs / e2e.MedianNs;
        report.Targets.Add(new BenchTarget
        {
            Name = "e2e-short-same-core vs pipe",
            Goal = "end-to-end short round trip on one core at least 4x faster than the pipe round trip (pipe / ours >= 4)",
            Value = speedUp,
            Limit = 4,
            Met = speedUp >= 4,
        });
        report.Targets.Add(new BenchTarget
        {
            Name = "kernel-short-same-core median",
            Goal = "kernel-path short round trip under 150 ns (median)",
            Value = kernel.MedianNs,
            Limit = 150,
            Met = kernel.MedianNs < 150,
        });
    }

    private static string MachineName()
    {
        string cpu = "unknown CPU";
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    cpu = line[(line.IndexOf(':') + 1)..].Trim();
                    break;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return $"{cpu}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}

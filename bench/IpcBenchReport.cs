// The figures of one `codezero bench ipc` run: per case, host nanoseconds per round trip and the emulated costs.
using System.Collections.Generic;

namespace Codezero.Bench;

/// <summary>One measured case: batches of round trips, host time per round trip over the batches.</summary>
public sealed class BenchFigure
{
    /// <summary>"kernel-path", "end-to-end" or "baseline".</summary>
    public string Group { get; init; } = "";

    /// <summary>A short stable name, e.g. "e2e-short-same-core", "pipe".</summary>
    public string Name { get; init; } = "";

    /// <summary>What it measures, for people.</summary>
    public string Description { get; init; } = "";

    /// <summary>"short", "full", "extended"; empty for non-IPC cases.</summary>
    public string Tier { get; init; } = "";

    /// <summary>Extended bytes each way.</summary>
    public int Bytes { get; init; }

    /// <summary>"same-core", "cross-core"; empty for non-IPC cases.</summary>
    public string Placement { get; init; } = "";

    public int Batches { get; init; }

    public int RoundTripsPerBatch { get; init; }

    public double MedianNs { get; init; }

    public double MinNs { get; init; }

    public double MaxNs { get; init; }

    public double P10Ns { get; init; }

    public double P90Ns { get; init; }

    /// <summary>Emulated cycles per round trip (kernel path: charged by the kernel; end to end: on the client's core); null for host baselines.</summary>
    public double? CyclesPerRoundTrip { get; init; }

    /// <summary>Guest instructions per round trip (0 on the kernel path); null for host baselines.</summary>
    public double? InstructionsPerRoundTrip { get; init; }
}

/// <summary>ours / baseline, of the medians: below 1 means faster than the baseline.</summary>
public sealed class BenchRatio
{
    public string Name { get; init; } = "";

    public string Baseline { get; init; } = "";

    public double Ratio { get; init; }
}

/// <summary>A target the issue sets, and where this run stands.</summary>
public sealed class BenchTarget
{
    public string Name { get; init; } = "";

    public string Goal { get; init; } = "";

    public double Value { get; init; }

    public double Limit { get; init; }

    public bool Met { get; init; }
}

public sealed class IpcBenchReport
{
    public string Machine { get; init; } = "";

    public int HostCores { get; init; }

    public int Batches { get; init; }

    public int RoundTrips { get; init; }

    public List<BenchFigure> KernelPath { get; init; } = [];

    public List<BenchFigure> EndToEnd { get; init; } = [];

    public List<BenchFigure> Baselines { get; init; } = [];

    public List<BenchRatio> Ratios { get; init; } = [];

    public List<BenchTarget> Targets { get; init; } = [];
}

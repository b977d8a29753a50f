// One fuzzing run shared by the tests of a class: settings from the environment, cases, tallies, mismatches.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Codezero.Tests.Differential;

/// <summary>
/// Runs the A32 differential campaign once (xunit class fixture). Settings:
/// <c>CODEZERO_FUZZ_SEED</c> (int; default a fresh random seed, always printed),
/// <c>CODEZERO_FUZZ_COUNT</c> (agreeing cases wanted; default 100,000),
/// <c>CODEZERO_FUZZ_CASE</c> (replay only this case index of the seed, or a range <c>first-last</c>, describing every case).
/// </summary>
public class FuzzCampaign : IDisposable
{
    public const int DefaultCount = 100_000;
    public const int DefaultPrivilegedCount = 20_000;
    private const int MaxReportedMismatches = 25;

    public FuzzCampaign()
        : this(privileged: false)
    {
    }

    /// <summary>
    /// <paramref name="privileged"/>: cases start in a random privileged mode with random banked registers
    /// (<see cref="CaseGenerator.Generate"/>), and the count comes from <c>CODEZERO_FUZZ_PRIV_COUNT</c> (default 20,000).
    /// The seed and <c>CODEZERO_FUZZ_CASE</c> are shared with the User-mode campaign; the two draw different cases from a seed.
    /// </summary>
    protected FuzzCampaign(bool privileged)
    {
        Privileged = privileged;
        Seed = ReadInt("CODEZERO_FUZZ_SEED") ?? Random.Shared.Next();
        Target = privileged ? ReadInt("CODEZERO_FUZZ_PRIV_COUNT") ?? DefaultPrivilegedCount : ReadInt("CODEZERO_FUZZ_COUNT") ?? DefaultCount;
        (long First, long Last)? only = ReadRange("CODEZERO_FUZZ_CASE");
        var generator = new CaseGenerator();
        RowNames = new string[generator.Rows.Length];
        for (int i = 0; i < RowNames.Length; i++)
        {
            RowNames[i] = generator.Rows[i].Name;
        }
        Drawn = new int[RowNames.Length];
        Compared = new int[RowNames.Length];
        Executed = new int[RowNames.Length];
        using var runner = new DifferentialRunner(Seed, privileged);
        var c = new FuzzCase();
        var clock = Stopwatch.StartNew();
        long first = only?.First ?? 0;
        long limit = only.HasValue ? only.Value.Last + 1 : 3L * Target;
        for (long index = first; index < limit && (only.HasValue || Agreed < Target); index++)
        {
            RowInfo drawn = generator.Generate(Seed, index, c, privileged);
            Drawn[drawn.Index]++;
            Cases++;
            if (c.Excluded != null)
            {
                Count(ExcludedByRow, c.RowName);
                continue;
            }
            CaseVerdict verdict = runner.Run(c);
            if (only.HasValue)
            {
                Replayed.Add($"{verdict}: {Describe(c, runner)}  ours {runner.Ours.Outcome} {runner.Ours.Detail}: {Registers(runner.Ours)}\n  unicorn {runner.Theirs.Outcome} {runner.Theirs.Detail}: {Registers(runner.Theirs)}");
            }
            switch (verdict)
            {
                case CaseVerdict.Agree:
                    Agreed++;
                    Compared[c.RowIndex]++;
                    if (runner.Ours.Outcome == CaseOutcome.Completed)
                    {
                        Executed[c.RowIndex]++;
                    }
                    break;
                case CaseVerdict.Skipped:
                    Count(SkippedByReason, runner.LastNote);
                    break;
                default:
                    MismatchCount++;
                    Count(MismatchesByRow, c.RowName);
                    if (Mismatches.Count < MaxReportedMismatches)
                    {
                        Mismatches.Add(Describe(c, runner));
                    }
                    break;
            }
        }
        Elapsed = clock.Elapsed;
        EngineResets = runner.EngineResets;
        ScrNote = runner.ScrNote;
    }

    public bool Privileged { get; }
    public string ScrNote { get; } = "";
    public int Seed { get; }
    public int Target { get; }
    public long Cases { get; }
    public long Agreed { get; }
    public long MismatchCount { get; }
    public TimeSpan Elapsed { get; }
    public int EngineResets { get; }
    internal string[] RowNames { get; }
    internal int[] Drawn { get; }
    internal int[] Compared { get; }

    /// <summary>Per row: agreeing cases where the instruction completed (rather than raising the same exception on both).</summary>
    internal int[] Executed { get; }
    internal List<string> Mismatches { get; } = new();

    /// <summary>With CODEZERO_FUZZ_CASE: every replayed case in full, agreeing or not.</summary>
    internal List<string> Replayed { get; } = new();
    internal SortedDictionary<string, int> MismatchesByRow { get; } = new(StringComparer.Ordinal);
    internal SortedDictionary<string, int> SkippedByReason { get; } = new(StringComparer.Ordinal);
    internal SortedDictionary<string, int> ExcludedByRow { get; } = new(StringComparer.Ordinal);

    /// <summary>A short report of the run for the test output.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        double rate = Cases / Math.Max(Elapsed.TotalSeconds, 1e-9);
        sb.AppendLine(CultureInfo.InvariantCulture, $"{(Privileged ? "privileged modes: " : "")}seed {Seed} (replay: CODEZERO_FUZZ_SEED={Seed}), target {Target} agreeing");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Cases} cases in {Elapsed.TotalSeconds:F1} s ({rate:F0} cases/s): {Agreed} agree, {MismatchCount} mismatch, {Cases - Agreed - MismatchCount} skipped or excluded; Unicorn rebuilt {EngineResets} times");
        if (ScrNote.Length > 0)
        {
            sb.AppendLine(ScrNote);
        }
        foreach (var (reason, n) in SkippedByReason)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  skipped {n,7}: {reason}");
        }
        foreach (var (row, n) in ExcludedByRow)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  excluded {n,6}: {row}");
        }
        foreach (var (row, n) in MismatchesByRow)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  MISMATCH {n,6}: {row}");
        }
        return sb.ToString();
    }

    private string Describe(FuzzCase c, DifferentialRunner runner)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"seed {Seed} case {c.Index}: 0x{c.Word:X8} {c.RowName}  (replay: CODEZERO_FUZZ_SEED={Seed} CODEZERO_FUZZ_CASE={c.Index})");
        sb.Append("  start: ");
        for (int i = 0; i < 15; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"r{i}=0x{c.Regs[i]:X8} ");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"flags=0x{c.Flags:X8} mode=0x{c.Mode:X2}");
        sb.Append(runner.LastNote);
        sb.AppendLine(CultureInfo.InvariantCulture, $"  vector: {c.ToVectorLiteral(runner.MemorySeed)}");
        return sb.ToString();
    }

    private static string Registers(CpuSnapshot s)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 16; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"r{i}=0x{s.R[i]:X8} ");
        }
        return sb.Append(CultureInfo.InvariantCulture, $"cpsr=0x{s.Cpsr:X8}").ToString();
    }

    internal static (long First, long Last)? ReadRange(string name)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        string[] parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        long first = long.Parse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
        long last = parts.Length == 2 ? long.Parse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture) : first;
        return (first, last);
    }

    internal static void Count(SortedDictionary<string, int> tally, string key)
    {
        tally.TryGetValue(key, out int n);
        tally[key] = n + 1;
    }

    internal static int? ReadInt(string name)
    {
        string? text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        GC.SuppressFinalize(this);
    }
}

/// <summary>The privileged-mode campaign (xunit class fixture); see <see cref="FuzzCampaign(bool)"/>.</summary>
public sealed class PrivilegedFuzzCampaign : FuzzCampaign
{
    public PrivilegedFuzzCampaign()
        : base(privileged: true)
    {
    }
}

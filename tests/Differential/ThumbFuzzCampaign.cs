// One Thumb fuzzing run shared by the tests of a class: settings from the environment, cases, tallies, mismatches.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Codezero.Tests.Differential;

/// <summary>
/// Runs the Thumb differential campaign once (xunit class fixture). Settings, shared with the A32 campaign:
/// <c>CODEZERO_FUZZ_SEED</c> (int; default a fresh random seed, always printed) and <c>CODEZERO_FUZZ_CASE</c>
/// (replay only this case index, or a range <c>first-last</c>, describing every case); its own count is
/// <c>CODEZERO_THUMB_FUZZ_COUNT</c> (agreeing cases wanted; default 200,000, so that each of the 340-odd T16 and T32 rows gets some 600 cases, 150 of them inside IT blocks). Each case has one instruction under
/// test drawn from the table; the IT instructions and fillers around it are stepped and compared too (counted apart).
/// </summary>
public sealed class ThumbFuzzCampaign : IDisposable
{
    public const int DefaultCount = 200_000;
    private const int MaxReportedMismatches = 25;

    public ThumbFuzzCampaign()
    {
        Seed = FuzzCampaign.ReadInt("CODEZERO_FUZZ_SEED") ?? Random.Shared.Next();
        Target = FuzzCampaign.ReadInt("CODEZERO_THUMB_FUZZ_COUNT") ?? DefaultCount;
        (long First, long Last)? only = FuzzCampaign.ReadRange("CODEZERO_FUZZ_CASE");
        var generator = new ThumbCaseGenerator();
        RowNames = new string[generator.Rows.Length];
        RowIs32 = new bool[RowNames.Length];
        Excluded = new string?[RowNames.Length];
        for (int i = 0; i < RowNames.Length; i++)
        {
            RowNames[i] = generator.Rows[i].Name;
            RowIs32[i] = generator.Rows[i].Is32;
            Excluded[i] = ThumbExclusions.ExcludedReason(generator.Rows[i]);
        }
        Drawn = new int[RowNames.Length];
        Compared = new int[RowNames.Length];
        Executed = new int[RowNames.Length];
        ComparedInItBlock = new int[RowNames.Length];
        ComparedPassing = new int[RowNames.Length];
        using var runner = new ThumbDifferentialRunner(Seed);
        var c = new ThumbCase();
        var clock = Stopwatch.StartNew();
        long first = only?.First ?? 0;
        long limit = only.HasValue ? only.Value.Last + 1 : 3L * Target;
        for (long index = first; index < limit && (only.HasValue || Agreed < Target); index++)
        {
            ThumbRowInfo drawn = generator.Generate(Seed, index, c);
            Drawn[drawn.Index]++;
            Cases++;
            if (c.Excluded != null)
            {
                FuzzCampaign.Count(ExcludedByRow, c.RowName);
                continue;
            }
            CaseVerdict verdict = runner.Run(c);
            if (only.HasValue)
            {
                Replayed.Add($"{verdict}: {Describe(c, runner)}  last step: ours {runner.Ours.Outcome} {runner.Ours.Detail}: {Registers(runner.Ours)}\n"
                    + $"  unicorn {runner.Theirs.Outcome} {runner.Theirs.Detail}: {Registers(runner.Theirs)}");
            }
            switch (verdict)
            {
                case CaseVerdict.Agree:
                    Agreed++;
                    StepsCompared += runner.Steps;
                    if (!runner.ReachedTest)
                    {
                        break; // cut short before the instruction under test (cannot happen with fillers that do not branch)
                    }
                    Compared[c.RowIndex]++;
                    if (c.InItBlock)
                    {
                        AgreedInItBlock++;
                        ComparedInItBlock[c.RowIndex]++;
                        if (c.ItStart != 0)
                        {
                            AgreedMidBlock++;
                        }
                    }
                    else if (c.Length > 1)
                    {
                        AgreedItHeads++;
                    }
                    if (runner.TestConditionPassed)
                    {
                        ComparedPassing[c.RowIndex]++;
                        if (!runner.LastStep.IsTest || runner.Ours.Outcome == CaseOutcome.Completed)
                        {
                            Executed[c.RowIndex]++;
                        }
                    }
                    break;
                case CaseVerdict.Skipped:
                    FuzzCampaign.Count(SkippedByReason, runner.LastNote);
                    FuzzCampaign.Count(SkippedByRow, $"{c.RowName}: {runner.LastNote}");
                    break;
                default:
                    MismatchCount++;
                    FuzzCampaign.Count(MismatchesByRow, c.RowName);
                    if (Mismatches.Count < MaxReportedMismatches)
                    {
                        Mismatches.Add(Describe(c, runner));
                    }
                    break;
            }
        }
        Elapsed = clock.Elapsed;
        EngineResets = runner.EngineResets;
        TotalSteps = runner.TotalSteps;
    }

    public int Seed { get; }
    public int Target { get; }
    public long Cases { get; }
    public long Agreed { get; }
    public long MismatchCount { get; }

    /// <summary>Agreeing cases whose instruction under test sat inside an IT block, of which entered mid-block; cases headed by a drawn IT.</summary>
    public long AgreedInItBlock { get; }
    public long AgreedMidBlock { get; }
    public long AgreedItHeads { get; }

    /// <summary>Instructions stepped and compared in agreeing cases (instructions under test, IT instructions, fillers), and in all cases.</summary>
    public long StepsCompared { get; }
    public long TotalSteps { get; }
    public TimeSpan Elapsed { get; }
    public int EngineResets { get; }
    internal string[] RowNames { get; }
    internal bool[] RowIs32 { get; }

    /// <summary>Per row: the exclusion reason, or null.</summary>
    internal string?[] Excluded { get; }
    internal int[] Drawn { get; }
    internal int[] Compared { get; }
    internal int[] ComparedInItBlock { get; }

    /// <summary>Per row: agreeing cases whose instruction under test had its condition pass (outside IT blocks, all).</summary>
    internal int[] ComparedPassing { get; }

    /// <summary>Per row: of those, the cases where the instruction completed (rather than raising the same exception on both).</summary>
    internal int[] Executed { get; }
    internal List<string> Mismatches { get; } = new();
    internal List<string> Replayed { get; } = new();
    internal SortedDictionary<string, int> MismatchesByRow { get; } = new(StringComparer.Ordinal);
    internal SortedDictionary<string, int> SkippedByReason { get; } = new(StringComparer.Ordinal);
    internal SortedDictionary<string, int> SkippedByRow { get; } = new(StringComparer.Ordinal);
    internal SortedDictionary<string, int> ExcludedByRow { get; } = new(StringComparer.Ordinal);

    /// <summary>A short report of the run for the test output.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        double rate = Cases / Math.Max(Elapsed.TotalSeconds, 1e-9);
        int rows32 = 0;
        foreach (bool is32 in RowIs32)
        {
            rows32 += is32 ? 1 : 0;
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"Thumb: seed {Seed} (replay: CODEZERO_FUZZ_SEED={Seed}), target {Target} agreeing; table {RowNames.Length - rows32} T16 + {rows32} T32 rows");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Cases} cases in {Elapsed.TotalSeconds:F1} s ({rate:F0} cases/s): {Agreed} agree, {MismatchCount} mismatch, {Cases - Agreed - MismatchCount} skipped or excluded; Unicorn rebuilt {EngineResets} times");
        sb.AppendLine(CultureInfo.InvariantCulture, $"agreeing: {AgreedInItBlock} inside IT blocks ({AgreedMidBlock} entered mid-block), {AgreedItHeads} drawn IT instructions heading a block; {StepsCompared} instructions stepped and compared ({TotalSteps} stepped in all)");
        foreach (var (reason, n) in SkippedByRow)
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

    private string Describe(ThumbCase c, ThumbDifferentialRunner runner)
    {
        var sb = new StringBuilder();
        string where = c.InItBlock ? (c.ItStart != 0 ? $", inside an IT block entered with ITSTATE 0x{c.ItStart:X2}" : ", inside an IT block") : "";
        sb.AppendLine(CultureInfo.InvariantCulture, $"seed {Seed} case {c.Index}: {c.RowName}{where}  (replay: CODEZERO_FUZZ_SEED={Seed} CODEZERO_FUZZ_CASE={c.Index})");
        sb.Append(c.Listing());
        sb.Append("  start: ");
        for (int i = 0; i < 15; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"r{i}=0x{c.Regs[i]:X8} ");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"flags=0x{c.Flags:X8}");
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
        return sb.Append(CultureInfo.InvariantCulture, $"cpsr=0x{s.Cpsr:X8} spsr=0x{s.Spsr:X8}").ToString();
    }

    public void Dispose()
    {
    }
}

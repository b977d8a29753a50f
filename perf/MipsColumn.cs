// A summary column that turns a benchmark's median time into guest instructions per second.
using System.Collections.Generic;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Codezero.Perf;

/// <summary>Guest MIPS from the median, for benchmarks whose invocation retires a known number of instructions.</summary>
public sealed class MipsColumn : IColumn
{
    private readonly IReadOnlyDictionary<string, long> _instructionsPerInvocation;

    public MipsColumn(IReadOnlyDictionary<string, long> instructionsPerInvocation) => _instructionsPerInvocation = instructionsPerInvocation;

    public string Id => nameof(MipsColumn);
    public string ColumnName => "Guest MIPS (median)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Guest instructions retired per second of host time, from the median";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (report?.ResultStatistics == null || !_instructionsPerInvocation.TryGetValue(method, out long instructions))
        {
            return "-";
        }
        double seconds = report.ResultStatistics.Median / 1e9;
        return (instructions / seconds / 1e6).ToString("F1");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
}

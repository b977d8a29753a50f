// The A32 differential fuzzer: random encodings from the decoder table on our core and on Unicorn's Cortex-A9.
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Differential;

/// <summary>
/// Runs <see cref="FuzzCampaign"/> once (at least 100,000 agreeing cases by default) and checks that nothing
/// disagreed and that every row of the table was drawn. Exclusions: <see cref="FuzzExclusions"/>.
/// Run: <c>dotnet test tests/Codezero.Tests.csproj --filter FullyQualifiedName~Differential</c>; replay a failure
/// with the <c>CODEZERO_FUZZ_SEED</c> and <c>CODEZERO_FUZZ_CASE</c> it prints (add
/// <c>--logger "console;verbosity=detailed"</c> to see the report). Needs Unicorn 2 (<c>libunicorn.so.2</c>).
/// </summary>
public sealed class A32DifferentialFuzzer : IClassFixture<FuzzCampaign>
{
    private readonly FuzzCampaign _run;
    private readonly ITestOutputHelper _output;

    public A32DifferentialFuzzer(FuzzCampaign run, ITestOutputHelper output)
    {
        _run = run;
        _output = output;
    }

    [Fact]
    public void EveryComparedInstructionAgreesWithUnicorn()
    {
        _output.WriteLine(_run.Summary());
        foreach (string m in _run.Replayed.Count > 0 ? _run.Replayed : _run.Mismatches)
        {
            _output.WriteLine(m);
        }
        Assert.True(_run.MismatchCount == 0,
            $"{_run.MismatchCount} of {_run.Cases} cases disagree with Unicorn (seed {_run.Seed}).\n{_run.Summary()}\n{string.Join("\n", _run.Mismatches)}");
        if (System.Environment.GetEnvironmentVariable("CODEZERO_FUZZ_CASE") == null)
        {
            Assert.True(_run.Agreed >= _run.Target, $"only {_run.Agreed} cases agreed, {_run.Target} wanted (seed {_run.Seed})\n{_run.Summary()}");
        }
    }

    [Fact]
    public void EveryTableRowIsDrawnAndCompared()
    {
        if (System.Environment.GetEnvironmentVariable("CODEZERO_FUZZ_CASE") != null || _run.Target < FuzzCampaign.DefaultCount)
        {
            _output.WriteLine("coverage is only checked on full runs");
            return; // a replay or a short run does not draw every row
        }
        var neverDrawn = new List<string>();
        var neverCompared = new List<string>();
        for (int i = 0; i < _run.RowNames.Length; i++)
        {
            string name = _run.RowNames[i];
            if (_run.Drawn[i] == 0)
            {
                neverDrawn.Add(name);
            }
            if (_run.Compared[i] == 0 && FuzzExclusions.ExcludedRowReason(name) == null)
            {
                neverCompared.Add(name);
            }
        }
        _output.WriteLine($"{_run.RowNames.Length} rows; least drawn {_run.Drawn.Min()} times; least compared (not excluded) "
            + $"{Enumerable.Range(0, _run.RowNames.Length).Where(i => FuzzExclusions.ExcludedRowReason(_run.RowNames[i]) == null).Min(i => _run.Compared[i])} times");
        var onlyExceptions = Enumerable.Range(0, _run.RowNames.Length)
            .Where(i => _run.Compared[i] > 0 && _run.Executed[i] == 0).Select(i => _run.RowNames[i]);
        _output.WriteLine($"rows compared only as the same exception on both (privileged or UNDEFINED in User mode): {string.Join(", ", onlyExceptions)}");
        var mostlyExceptions = Enumerable.Range(0, _run.RowNames.Length)
            .Where(i => _run.Executed[i] > 0 && _run.Executed[i] * 2 < _run.Compared[i])
            .Select(i => $"{_run.RowNames[i]} ({100 - 100 * _run.Executed[i] / _run.Compared[i]}%)");
        _output.WriteLine($"rows whose agreeing cases were mostly exceptions: {string.Join(", ", mostlyExceptions)}");
        Assert.True(neverDrawn.Count == 0, $"rows never drawn (seed {_run.Seed}): {string.Join(", ", neverDrawn)}");
        Assert.True(neverCompared.Count == 0, $"rows never compared (seed {_run.Seed}): {string.Join(", ", neverCompared)}");
    }
}

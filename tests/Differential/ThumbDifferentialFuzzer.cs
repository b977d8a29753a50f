// The Thumb differential fuzzer: random T16/T32 encodings from the Thumb table, alone or inside IT blocks, on our core and on Unicorn.
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Differential;

/// <summary>
/// Runs <see cref="ThumbFuzzCampaign"/> once (at least 200,000 agreeing cases by default, each with one random
/// instruction of <see cref="Codezero.Hal.ArmCortexA9.Decoder.ThumbDecoder.Rows"/> under test, a quarter of them inside
/// IT blocks) and checks that nothing disagreed and that every row was drawn and compared. Exclusions and how Unicorn is
/// driven in Thumb state: <see cref="ThumbExclusions"/>. Run:
/// <c>dotnet test tests/Codezero.Tests.csproj --filter FullyQualifiedName~ThumbDifferential</c>; replay a failure with the
/// <c>CODEZERO_FUZZ_SEED</c> and <c>CODEZERO_FUZZ_CASE</c> it prints (add <c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class ThumbDifferentialFuzzer : IClassFixture<ThumbFuzzCampaign>
{
    private readonly ThumbFuzzCampaign _run;
    private readonly ITestOutputHelper _output;

    public ThumbDifferentialFuzzer(ThumbFuzzCampaign run, ITestOutputHelper output)
    {
        _run = run;
        _output = output;
    }

    [Fact]
    public void EveryComparedThumbInstructionAgreesWithUnicorn()
    {
        _output.WriteLine(_run.Summary());
        foreach (string m in _run.Replayed.Count > 0 ? _run.Replayed : _run.Mismatches)
        {
            _output.WriteLine(m);
        }
        Assert.True(_run.MismatchCount == 0,
            $"{_run.MismatchCount} of {_run.Cases} Thumb cases disagree with Unicorn (seed {_run.Seed}).\n{_run.Summary()}\n{string.Join("\n", _run.Mismatches)}");
        if (System.Environment.GetEnvironmentVariable("CODEZERO_FUZZ_CASE") == null)
        {
            Assert.True(_run.Agreed >= _run.Target, $"only {_run.Agreed} Thumb cases agreed, {_run.Target} wanted (seed {_run.Seed})\n{_run.Summary()}");
        }
    }

    [Fact]
    public void EveryThumbRowIsDrawnAndCompared()
    {
        if (System.Environment.GetEnvironmentVariable("CODEZERO_FUZZ_CASE") != null || _run.Target < ThumbFuzzCampaign.DefaultCount)
        {
            _output.WriteLine("coverage is only checked on full runs");
            return; // a replay or a short run does not draw every row
        }
        var compared = Enumerable.Range(0, _run.RowNames.Length).Where(i => _run.Excluded[i] == null).ToList();
        var neverDrawn = Enumerable.Range(0, _run.RowNames.Length).Where(i => _run.Drawn[i] == 0).Select(i => _run.RowNames[i]).ToList();
        var neverCompared = compared.Where(i => _run.ComparedPassing[i] == 0).Select(i => _run.RowNames[i]).ToList();
        _output.WriteLine($"{_run.RowNames.Length} rows; least drawn {_run.Drawn.Min()} times; least compared (not excluded) "
            + $"{(compared.Count == 0 ? 0 : compared.Min(i => _run.Compared[i]))} times");
        _output.WriteLine("compared per row (completed / condition passed / compared, of which inside IT blocks):");
        foreach (int i in compared)
        {
            _output.WriteLine($"  {_run.RowNames[i],-32} {_run.Executed[i],6} / {_run.ComparedPassing[i],6} / {_run.Compared[i],6}, {_run.ComparedInItBlock[i],5} in IT");
        }
        _output.WriteLine($"rows compared only as the same exception on both: {string.Join(", ", compared.Where(i => _run.ComparedPassing[i] > 0 && _run.Executed[i] == 0).Select(i => _run.RowNames[i]))}");
        Assert.True(neverDrawn.Count == 0, $"Thumb rows never drawn (seed {_run.Seed}): {string.Join(", ", neverDrawn)}");
        Assert.True(neverCompared.Count == 0, $"Thumb rows never compared with their condition passing (seed {_run.Seed}): {string.Join(", ", neverCompared)}");
        var rowsInIt = compared.Where(i => _run.ComparedInItBlock[i] > 0).Count();
        Assert.True(_run.AgreedInItBlock * 8 >= _run.Agreed, $"only {_run.AgreedInItBlock} of {_run.Agreed} agreeing cases ran inside an IT block (seed {_run.Seed})");
        Assert.True(_run.AgreedMidBlock > 0 && _run.AgreedItHeads > 0, $"no agreeing mid-block entries or IT-headed blocks (seed {_run.Seed})");
        _output.WriteLine($"{rowsInIt} rows compared inside IT blocks");
    }
}

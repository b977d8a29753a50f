// The privileged-mode differential campaign: cases start in FIQ/IRQ/SVC/ABT/UND/SYS with random banked registers.
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Differential;

/// <summary>
/// Runs <see cref="PrivilegedFuzzCampaign"/> once (at least 20,000 agreeing cases by default,
/// <c>CODEZERO_FUZZ_PRIV_COUNT</c>): half the rows are MRS/MSR/CPS/SRS/RFE, the user-bank and exception-return
/// LDM/STM forms and SUBS PC, LR-style returns; the comparison adds the final SPSR, every mode's SP/LR/SPSR and both
/// r8-r12 banks. Replay with the <c>CODEZERO_FUZZ_SEED</c>/<c>CODEZERO_FUZZ_CASE</c> it prints. Exclusions: <see cref="FuzzExclusions"/>.
/// </summary>
public sealed class PrivilegedDifferentialFuzzer : IClassFixture<PrivilegedFuzzCampaign>
{
    private readonly PrivilegedFuzzCampaign _run;
    private readonly ITestOutputHelper _output;

    public PrivilegedDifferentialFuzzer(PrivilegedFuzzCampaign run, ITestOutputHelper output)
    {
        _run = run;
        _output = output;
    }

    [Fact]
    public void PrivilegedModes_AgreeWithUnicorn()
    {
        _output.WriteLine(_run.Summary());
        var focus = new System.Text.StringBuilder("completed / compared per privileged row:");
        for (int i = 0; i < _run.RowNames.Length; i++)
        {
            string name = _run.RowNames[i];
            if (name is "MRS" or "MSR (reg)" or "MSR (imm)" or "CPS" or "SRS" or "RFE" or "LDM (user)" or "STM (user)" or "LDM (exception return)"
                or "SUBS (imm)" or "SUBS (reg)" or "MOVS (imm)" or "MOVS (reg)")
            {
                focus.Append(System.Globalization.CultureInfo.InvariantCulture, $" {name} {_run.Executed[i]}/{_run.Compared[i]};");
            }
        }
        _output.WriteLine(focus.ToString());
        foreach (string m in _run.Replayed.Count > 0 ? _run.Replayed : _run.Mismatches)
        {
            _output.WriteLine(m);
        }
        Assert.True(_run.MismatchCount == 0,
            $"{_run.MismatchCount} of {_run.Cases} privileged cases disagree with Unicorn (seed {_run.Seed}).\n{_run.Summary()}\n{string.Join("\n", _run.Mismatches)}");
        if (System.Environment.GetEnvironmentVariable("CODEZERO_FUZZ_CASE") == null)
        {
            Assert.True(_run.Agreed >= _run.Target, $"only {_run.Agreed} privileged cases agreed, {_run.Target} wanted (seed {_run.Seed})\n{_run.Summary()}");
        }
    }
}

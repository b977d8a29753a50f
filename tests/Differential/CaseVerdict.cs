// What became of one differential case: agreement, a mismatch, or a skip the oracle cannot judge.
namespace Codezero.Tests.Differential;

/// <summary>What became of one case.</summary>
internal enum CaseVerdict
{
    Agree,
    Mismatch,
    Skipped,
}

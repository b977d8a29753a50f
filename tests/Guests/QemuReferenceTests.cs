// The QEMU reference runner: a run that times out is retried once and reported as the reference's timeout.
using System.IO;
using System.Threading.Tasks;
using Xunit;
using Xunit.Sdk;

namespace Codezero.Tests.Guests;

public sealed class QemuReferenceTests
{
    private static string SmpBootElf => Path.Combine(RepoPaths.Root, "guests", "build", "baremetal", "smp_boot.elf");

    [Fact]
    public async Task RunAsync_FinishedRun_IsOneAttemptWithTheGuestsStatus()
    {
        QemuRun run = await QemuReference.RunAsync(QemuReference.FourCores, SmpBootElf);

        Assert.Equal(1, run.Attempts);
        Assert.False(run.TimedOut);
        Assert.Equal(10, run.Status); // guests/baremetal/expected/smp_boot.status
        Assert.Null(run.FirstAttemptStderr);
        run.AssertFinished();
    }

    [Fact]
    public async Task RunAsync_TimedOutRun_IsRetriedOnce_AndTheFailureNamesTheReference()
    {
        // 10 ms is too short for QEMU to start, so both attempts time out.
        QemuRun run = await QemuReference.RunAsync(QemuReference.FourCores, SmpBootElf, [], timeout: "0.01");

        Assert.True(run.TimedOut);
        Assert.Equal(2, run.Attempts);
        Assert.NotNull(run.FirstAttemptStderr);
        Assert.Contains("timed out and was retried", run.Describe());
        XunitException failure = Assert.ThrowsAny<XunitException>(run.AssertFinished);
        Assert.Contains("the reference (QEMU, guests/baremetal/run-qemu-smp.sh", failure.Message);
        Assert.Contains("timed out twice, not our board", failure.Message);
    }

    [Fact]
    public void FourCoreScript_RunsTheCoresOnOneHostThread()
    {
        string script = File.ReadAllText(Path.Combine(RepoPaths.Root, "guests", QemuReference.FourCores));
        Assert.Contains("-accel \"${QEMU_ACCEL:-tcg,thread=single}\"", script);
    }
}

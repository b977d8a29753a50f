// SYS_EXIT and SYS_EXIT_EXTENDED: the exit statuses qemu-system-arm gives for each reason.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Hal.Semihosting;

public sealed unsafe class SemihostExitTests
{
    [Theory]
    [InlineData(0x2_0026u, 0)] // ADP_Stopped_ApplicationExit
    [InlineData(0x2_0024u, 1)] // ADP_Stopped_InternalError
    [InlineData(0x2_0023u, 1)] // ADP_Stopped_RunTimeError (newlib's abort)
    [InlineData(0u, 1)]
    public void Exit_MapsTheReasonToStatusAsQemu(uint reason, int status)
    {
        using var h = new SemihostHarness();

        h.Call(0x18, reason);

        Assert.Equal(status, h.Board.ExitStatus);
        Assert.Equal(HaltReason.Exit, h.Core.Halt);
    }

    [Theory]
    [InlineData(0x2_0026u, 42u, 42)]
    [InlineData(0x2_0026u, 0u, 0)]
    [InlineData(0x2_0026u, 300u, 300)] // the host process keeps the low 8 bits, as with QEMU's exit()
    [InlineData(0x2_0023u, 5u, 1)]
    public void ExitExtended_ApplicationExitUsesTheSubcode(uint reason, uint subcode, int status)
    {
        using var h = new SemihostHarness();

        h.Call(0x20, h.Block(SemihostHarness.DataBase, reason, subcode));

        Assert.Equal(status, h.Board.ExitStatus);
    }

    [Fact]
    public void Exit_StopsTheBoardRun()
    {
        using var h = new SemihostHarness();
        h.Core.R[0] = 0x18;
        h.Core.R[1] = 0x2_0026;
        h.Core.SetPc(SemihostHarness.CodeBase);

        HaltReason halt = h.Board.Run(1000);

        Assert.Equal(HaltReason.Exit, halt);
        Assert.Equal(1, h.Board.Instructions);
    }
}

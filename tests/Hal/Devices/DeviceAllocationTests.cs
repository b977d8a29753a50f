// Register accesses, timer updates and interrupt delivery allocate nothing; the GIC lock holds under concurrent senders.
using System;
using System.IO;
using System.Threading;
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class DeviceAllocationTests
{
    [Fact]
    public void RegisterAccessesAndTimerUpdates_AfterWarmUp_AllocateNothing()
    {
        using var b = new DeviceBoard(2, new MemoryStream(new byte[4096]));
        b.EnableGic();
        b.Enable(0, 29);
        b.Enable(0, 37);
        b.Write(0, Codezero.Hal.ArmCortexA9.Board.Uart0Base + 0x38, 1 << 4);
        Exercise(b, 100);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Exercise(b, 1000);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
    }

    [Fact]
    public void Gic_WithFourCoresSendingAndAcknowledgingAtOnce_EndsDrainedAndConsistent()
    {
        using var b = new DeviceBoard(4);
        b.EnableGic();
        var threads = new Thread[4];
        for (int i = 0; i < threads.Length; i++)
        {
            int core = i;
            threads[i] = new Thread(() =>
            {
                for (int n = 0; n < 20_000; n++)
                {
                    b.SetDist(core, 0xF00, (1u << 24) | (uint)(n & 15)); // to every other core
                    uint iar = b.Iar(core);
                    if (iar != 1023)
                    {
                        b.Eoir(core, iar);
                    }
                }
            });
        }
        foreach (Thread t in threads)
        {
            t.Start();
        }
        foreach (Thread t in threads)
        {
            t.Join();
        }
        for (int core = 0; core < 4; core++)
        {
            for (uint iar = b.Iar(core); iar != 1023; iar = b.Iar(core))
            {
                b.Eoir(core, iar);
            }
            Assert.Equal(0u, b.Dist(core, 0x200) & 0xFFFF);  // nothing pending
            Assert.Equal(0u, b.Dist(core, 0x300) & 0xFFFF);  // nothing active
            Assert.Equal(0xFFu, b.Cpu(core, 0x14));          // idle running priority
            Assert.False(b.Core(core).IrqLine);
        }
    }

    private static void Exercise(DeviceBoard b, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            b.At(0, i * 100L);
            b.Write(0, DeviceBoard.PrivateTimerBase, 50);
            b.Write(0, DeviceBoard.PrivateTimerBase + 8, 5);
            b.Write(0, DeviceBoard.GlobalTimerBase + 8, 1);
            b.At(0, i * 100L + 60);
            b.Board.Private.Update(0);
            b.Read(0, DeviceBoard.PrivateTimerBase + 4);
            b.Read(0, DeviceBoard.GlobalTimerBase);
            uint iar = b.Iar(0);
            b.Write(0, DeviceBoard.PrivateTimerBase + 0xC, 1);
            b.Eoir(0, iar);
            b.SetDist(1, 0xF00, (1u << 16) | 3);
            b.Eoir(0, b.Iar(0));
            b.Board.Uart0.PollInput();
            b.Read(0, Codezero.Hal.ArmCortexA9.Board.Uart0Base);
            b.Board.Gic.SetSpiLevel(40, (i & 1) != 0);
            b.Read(0, Codezero.Hal.ArmCortexA9.Board.PeriphBase + 4);
        }
    }
}

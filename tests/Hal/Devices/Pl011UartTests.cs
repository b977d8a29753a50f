// PL011 receive path from host input (FIFO, flags, RX interrupt to GIC SPI 37) and the TX interrupt.
using System.IO;
using Codezero.Hal.ArmCortexA9;
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed class Pl011UartTests
{
    private const uint Dr = Board.Uart0Base + 0x00;
    private const uint Fr = Board.Uart0Base + 0x18;
    private const uint Lcrh = Board.Uart0Base + 0x2C;
    private const uint Imsc = Board.Uart0Base + 0x38;
    private const uint Ris = Board.Uart0Base + 0x3C;
    private const uint Mis = Board.Uart0Base + 0x40;
    private const uint Icr = Board.Uart0Base + 0x44;
    private const uint RxFifoEmpty = 1 << 4;
    private const uint RxFifoFull = 1 << 6;
    private const uint TxFifoEmpty = 1 << 7;

    [Fact]
    public void Receive_FromAMemoryStream_ReadsThroughDrAndFr()
    {
        using var b = new DeviceBoard(input: new MemoryStream("hi"u8.ToArray()));
        Assert.Equal(TxFifoEmpty | RxFifoFull, b.Read(0, Fr)); // FIFO off: a one-byte holding register
        Assert.Equal((uint)'h', b.Read(0, Dr));
        Assert.Equal((uint)'i', b.Read(0, Dr));
        Assert.Equal(TxFifoEmpty | RxFifoEmpty, b.Read(0, Fr));
    }

    [Fact]
    public void Receive_WithoutInput_LeavesTheFifoEmpty()
    {
        using var b = new DeviceBoard();
        Assert.Equal(0x90u, b.Read(0, Fr));
        Assert.Equal(0u, b.Read(0, Ris));
    }

    [Fact]
    public void Receive_WithTheFifoEnabled_HoldsSixteenBytes()
    {
        var input = new MemoryStream(new byte[20] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 });
        using var b = new DeviceBoard(input: input);
        b.Write(0, Lcrh, 0x70);                  // FEN, 8 bits
        Assert.Equal(TxFifoEmpty | RxFifoFull, b.Read(0, Fr));
        Assert.Equal(16, input.Position);
        for (uint expected = 1; expected <= 20; expected++)
        {
            Assert.Equal(expected, b.Read(0, Dr));
        }
        Assert.Equal(TxFifoEmpty | RxFifoEmpty, b.Read(0, Fr));
    }

    [Fact]
    public void RxInterrupt_ReachesTheCoreThroughSpi37AndFallsWhenTheFifoEmpties()
    {
        using var b = new DeviceBoard(input: new MemoryStream("ab"u8.ToArray()));
        b.EnableGic();
        b.Enable(0, Board.Uart0Spi);
        b.Write(0, Imsc, 1 << 4);
        b.Board.Uart0.PollInput();
        Assert.Equal(1u << 4, b.Read(0, Ris));
        Assert.Equal(1u << 4, b.Read(0, Mis));
        Assert.True(b.Core(0).IrqLine);
        Assert.Equal(37u, b.Iar(0));
        Assert.Equal((uint)'a', b.Read(0, Dr));
        Assert.Equal((uint)'b', b.Read(0, Dr));  // the next byte arrives when the guest reads again
        Assert.Equal(0u, b.Read(0, Ris));
        b.Eoir(0, 37);
        Assert.False(b.Core(0).IrqLine);
    }

    [Fact]
    public void RxInterrupt_IsMaskedByImscAndClearedByIcr()
    {
        using var b = new DeviceBoard(input: new MemoryStream("x"u8.ToArray()));
        b.EnableGic();
        b.Enable(0, Board.Uart0Spi);
        b.Board.Uart0.PollInput();
        Assert.Equal(1u << 4, b.Read(0, Ris));
        Assert.Equal(0u, b.Read(0, Mis));
        Assert.False(b.Core(0).IrqLine);
        b.Write(0, Imsc, 1 << 4);
        Assert.True(b.Core(0).IrqLine);
        b.Write(0, Icr, 1 << 4);
        Assert.False(b.Core(0).IrqLine);
        Assert.Equal((uint)'x', b.Read(0, Dr));   // the byte is still there
    }

    [Fact]
    public void TxInterrupt_IsRaisedByEachTransmitAndClearedByIcr()
    {
        var output = new MemoryStream();
        using var b = new Board(new BoardOptions { RamSize = 1u << 20, CodeCachePages = 16, ConsoleOutput = output });
        Assert.True(b.Memory.ReadDevice(0, Ris, 4, out uint ris));
        Assert.Equal(0u, ris);
        Assert.True(b.Memory.WriteDevice(0, Dr, 4, 'y'));
        Assert.True(b.Memory.ReadDevice(0, Ris, 4, out ris));
        Assert.Equal(1u << 5, ris);
        Assert.True(b.Memory.WriteDevice(0, Icr, 4, 1 << 5));
        Assert.True(b.Memory.ReadDevice(0, Ris, 4, out ris));
        Assert.Equal(0u, ris);
        b.Console.Flush();
        Assert.Equal("y"u8.ToArray(), output.ToArray());
    }

    [Fact]
    public void ReceiveTimeout_IsNeverRaised()
    {
        using var b = new DeviceBoard(input: new MemoryStream("z"u8.ToArray()));
        b.Write(0, Lcrh, 0x70);
        b.Write(0, Imsc, 0x7FF);
        Assert.Equal(1u << 4, b.Read(0, Ris) & (1u << 6 | 1u << 4));
    }

    [Fact]
    public void HostInput_FromABlockingStream_ArrivesWithoutBlockingTheGuest()
    {
        var host = new BlockingInput();
        using var b = new DeviceBoard(input: host);
        Assert.Equal(TxFifoEmpty | RxFifoEmpty, b.Read(0, Fr)); // nothing yet, and the read did not block
        host.Send((byte)'k');
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((b.Read(0, Fr) & RxFifoEmpty) != 0 && clock.ElapsedMilliseconds < 5000)
        {
            System.Threading.Thread.Sleep(1);
        }
        Assert.Equal((uint)'k', b.Read(0, Dr));
        host.End();
    }

    // A host stream whose Read blocks until the test sends a byte or ends it (like a terminal).
    private sealed class BlockingInput : Stream
    {
        private readonly System.Collections.Concurrent.BlockingCollection<int> _bytes = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new System.NotSupportedException();

        public override long Position
        {
            get => throw new System.NotSupportedException();
            set => throw new System.NotSupportedException();
        }

        public void Send(byte value) => _bytes.Add(value);

        public void End() => _bytes.Add(-1);

        public override int Read(byte[] buffer, int offset, int count)
        {
            int value = _bytes.Take();
            if (value < 0)
            {
                return 0;
            }
            buffer[offset] = (byte)value;
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new System.NotSupportedException();

        public override void SetLength(long value) => throw new System.NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
    }
}

// ContainerConsole: each container's lines get its name, partial lines keep theirs, the kernel's are "kernel".
using System.IO;
using System.Text;
using Codezero.Hal.ArmCortexA9.Devices;
using Codezero.Kernel.Diagnostics;
using Xunit;

namespace Codezero.Tests.Kernel.Diagnostics;

public sealed class ContainerConsoleTests
{
    private static (ContainerConsole Console, ConsoleSink Sink, MemoryStream Out) Make(bool colour)
    {
        var output = new MemoryStream();
        var sink = new ConsoleSink(output);
        return (new ContainerConsole(sink, ["kernel", "server", "client"], colour), sink, output);
    }

    private static string Text(MemoryStream output) => Encoding.UTF8.GetString(output.ToArray());

    [Fact]
    public void Every_line_a_container_starts_gets_its_name_padded_to_the_longest()
    {
        var (console, sink, output) = Make(colour: false);
        console.Write(1, "one\ntwo\n"u8);
        console.Write(2, "three\n"u8);
        console.Write(0, "kernel: report\n"u8);
        sink.Flush();

        Assert.Equal("server | one\nserver | two\nclient | three\nkernel | kernel: report\n", Text(output));
    }

    [Fact]
    public void A_line_written_in_pieces_is_prefixed_once()
    {
        var (console, sink, output) = Make(colour: false);
        console.Write(1, "par"u8);
        console.Write(1, "tial\n"u8);
        sink.Flush();

        Assert.Equal("server | partial\n", Text(output));
    }

    [Fact]
    public void An_unknown_container_id_writes_as_the_kernel()
    {
        var (console, sink, output) = Make(colour: false);
        console.Write(99, "x\n"u8);
        sink.Flush();

        Assert.Equal("kernel | x\n", Text(output));
    }

    [Fact]
    public void Colour_wraps_only_the_name()
    {
        var (console, sink, output) = Make(colour: true);
        console.Write(2, "hi\n"u8);
        sink.Flush();

        Assert.Equal("\u001b[35mclient\u001b[0m | hi\n", Text(output));
    }
}

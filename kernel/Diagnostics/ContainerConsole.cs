// Console output of a manifest run: each container's lines prefixed with its name (coloured on a terminal).
using System;
using System.Text;
using Codezero.Hal.ArmCortexA9.Devices;

namespace Codezero.Kernel.Diagnostics;

/// <summary>
/// The kernel writes <c>console_write</c> text and its own reports through this when a manifest named
/// the containers: every line a container starts gets its name as a prefix, and kernel reports get
/// "kernel". Prefixes are made at boot; writing allocates nothing. Callers hold the kernel lock.
/// </summary>
public sealed class ContainerConsole
{
    private static readonly string[] s_colours = ["\u001b[36m", "\u001b[33m", "\u001b[35m", "\u001b[32m", "\u001b[34m", "\u001b[31m"];

    private readonly ConsoleSink _sink;
    private readonly byte[][] _prefixes;
    private readonly bool[] _atLineStart;

    /// <param name="names">Container names by id (index 0 is the kernel's own prefix).</param>
    public ContainerConsole(ConsoleSink sink, string[] names, bool colour)
    {
        _sink = sink;
        int width = 0;
        foreach (string name in names)
        {
            width = Math.Max(width, name.Length);
        }
        _prefixes = new byte[names.Length][];
        _atLineStart = new bool[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            string label = names[i].PadRight(width);
            string prefix = colour ? s_colours[i % s_colours.Length] + label + "\u001b[0m | " : label + " | ";
            _prefixes[i] = Encoding.UTF8.GetBytes(prefix);
            _atLineStart[i] = true;
        }
    }

    /// <summary>Writes text of container <paramref name="container"/> (0: the kernel), prefixing each new line.</summary>
    public void Write(int container, ReadOnlySpan<byte> text)
    {
        if ((uint)container >= (uint)_prefixes.Length)
        {
            container = 0;
        }
        foreach (byte b in text)
        {
            if (_atLineStart[container])
            {
                _sink.Write(_prefixes[container]);
                _atLineStart[container] = false;
            }
            _sink.Write(b);
            if (b == (byte)'\n')
            {
                _atLineStart[container] = true;
            }
        }
    }
}

// Names for addresses in reports: each container's name and its image's symbols, fixed at boot.
using System;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Kernel.Diagnostics;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// A report names the container a thread belongs to (its manifest name, or the program's file name)
/// and the function its pc is in (<c>main+0x1c</c>), from the symbols of the image the container was
/// booted from. Both are set at boot; looking them up is a binary search that allocates nothing, so
/// fault reports (which run inside a kernel entry) can use them.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private string?[]? _containerNames;
    private ElfSymbols?[]? _containerSymbols;

    /// <summary>Gives container <paramref name="id"/> the name reports call it by (boot time).</summary>
    public void SetContainerName(int id, string name)
    {
        _containerNames ??= new string?[_options.MaxContainers + 1];
        _containerNames[id] = name;
    }

    /// <summary>The name reports give container <paramref name="id"/> (null when it has none).</summary>
    public string? ContainerName(int id)
        => _containerNames != null && (uint)id < (uint)_containerNames.Length ? _containerNames[id] : null;

    /// <summary>Sets the symbols that name the pcs of container <paramref name="id"/>'s threads (boot time).</summary>
    private void SetContainerSymbols(int id, ElfSymbols symbols)
    {
        _containerSymbols ??= new ElfSymbols?[_options.MaxContainers + 1];
        _containerSymbols[id] = symbols;
    }

    private ElfSymbols? SymbolsOf(int container)
        => _containerSymbols != null && (uint)container < (uint)_containerSymbols.Length ? _containerSymbols[container] : null;

    /// <summary>
    /// Appends "main+0x1c in name" (or "in name", or the symbol alone) for a pc of <paramref name="container"/>,
    /// in parentheses after a space when <paramref name="parenthesised"/>; nothing when there is neither a
    /// symbol nor a name. Allocates nothing.
    /// </summary>
    private void AppendLocation(ref KernelLog log, int container, uint pc, bool parenthesised = false)
    {
        ElfSymbols? symbols = SymbolsOf(container);
        int index = -1;
        bool named = symbols != null && symbols.TryFind(pc, out index);
        string? name = ContainerName(container);
        if (!named && name == null)
        {
            return;
        }
        if (parenthesised)
        {
            log.Append(" (");
        }
        if (named)
        {
            log.Append(symbols!.Name(index));
            uint offset = pc - symbols.Address(index);
            if (offset != 0)
            {
                log.Append('+');
                log.HexShort(offset);
            }
        }
        if (name != null)
        {
            log.Append(named ? " in " : "in ");
            log.Append(name);
        }
        if (parenthesised)
        {
            log.Append(')');
        }
    }

    /// <summary>The location of a pc as <see cref="AppendLocation"/> writes it, for reports that may allocate.</summary>
    private string DescribeLocation(int container, uint pc)
    {
        Span<byte> buffer = stackalloc byte[256];
        var log = new KernelLog(buffer);
        AppendLocation(ref log, container, pc);
        return System.Text.Encoding.UTF8.GetString(log.Written);
    }

    /// <summary>
    /// The pc a report shows for <paramref name="t"/>: while it is the thread a stopped core runs, its
    /// registers are live in that core and its saved context is stale, so the core's own pc.
    /// </summary>
    private uint ReportedPc(Tcb* t)
    {
        int slot = SlotOf(t);
        for (int core = 0; core < _cores; core++)
        {
            if (_cpu[core].Current == slot) // outside an entry, a core's current thread is live in it
            {
                return _hal.StoppedPc(core);
            }
        }
        return t->Context.Pc;
    }
}

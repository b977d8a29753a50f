// One line per capability for inspect: id, type, what it names, its rights by name, its generic bits.
using System.Globalization;
using System.Text;
using Codezero.Caps;

namespace Codezero.Cli;

public static unsafe class CapDescription
{
    public static string Describe(Capability* c)
    {
        var b = new StringBuilder();
        b.Append(string.Format(CultureInfo.InvariantCulture, "0x{0:x8} {1,-18} ", c->Id, TypeName(c->Type)));
        b.Append(string.Format(CultureInfo.InvariantCulture, "{0,-34} ", Resource(c)));
        b.Append(Rights(c->Type, c->Rights));
        return b.ToString();
    }

    private static string TypeName(CapType type) => type switch
    {
        CapType.ThreadControl => "thread-control",
        CapType.ExchangeRegisters => "exchange-registers",
        CapType.PhysicalMemory => "physical-memory",
        CapType.VirtualMemory => "virtual-memory",
        CapType.Ipc => "ipc",
        CapType.IrqControl => "irq-control",
        CapType.Mutex => "mutex",
        CapType.Quantity => "quantity",
        CapType.CapabilityControl => "capability-control",
        _ => "?",
    };

    private static string Resource(Capability* c) => c->Type switch
    {
        CapType.PhysicalMemory => $"frames 0x{c->Start << 12:x8}-0x{(c->End << 12) - 1:x8}",
        CapType.VirtualMemory => $"pages 0x{c->Start << 12:x8}-0x{(uint)(((ulong)c->End << 12) - 1):x8} of {Target(c)}",
        CapType.IrqControl => c->End - c->Start == 1 ? $"irq {c->Start}" : $"irqs {c->Start}-{c->End - 1}",
        CapType.Quantity => $"{PoolName(c->Pool)} {c->Used}/{c->Size} used",
        _ => Target(c),
    };

    private static string Target(Capability* c) => c->TargetKind switch
    {
        TargetKind.Thread => $"thread 0x{c->Target:x8}",
        TargetKind.Space => $"space {c->Target}",
        TargetKind.Container => $"container {c->Target}",
        _ => "-",
    };

    private static string PoolName(PoolKind pool) => pool switch
    {
        PoolKind.Threads => "threads",
        PoolKind.Spaces => "spaces",
        PoolKind.Mutexes => "mutexes",
        PoolKind.MapPages => "map pages",
        PoolKind.Caps => "caps",
        _ => "?",
    };

    private static readonly string[] s_thread = ["create", "destroy", "run", "suspend", "recycle", "wait", "sched"];
    private static readonly string[] s_exregs = ["read", "write", "pager", "utcb"];
    private static readonly string[] s_memory = ["read", "write", "exec", "cached", "uncached", "unmap", "utcb"];
    private static readonly string[] s_ipc = ["send", "receive", "short", "full", "extended"];
    private static readonly string[] s_irq = ["register", "wait"];
    private static readonly string[] s_mutex = ["lock", "unlock"];
    private static readonly string[] s_capctl = ["grant", "read", "share", "replicate", "split", "deduce", "destroy", "revoke"];

    private static string Rights(CapType type, uint rights)
    {
        string[] names = type switch
        {
            CapType.ThreadControl => s_thread,
            CapType.ExchangeRegisters => s_exregs,
            CapType.PhysicalMemory or CapType.VirtualMemory => s_memory,
            CapType.Ipc => s_ipc,
            CapType.IrqControl => s_irq,
            CapType.Mutex => s_mutex,
            CapType.CapabilityControl => s_capctl,
            _ => [],
        };
        var b = new StringBuilder();
        for (int i = 0; i < names.Length; i++)
        {
            if ((rights >> i & 1) != 0)
            {
                b.Append(b.Length == 0 ? "" : " ").Append(names[i]);
            }
        }
        if (b.Length == 0)
        {
            b.Append('-');
        }
        b.Append(" [");
        b.Append((rights & CapRights.Changeable) != 0 ? 'c' : '-');
        b.Append((rights & CapRights.Transferable) != 0 ? 't' : '-');
        b.Append((rights & CapRights.Replicable) != 0 ? 'r' : '-');
        b.Append(']');
        return b.ToString();
    }
}

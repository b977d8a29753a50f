// The names a manifest uses for capability rights, per cap type, and their CapRights bits (data, not code).
using System.Collections.Generic;
using Codezero.Caps;

namespace Codezero.Containers;

internal sealed record RightNames(string Field, string What, IReadOnlyList<(string Name, uint Bit)> Rights)
{
    public static readonly RightNames Ipc = new("rights", "an IPC right", new[]
    {
        ("send", CapRights.Ipc.Send), ("receive", CapRights.Ipc.Receive), ("short", CapRights.Ipc.Short),
        ("full", CapRights.Ipc.Full), ("extended", CapRights.Ipc.Extended),
    });

    /// <summary>An IPC grant's rights when it names none: send with every tier (receiving needs no cap).</summary>
    public const uint IpcDefault = CapRights.Ipc.Send | CapRights.Ipc.Short | CapRights.Ipc.Full | CapRights.Ipc.Extended;

    public static readonly RightNames ThreadControl = new("thread_control", "a thread_control right", new[]
    {
        ("create", CapRights.ThreadControl.Create), ("destroy", CapRights.ThreadControl.Destroy),
        ("run", CapRights.ThreadControl.Run), ("suspend", CapRights.ThreadControl.Suspend),
        ("recycle", CapRights.ThreadControl.Recycle), ("wait", CapRights.ThreadControl.Wait),
        ("sched", CapRights.ThreadControl.Sched),
    });

    public static readonly RightNames ExchangeRegisters = new("exchange_registers", "an exchange_registers right", new[]
    {
        ("read", CapRights.ExchangeRegisters.Read), ("write", CapRights.ExchangeRegisters.Write),
        ("pager", CapRights.ExchangeRegisters.Pager), ("utcb", CapRights.ExchangeRegisters.Utcb),
    });

    public static readonly RightNames CapabilityControl = new("capability_control", "a capability_control right", new[]
    {
        ("grant", CapRights.CapabilityControl.Grant), ("read", CapRights.CapabilityControl.Read),
        ("share", CapRights.CapabilityControl.Share), ("replicate", CapRights.CapabilityControl.Replicate),
        ("split", CapRights.CapabilityControl.Split), ("deduce", CapRights.CapabilityControl.Deduce),
        ("destroy", CapRights.CapabilityControl.Destroy), ("revoke", CapRights.CapabilityControl.Revoke),
    });

    public static readonly RightNames Mutex = new("mutex", "a mutex right", new[]
    {
        ("lock", CapRights.Mutex.Lock), ("unlock", CapRights.Mutex.Unlock),
    });

    public uint All
    {
        get
        {
            uint all = 0;
            foreach ((string _, uint bit) in Rights)
            {
                all |= bit;
            }
            return all;
        }
    }

    public uint? Find(string name)
    {
        foreach ((string right, uint bit) in Rights)
        {
            if (right == name)
            {
                return bit;
            }
        }
        return null;
    }

    public IEnumerable<string> Names
    {
        get
        {
            foreach ((string name, uint _) in Rights)
            {
                yield return name;
            }
        }
    }

    /// <summary>"send, receive, short, full, extended".</summary>
    public string List => string.Join(", ", Names);
}

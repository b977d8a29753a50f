// A small language for capability-policy scenarios: a world of containers, spaces and threads, caps given, actions, expected results.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Codezero.Caps;
using Xunit;

namespace Codezero.Tests.Caps;

/// <summary>
/// A scenario states a policy without a board. Build the world by name, give caps by name, then state
/// actions with the status each must get; every <see cref="Expect"/> runs at once and fails with the
/// step, the action and both statuses:
/// <code>
/// using Scenario s = Scenario.New()
///     .Container("server", c => c.Space(s => s.Thread("pager")))
///     .Container("client", c => c.Space(s => s.Thread("t1")))
///     .Give("client.t1", Cap.Ipc(to: "server.pager", Send | Short), "call");
/// s.Expect(Ipc("client.t1", "server.pager"), Allowed)
///  .Expect(Ipc("client.t1", "client.t1"), CapStatus.ENOCAP);
/// </code>
/// Names: a container by its name, a space as "container.space" (unnamed spaces are s1, s2, ... in
/// their container), a thread as "container.thread". A cap given to a thread's name goes to its space.
/// Ids are small and distinct per kind: containers from 1, spaces from 1, threads from 100.
/// </summary>
public sealed unsafe class Scenario : IDisposable
{
    public const int Allowed = CapStatus.Ok;
    public const int MaxContainers = 8, MaxSpaces = 16;

    private readonly Dictionary<string, Subject> _threads = new();
    private readonly Dictionary<string, Subject> _spaces = new();
    private readonly Dictionary<string, int> _containers = new();
    private readonly Dictionary<string, uint> _capIds = new();
    private readonly byte* _memory;
    private readonly uint _bytes;
    private int _nextSpace = 1;
    private uint _nextThread = 100;
    private int _step;

    private Scenario(int capacity)
    {
        _bytes = CapabilityTable.BytesFor(capacity, MaxContainers, MaxSpaces);
        _memory = (byte*)NativeMemory.AllocZeroed(_bytes);
        Table = new CapabilityTable(_memory, _bytes, capacity, MaxContainers, MaxSpaces);
    }

    public static Scenario New(int capacity = 64) => new(capacity);

    public CapabilityTable Table { get; }

    public void Dispose() => NativeMemory.Free(_memory);

    // ---- the world ----

    public Scenario Container(string name, Action<ContainerBuilder>? build = null)
    {
        int id = _containers.Count + 1;
        Assert.True(id <= MaxContainers, "too many containers for a scenario");
        _containers.Add(name, id);
        build?.Invoke(new ContainerBuilder(this, name, id));
        return this;
    }

    public sealed class ContainerBuilder
    {
        private readonly Scenario _s;
        private readonly string _name;
        private readonly int _id;
        private int _unnamed;

        internal ContainerBuilder(Scenario s, string name, int id)
        {
            _s = s;
            _name = name;
            _id = id;
        }

        public ContainerBuilder Space(Action<SpaceBuilder> build) => Space("s" + (++_unnamed), build);

        public ContainerBuilder Space(string name, Action<SpaceBuilder>? build = null)
        {
            int space = _s._nextSpace++;
            Assert.True(space <= MaxSpaces, "too many spaces for a scenario");
            _s._spaces.Add(_name + "." + name, new Subject(0, space, _id));
            build?.Invoke(new SpaceBuilder(_s, _name, space, _id));
            return this;
        }
    }

    public sealed class SpaceBuilder
    {
        private readonly Scenario _s;
        private readonly string _container;
        private readonly int _space, _containerId;

        internal SpaceBuilder(Scenario s, string container, int space, int containerId)
        {
            _s = s;
            _container = container;
            _space = space;
            _containerId = containerId;
        }

        public SpaceBuilder Thread(string name)
        {
            _s._threads.Add(_container + "." + name, new Subject(_s._nextThread++, _space, _containerId));
            return this;
        }
    }

    /// <summary>The thread named, as checks see it.</summary>
    public Subject Thread(string name)
        => _threads.TryGetValue(name, out Subject t) ? t : throw new ArgumentException("no thread " + name);

    /// <summary>A thread, a space or a container by name, as a target: its kind, its id, and the ids it lies within.</summary>
    public (TargetKind Kind, uint Id, Subject Within) Target(string name)
    {
        if (_threads.TryGetValue(name, out Subject t))
        {
            return (TargetKind.Thread, t.Thread, t);
        }
        if (_spaces.TryGetValue(name, out Subject s))
        {
            return (TargetKind.Space, (uint)s.Space, s);
        }
        if (_containers.TryGetValue(name, out int c))
        {
            return (TargetKind.Container, (uint)c, new Subject(0, 0, c));
        }
        throw new ArgumentException("nothing named " + name);
    }

    /// <summary>The owner a name gives caps to: a container, a space, or a thread's space.</summary>
    public CapOwner Owner(string name)
    {
        (TargetKind kind, uint id, Subject within) = Target(name);
        return kind == TargetKind.Container ? CapOwner.Container((int)id) : CapOwner.Space(within.Space);
    }

    // ---- caps ----

    /// <summary>Gives a boot cap (no parent) to an owner, and names it for later actions.</summary>
    public Scenario Give(string owner, Cap cap, string? capName = null)
    {
        Capability template = cap.Resolve(this);
        int status = Table.Create(Owner(owner), template, out uint id);
        Assert.True(status == CapStatus.Ok, $"giving {cap} to {owner}: {CapNames.Status(status)}");
        if (capName != null)
        {
            _capIds[capName] = id;
        }
        return this;
    }

    /// <summary>The id a cap was named by (given, or made by an action).</summary>
    public uint Id(string capName)
        => _capIds.TryGetValue(capName, out uint id) ? id : throw new ArgumentException("no cap named " + capName);

    public Capability* Get(string capName) => Table.Get(Id(capName));

    internal void Name(string capName, uint id) => _capIds[capName] = id;

    // ---- actions ----

    /// <summary>Runs the action now and checks its status.</summary>
    public Scenario Expect(Act act, int expected)
    {
        _step++;
        int got = act.Run(this);
        Assert.True(got == expected, $"step {_step}: {act}: expected {CapNames.Status(expected)}, got {CapNames.Status(got)}");
        return this;
    }

    /// <summary>Checks a fact about the world after the actions so far.</summary>
    public Scenario Then(string what, Func<Scenario, bool> fact)
    {
        _step++;
        Assert.True(fact(this), $"step {_step}: {what}");
        return this;
    }
}

/// <summary>A cap to give, by type and the name of what it targets; generic bits all set unless told.</summary>
public sealed class Cap
{
    private readonly Capability _template;
    private readonly string? _target;
    private readonly string _text;

    private Cap(Capability template, string? target, string text)
    {
        _template = template;
        _target = target;
        _text = text;
    }

    public static Cap Ipc(string to, uint rights, uint generic = CapRights.Generic)
        => Object(CapType.Ipc, to, rights, generic);

    public static Cap ThreadControl(string over, uint rights, uint generic = CapRights.Generic)
        => Object(CapType.ThreadControl, over, rights, generic);

    public static Cap ExchangeRegisters(string over, uint rights, uint generic = CapRights.Generic)
        => Object(CapType.ExchangeRegisters, over, rights, generic);

    /// <summary>Mutex and cap-control caps name the container they are for.</summary>
    public static Cap Mutex(string container, uint rights, uint generic = CapRights.Generic)
        => Object(CapType.Mutex, container, rights, generic);

    public static Cap CapabilityControl(string container, uint rights, uint generic = CapRights.Generic)
        => Object(CapType.CapabilityControl, container, rights, generic);

    /// <summary>Physical frames [start, end).</summary>
    public static Cap Physical(uint start, uint end, uint rights, uint generic = CapRights.Generic)
        => new(Capability.ForRange(CapType.PhysicalMemory, rights | generic, start, end), null, $"phys [{start:x}, {end:x}) {rights:x}");

    /// <summary>Virtual pages [start, end) of the spaces of <paramref name="of"/> (a space or a container).</summary>
    public static Cap Virtual(string of, uint start, uint end, uint rights, uint generic = CapRights.Generic)
        => new(Capability.ForVirtual(rights | generic, start, end, TargetKind.None, 0), of, $"virt {of} [{start:x}, {end:x}) {rights:x}");

    /// <summary>Interrupt lines [first, end).</summary>
    public static Cap Irq(uint first, uint end, uint rights, uint generic = CapRights.Generic)
        => new(Capability.ForRange(CapType.IrqControl, rights | generic, first, end), null, $"irq [{first}, {end}) {rights:x}");

    public static Cap Pool(PoolKind pool, uint size, uint generic = CapRights.Generic)
        => new(Capability.ForPool(pool, size, generic), null, $"pool {pool} {size}");

    private static Cap Object(CapType type, string target, uint rights, uint generic)
        => new(Capability.Of(type, rights | generic), target, $"{type} -> {target} {rights:x}");

    internal Capability Resolve(Scenario s)
    {
        Capability c = _template;
        if (_target != null)
        {
            (TargetKind kind, uint id, _) = s.Target(_target);
            c.TargetKind = kind;
            c.Target = id;
        }
        return c;
    }

    public override string ToString() => _text;
}

/// <summary>An action of a scenario: what it does (for messages) and how, returning a status.</summary>
public sealed class Act
{
    private readonly string _text;
    private readonly Func<Scenario, int> _run;

    public Act(string text, Func<Scenario, int> run)
    {
        _text = text;
        _run = run;
    }

    internal int Run(Scenario s) => _run(s);

    public override string ToString() => _text;
}

/// <summary>
/// The actions, to import with <c>using static</c>: one per <see cref="Authority"/> check, one per table
/// operation (caps by the names given them; a made cap is named by <c>as</c>), and quota use.
/// </summary>
public static unsafe class Acts
{
    // ---- Authority: the system calls ----

    public static Act Ipc(string from, string to, uint tierRight = CapRights.Ipc.Short)
        => new($"ipc {from} -> {to} ({CapNames.Tier(tierRight)})", s => Authority.Ipc(s.Table, s.Thread(from), s.Thread(to), tierRight));

    public static Act ThreadControl(string caller, string target, uint right)
        => new($"thread_control {caller} on {target} ({right})", s => Authority.ThreadControl(s.Table, s.Thread(caller), s.Thread(target), right));

    public static Act ExchangeRegisters(string caller, string target, uint rights)
        => new($"exchange_registers {caller} on {target} ({rights})", s => Authority.ExchangeRegisters(s.Table, s.Thread(caller), s.Thread(target), rights));

    public static Act Map(string caller, string target, uint phys, uint virt, uint pages, uint rights)
        => new($"map {caller} into {target}: phys {phys:x} -> virt {virt:x} x{pages} ({rights})",
            s => Authority.Map(s.Table, s.Thread(caller), s.Thread(target), phys, virt, pages, rights));

    public static Act Unmap(string caller, string target, uint virt, uint pages)
        => new($"unmap {caller} in {target}: virt {virt:x} x{pages}", s => Authority.Unmap(s.Table, s.Thread(caller), s.Thread(target), virt, pages));

    public static Act CacheControl(string caller, uint virt, uint pages)
        => new($"cache_control {caller}: virt {virt:x} x{pages}", s => Authority.CacheControl(s.Table, s.Thread(caller), virt, pages));

    public static Act Irq(string caller, uint irq, uint right)
        => new($"irq_control {caller}: line {irq} ({right})", s => Authority.Irq(s.Table, s.Thread(caller), irq, right));

    public static Act Mutex(string caller, uint right)
        => new($"mutex_control {caller} ({right})", s => Authority.Mutex(s.Table, s.Thread(caller), right));

    public static Act CapabilityControl(string caller, uint right)
        => new($"capability_control {caller} ({right})", s => Authority.CapabilityControl(s.Table, s.Thread(caller), right));

    // ---- the table's operations ----

    /// <summary>Replicates a cap, charging the copy to <paramref name="chargeTo"/>'s Caps pool.</summary>
    public static Act Replicate(string cap, string chargeTo, string @as)
        => new($"replicate {cap} as {@as} (charged to {chargeTo})", s =>
        {
            int status = s.Table.Replicate(s.Id(cap), s.Thread(chargeTo), out uint id);
            if (status == CapStatus.Ok)
            {
                s.Name(@as, id);
            }
            return status;
        });

    /// <summary>Narrows a cap: only what is given changes (target by name; rights as the new whole rights word).</summary>
    public static Act Deduce(string cap, string? to = null, uint? rights = null, uint? start = null, uint? end = null, uint? size = null)
        => new($"deduce {cap}" + (to != null ? " to " + to : "") + (rights != null ? $" rights {rights:x}" : "")
               + (start != null || end != null ? $" range [{start:x}, {end:x})" : "") + (size != null ? $" size {size}" : ""), s =>
        {
            Capability* c = s.Get(cap);
            if (c == null)
            {
                return s.Table.Deduce(s.Id(cap), default, default);
            }
            Capability n = *c;
            Subject within = default;
            if (to != null)
            {
                (n.TargetKind, n.Target, within) = s.Target(to);
            }
            n.Rights = rights ?? n.Rights;
            n.Start = start ?? n.Start;
            n.End = end ?? n.End;
            n.Size = size ?? n.Size;
            return s.Table.Deduce(s.Id(cap), n, within);
        });

    /// <summary>Splits type rights off a cap into a new one.</summary>
    public static Act SplitRights(string cap, uint rights, string chargeTo, string @as)
        => Split(cap, rights, 0, chargeTo, @as, $"split rights {rights:x} off {cap} as {@as}");

    /// <summary>Splits unused quantity off a pool into a new one.</summary>
    public static Act SplitQuantity(string cap, uint amount, string chargeTo, string @as)
        => Split(cap, 0, amount, chargeTo, @as, $"split {amount} off {cap} as {@as}");

    private static Act Split(string cap, uint rights, uint amount, string chargeTo, string @as, string text)
        => new(text, s =>
        {
            int status = s.Table.Split(s.Id(cap), rights, amount, s.Thread(chargeTo), out uint id);
            if (status == CapStatus.Ok)
            {
                s.Name(@as, id);
            }
            return status;
        });

    public static Act Grant(string cap, string to)
        => new($"grant {cap} to {to}", s => s.Table.Grant(s.Id(cap), s.Owner(to)));

    public static Act Share(string cap, string container)
        => new($"share {cap} with {container}", s => s.Table.Share(s.Id(cap), (int)s.Target(container).Id));

    public static Act Destroy(string cap)
        => new($"destroy {cap}", s => s.Table.Destroy(s.Id(cap)));

    /// <summary>Revokes with a budget (default: enough for anything a scenario builds).</summary>
    public static Act Revoke(string cap, int budget = int.MaxValue)
        => new($"revoke {cap} (budget {budget})", s =>
        {
            int b = budget;
            return s.Table.Revoke(s.Id(cap), ref b);
        });

    // ---- quotas ----

    /// <summary>Consumes from a pool for a thread; the charge is named by <paramref name="as"/>.</summary>
    public static Act Consume(string thread, PoolKind pool, uint amount, string? @as = null)
        => new($"consume {amount} of {pool} for {thread}", s =>
        {
            int status = s.Table.Consume(s.Thread(thread), pool, amount, out uint charge);
            if (status == CapStatus.Ok && @as != null)
            {
                s.Name(@as, charge);
            }
            return status;
        });
}

/// <summary>Names for statuses and tiers in failure messages.</summary>
internal static class CapNames
{
    public static string Status(int status) => status switch
    {
        CapStatus.Ok => "Ok",
        CapStatus.EPERM => "EPERM",
        CapStatus.ESRCH => "ESRCH",
        CapStatus.ENOMEM => "ENOMEM",
        CapStatus.EBUSY => "EBUSY",
        CapStatus.EINVAL => "EINVAL",
        CapStatus.ENOCAP => "ENOCAP",
        CapStatus.Preempted => "Preempted",
        _ => status.ToString(),
    };

    public static string Tier(uint right) => right switch
    {
        CapRights.Ipc.Short => "short",
        CapRights.Ipc.Full => "full",
        CapRights.Ipc.Extended => "extended",
        _ => "rights " + right,
    };
}

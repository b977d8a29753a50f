// Seeded random sequences of cap operations checked after every step against a model: nothing ever widens, quantity is conserved.
using System;
using System.Collections.Generic;
using System.Linq;
using Codezero.Caps;
using Xunit;
using R = Codezero.Caps.CapRights;

namespace Codezero.Tests.Caps;

/// <summary>
/// A few owners hold boot caps of every type; thousands of random steps replicate, deduce (with random
/// narrowing attempts, many of them illegal widenings), split, grant, share, destroy, revoke (random
/// budgets), consume and return. Each step's status is predicted by an oracle written from the rules,
/// not from the code; a refused step must leave every byte of the table as it was. After every step:
/// every live cap lies within the boot cap its tree grew from and within what it was before (rights,
/// range, target); each boot quantity's tree still holds exactly its Size; Used never exceeds Size and
/// matches what is charged; the table's counts, owner lists and derivation match the model.
/// </summary>
public sealed unsafe class RandomizedCapabilityTests
{
    [Theory]
    [InlineData(1, 4000)]
    [InlineData(7, 4000)]
    [InlineData(42, 4000)]
    [InlineData(1234, 4000)]
    [InlineData(20240601, 4000)]
    [InlineData(987654321, 6000)]
    public void RandomOperations_NeverWidenAndConserveQuantity(int seed, int steps)
    {
        using var run = new Run(seed);
        run.Boot();
        for (int step = 1; step <= steps; step++)
        {
            run.Step(step);
        }
        Assert.True(run.Refused > steps / 10, $"seed {seed}: only {run.Refused} refusals, the oracle's paths were barely tried");
        Assert.True(run.Succeeded > steps / 4, $"seed {seed}: only {run.Succeeded} successes");
    }

    private sealed class Node
    {
        public uint Id;
        public uint Root;
        public uint Parent;
        public CapOwner Owner;
        public Capability Last;
    }

    private sealed class Run : IDisposable
    {
        private const int Capacity = 48, MaxContainers = 2, MaxSpaces = 3;

        // The world: threads 101, 102 in space 1 and 103 in space 2 (container 1); 104 in space 3 (container 2).
        private static readonly Subject[] Threads = { new(101, 1, 1), new(102, 1, 1), new(103, 2, 1), new(104, 3, 2) };
        private static readonly CapOwner[] Owners =
            { CapOwner.Space(1), CapOwner.Space(2), CapOwner.Space(3), CapOwner.Container(1), CapOwner.Container(2) };

        private readonly int _seed;
        private readonly Random _random;
        private readonly TableMemory _memory = new(Capacity, MaxContainers, MaxSpaces);
        private readonly Dictionary<uint, Node> _live = new();
        private readonly Dictionary<uint, uint> _rootOf = new();           // every id ever made -> its tree's boot cap
        private readonly Dictionary<uint, Capability> _boot = new();       // boot cap id -> what it was made as
        private readonly Dictionary<uint, long> _total = new();            // boot quantity id -> the Size its tree holds
        private readonly HashSet<uint> _broken = new();                    // trees whose boot quantity was destroyed
        private readonly List<(uint Charge, uint Amount)> _charged = new();
        private readonly List<uint> _dead = new();
        private int _step;
        private uint _lastMade;
        private string _op = "boot";

        public Run(int seed)
        {
            _seed = seed;
            _random = new Random(seed);
        }

        public int Refused { get; private set; }

        public int Succeeded { get; private set; }

        private CapabilityTable T => _memory.Table;

        public void Dispose() => _memory.Dispose();

        /// <summary>The caps a manifest might give: every type, some without one generic bit or another.</summary>
        private static IEnumerable<(CapOwner Owner, Capability Cap)> Manifest()
        {
            const uint G = R.Generic;
            yield return (Owners[0], Capability.ForPool(PoolKind.Caps, 12, G));
            yield return (Owners[0], Capability.ForTarget(CapType.Ipc, R.Ipc.All | G, TargetKind.Container, 1));
            yield return (Owners[0], Capability.ForTarget(CapType.ThreadControl, R.ThreadControl.All | G, TargetKind.Space, 1));
            yield return (Owners[0], Capability.ForRange(CapType.PhysicalMemory, R.Memory.All | G, 0x100, 0x140));
            yield return (Owners[0], Capability.ForPool(PoolKind.Threads, 10, G));
            yield return (Owners[1], Capability.ForPool(PoolKind.Caps, 6, G));
            yield return (Owners[1], Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Ipc.Short | R.Changeable | R.Transferable, TargetKind.Thread, 101));
            yield return (Owners[1], Capability.ForVirtual(R.Memory.All | G, 0x10, 0x50, TargetKind.Container, 1));
            yield return (Owners[1], Capability.ForPool(PoolKind.MapPages, 8, G));
            yield return (Owners[2], Capability.ForRange(CapType.IrqControl, R.IrqControl.All | G, 32, 48));
            yield return (Owners[2], Capability.ForTarget(CapType.ExchangeRegisters, R.ExchangeRegisters.All | R.Replicable | R.Transferable, TargetKind.Container, 2));
            yield return (Owners[2], Capability.ForTarget(CapType.Mutex, R.Mutex.All | G, TargetKind.Container, 2));
            yield return (Owners[3], Capability.ForPool(PoolKind.Caps, 10, G));
            yield return (Owners[3], Capability.ForTarget(CapType.CapabilityControl, R.CapabilityControl.All | G, TargetKind.Container, 1));
            yield return (Owners[3], Capability.ForPool(PoolKind.Spaces, 5, R.Changeable | R.Transferable));
            yield return (Owners[4], Capability.ForPool(PoolKind.Caps, 4, G));
            yield return (Owners[4], Capability.ForTarget(CapType.Ipc, R.Ipc.All | G, TargetKind.Container, 1));
            yield return (Owners[4], Capability.ForPool(PoolKind.Threads, 6, G));
        }

        public void Boot()
        {
            foreach ((CapOwner owner, Capability cap) in Manifest())
            {
                CreateBoot(owner, cap);
            }
            CheckInvariants();
        }

        private void CreateBoot(CapOwner owner, in Capability cap)
        {
            int status = T.Create(owner, cap, out uint id);
            Check(status == CapStatus.Ok, $"boot cap of {cap.Type} for {owner}: {CapNames.Status(status)}");
            _live[id] = new Node { Id = id, Root = id, Owner = owner, Last = *T.Get(id) };
            _rootOf[id] = id;
            _boot[id] = *T.Get(id);
            if (cap.Type == CapType.Quantity)
            {
                _total[id] = cap.Size;
            }
        }

        public void Step(int step)
        {
            _step = step;
            if (_live.Count < 10 && T.Count + T.Zombies < Capacity)
            {
                // Keep the run alive: a fresh boot cap, a new tree.
                (CapOwner owner, Capability cap)[] manifest = Manifest().ToArray();
                (CapOwner o, Capability c) = manifest[_random.Next(manifest.Length)];
                _op = $"create {c.Type} for {o}";
                CreateBoot(o, c);
                CheckInvariants();
                return;
            }
            int pick = _random.Next(100);
            if (pick < 14) { Replicate(); }
            else if (pick < 34) { Deduce(); }
            else if (pick < 50) { Split(); }
            else if (pick < 58) { Grant(); }
            else if (pick < 63) { Share(); }
            else if (pick < 72) { Destroy(); }
            else if (pick < 80) { Revoke(); }
            else if (pick < 91) { Consume(); }
            else { Return(); }
            CheckInvariants();
        }

        // ---- operations, each with the status the rules predict ----

        private void Replicate()
        {
            Node n = AnyLive();
            Capability* c = T.Get(n.Id);
            Subject payer = AnyThread();
            _op = $"replicate {Describe(c)} paid by {payer.Thread}";
            int expected = c->Type == CapType.Quantity || (c->Rights & R.Replicable) == 0 ? CapStatus.EPERM : ChargeStatus(payer, null, 0);
            Capability before = *c;
            int status = Attempt(expected, () => T.Replicate(n.Id, payer, out uint id) is var s && s == CapStatus.Ok ? Made(n, id, s) : s);
            if (status == CapStatus.Ok)
            {
                Capability* made = T.Get(_lastMade);
                Check(Same(*made, before), "a replica differs from its source");
            }
        }

        private void Deduce()
        {
            Node n = AnyLive();
            Capability* c = T.Get(n.Id);
            Capability narrower = *c;
            Subject within = default;
            // Rights: a random subset, sometimes with a bit more (a widening, unless it was there).
            narrower.Rights = c->Rights & (uint)_random.Next();
            if (_random.Next(5) == 0)
            {
                narrower.Rights |= RandomBit(R.AllFor(c->Type) | R.Generic);
            }
            if (c->Type is CapType.PhysicalMemory or CapType.VirtualMemory or CapType.IrqControl && _random.Next(3) != 0)
            {
                uint length = c->End - c->Start;
                narrower.Start = (uint)((long)c->Start + _random.Next(-1, (int)length + 1));
                narrower.End = (uint)((long)narrower.Start + _random.Next(0, (int)length + 2));
            }
            if (c->Type is not (CapType.PhysicalMemory or CapType.IrqControl or CapType.Quantity) && _random.Next(3) != 0)
            {
                (narrower.TargetKind, narrower.Target, within) = AnyEntity();
            }
            else
            {
                within = Within(c->TargetKind, c->Target);
            }
            if (c->Type == CapType.Quantity)
            {
                narrower.Size = (uint)_random.Next(0, (int)c->Size + 3);
            }
            if (_random.Next(25) == 0)
            {
                narrower.Pool = (PoolKind)_random.Next(1, 6);
            }
            if (_random.Next(30) == 0)
            {
                narrower.Type = (CapType)_random.Next(1, 10);
            }
            _op = $"deduce {Describe(c)} to {DescribeValue(narrower)}";
            int expected = (c->Rights & R.Changeable) == 0 ? CapStatus.EPERM : Narrows(*c, narrower) ? CapStatus.Ok : CapStatus.EINVAL;
            Capability old = *c;
            Capability* parent = T.ParentOf(c);
            uint parentSize = parent != null ? parent->Size : 0;
            int status = Attempt(expected, () => T.Deduce(n.Id, narrower, within));
            if (status == CapStatus.Ok && c->Type == CapType.Quantity)
            {
                uint given = old.Size - c->Size;
                Check(c->Size == narrower.Size, "a deduced quantity is not the size asked for");
                if (parent != null)
                {
                    Check(parent->Size == parentSize + given, "a deduced quantity's difference did not go back to its parent");
                }
                else if (n.Id == n.Root)
                {
                    _total[n.Root] -= given; // a boot pool narrowed: its tree holds less from now on
                }
                else
                {
                    Check(_broken.Contains(n.Root), "a parentless quantity in an unbroken tree");
                }
            }
        }

        private void Split()
        {
            Node n = AnyLive();
            Capability* c = T.Get(n.Id);
            Subject payer = AnyThread();
            uint rights = 0, amount = 0;
            int expected;
            if (c->Type == CapType.Quantity)
            {
                amount = (uint)_random.Next(0, (int)(c->Size - c->Used) + 2);
                expected = amount == 0 || amount > c->Size - c->Used ? CapStatus.EINVAL : 0;
            }
            else
            {
                uint own = c->Rights & R.TypeMask;
                rights = _random.Next(8) == 0 ? RandomBit(R.AllFor(c->Type) | R.Generic) : own & (uint)_random.Next();
                expected = rights == 0 || (rights & ~own) != 0 || rights == own ? CapStatus.EINVAL : 0;
            }
            if ((c->Rights & R.Changeable) == 0)
            {
                expected = CapStatus.EPERM;
            }
            if (expected == 0)
            {
                expected = ChargeStatus(payer, c, amount);
            }
            _op = $"split {Describe(c)} rights {rights:x} amount {amount} paid by {payer.Thread}";
            Capability before = *c;
            int status = Attempt(expected, () => T.Split(n.Id, rights, amount, payer, out uint id) is var s && s == CapStatus.Ok ? Made(n, id, s) : s);
            if (status == CapStatus.Ok)
            {
                Capability* part = T.Get(_lastMade);
                if (c->Type == CapType.Quantity)
                {
                    Check(part->Size == amount && c->Size == before.Size - amount, "a quantity split did not conserve");
                }
                else
                {
                    Check((part->Rights & R.TypeMask) == rights && (c->Rights & R.TypeMask) == (before.Rights & R.TypeMask & ~rights)
                          && (part->Rights & R.Generic) == (before.Rights & R.Generic), "a rights split did not divide them");
                }
            }
        }

        private void Grant()
        {
            Node n = AnyLive();
            Capability* c = T.Get(n.Id);
            bool bad = _random.Next(10) == 0;
            CapOwner to = bad ? (_random.Next(2) == 0 ? CapOwner.Space(MaxSpaces + 1) : CapOwner.Container(0)) : Owners[_random.Next(Owners.Length)];
            _op = $"grant {Describe(c)} to {to}";
            int expected = (c->Rights & R.Transferable) == 0 ? CapStatus.EPERM : bad ? CapStatus.EINVAL : CapStatus.Ok;
            if (Attempt(expected, () => T.Grant(n.Id, to)) == CapStatus.Ok)
            {
                n.Owner = to;
            }
        }

        private void Share()
        {
            Node n = AnyLive();
            Capability* c = T.Get(n.Id);
            int container = n.Owner.IsContainer ? 1 : Threads.First(t => t.Space == n.Owner.Id).Container;
            _op = $"share {Describe(c)} with container {container}";
            int expected = n.Owner.IsContainer ? CapStatus.EINVAL : (c->Rights & R.Transferable) == 0 ? CapStatus.EPERM : CapStatus.Ok;
            if (Attempt(expected, () => T.Share(n.Id, container)) == CapStatus.Ok)
            {
                n.Owner = CapOwner.Container(container);
            }
        }

        private void Destroy()
        {
            if (_dead.Count > 0 && _random.Next(6) == 0)
            {
                uint stale = _dead[_random.Next(_dead.Count)];
                _op = $"destroy stale {stale:x}";
                Attempt(CapStatus.ESRCH, () => T.Destroy(stale));
                return;
            }
            Node n = AnyLive();
            if (n.Id == n.Root && _random.Next(4) != 0)
            {
                n = AnyLive(); // boot caps less often, so trees grow
            }
            Capability* c = T.Get(n.Id);
            _op = $"destroy {Describe(c)}";
            bool parentPool = n.Parent != 0; // a quantity's parent is always a quantity of its pool
            int expected = c->Type == CapType.Quantity && c->Used != 0 && !parentPool ? CapStatus.EBUSY : CapStatus.Ok;
            if (Attempt(expected, () => T.Destroy(n.Id)) == CapStatus.Ok)
            {
                foreach (Node child in _live.Values.Where(x => x.Parent == n.Id))
                {
                    child.Parent = n.Parent;
                }
                if (n.Parent == 0 && _total.ContainsKey(n.Root))
                {
                    _broken.Add(n.Root); // its children are roots now: the tree's Size is no longer one pool's
                }
                Forget(n);
            }
        }

        private void Revoke()
        {
            Node n = AnyLive();
            Capability* c = T.Get(n.Id);
            int budget = _random.Next(0, 5);
            List<Node> below = Descendants(n.Id);
            int removed = Math.Min(budget, below.Count);
            _op = $"revoke {Describe(c)} budget {budget} over {below.Count}";
            int expected = below.Count > budget ? CapStatus.Preempted : CapStatus.Ok;
            int left = budget;
            Attempt(expected, () => T.Revoke(n.Id, ref left), changes: removed > 0);
            Check(left == budget - removed, $"revoke left budget {left}, expected {budget - removed}");
            int gone = 0;
            foreach (Node d in below)
            {
                if (T.Get(d.Id) == null)
                {
                    gone++;
                    Forget(d);
                }
            }
            Check(gone == removed, $"revoke removed {gone} caps, expected {removed}");
            foreach (Node d in below.Where(d => _live.ContainsKey(d.Id)))
            {
                Check(Descendants(n.Id).Contains(d), "a cap revoke left is no longer below the revoked cap");
            }
        }

        private void Consume()
        {
            Subject who = AnyThread();
            PoolKind pool = (PoolKind)_random.Next(1, 6);
            uint amount = (uint)_random.Next(1, 4);
            _op = $"consume {amount} of {pool} for {who.Thread}";
            bool any = false, room = false;
            foreach (Node q in _live.Values.Where(q => q.Last.Type == CapType.Quantity && q.Last.Pool == pool && Holds(who, q.Owner)))
            {
                Capability* c = T.Get(q.Id);
                any = true;
                room |= c->Size - c->Used >= amount;
            }
            int expected = !any ? CapStatus.ENOCAP : !room ? CapStatus.ENOMEM : CapStatus.Ok;
            uint charge = 0;
            if (Attempt(expected, () => T.Consume(who, pool, amount, out charge)) == CapStatus.Ok)
            {
                Capability* c = T.Get(charge);
                Check(c != null && c->Type == CapType.Quantity && c->Pool == pool && Holds(who, _live[charge].Owner), "consume charged a wrong cap");
                _charged.Add((charge, amount));
            }
        }

        private void Return()
        {
            if (_charged.Count == 0)
            {
                return;
            }
            int i = _random.Next(_charged.Count);
            (uint charge, uint amount) = _charged[i];
            _charged.RemoveAt(i);
            _op = $"return {amount} to {charge:x}";
            T.Return(charge, amount);
            Succeeded++;
        }

        // ---- the oracle ----

        /// <summary>What charging one new cap to <paramref name="payer"/>'s Caps pools gives (and a split of a Caps pool paying for itself).</summary>
        private int ChargeStatus(in Subject payer, Capability* splitting, uint amount)
        {
            Capability* chosen = null;
            bool any = false;
            for (int pass = 0; pass < 2 && chosen == null; pass++)
            {
                for (Capability* q = T.First(pass == 0 ? payer.SpaceOwner : payer.ContainerOwner, CapType.Quantity); q != null; q = T.Next(q))
                {
                    if (q->Pool == PoolKind.Caps)
                    {
                        any = true;
                        if (q->Size - q->Used >= 1)
                        {
                            chosen = q;
                            break;
                        }
                    }
                }
            }
            if (!any)
            {
                return CapStatus.ENOCAP;
            }
            if (chosen == null || T.Count + T.Zombies == Capacity)
            {
                return CapStatus.ENOMEM;
            }
            if (chosen == splitting && amount > splitting->Size - splitting->Used - 1)
            {
                return CapStatus.ENOMEM;
            }
            return CapStatus.Ok;
        }

        /// <summary>The deduce rule, from the documentation: same type and pool, no new right, nothing wider.</summary>
        private static bool Narrows(in Capability c, in Capability n)
        {
            if (n.Type != c.Type || n.Pool != c.Pool || (n.Rights & ~c.Rights) != 0)
            {
                return false;
            }
            return c.Type switch
            {
                CapType.Quantity => n.Size <= c.Size && n.Size >= c.Used,
                CapType.PhysicalMemory or CapType.IrqControl => n.Start >= c.Start && n.End <= c.End && n.Start < n.End,
                CapType.VirtualMemory => n.Start >= c.Start && n.End <= c.End && n.Start < n.End && n.TargetKind != TargetKind.Thread
                                         && TargetInside(n.TargetKind, n.Target, c.TargetKind, c.Target),
                _ => TargetInside(n.TargetKind, n.Target, c.TargetKind, c.Target),
            };
        }

        /// <summary>Whether the entity (kind, id) is the entity (outerKind, outer) or lies within it, by the world's layout.</summary>
        private static bool TargetInside(TargetKind kind, uint id, TargetKind outerKind, uint outer)
        {
            if (kind == TargetKind.None)
            {
                return false;
            }
            if (kind == outerKind)
            {
                return id == outer;
            }
            return (kind, outerKind) switch
            {
                (TargetKind.Thread, TargetKind.Space) => Threads.Any(t => t.Thread == id && (uint)t.Space == outer),
                (TargetKind.Thread, TargetKind.Container) => Threads.Any(t => t.Thread == id && (uint)t.Container == outer),
                (TargetKind.Space, TargetKind.Container) => Threads.Any(t => (uint)t.Space == id && (uint)t.Container == outer),
                _ => false,
            };
        }

        private static bool Holds(in Subject who, CapOwner owner)
            => owner.IsContainer ? owner.Id == who.Container : owner.Id == who.Space;

        // ---- invariants ----

        private void CheckInvariants()
        {
            int live = 0, zombies = 0;
            for (int i = 1; i <= Capacity; i++)
            {
                byte state = _memory.Slot(i)->State;
                live += state == 1 ? 1 : 0;
                zombies += state == 2 ? 1 : 0;
            }
            Check(live == T.Count && T.Count == _live.Count, $"live caps: {live} in memory, Count {T.Count}, model {_live.Count}");
            Check(zombies == T.Zombies, $"zombies: {zombies} in memory, Zombies {T.Zombies}");

            var used = new Dictionary<uint, long>();
            var size = new Dictionary<uint, long>();
            var charged = new Dictionary<uint, long>();
            foreach (Node n in _live.Values)
            {
                Capability* c = T.Get(n.Id);
                Check(c != null, $"cap {n.Id:x} of the model is not live");
                Capability boot = _boot[n.Root];
                Within(*c, boot, "the boot cap it descends from", size: true);
                Within(*c, n.Last, "what it was before", size: false); // a pool's Size grows back as its parts return
                n.Last = *c;
                CapOwner owner = T.OwnerOf(c);
                Check(owner.IsContainer == n.Owner.IsContainer && owner.Id == n.Owner.Id, $"{Describe(c)} is held by {owner}, model {n.Owner}");
                Capability* parent = T.ParentOf(c);
                Check((parent == null ? 0 : parent->Id) == n.Parent, $"{Describe(c)}'s parent differs from the model's");
                Check(T.CountDescendants(n.Id) == Descendants(n.Id).Count, $"{Describe(c)}'s descendants differ from the model's");
                if (c->Type == CapType.Quantity)
                {
                    Check(c->Used <= c->Size, $"{Describe(c)}: Used above Size");
                    size[n.Root] = size.GetValueOrDefault(n.Root) + c->Size;
                    used[n.Root] = used.GetValueOrDefault(n.Root) + c->Used;
                }
                if (c->Charge != 0)
                {
                    uint root = _rootOf[c->Charge];
                    charged[root] = charged.GetValueOrDefault(root) + 1;
                }
            }
            foreach ((uint charge, uint amount) in _charged)
            {
                uint root = _rootOf[charge];
                charged[root] = charged.GetValueOrDefault(root) + amount;
            }
            foreach ((uint root, long total) in _total)
            {
                if (!_broken.Contains(root) && _live.Values.Any(n => n.Root == root))
                {
                    Check(size.GetValueOrDefault(root) == total, $"tree of boot pool {root:x} holds {size.GetValueOrDefault(root)}, expected {total}");
                }
                Check(used.GetValueOrDefault(root) == charged.GetValueOrDefault(root),
                    $"tree of boot pool {root:x} has {used.GetValueOrDefault(root)} used, but {charged.GetValueOrDefault(root)} is charged to it");
            }
            foreach (CapOwner owner in Owners)
            {
                for (int type = 1; type <= 9; type++)
                {
                    var listed = new HashSet<uint>();
                    for (Capability* c = T.First(owner, (CapType)type); c != null; c = T.Next(c))
                    {
                        Check(listed.Add(c->Id) && c->Type == (CapType)type, $"{owner}'s list of {(CapType)type} is wrong");
                    }
                    var model = _live.Values.Where(n => n.Owner.IsContainer == owner.IsContainer && n.Owner.Id == owner.Id && n.Last.Type == (CapType)type)
                        .Select(n => n.Id).ToHashSet();
                    Check(listed.SetEquals(model), $"{owner}'s {(CapType)type} caps: table [{string.Join(",", listed.Select(x => x.ToString("x")))}], model [{string.Join(",", model.Select(x => x.ToString("x")))}]");
                }
            }
        }

        /// <summary>Checks that <paramref name="c"/> is no wider than <paramref name="outer"/> in rights, range, target and pool.</summary>
        private void Within(in Capability c, in Capability outer, string what, bool size)
        {
            string text = $"{DescribeValue(c)} is wider than {what} {DescribeValue(outer)}";
            Check(c.Type == outer.Type && c.Pool == outer.Pool, text);
            Check((c.Rights & ~outer.Rights) == 0, text + " (rights)");
            switch (c.Type)
            {
                case CapType.PhysicalMemory:
                case CapType.IrqControl:
                    Check(c.Start >= outer.Start && c.End <= outer.End && c.Start < c.End, text + " (range)");
                    break;
                case CapType.VirtualMemory:
                    Check(c.Start >= outer.Start && c.End <= outer.End && c.Start < c.End, text + " (range)");
                    Check(TargetInside(c.TargetKind, c.Target, outer.TargetKind, outer.Target), text + " (target)");
                    break;
                case CapType.Quantity:
                    Check(!size || c.Size <= outer.Size, text + " (size)");
                    break;
                default:
                    Check(TargetInside(c.TargetKind, c.Target, outer.TargetKind, outer.Target), text + " (target)");
                    break;
            }
        }

        // ---- helpers ----

        /// <summary>Runs an operation whose status the oracle predicted; a refusal, or a success that changes nothing, must leave the table's bytes as they were.</summary>
        private int Attempt(int expected, Func<int> operation, bool changes = true)
        {
            byte[] before = _memory.Snapshot();
            int status = operation();
            Check(status == expected, $"got {CapNames.Status(status)}, the rules say {CapNames.Status(expected)}");
            bool refused = status != CapStatus.Ok && status != CapStatus.Preempted;
            if (refused || !changes)
            {
                Check(before.AsSpan().SequenceEqual(_memory.Snapshot()), "a refused operation changed the table");
            }
            if (refused)
            {
                Refused++;
            }
            else
            {
                Succeeded++;
            }
            return status;
        }

        private int Made(Node source, uint id, int status)
        {
            _live[id] = new Node { Id = id, Root = source.Root, Parent = source.Id, Owner = source.Owner, Last = *T.Get(id) };
            _rootOf[id] = source.Root;
            _lastMade = id;
            return status;
        }

        private void Forget(Node n)
        {
            _live.Remove(n.Id);
            _dead.Add(n.Id);
        }

        private List<Node> Descendants(uint id)
        {
            var found = new List<Node>();
            var stack = new Stack<uint>();
            stack.Push(id);
            while (stack.Count > 0)
            {
                uint p = stack.Pop();
                foreach (Node child in _live.Values.Where(x => x.Parent == p))
                {
                    found.Add(child);
                    stack.Push(child.Id);
                }
            }
            return found;
        }

        private Node AnyLive() => _live.Values.ElementAt(_random.Next(_live.Count));

        private Subject AnyThread() => Threads[_random.Next(Threads.Length)];

        /// <summary>A random thread, space or container of the world (now and then nothing), with the ids it lies within.</summary>
        private (TargetKind, uint, Subject) AnyEntity()
        {
            Subject t = AnyThread();
            return _random.Next(20) == 0 ? (TargetKind.None, 0, default) : _random.Next(3) switch
            {
                0 => (TargetKind.Thread, t.Thread, t),
                1 => (TargetKind.Space, (uint)t.Space, t with { Thread = 0 }),
                _ => (TargetKind.Container, (uint)t.Container, new Subject(0, 0, t.Container)),
            };
        }

        private static Subject Within(TargetKind kind, uint id) => kind switch
        {
            TargetKind.Thread => Threads.First(t => t.Thread == id),
            TargetKind.Space => Threads.First(t => (uint)t.Space == id) with { Thread = 0 },
            TargetKind.Container => new Subject(0, 0, (int)id),
            _ => default,
        };

        private uint RandomBit(uint mask)
        {
            if (mask == 0)
            {
                return 0;
            }
            while (true)
            {
                uint bit = 1u << _random.Next(32);
                if ((mask & bit) != 0)
                {
                    return bit;
                }
            }
        }

        private static bool Same(in Capability a, in Capability b)
            => a.Type == b.Type && a.Rights == b.Rights && a.TargetKind == b.TargetKind && a.Target == b.Target
               && a.Start == b.Start && a.End == b.End && a.Pool == b.Pool && a.Size == b.Size;

        private static string Describe(Capability* c) => DescribeValue(*c);

        private static string DescribeValue(in Capability c)
            => $"{c.Id:x} {c.Type} rights {c.Rights:x} {c.TargetKind} {c.Target} [{c.Start:x}, {c.End:x}) {c.Pool} {c.Used}/{c.Size}";

        private void Check(bool condition, string what)
            => Assert.True(condition, $"seed {_seed}, step {_step} ({_op}): {what}");
    }
}

// The capability table itself: ids, listing by owner and type, every operation and each refusal, revoke, destroy, quotas and zombies, no allocation.
using System;
using System.Runtime.InteropServices;
using Codezero.Caps;
using Codezero.Tests.Kernel;
using Xunit;
using R = Codezero.Caps.CapRights;

namespace Codezero.Tests.Caps;

[Collection(AllocationCollection.Name)]
public sealed unsafe class CapabilityTableTests : IDisposable
{
    private static readonly Subject A = new(101, 1, 1);  // thread 101 of space 1, container 1
    private static readonly Subject B = new(102, 2, 1);  // thread 102 of space 2, container 1
    private static readonly Subject D = new(103, 3, 2);  // thread 103 of space 3, container 2
    private static readonly CapOwner SpaceA = CapOwner.Space(1), SpaceB = CapOwner.Space(2), SpaceD = CapOwner.Space(3);
    private static readonly CapOwner Box = CapOwner.Container(1), Other = CapOwner.Container(2);

    private readonly TableMemory _memory = new(capacity: 32, maxContainers: 4, maxSpaces: 8);

    private CapabilityTable T => _memory.Table;

    public void Dispose() => _memory.Dispose();

    private uint Make(CapOwner owner, in Capability template)
    {
        Assert.Equal(CapStatus.Ok, T.Create(owner, template, out uint id));
        return id;
    }

    private uint Ipc(CapOwner owner, uint generic = R.Generic)
        => Make(owner, Capability.ForTarget(CapType.Ipc, R.Ipc.All | generic, TargetKind.Container, 1));

    private uint Pool(CapOwner owner, PoolKind pool, uint size, uint generic = R.Generic)
        => Make(owner, Capability.ForPool(pool, size, generic));

    private Capability* C(uint id)
    {
        Capability* c = T.Get(id);
        Assert.True(c != null, $"cap {id:x} is not live");
        return c;
    }

    // ---- ids ----

    [Fact]
    public void Create_GivesALiveIdThatGetFinds()
    {
        uint id = Ipc(SpaceA);
        Capability* c = C(id);
        Assert.Equal(id, c->Id);
        Assert.Equal(CapType.Ipc, c->Type);
        Assert.Equal(1, T.Count);
        Assert.True(T.ParentOf(c) == null);
        Assert.Equal(SpaceA.Id, T.OwnerOf(c).Id);
        Assert.False(T.OwnerOf(c).IsContainer);
    }

    [Fact]
    public void Get_OfAStaleId_AfterDestroyAndReuse_IsRefused()
    {
        uint old = Ipc(SpaceA);
        Assert.Equal(CapStatus.Ok, T.Destroy(old));
        Assert.True(T.Get(old) == null);
        uint reused = Ipc(SpaceB);
        Assert.Equal(old & 0xFFFF, reused & 0xFFFF); // the same slot
        Assert.NotEqual(old, reused);
        Assert.True(T.Get(old) == null);
        Assert.True(T.Get(reused) != null);
        Assert.Equal(CapStatus.ESRCH, T.Destroy(old));
        Assert.Equal(CapStatus.ESRCH, T.Grant(old, SpaceA));
        Assert.True(T.Get(reused) != null); // the stale id reached nothing
    }

    [Fact]
    public void Get_OfForgedIds_IsRefused()
    {
        uint id = Ipc(SpaceA);
        Assert.True(T.Get(0) == null);
        Assert.True(T.Get(id & 0xFFFF0000) == null);            // slot 0
        Assert.True(T.Get((id & 0xFFFF0000) | 33) == null);     // past the capacity
        Assert.True(T.Get((id & 0xFFFF0000) | 0xFFFF) == null);
        Assert.True(T.Get(id + 0x20000) == null);               // another live-looking generation
        Assert.True(T.Get(id + 0x10000) == null);               // an even (free) generation
        Assert.True(T.Get((id & 0xFFFF0000) | ((id + 1) & 0xFFFF)) == null); // a free slot
    }

    [Fact]
    public void EveryOperation_OnADeadId_IsESRCH()
    {
        uint dead = Ipc(SpaceA);
        Pool(SpaceA, PoolKind.Caps, 4);
        T.Destroy(dead);
        int budget = 10;
        Assert.Equal(CapStatus.ESRCH, T.Replicate(dead, A, out _));
        Assert.Equal(CapStatus.ESRCH, T.Deduce(dead, default, A));
        Assert.Equal(CapStatus.ESRCH, T.Split(dead, R.Ipc.Send, 0, A, out _));
        Assert.Equal(CapStatus.ESRCH, T.Grant(dead, SpaceB));
        Assert.Equal(CapStatus.ESRCH, T.Share(dead, 1));
        Assert.Equal(CapStatus.ESRCH, T.Destroy(dead));
        Assert.Equal(CapStatus.ESRCH, T.Revoke(dead, ref budget));
        Assert.Equal(10, budget);
        Assert.Equal(0, T.CountDescendants(dead));
        Assert.Equal(1, T.Count);
    }

    [Fact]
    public void Create_OfMalformedCapsOrForUnknownOwners_IsEINVAL()
    {
        Capability[] bad =
        {
            Capability.Of(CapType.None, 0),
            Capability.ForTarget(CapType.Ipc, 1u << 20, TargetKind.Container, 1),             // an unknown right
            Capability.ForTarget(CapType.Ipc, R.Ipc.Send, TargetKind.None, 1),                 // no target
            Capability.ForRange(CapType.PhysicalMemory, R.Memory.Read, 5, 5),                  // empty
            Capability.ForRange(CapType.IrqControl, R.IrqControl.Register, 6, 5),
            Capability.ForVirtual(R.Memory.Read, 1, 2, TargetKind.Thread, 101),                // virtual names spaces
            Capability.ForPool(PoolKind.None, 3),
            Capability.ForTarget(CapType.Mutex, R.Mutex.Lock, TargetKind.Space, 1),            // mutex: a container
            Capability.ForTarget(CapType.CapabilityControl, R.CapabilityControl.Read, TargetKind.Thread, 101),
            Capability.ForPool(PoolKind.Threads, 1, R.Ipc.Send),                               // quantities have no type rights
        };
        Capability used = Capability.ForPool(PoolKind.Threads, 3);
        used.Used = 1;
        foreach (Capability c in bad)
        {
            Assert.Equal(CapStatus.EINVAL, T.Create(SpaceA, c, out uint id));
            Assert.Equal(0u, id);
        }
        Assert.Equal(CapStatus.EINVAL, T.Create(SpaceA, used, out _));
        Capability good = Capability.ForTarget(CapType.Ipc, R.Ipc.Send, TargetKind.Thread, 5);
        Assert.Equal(CapStatus.EINVAL, T.Create(CapOwner.Space(0), good, out _));
        Assert.Equal(CapStatus.EINVAL, T.Create(CapOwner.Space(9), good, out _));
        Assert.Equal(CapStatus.EINVAL, T.Create(CapOwner.Container(5), good, out _));
        Assert.Equal(CapStatus.EINVAL, T.Create(CapOwner.Container(0), good, out _));
        Assert.Equal(0, T.Count);
        Assert.Equal(CapStatus.Ok, T.Create(CapOwner.Space(8), good, out _));
        Assert.Equal(CapStatus.Ok, T.Create(CapOwner.Container(4), good, out _));
    }

    [Fact]
    public void Create_WhenTheTableIsFull_IsENOMEM()
    {
        for (int i = 0; i < T.Capacity; i++)
        {
            Ipc(SpaceA);
        }
        Assert.Equal(CapStatus.ENOMEM, T.Create(SpaceA, Capability.ForTarget(CapType.Ipc, 1, TargetKind.Thread, 1), out uint id));
        Assert.Equal(0u, id);
        Assert.Equal(T.Capacity, T.Count);
    }

    [Fact]
    public void Constructor_RefusesTooLittleMemoryOrABadCapacity()
    {
        byte* memory = (byte*)NativeMemory.AllocZeroed(CapabilityTable.BytesFor(4, 1, 1));
        try
        {
            Assert.Throws<ArgumentException>(() => new CapabilityTable(memory, CapabilityTable.BytesFor(4, 1, 1) - 1, 4, 1, 1));
            Assert.Throws<ArgumentException>(() => new CapabilityTable(memory, CapabilityTable.BytesFor(4, 1, 1), 0, 1, 1));
            Assert.Throws<ArgumentException>(() => new CapabilityTable(memory, uint.MaxValue, 0x10000, 1, 1));
            Assert.Equal(4, new CapabilityTable(memory, CapabilityTable.BytesFor(4, 1, 1), 4, 1, 1).Capacity);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    // ---- listing by owner and type ----

    [Fact]
    public void First_AndNext_ListExactlyAnOwnersCapsOfOneType()
    {
        uint i1 = Ipc(SpaceA), i2 = Ipc(SpaceA), i3 = Ipc(SpaceA);
        uint other = Ipc(SpaceB);
        uint pool = Pool(SpaceA, PoolKind.Caps, 2);
        uint shared = Ipc(Box);
        Assert.Equal(new[] { i1, i2, i3 }, Sorted(List(SpaceA, CapType.Ipc)));
        Assert.Equal(new[] { other }, List(SpaceB, CapType.Ipc));
        Assert.Equal(new[] { pool }, List(SpaceA, CapType.Quantity));
        Assert.Equal(new[] { shared }, List(Box, CapType.Ipc));
        Assert.Empty(List(SpaceA, CapType.ThreadControl));
        Assert.Empty(List(CapOwner.Space(99), CapType.Ipc));
        Assert.Equal(4, T.CountOwnedBy(SpaceA));
        Assert.Equal(0, T.CountOwnedBy(SpaceD));

        Assert.Equal(CapStatus.Ok, T.Destroy(i2)); // from the middle of the list
        Assert.Equal(new[] { i1, i3 }, Sorted(List(SpaceA, CapType.Ipc)));
        Assert.Equal(CapStatus.Ok, T.Grant(i3, SpaceB)); // the head
        Assert.Equal(new[] { i1 }, List(SpaceA, CapType.Ipc));
        Assert.Equal(Sorted(new[] { other, i3 }), Sorted(List(SpaceB, CapType.Ipc)));
        Assert.Equal(CapStatus.Ok, T.Destroy(i1));
        Assert.Empty(List(SpaceA, CapType.Ipc));
    }

    private uint[] List(CapOwner owner, CapType type)
    {
        var ids = new System.Collections.Generic.List<uint>();
        for (Capability* c = T.First(owner, type); c != null; c = T.Next(c))
        {
            Assert.Equal(type, c->Type);
            ids.Add(c->Id);
        }
        return ids.ToArray();
    }

    private static uint[] Sorted(uint[] ids)
    {
        Array.Sort(ids);
        return ids;
    }

    // ---- replicate ----

    [Fact]
    public void Replicate_MakesAnEqualChildForTheSameOwner_ChargedToACapsPool()
    {
        uint pool = Pool(SpaceA, PoolKind.Caps, 3);
        uint src = Ipc(SpaceA);
        T.Grant(src, SpaceB); // the copy goes to the source's owner, whoever pays
        Assert.Equal(CapStatus.Ok, T.Replicate(src, A, out uint copy));
        Capability* c = C(copy);
        Assert.True(T.ParentOf(c) == C(src));
        Assert.Equal(C(src)->Rights, c->Rights);
        Assert.Equal(C(src)->Target, c->Target);
        Assert.Equal(C(src)->TargetKind, c->TargetKind);
        Assert.Equal(SpaceB.Id, T.OwnerOf(c).Id);
        Assert.Equal(pool, c->Charge);
        Assert.Equal(1u, C(pool)->Used);
        Assert.Equal(1, T.CountDescendants(src));
    }

    [Fact]
    public void Replicate_RefusesQuantitiesAndCapsNotReplicable()
    {
        uint pool = Pool(SpaceA, PoolKind.Caps, 3);
        uint single = Ipc(SpaceA, R.Changeable | R.Transferable);
        Assert.Equal(CapStatus.EPERM, T.Replicate(pool, A, out uint id));
        Assert.Equal(0u, id);
        Assert.Equal(CapStatus.EPERM, T.Replicate(single, A, out _));
        Assert.Equal(0u, C(pool)->Used);
        Assert.Equal(2, T.Count);
    }

    [Fact]
    public void Replicate_WithoutACapsPool_IsENOCAP_AndWithItUsedUp_IsENOMEM()
    {
        uint src = Ipc(SpaceA);
        Pool(SpaceA, PoolKind.Threads, 5); // a pool, but not of caps
        Assert.Equal(CapStatus.ENOCAP, T.Replicate(src, A, out _));
        uint pool = Pool(Box, PoolKind.Caps, 1);
        Assert.Equal(CapStatus.Ok, T.Replicate(src, A, out _));    // the container's pool pays
        Assert.Equal(CapStatus.ENOMEM, T.Replicate(src, A, out _));
        Assert.Equal(CapStatus.ENOCAP, T.Replicate(src, D, out _)); // D's container has none
        Assert.Equal(1u, C(pool)->Used);
        Assert.Equal(4, T.Count);
    }

    [Fact]
    public void Replicate_WhenTheTableIsFull_IsENOMEM_AndReturnsTheCharge()
    {
        uint pool = Pool(SpaceA, PoolKind.Caps, 100);
        uint src = Ipc(SpaceA);
        while (T.Count < T.Capacity)
        {
            Assert.Equal(CapStatus.Ok, T.Replicate(src, A, out _));
        }
        uint used = C(pool)->Used;
        Assert.Equal(CapStatus.ENOMEM, T.Replicate(src, A, out uint id));
        Assert.Equal(0u, id);
        Assert.Equal(used, C(pool)->Used);
    }

    // ---- deduce ----

    [Fact]
    public void Deduce_NarrowsRightsRangeAndTarget_InPlace()
    {
        uint phys = Make(SpaceA, Capability.ForRange(CapType.PhysicalMemory, R.Memory.All | R.Generic, 0x100, 0x200));
        Assert.Equal(CapStatus.Ok, T.Deduce(phys, Capability.ForRange(CapType.PhysicalMemory, R.Memory.Read | R.Changeable, 0x140, 0x180), default));
        Assert.Equal(R.Memory.Read | R.Changeable, C(phys)->Rights);
        Assert.Equal((0x140u, 0x180u), (C(phys)->Start, C(phys)->End));

        uint ipc = Ipc(SpaceA);
        Assert.Equal(CapStatus.Ok, T.Deduce(ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.All | R.Generic, TargetKind.Space, 2), B));
        Assert.Equal((TargetKind.Space, 2u), (C(ipc)->TargetKind, C(ipc)->Target));
        Assert.Equal(CapStatus.Ok, T.Deduce(ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.All | R.Generic, TargetKind.Thread, 102), B));
        Assert.Equal((TargetKind.Thread, 102u), (C(ipc)->TargetKind, C(ipc)->Target));

        uint virt = Make(SpaceA, Capability.ForVirtual(R.Memory.All | R.Generic, 0x10, 0x20, TargetKind.Container, 1));
        Assert.Equal(CapStatus.Ok, T.Deduce(virt, Capability.ForVirtual(R.Memory.Read | R.Generic, 0x10, 0x11, TargetKind.Space, 1), A));
        Assert.Equal((TargetKind.Space, 1u, 0x10u, 0x11u), (C(virt)->TargetKind, C(virt)->Target, C(virt)->Start, C(virt)->End));
    }

    [Fact]
    public void Deduce_ThatWouldWiden_IsEINVAL_AndChangesNothing()
    {
        uint ipc = Make(SpaceA, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Generic, TargetKind.Space, 1));
        uint phys = Make(SpaceA, Capability.ForRange(CapType.PhysicalMemory, R.Memory.Read | R.Generic, 0x100, 0x200));
        uint pool = Pool(SpaceA, PoolKind.Threads, 5);
        T.Consume(A, PoolKind.Threads, 2, out _);
        var refused = new (uint Id, Capability N, Subject T)[]
        {
            (ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Ipc.Short | R.Generic, TargetKind.Space, 1), A), // a right more
            (ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Generic, TargetKind.Container, 1), A),          // a wider target
            (ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Generic, TargetKind.Space, 2), B),              // another space
            (ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Generic, TargetKind.Thread, 102), B),           // a thread outside
            (ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Generic, TargetKind.None, 0), A),
            (ipc, Capability.ForTarget(CapType.ThreadControl, R.Generic, TargetKind.Space, 1), A),                 // another type
            (phys, Capability.ForRange(CapType.PhysicalMemory, R.Memory.Read | R.Generic, 0xFF, 0x200), A),
            (phys, Capability.ForRange(CapType.PhysicalMemory, R.Memory.Read | R.Generic, 0x100, 0x201), A),
            (phys, Capability.ForRange(CapType.PhysicalMemory, R.Memory.Read | R.Generic, 0x150, 0x150), A),
            (pool, Capability.ForPool(PoolKind.Threads, 6, R.Generic), A),                                         // bigger
            (pool, Capability.ForPool(PoolKind.Threads, 1, R.Generic), A),                                         // below what is used
            (pool, Capability.ForPool(PoolKind.Spaces, 3, R.Generic), A),                                          // another pool
        };
        foreach ((uint id, Capability n, Subject t) in refused)
        {
            byte[] before = _memory.Snapshot();
            Assert.Equal(CapStatus.EINVAL, T.Deduce(id, n, t));
            Assert.Equal(before, _memory.Snapshot());
        }
        Assert.Equal(CapStatus.Ok, T.Deduce(pool, Capability.ForPool(PoolKind.Threads, 2, R.Generic), A)); // down to what is used
    }

    [Fact]
    public void Deduce_OfACapNotChangeable_IsEPERM()
    {
        uint ipc = Ipc(SpaceA, R.Transferable | R.Replicable);
        Assert.Equal(CapStatus.EPERM, T.Deduce(ipc, Capability.ForTarget(CapType.Ipc, R.Ipc.Send, TargetKind.Container, 1), A));
        Assert.Equal(R.Ipc.All | R.Transferable | R.Replicable, C(ipc)->Rights);
    }

    [Fact]
    public void Deduce_OfASplitQuantity_GivesTheDifferenceBackToItsParent()
    {
        Pool(SpaceA, PoolKind.Caps, 5);
        uint threads = Pool(SpaceA, PoolKind.Threads, 10);
        Assert.Equal(CapStatus.Ok, T.Split(threads, 0, 6, A, out uint part));
        Assert.Equal(CapStatus.Ok, T.Deduce(part, Capability.ForPool(PoolKind.Threads, 2, R.Generic), A));
        Assert.Equal(2u, C(part)->Size);
        Assert.Equal(8u, C(threads)->Size);
    }

    // ---- split ----

    [Fact]
    public void Split_OfRights_MovesThemToANewChild()
    {
        Pool(SpaceA, PoolKind.Caps, 5);
        uint src = Ipc(SpaceA);
        Assert.Equal(CapStatus.Ok, T.Split(src, R.Ipc.Receive | R.Ipc.Extended, 0, A, out uint part));
        Assert.Equal(R.Ipc.Send | R.Ipc.Short | R.Ipc.Full | R.Generic, C(src)->Rights);
        Assert.Equal(R.Ipc.Receive | R.Ipc.Extended | R.Generic, C(part)->Rights);
        Assert.True(T.ParentOf(C(part)) == C(src));
        Assert.Equal(C(src)->Target, C(part)->Target);
    }

    [Fact]
    public void Split_OfAQuantity_TakesUnusedQuantityIntoANewChild()
    {
        Pool(SpaceA, PoolKind.Caps, 5);
        uint threads = Pool(SpaceA, PoolKind.Threads, 10);
        T.Consume(A, PoolKind.Threads, 3, out _);
        Assert.Equal(CapStatus.Ok, T.Split(threads, 0, 7, A, out uint part));
        Assert.Equal((3u, 3u), (C(threads)->Size, C(threads)->Used));
        Assert.Equal((7u, 0u), (C(part)->Size, C(part)->Used));
        Assert.Equal(PoolKind.Threads, C(part)->Pool);
    }

    [Fact]
    public void Split_ThatIsNotAProperPart_IsEINVAL_AndChangesNothing()
    {
        Pool(SpaceA, PoolKind.Caps, 5);
        uint src = Make(SpaceA, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Ipc.Short | R.Generic, TargetKind.Container, 1));
        uint threads = Pool(SpaceA, PoolKind.Threads, 4);
        T.Consume(A, PoolKind.Threads, 1, out _);
        var refused = new (uint Id, uint Rights, uint Amount)[]
        {
            (src, 0, 0),
            (src, R.Ipc.Send | R.Ipc.Short, 0),  // all of them
            (src, R.Ipc.Full, 0),                // not its own
            (src, R.Ipc.Send | R.Ipc.Full, 0),
            (src, R.Ipc.Send | R.Replicable, 0), // generic bits are not split
            (threads, 0, 0),
            (threads, 0, 4),                     // one is used
        };
        foreach ((uint id, uint rights, uint amount) in refused)
        {
            byte[] before = _memory.Snapshot();
            Assert.Equal(CapStatus.EINVAL, T.Split(id, rights, amount, A, out uint part));
            Assert.Equal(0u, part);
            Assert.Equal(before, _memory.Snapshot());
        }
    }

    [Fact]
    public void Split_OfACapNotChangeable_IsEPERM()
    {
        Pool(SpaceA, PoolKind.Caps, 5);
        uint src = Ipc(SpaceA, R.Transferable | R.Replicable);
        uint threads = Pool(SpaceA, PoolKind.Threads, 4, R.Transferable);
        Assert.Equal(CapStatus.EPERM, T.Split(src, R.Ipc.Send, 0, A, out _));
        Assert.Equal(CapStatus.EPERM, T.Split(threads, 0, 1, A, out _));
    }

    [Fact]
    public void Split_WithoutACapsPoolOrWithItUsedUp_IsRefused_AndChangesNothing()
    {
        uint src = Ipc(SpaceA);
        byte[] before = _memory.Snapshot();
        Assert.Equal(CapStatus.ENOCAP, T.Split(src, R.Ipc.Send, 0, A, out _));
        Assert.Equal(before, _memory.Snapshot());
        uint pool = Pool(SpaceA, PoolKind.Caps, 1);
        T.Consume(A, PoolKind.Caps, 1, out _);
        before = _memory.Snapshot();
        Assert.Equal(CapStatus.ENOMEM, T.Split(src, R.Ipc.Send, 0, A, out _));
        Assert.Equal(before, _memory.Snapshot());
        Assert.Equal(1u, C(pool)->Used);
    }

    /// <summary>
    /// A Caps pool that pays for its own split: the new cap's unit and the part both come out of its
    /// unused quantity, so splitting off all of it must be refused rather than leave Used above Size.
    /// </summary>
    [Fact]
    public void Split_OfACapsPoolThatPaysForItself_NeverLeavesUsedAboveSize()
    {
        uint pool = Pool(SpaceA, PoolKind.Caps, 4);
        byte[] before = _memory.Snapshot();
        Assert.Equal(CapStatus.ENOMEM, T.Split(pool, 0, 4, A, out uint part));
        Assert.Equal(0u, part);
        Assert.Equal(before, _memory.Snapshot());
        Assert.Equal(1, T.Count);

        Assert.Equal(CapStatus.Ok, T.Split(pool, 0, 3, A, out part));
        Assert.Equal((1u, 1u), (C(pool)->Size, C(pool)->Used));
        Assert.Equal(pool, C(part)->Charge);
        Assert.True(C(part)->Used <= C(part)->Size);
        Assert.Equal(3u, T.Available(A, PoolKind.Caps));
        Assert.Equal(CapStatus.Ok, T.Destroy(part));
        Assert.Equal((4u, 0u), (C(pool)->Size, C(pool)->Used));
    }

    // ---- grant and share ----

    [Fact]
    public void Grant_MovesACapToAnotherOwner_KeepingItsDerivation()
    {
        Pool(SpaceA, PoolKind.Caps, 5);
        uint src = Ipc(SpaceA);
        T.Replicate(src, A, out uint copy);
        Assert.Equal(CapStatus.Ok, T.Grant(copy, SpaceD));
        Assert.Equal(SpaceD.Id, T.OwnerOf(C(copy)).Id);
        Assert.True(T.ParentOf(C(copy)) == C(src));
        Assert.Equal(CapStatus.Ok, T.Grant(copy, Other));
        Assert.True(T.OwnerOf(C(copy)).IsContainer);
        Assert.Equal(0, T.CountOwnedBy(SpaceD));
    }

    [Fact]
    public void Grant_OfACapNotTransferable_IsEPERM_AndToNoOwner_IsEINVAL()
    {
        uint fixedCap = Ipc(SpaceA, R.Changeable | R.Replicable);
        uint cap = Ipc(SpaceA);
        Assert.Equal(CapStatus.EPERM, T.Grant(fixedCap, SpaceB));
        Assert.Equal(CapStatus.EINVAL, T.Grant(cap, CapOwner.Space(0)));
        Assert.Equal(CapStatus.EINVAL, T.Grant(cap, CapOwner.Container(5)));
        Assert.Equal(2, T.CountOwnedBy(SpaceA));
    }

    [Fact]
    public void Share_GivesASpacesCapToItsContainer_AndRefusesAContainersCap()
    {
        uint cap = Ipc(SpaceA);
        uint fixedCap = Ipc(SpaceA, R.Changeable);
        Assert.Equal(CapStatus.EPERM, T.Share(fixedCap, 1));
        Assert.Equal(CapStatus.Ok, T.Share(cap, 1));
        Assert.True(T.OwnerOf(C(cap)).IsContainer);
        Assert.Equal(1, T.OwnerOf(C(cap)).Id);
        Assert.Equal(CapStatus.EINVAL, T.Share(cap, 1));
        Assert.Equal(CapStatus.EINVAL, T.Share(Ipc(SpaceA), 9)); // no such container
    }

    // ---- destroy ----

    [Fact]
    public void Destroy_MovesChildrenUpToTheParent_SoTheSourceCanStillRevokeThem()
    {
        Pool(SpaceA, PoolKind.Caps, 10);
        uint root = Ipc(SpaceA);
        T.Replicate(root, A, out uint mid);
        T.Replicate(mid, A, out uint leaf1);
        T.Replicate(mid, A, out uint leaf2);
        Assert.Equal(CapStatus.Ok, T.Destroy(mid));
        Assert.True(T.ParentOf(C(leaf1)) == C(root));
        Assert.True(T.ParentOf(C(leaf2)) == C(root));
        Assert.Equal(2, T.CountDescendants(root));
        int budget = 10;
        Assert.Equal(CapStatus.Ok, T.Revoke(root, ref budget));
        Assert.True(T.Get(leaf1) == null && T.Get(leaf2) == null);
    }

    [Fact]
    public void Destroy_OfABootCap_LeavesItsChildrenAsRoots()
    {
        Pool(SpaceA, PoolKind.Caps, 10);
        uint root = Ipc(SpaceA);
        T.Replicate(root, A, out uint child);
        T.Replicate(child, A, out uint grandchild);
        Assert.Equal(CapStatus.Ok, T.Destroy(root));
        Assert.True(T.ParentOf(C(child)) == null);
        Assert.True(T.ParentOf(C(grandchild)) == C(child));
        Assert.Equal(1, T.CountDescendants(child));
    }

    [Fact]
    public void Destroy_ReturnsTheDerivedCapsChargeAndAQuantitysUnusedPart()
    {
        uint caps = Pool(SpaceA, PoolKind.Caps, 10);
        uint threads = Pool(SpaceA, PoolKind.Threads, 10);
        T.Split(threads, 0, 4, A, out uint part);
        Assert.Equal(1u, C(caps)->Used);
        Assert.Equal(CapStatus.Ok, T.Destroy(part));
        Assert.Equal(0u, C(caps)->Used);
        Assert.Equal(10u, C(threads)->Size);
        Assert.Equal(0, T.Zombies);
    }

    [Fact]
    public void Destroy_OfABootQuantityWithObjectsCharged_IsEBUSY()
    {
        uint threads = Pool(SpaceA, PoolKind.Threads, 10);
        T.Consume(A, PoolKind.Threads, 1, out uint charge);
        Assert.Equal(CapStatus.EBUSY, T.Destroy(threads));
        Assert.True(T.Get(threads) != null);
        T.Return(charge, 1);
        Assert.Equal(CapStatus.Ok, T.Destroy(threads));
    }

    // ---- revoke ----

    [Fact]
    public void Revoke_WithASmallBudget_IsPreempted_ThenFinishes()
    {
        Pool(SpaceA, PoolKind.Caps, 20);
        uint root = Ipc(SpaceA);
        uint node = root;
        var made = new System.Collections.Generic.List<uint>();
        for (int i = 0; i < 7; i++) // a chain and a bush: 7 caps below root
        {
            Assert.Equal(CapStatus.Ok, T.Replicate(i % 2 == 0 ? node : root, A, out uint id));
            made.Add(id);
            node = id;
        }
        Assert.Equal(7, T.CountDescendants(root));
        int budget = 3;
        Assert.Equal(CapStatus.Preempted, T.Revoke(root, ref budget));
        Assert.Equal(0, budget);
        Assert.Equal(4, T.CountDescendants(root));
        budget = 0;
        Assert.Equal(CapStatus.Preempted, T.Revoke(root, ref budget));
        Assert.Equal(4, T.CountDescendants(root));
        budget = 4;
        Assert.Equal(CapStatus.Ok, T.Revoke(root, ref budget));
        Assert.Equal(0, budget);
        Assert.Equal(0, T.CountDescendants(root));
        Assert.All(made, id => Assert.True(T.Get(id) == null));
        Assert.Equal(2, T.Count); // the pool and the root
        budget = 0;
        Assert.Equal(CapStatus.Ok, T.Revoke(root, ref budget)); // nothing left: done even with no budget
    }

    [Fact]
    public void Revoke_RemovesDescendantsGrantedToOtherOwners()
    {
        Pool(Box, PoolKind.Caps, 20);
        Pool(Other, PoolKind.Caps, 20);
        uint root = Ipc(SpaceA);
        T.Replicate(root, A, out uint c1);
        T.Grant(c1, SpaceB);
        T.Replicate(c1, B, out uint c2);
        T.Grant(c2, Other);
        T.Replicate(c2, D, out uint c3);
        T.Grant(c3, SpaceD);
        T.Split(c3, R.Ipc.Receive, 0, D, out uint c4);
        Assert.Equal(4, T.CountDescendants(root));
        int budget = 100;
        Assert.Equal(CapStatus.Ok, T.Revoke(root, ref budget));
        Assert.Equal(96, budget);
        foreach (uint id in new[] { c1, c2, c3, c4 })
        {
            Assert.True(T.Get(id) == null);
        }
        Assert.Equal(0, T.CountOwnedBy(SpaceB) + T.CountOwnedBy(SpaceD));
        Assert.Equal(1, T.CountOwnedBy(Other)); // its pool
        Assert.Equal(0u, C(T.First(Box, CapType.Quantity)->Id)->Used);
        Assert.Equal(0u, T.First(Other, CapType.Quantity)->Used);
    }

    [Fact]
    public void Revoke_OfAQuantity_BringsBackAllItsDescendantsTook_UsedOrNot()
    {
        Pool(Box, PoolKind.Caps, 20);
        uint threads = Pool(SpaceA, PoolKind.Threads, 12);
        T.Split(threads, 0, 8, A, out uint part);
        T.Grant(part, SpaceB);
        T.Split(part, 0, 3, B, out uint sub);
        T.Grant(sub, SpaceD);
        Assert.Equal(CapStatus.Ok, T.Consume(D, PoolKind.Threads, 2, out uint charge)); // charged to sub
        Assert.Equal(sub, charge);
        int budget = 10;
        Assert.Equal(CapStatus.Ok, T.Revoke(threads, ref budget));
        Assert.Equal((12u, 2u), (C(threads)->Size, C(threads)->Used));
        Assert.Equal(2, T.Zombies); // sub still forwards D's two threads, through part
        T.Return(charge, 2);
        Assert.Equal(0u, C(threads)->Used);
        Assert.Equal(0, T.Zombies);
    }

    // ---- quotas ----

    [Fact]
    public void Consume_ChargesTheSpacesPoolFirst_ThenTheContainers()
    {
        uint own = Pool(SpaceA, PoolKind.Threads, 1);
        uint shared = Pool(Box, PoolKind.Threads, 2);
        Assert.Equal(3u, T.Available(A, PoolKind.Threads));
        Assert.Equal(2u, T.Available(B, PoolKind.Threads));
        Assert.Equal(CapStatus.Ok, T.Consume(A, PoolKind.Threads, 1, out uint c1));
        Assert.Equal(own, c1);
        Assert.Equal(CapStatus.Ok, T.Consume(A, PoolKind.Threads, 1, out uint c2));
        Assert.Equal(shared, c2);
        Assert.Equal(CapStatus.ENOMEM, T.Consume(A, PoolKind.Threads, 2, out uint c3));
        Assert.Equal(0u, c3);
        Assert.Equal(CapStatus.Ok, T.Consume(B, PoolKind.Threads, 1, out _));
        Assert.Equal(CapStatus.ENOMEM, T.Consume(B, PoolKind.Threads, 1, out _));
        Assert.Equal(CapStatus.ENOCAP, T.Consume(D, PoolKind.Threads, 1, out _));
        Assert.Equal(CapStatus.ENOCAP, T.Consume(A, PoolKind.MapPages, 1, out _));
        Assert.Equal(0u, T.Available(A, PoolKind.Threads));
        T.Return(c1, 1);
        T.Return(c2, 1);
        Assert.Equal(0u, C(own)->Used);
        Assert.Equal(1u, C(shared)->Used);
        Assert.Equal(2u, T.Available(A, PoolKind.Threads));
    }

    [Fact]
    public void Return_OfABadOrStaleCharge_ChangesNothing()
    {
        uint pool = Pool(SpaceA, PoolKind.Threads, 2);
        T.Consume(A, PoolKind.Threads, 1, out _);
        byte[] before = _memory.Snapshot();
        T.Return(0, 1);
        T.Return(pool + 0x20000, 1);
        T.Return(pool + 1, 1);
        T.Return(0xFFFF, 1);
        Assert.Equal(before, _memory.Snapshot());
    }

    [Fact]
    public void Return_AfterTheChargedCapWasDestroyed_GoesThroughAZombieToItsParent()
    {
        Pool(Box, PoolKind.Caps, 5);
        uint threads = Pool(SpaceA, PoolKind.Threads, 10);
        T.Split(threads, 0, 4, A, out uint part);
        T.Consume(A, PoolKind.Threads, 3, out uint charge);
        Assert.Equal(part, charge); // the space's newest pool
        Assert.Equal(CapStatus.Ok, T.Destroy(part));
        Assert.True(T.Get(part) == null);
        Assert.Equal(1, T.Zombies);
        Assert.Equal((10u, 3u), (C(threads)->Size, C(threads)->Used));
        int count = T.Count;
        T.Return(charge, 1);
        Assert.Equal(2u, C(threads)->Used);
        Assert.Equal(1, T.Zombies);
        T.Return(charge, 2); // the last unit: the zombie is freed
        Assert.Equal(0u, C(threads)->Used);
        Assert.Equal(0, T.Zombies);
        T.Return(charge, 1); // and a late return finds nothing
        Assert.Equal(0u, C(threads)->Used);
        Assert.Equal(count, T.Count);
        // The slot is free again: filling the table uses every slot.
        while (T.Count < T.Capacity)
        {
            Ipc(SpaceA);
        }
        Assert.Equal(CapStatus.ENOMEM, T.Create(SpaceA, Capability.ForTarget(CapType.Ipc, 1, TargetKind.Thread, 1), out _));
    }

    [Fact]
    public void Return_ThroughAChainOfZombies_ReachesTheLiveAncestor()
    {
        Pool(Box, PoolKind.Caps, 5);
        uint top = Pool(SpaceA, PoolKind.MapPages, 9);
        T.Split(top, 0, 6, A, out uint mid);
        T.Split(mid, 0, 3, A, out uint low);
        T.Consume(A, PoolKind.MapPages, 2, out uint charge);
        Assert.Equal(low, charge);
        Assert.Equal(CapStatus.Ok, T.Destroy(low)); // low -> mid
        Assert.Equal(CapStatus.Ok, T.Destroy(mid)); // mid (now with low's two used) -> top
        Assert.Equal(2, T.Zombies);
        Assert.Equal((9u, 2u), (C(top)->Size, C(top)->Used));
        T.Return(charge, 2);
        Assert.Equal(0u, C(top)->Used);
        Assert.Equal(0, T.Zombies);
    }

    [Fact]
    public void Return_AfterTheChargedCapWasRevokedFromAbove_ReachesTheRevoker()
    {
        Pool(Box, PoolKind.Caps, 5);
        uint top = Pool(SpaceA, PoolKind.Spaces, 4);
        T.Split(top, 0, 2, A, out uint part);
        T.Grant(part, SpaceB);
        T.Consume(B, PoolKind.Spaces, 1, out uint charge);
        int budget = 1;
        Assert.Equal(CapStatus.Ok, T.Revoke(top, ref budget));
        Assert.Equal((4u, 1u), (C(top)->Size, C(top)->Used));
        Assert.Equal(CapStatus.ENOCAP, T.Consume(B, PoolKind.Spaces, 1, out _));
        T.Return(charge, 1);
        Assert.Equal(0u, C(top)->Used);
        Assert.Equal(0, T.Zombies);
    }

    [Fact]
    public void Holds_IsTrueForTheCallersSpaceAndContainerOnly()
    {
        uint mine = Ipc(SpaceA), ours = Ipc(Box), theirs = Ipc(SpaceB), others = Ipc(Other);
        Assert.True(Authority.Holds(T, A, C(mine)));
        Assert.True(Authority.Holds(T, A, C(ours)));
        Assert.False(Authority.Holds(T, A, C(theirs)));
        Assert.False(Authority.Holds(T, A, C(others)));
        Assert.True(Authority.Holds(T, B, C(ours)));
        Assert.False(Authority.Holds(T, D, C(ours)));
    }

    // ---- no allocation ----

    [Fact]
    public void Operations_AllocateNothing()
    {
        uint pool = Pool(Box, PoolKind.Caps, 1000);
        uint threads = Pool(SpaceA, PoolKind.Threads, 100);
        uint ipc = Ipc(SpaceA);
        Make(SpaceA, Capability.ForRange(CapType.PhysicalMemory, R.Memory.All | R.Generic, 0x100, 0x200));
        Make(SpaceA, Capability.ForVirtual(R.Memory.All | R.Generic, 0x10, 0x20, TargetKind.Space, 1));
        Round(ipc, threads); // warm every path once
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++)
            {
                Round(ipc, threads);
            }
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (bytes == 0)
            {
                Assert.Equal(0u, C(pool)->Used);
                return;
            }
        }
        Assert.Fail("every measured loop of cap operations allocated");
    }

    private void Round(uint ipc, uint threads)
    {
        T.Replicate(ipc, A, out uint copy);
        T.Deduce(copy, Capability.ForTarget(CapType.Ipc, R.Ipc.Send | R.Ipc.Short | R.Generic, TargetKind.Thread, 102), B);
        T.Split(copy, R.Ipc.Send, 0, A, out uint part);
        T.Grant(part, SpaceB);
        T.Share(part, 1);
        T.Split(threads, 0, 5, A, out uint sub);
        T.Consume(A, PoolKind.Threads, 2, out uint charge);
        T.Destroy(sub);
        T.Return(charge, 2);
        T.Destroy(copy);
        int budget = 1;
        T.Revoke(ipc, ref budget);
        T.Revoke(ipc, ref budget);
        budget = 10;
        T.Revoke(ipc, ref budget);
        T.Destroy(copy); // refused: stale
        Authority.Ipc(T, A, B, R.Ipc.Short);
        Authority.ThreadControl(T, A, B, R.ThreadControl.Run);
        Authority.ExchangeRegisters(T, A, B, R.ExchangeRegisters.Read);
        Authority.Map(T, A, A, 0x100, 0x10, 4, R.Memory.Read);
        Authority.Unmap(T, A, A, 0x10, 4);
        Authority.CacheControl(T, A, 0x10, 4);
        Authority.Irq(T, A, 40, R.IrqControl.Register);
        Authority.Mutex(T, A, R.Mutex.Lock);
        Authority.CapabilityControl(T, A, R.CapabilityControl.Read);
        T.Available(A, PoolKind.Threads);
        T.CountOwnedBy(SpaceA);
        T.CountDescendants(ipc);
    }
}

/// <summary>A capability table in a native block, freed on dispose; snapshots of its bytes tell whether anything changed.</summary>
internal sealed unsafe class TableMemory : IDisposable
{
    private readonly byte* _memory;
    private readonly uint _bytes;

    public TableMemory(int capacity, int maxContainers, int maxSpaces)
    {
        _bytes = CapabilityTable.BytesFor(capacity, maxContainers, maxSpaces);
        _memory = (byte*)NativeMemory.AllocZeroed(_bytes);
        Table = new CapabilityTable(_memory, _bytes, capacity, maxContainers, maxSpaces);
    }

    public CapabilityTable Table { get; }

    /// <summary>Slot i (1 to capacity) as it lies in memory, live, zombie or free.</summary>
    public Capability* Slot(int i) => (Capability*)_memory + i;

    /// <summary>Every byte of the table's memory, with the counts kept outside it.</summary>
    public byte[] Snapshot()
    {
        byte[] bytes = new byte[_bytes + 8];
        new ReadOnlySpan<byte>(_memory, (int)_bytes).CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan((int)_bytes), Table.Count);
        BitConverter.TryWriteBytes(bytes.AsSpan((int)_bytes + 4), Table.Zombies);
        return bytes;
    }

    public void Dispose() => NativeMemory.Free(_memory);
}

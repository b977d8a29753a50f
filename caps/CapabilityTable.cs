// The capability store: a fixed pool of caps in caller-given memory, indexed by owner and type, with ids.
using System;
using System.Diagnostics;

namespace Codezero.Caps;

/// <summary>
/// Every cap lives in one slot of a fixed array laid out in memory the caller provides (the kernel
/// region of board RAM, or a test's native block): nothing is allocated after construction. A cap is
/// found by id in O(1) (slot plus a generation that is odd while live, so stale and forged ids are
/// refused), and by owner and type through an intrusive list per (owner, type): a syscall's check walks
/// only the few caps of the one type it needs that its space and its container hold. Caps are linked
/// into a derivation tree (parent, first child, siblings) threaded through the slots, which revoke
/// walks. Operations are in CapabilityTable.Operations.cs, quotas in CapabilityTable.Quota.cs.
/// </summary>
public sealed unsafe partial class CapabilityTable
{
    private const int TypeCount = 10;
    private const byte Free = 0, Live = 1, Zombie = 2;

    private readonly Capability* _caps;
    private readonly int* _heads;
    private readonly int _capacity;
    private readonly int _maxContainers;
    private readonly int _maxSpaces;
    private int _freeHead;

    /// <summary>Bytes of memory a table of <paramref name="capacity"/> caps for these owners needs.</summary>
    public static uint BytesFor(int capacity, int maxContainers, int maxSpaces)
        => (uint)(sizeof(Capability) * (capacity + 1) + sizeof(int) * TypeCount * (maxContainers + maxSpaces + 1));

    /// <param name="memory">At least <see cref="BytesFor"/> bytes, owned by the caller for the table's life.</param>
    public CapabilityTable(byte* memory, uint bytes, int capacity, int maxContainers, int maxSpaces)
    {
        if (capacity < 1 || capacity > 0xFFFF || bytes < BytesFor(capacity, maxContainers, maxSpaces))
        {
            throw new ArgumentException("capacity must be 1-65535 and the memory at least BytesFor(...)");
        }
        new Span<byte>(memory, (int)BytesFor(capacity, maxContainers, maxSpaces)).Clear();
        _caps = (Capability*)memory;
        _heads = (int*)(memory + sizeof(Capability) * (capacity + 1));
        _capacity = capacity;
        _maxContainers = maxContainers;
        _maxSpaces = maxSpaces;
        for (int i = 1; i <= capacity; i++)
        {
            _caps[i].OwnerNext = i < capacity ? i + 1 : 0; // the free chain
        }
        _freeHead = 1;
    }

    public int Capacity => _capacity;

    /// <summary>Live caps.</summary>
    public int Count { get; private set; }

    /// <summary>Removed quantity caps still forwarding the return of charged objects.</summary>
    public int Zombies { get; private set; }

    /// <summary>The live cap an id names, or null (bad, stale or forged id).</summary>
    public Capability* Get(uint id)
    {
        int slot = (int)(id & 0xFFFF);
        if ((uint)(slot - 1) >= (uint)_capacity)
        {
            return null;
        }
        Capability* c = &_caps[slot];
        return c->State == Live && c->Id == id ? c : null;
    }

    /// <summary>Who holds a live cap.</summary>
    public CapOwner OwnerOf(Capability* c)
        => c->Owner <= _maxContainers ? CapOwner.Container(c->Owner) : CapOwner.Space(c->Owner - _maxContainers);

    /// <summary>The first cap of <paramref name="type"/> that <paramref name="owner"/> holds (null: none); <see cref="Next"/> walks on.</summary>
    public Capability* First(CapOwner owner, CapType type)
    {
        int index = OwnerIndex(owner);
        if (index < 0)
        {
            return null;
        }
        int slot = _heads[index * TypeCount + (int)type];
        return slot == 0 ? null : &_caps[slot];
    }

    /// <summary>The next cap of the same owner and type.</summary>
    public Capability* Next(Capability* c) => c->OwnerNext == 0 ? null : &_caps[c->OwnerNext];

    /// <summary>Caps <paramref name="owner"/> holds, of every type.</summary>
    public int CountOwnedBy(CapOwner owner)
    {
        int n = 0;
        for (int type = 1; type < TypeCount; type++)
        {
            for (Capability* c = First(owner, (CapType)type); c != null; c = Next(c))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>The cap's parent in the derivation tree (null for a cap made at boot or whose parent is gone).</summary>
    public Capability* ParentOf(Capability* c) => c->Parent == 0 ? null : &_caps[c->Parent];

    public Capability* FirstChildOf(Capability* c) => c->FirstChild == 0 ? null : &_caps[c->FirstChild];

    public Capability* NextSiblingOf(Capability* c) => c->NextSibling == 0 ? null : &_caps[c->NextSibling];

    /// <summary>
    /// Makes a cap with no parent for <paramref name="owner"/> (boot: what a manifest gives a container).
    /// The template must be well formed for its type (<see cref="WellFormed"/>).
    /// </summary>
    public int Create(CapOwner owner, in Capability template, out uint id)
    {
        id = 0;
        if (OwnerIndex(owner) < 0 || !WellFormed(template))
        {
            return CapStatus.EINVAL;
        }
        Capability* c = Allocate(owner, template);
        if (c == null)
        {
            return CapStatus.ENOMEM;
        }
        id = c->Id;
        return CapStatus.Ok;
    }

    /// <summary>True when a cap's fields make sense for its type: known rights, a non-empty range, a target, a pool.</summary>
    public static bool WellFormed(in Capability c)
    {
        uint typeRights = CapRights.AllFor(c.Type);
        if (c.Type == CapType.None || (uint)c.Type >= TypeCount || (c.Rights & ~(typeRights | CapRights.Generic)) != 0)
        {
            return false;
        }
        switch (c.Type)
        {
            case CapType.PhysicalMemory:
            case CapType.IrqControl:
                return c.Start < c.End;
            case CapType.VirtualMemory:
                return c.Start < c.End && c.TargetKind is TargetKind.Space or TargetKind.Container;
            case CapType.Quantity:
                return c.Pool != PoolKind.None && c.Used == 0;
            case CapType.Mutex:
            case CapType.CapabilityControl:
                return c.TargetKind == TargetKind.Container;
            default:
                return c.TargetKind != TargetKind.None;
        }
    }

    private int OwnerIndex(CapOwner owner)
    {
        if (owner.IsContainer)
        {
            return (uint)(owner.Id - 1) < (uint)_maxContainers ? owner.Id : -1;
        }
        return (uint)(owner.Id - 1) < (uint)_maxSpaces ? _maxContainers + owner.Id : -1;
    }

    private int SlotOf(Capability* c) => (int)(c - _caps);

    /// <summary>Takes a free slot, copies the template's resource and rights, and lists it under its owner.</summary>
    private Capability* Allocate(CapOwner owner, in Capability template)
    {
        int slot = _freeHead;
        if (slot == 0)
        {
            return null;
        }
        Capability* c = &_caps[slot];
        _freeHead = c->OwnerNext;
        uint generation = ((c->Id >> 16) + 1) & 0x7FFF;
        if ((generation & 1) == 0)
        {
            generation = (generation + 1) & 0x7FFF; // odd while live
        }
        *c = default;
        c->Id = (generation << 16) | (uint)slot;
        c->Type = template.Type;
        c->TargetKind = template.TargetKind;
        c->Pool = template.Pool;
        c->Rights = template.Rights;
        c->Target = template.Target;
        c->Start = template.Start;
        c->End = template.End;
        c->Size = template.Size;
        c->State = Live;
        LinkOwner(c, OwnerIndex(owner));
        Count++;
        return c;
    }

    /// <summary>Returns a slot to the free chain (its owner and tree links are already undone).</summary>
    private void Release(Capability* c)
    {
        uint generation = ((c->Id >> 16) + 1) & 0x7FFF; // even while free: the old id is stale now
        int slot = SlotOf(c);
        *c = default;
        c->Id = (generation << 16) | (uint)slot;
        c->State = Free;
        c->OwnerNext = _freeHead;
        _freeHead = slot;
    }

    private void LinkOwner(Capability* c, int ownerIndex)
    {
        int* head = &_heads[ownerIndex * TypeCount + (int)c->Type];
        int slot = SlotOf(c);
        c->Owner = ownerIndex;
        c->OwnerPrev = 0;
        c->OwnerNext = *head;
        if (*head != 0)
        {
            _caps[*head].OwnerPrev = slot;
        }
        *head = slot;
    }

    private void UnlinkOwner(Capability* c)
    {
        int* head = &_heads[c->Owner * TypeCount + (int)c->Type];
        if (c->OwnerPrev != 0)
        {
            _caps[c->OwnerPrev].OwnerNext = c->OwnerNext;
        }
        else
        {
            *head = c->OwnerNext;
        }
        if (c->OwnerNext != 0)
        {
            _caps[c->OwnerNext].OwnerPrev = c->OwnerPrev;
        }
        c->OwnerNext = c->OwnerPrev = 0;
    }

    private void LinkChild(Capability* parent, Capability* child)
    {
        int slot = SlotOf(child);
        child->Parent = SlotOf(parent);
        child->PrevSibling = 0;
        child->NextSibling = parent->FirstChild;
        if (parent->FirstChild != 0)
        {
            _caps[parent->FirstChild].PrevSibling = slot;
        }
        parent->FirstChild = slot;
    }

    private void UnlinkFromParent(Capability* c)
    {
        if (c->Parent == 0)
        {
            return;
        }
        Capability* parent = &_caps[c->Parent];
        if (c->PrevSibling != 0)
        {
            _caps[c->PrevSibling].NextSibling = c->NextSibling;
        }
        else
        {
            parent->FirstChild = c->NextSibling;
        }
        if (c->NextSibling != 0)
        {
            _caps[c->NextSibling].PrevSibling = c->PrevSibling;
        }
        c->Parent = c->NextSibling = c->PrevSibling = 0;
    }

    [Conditional("DEBUG")]
    private static void AssertLive(Capability* c) => Debug.Assert(c->State == Live, "a cap operation on a slot that is not live");
}

// The capability operations: replicate, deduce, split, grant, share, destroy, and revoke of derived caps.
namespace Codezero.Caps;

/// <summary>
/// Each operation checks everything first and changes nothing when it refuses (decode, then invoke).
/// Nothing ever widens: a replica is equal to its source, deduce and split only narrow, and the
/// quantity a split takes is what its source gives up. Replicated and split caps are children of their
/// source, wherever they are granted later, so revoking a cap removes everything derived from it.
/// Whether the caller may do the operation at all (a cap-control cap) is <see cref="Authority"/>'s.
/// </summary>
public sealed unsafe partial class CapabilityTable
{
    /// <summary>
    /// Copies cap <paramref name="id"/> for the same owner, as its child. The source must be replicable
    /// and not a quantity (quantities are split, never copied). The copy is charged to a Caps quantity of
    /// <paramref name="chargeTo"/> (its holder).
    /// </summary>
    public int Replicate(uint id, in Subject chargeTo, out uint newId)
    {
        newId = 0;
        Capability* source = Get(id);
        if (source == null)
        {
            return CapStatus.ESRCH;
        }
        if (source->Type == CapType.Quantity || (source->Rights & CapRights.Replicable) == 0)
        {
            return CapStatus.EPERM;
        }
        return Derive(source, *source, 0, chargeTo, out newId);
    }

    /// <summary>
    /// Narrows cap <paramref name="id"/> in place to <paramref name="narrower"/>: rights a subset of its
    /// own, a range inside its own, a target inside its own (<paramref name="newTarget"/> says which
    /// space and container the new target belongs to), a smaller quantity (not below what is used; the
    /// difference goes back to its parent pool). The cap must be changeable.
    /// </summary>
    public int Deduce(uint id, in Capability narrower, in Subject newTarget)
    {
        Capability* c = Get(id);
        if (c == null)
        {
            return CapStatus.ESRCH;
        }
        if ((c->Rights & CapRights.Changeable) == 0)
        {
            return CapStatus.EPERM;
        }
        if (!Narrows(c, narrower, newTarget))
        {
            return CapStatus.EINVAL;
        }
        if (c->Type == CapType.Quantity)
        {
            uint given = c->Size - narrower.Size;
            c->Size = narrower.Size;
            Capability* parent = ParentOf(c);
            if (parent != null && parent->Type == CapType.Quantity && parent->Pool == c->Pool)
            {
                parent->Size += given; // conserved
            }
        }
        c->Rights = narrower.Rights;
        if (c->Type is CapType.PhysicalMemory or CapType.VirtualMemory or CapType.IrqControl)
        {
            c->Start = narrower.Start;
            c->End = narrower.End;
        }
        if (c->Type is not (CapType.PhysicalMemory or CapType.IrqControl or CapType.Quantity))
        {
            c->TargetKind = narrower.TargetKind;
            c->Target = narrower.Target;
        }
        return CapStatus.Ok;
    }

    /// <summary>
    /// Splits cap <paramref name="id"/> in two: for a quantity, a new cap of <paramref name="amount"/> of
    /// its unused quantity (taken from it); otherwise a new cap with the type rights
    /// <paramref name="rights"/>, which the source loses. The new cap is the source's child, for the same
    /// owner, charged to a Caps quantity of <paramref name="chargeTo"/>. The source must be changeable.
    /// A Caps pool charged for its own split must have both the part and the new cap's unit unused, or
    /// the split is -ENOMEM.
    /// </summary>
    public int Split(uint id, uint rights, uint amount, in Subject chargeTo, out uint newId)
    {
        newId = 0;
        Capability* source = Get(id);
        if (source == null)
        {
            return CapStatus.ESRCH;
        }
        if ((source->Rights & CapRights.Changeable) == 0)
        {
            return CapStatus.EPERM;
        }
        Capability part = *source;
        if (source->Type == CapType.Quantity)
        {
            if (amount == 0 || amount > source->Size - source->Used)
            {
                return CapStatus.EINVAL;
            }
            part.Size = amount;
        }
        else
        {
            uint own = source->Rights & CapRights.TypeMask;
            if (rights == 0 || (rights & ~own) != 0 || rights == own)
            {
                return CapStatus.EINVAL; // a part must be a proper, non-empty subset
            }
            part.Rights = rights | (source->Rights & CapRights.Generic);
        }
        int status = Derive(source, part, source->Type == CapType.Quantity ? amount : 0, chargeTo, out newId);
        if (status != CapStatus.Ok)
        {
            return status;
        }
        if (source->Type == CapType.Quantity)
        {
            source->Size -= amount;
        }
        else
        {
            source->Rights &= ~rights;
        }
        return CapStatus.Ok;
    }

    /// <summary>Hands cap <paramref name="id"/> to another owner (a thread's space). It must be transferable; its derivation stays.</summary>
    public int Grant(uint id, CapOwner to)
    {
        Capability* c = Get(id);
        if (c == null)
        {
            return CapStatus.ESRCH;
        }
        return (c->Rights & CapRights.Transferable) == 0 ? CapStatus.EPERM : Reassign(id, to);
    }

    /// <summary>
    /// For the kernel, not a user operation: moves cap <paramref name="id"/> to <paramref name="to"/>
    /// whatever its rights (what a dying space still holds and cannot be destroyed goes to its container).
    /// </summary>
    public int Reassign(uint id, CapOwner to)
    {
        Capability* c = Get(id);
        int index = OwnerIndex(to);
        if (c == null || index < 0)
        {
            return c == null ? CapStatus.ESRCH : CapStatus.EINVAL;
        }
        UnlinkOwner(c);
        LinkOwner(c, index);
        return CapStatus.Ok;
    }

    /// <summary>Makes cap <paramref name="id"/>, held by a space, its container's: every thread of the container may use it.</summary>
    public int Share(uint id, int container)
    {
        Capability* c = Get(id);
        if (c == null)
        {
            return CapStatus.ESRCH;
        }
        if (OwnerOf(c).IsContainer)
        {
            return CapStatus.EINVAL;
        }
        return Grant(id, CapOwner.Container(container));
    }

    /// <summary>
    /// Removes cap <paramref name="id"/>. Its children stay, moved up to its parent (so its own source
    /// can still revoke them); a quantity's unused part goes back to its parent pool. A quantity with
    /// objects still charged and no parent to take them is refused (-EBUSY).
    /// </summary>
    public int Destroy(uint id)
    {
        Capability* c = Get(id);
        if (c == null)
        {
            return CapStatus.ESRCH;
        }
        Capability* parent = ParentOf(c);
        if (c->Type == CapType.Quantity && c->Used != 0 && !SamePool(parent, c))
        {
            return CapStatus.EBUSY;
        }
        while (c->FirstChild != 0)
        {
            Capability* child = &_caps[c->FirstChild];
            UnlinkFromParent(child);
            if (parent != null)
            {
                LinkChild(parent, child);
            }
        }
        Remove(c);
        return CapStatus.Ok;
    }

    /// <summary>
    /// Removes every cap derived from cap <paramref name="id"/> (children, their children, wherever
    /// they were granted), deepest first, at most <paramref name="budget"/> of them: returns
    /// <see cref="CapStatus.Ok"/> when none is left, or <see cref="CapStatus.Preempted"/> with
    /// descendants left (the tree itself holds the progress: call again to go on). Quantities taken by
    /// removed descendants, used or not, come back to the revoked cap.
    /// </summary>
    public int Revoke(uint id, ref int budget)
    {
        Capability* root = Get(id);
        if (root == null)
        {
            return CapStatus.ESRCH;
        }
        while (root->FirstChild != 0)
        {
            if (budget <= 0)
            {
                return CapStatus.Preempted;
            }
            Capability* leaf = &_caps[root->FirstChild];
            while (leaf->FirstChild != 0)
            {
                leaf = &_caps[leaf->FirstChild];
            }
            Remove(leaf);
            budget--;
        }
        return CapStatus.Ok;
    }

    /// <summary>Caps derived from cap <paramref name="id"/>, at any depth.</summary>
    public int CountDescendants(uint id)
    {
        Capability* root = Get(id);
        if (root == null)
        {
            return 0;
        }
        int n = 0;
        Capability* c = FirstChildOf(root);
        while (c != null)
        {
            n++;
            if (c->FirstChild != 0)
            {
                c = &_caps[c->FirstChild];
                continue;
            }
            while (c != root && c->NextSibling == 0)
            {
                c = &_caps[c->Parent];
            }
            c = c == root ? null : &_caps[c->NextSibling];
        }
        return n;
    }

    /// <summary>
    /// A new cap equal to <paramref name="part"/>, child of <paramref name="source"/>, same owner, charged
    /// to a Caps quantity; <paramref name="take"/> is the unused quantity of the source the part is to
    /// take (0 unless splitting a quantity), checked again after the charge: when a Caps pool pays for
    /// its own split, the charge comes out of that same unused quantity, and taking both would leave
    /// Used above Size.
    /// </summary>
    private int Derive(Capability* source, in Capability part, uint take, in Subject chargeTo, out uint newId)
    {
        newId = 0;
        int charged = Consume(chargeTo, PoolKind.Caps, 1, out uint charge);
        if (charged != CapStatus.Ok)
        {
            return charged;
        }
        if (take > source->Size - source->Used)
        {
            Return(charge, 1); // exactly undoes the charge: nothing else was touched
            return CapStatus.ENOMEM;
        }
        Capability* c = Allocate(OwnerOf(source), part);
        if (c == null)
        {
            Return(charge, 1);
            return CapStatus.ENOMEM;
        }
        c->Charge = charge;
        LinkChild(source, c);
        newId = c->Id;
        return CapStatus.Ok;
    }

    /// <summary>Takes a leaf or a cap whose children were moved off out of the table, settling its quantity and charge.</summary>
    private void Remove(Capability* c)
    {
        Capability* parent = ParentOf(c);
        UnlinkFromParent(c);
        UnlinkOwner(c);
        Count--;
        if (c->Charge != 0)
        {
            Return(c->Charge, 1);
            c->Charge = 0;
        }
        if (c->Type == CapType.Quantity && SamePool(parent, c))
        {
            parent->Size += c->Size;  // what it had, used or not, is its parent's again
            parent->Used += c->Used;
            if (c->Used != 0)
            {
                c->State = Zombie;    // objects charged to it still return through it
                c->Forward = SlotOf(parent);
                Zombies++;
                return;
            }
        }
        Release(c);
    }

    private static bool SamePool(Capability* parent, Capability* c)
        => parent != null && parent->Type == CapType.Quantity && parent->Pool == c->Pool;

    /// <summary>True when <paramref name="n"/> is <paramref name="c"/> or narrower in every respect.</summary>
    private static bool Narrows(Capability* c, in Capability n, in Subject newTarget)
    {
        if (n.Type != c->Type || n.Pool != c->Pool || (n.Rights & ~c->Rights) != 0)
        {
            return false;
        }
        switch (c->Type)
        {
            case CapType.Quantity:
                return n.Size <= c->Size && n.Size >= c->Used;
            case CapType.PhysicalMemory:
            case CapType.IrqControl:
                return n.Start >= c->Start && n.End <= c->End && n.Start < n.End;
            case CapType.VirtualMemory:
                return n.Start >= c->Start && n.End <= c->End && n.Start < n.End && TargetWithin(c, n, newTarget)
                       && n.TargetKind != TargetKind.Thread;
            default:
                return TargetWithin(c, n, newTarget);
        }
    }

    /// <summary>The new target is the old one, or inside it: a space of the old container, a thread of the old space or container.</summary>
    private static bool TargetWithin(Capability* c, in Capability n, in Subject t)
    {
        if (n.TargetKind == c->TargetKind)
        {
            return n.Target == c->Target;
        }
        if (n.TargetKind == TargetKind.None || n.TargetKind > c->TargetKind)
        {
            return false; // wider, or nothing
        }
        bool named = n.TargetKind == TargetKind.Thread ? t.Thread == n.Target : (uint)t.Space == n.Target;
        bool inside = c->TargetKind == TargetKind.Container ? (uint)t.Container == c->Target : (uint)t.Space == c->Target;
        return named && inside;
    }
}

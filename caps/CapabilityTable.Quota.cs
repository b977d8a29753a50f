// Quotas: quantity caps consumed when the kernel allocates an object and returned when it frees it.
namespace Codezero.Caps;

/// <summary>
/// A thread's allocations are charged to a quantity cap of the right pool that its space or its
/// container holds, found in that order; the charged cap's id is kept with the object and given back
/// on free. When the charged cap was removed meanwhile (destroyed, or revoked from above), it stays as
/// a zombie that forwards the return to the cap its quantity went to, until nothing is charged to it.
/// </summary>
public sealed unsafe partial class CapabilityTable
{
    /// <summary>
    /// Takes <paramref name="amount"/> of <paramref name="pool"/> for <paramref name="who"/>: 0 and the
    /// charged cap's id, -ENOCAP when it holds no such pool, -ENOMEM when every one it holds is used up.
    /// </summary>
    public int Consume(in Subject who, PoolKind pool, uint amount, out uint charge)
    {
        charge = 0;
        bool any = false;
        for (int pass = 0; pass < 2; pass++)
        {
            CapOwner owner = pass == 0 ? who.SpaceOwner : who.ContainerOwner;
            for (Capability* c = First(owner, CapType.Quantity); c != null; c = Next(c))
            {
                if (c->Pool != pool)
                {
                    continue;
                }
                any = true;
                if (c->Size - c->Used >= amount)
                {
                    c->Used += amount;
                    charge = c->Id;
                    return CapStatus.Ok;
                }
            }
        }
        return any ? CapStatus.ENOMEM : CapStatus.ENOCAP;
    }

    /// <summary>Takes <paramref name="amount"/> more from the one live quantity cap <paramref name="charge"/> (-ENOMEM when it has not that much left).</summary>
    public int ConsumeFrom(uint charge, uint amount)
    {
        Capability* c = Get(charge);
        if (c == null || c->Type != CapType.Quantity)
        {
            return CapStatus.ENOCAP;
        }
        if (c->Size - c->Used < amount)
        {
            return CapStatus.ENOMEM;
        }
        c->Used += amount;
        return CapStatus.Ok;
    }

    /// <summary>Gives back <paramref name="amount"/> charged to cap <paramref name="charge"/> (live or a forwarding zombie).</summary>
    public void Return(uint charge, uint amount)
    {
        int slot = (int)(charge & 0xFFFF);
        if ((uint)(slot - 1) >= (uint)_capacity || _caps[slot].Id != charge || _caps[slot].State == Free)
        {
            return; // nothing charged there: a boot object, or a bad id
        }
        Capability* c = &_caps[slot];
        while (true)
        {
            c->Used -= amount < c->Used ? amount : c->Used;
            if (c->State == Live)
            {
                return;
            }
            Capability* next = &_caps[c->Forward];
            if (c->Used == 0)
            {
                Zombies--;
                Release(c);
            }
            c = next;
        }
    }

    /// <summary>Unused quantity of <paramref name="pool"/> that <paramref name="who"/> could consume now.</summary>
    public uint Available(in Subject who, PoolKind pool)
    {
        uint free = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            CapOwner owner = pass == 0 ? who.SpaceOwner : who.ContainerOwner;
            for (Capability* c = First(owner, CapType.Quantity); c != null; c = Next(c))
            {
                if (c->Pool == pool)
                {
                    free += c->Size - c->Used;
                }
            }
        }
        return free;
    }
}

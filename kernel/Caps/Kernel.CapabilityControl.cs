// capability_control: reading, sharing, granting, replicating, splitting, deducing, destroying and revoking caps.
using System;
using Codezero.Caps;
using Codezero.Kernel.Abi;
using Codezero.Kernel.Mm;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// The user side of <see cref="CapabilityTable"/> (docs/abi.md, "capability_control"). Every operation
/// needs a cap-control cap with its right, and acts only on caps the caller's space or container holds.
/// Revoke stops at a preemption point every <see cref="RevokeStep"/> caps when an interrupt is pending,
/// and restarts where it stopped (the derivation tree holds its progress).
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private const uint CapNcaps = 0, CapRead = 1, CapShare = 2, CapGrant = 3, CapReplicate = 4, CapSplit = 5,
        CapDeduce = 6, CapDestroy = 7, CapRevoke = 8;

    /// <summary>Caps removed between two preemption points of a revoke, and the cycles charged for each.</summary>
    private const int RevokeStep = 64;
    private const long CyclesPerCapRemoved = 16;

    private int CapabilityControl(Tcb* caller, uint op, uint a, uint b, uint c)
    {
        if (op > CapRevoke)
        {
            return -Errno.EINVAL;
        }
        Subject me = SubjectOf(caller);
        int authority = Authority.CapabilityControl(_caps, me, CapControlRight(op));
        if (authority != 0)
        {
            return authority;
        }
        if (op == CapNcaps)
        {
            return _caps.CountOwnedBy(me.SpaceOwner) + _caps.CountOwnedBy(me.ContainerOwner);
        }
        if (op == CapRead)
        {
            return ReadCaps(caller, a, b);
        }
        Capability* cap = _caps.Get(a);
        if (cap == null)
        {
            return -Errno.ESRCH;
        }
        if (!Authority.Holds(_caps, me, cap))
        {
            return -Errno.ENOCAP;
        }
        switch (op)
        {
            case CapShare:
                return _caps.Share(a, caller->Container);
            case CapGrant:
                return GrantCap(caller, a, b);
            case CapReplicate:
                return Result(_caps.Replicate(a, me, out uint copy), copy);
            case CapSplit:
                return Result(_caps.Split(a, b, c, me, out uint part), part);
            case CapDeduce:
                return DeduceCap(caller, a, b);
            case CapDestroy:
                return _caps.Destroy(a);
            default:
                return RevokeCap(a);
        }
    }

    private static uint CapControlRight(uint op) => op switch
    {
        CapNcaps or CapRead => CapRights.CapabilityControl.Read,
        CapShare => CapRights.CapabilityControl.Share,
        CapGrant => CapRights.CapabilityControl.Grant,
        CapReplicate => CapRights.CapabilityControl.Replicate,
        CapSplit => CapRights.CapabilityControl.Split,
        CapDeduce => CapRights.CapabilityControl.Deduce,
        CapDestroy => CapRights.CapabilityControl.Destroy,
        _ => CapRights.CapabilityControl.Revoke,
    };

    private static int Result(int status, uint id) => status == CapStatus.Ok ? (int)id : status;

    /// <summary>Copies the caller's caps (its space's, then its container's) into a user array of <see cref="UserCap"/>.</summary>
    private int ReadCaps(Tcb* caller, uint buffer, uint max)
    {
        if (max > (uint)_options.MaxCaps)
        {
            max = (uint)_options.MaxCaps;
        }
        uint l1 = SpaceOf(caller)->L1;
        if (max != 0 && UserMemory.FindFault(_memory, l1, buffer, max * (uint)sizeof(UserCap), MapFlags.Read | MapFlags.Write, out _, out _))
        {
            return -Errno.EFAULT;
        }
        Subject me = SubjectOf(caller);
        uint written = 0;
        for (int pass = 0; pass < 2 && written < max; pass++)
        {
            CapOwner owner = pass == 0 ? me.SpaceOwner : me.ContainerOwner;
            for (int type = 1; type <= (int)CapType.CapabilityControl && written < max; type++)
            {
                for (Capability* cap = _caps.First(owner, (CapType)type); cap != null && written < max; cap = _caps.Next(cap))
                {
                    UserCap u = UserCap.From(_caps, cap);
                    UserMemory.TryCopyOut(_memory, l1, buffer + written * (uint)sizeof(UserCap), new ReadOnlySpan<byte>(&u, sizeof(UserCap)));
                    written++;
                }
            }
        }
        return (int)written;
    }

    /// <summary>Grant to a thread's space: one of the caller's container, or one the caller may send IPC to.</summary>
    private int GrantCap(Tcb* caller, uint id, uint tid)
    {
        Tcb* to = Lookup(tid);
        if (to == null || to->State == ThreadState.Zombie)
        {
            return -Errno.ESRCH;
        }
        if (to->Container != caller->Container && Authority.Ipc(_caps, SubjectOf(caller), SubjectOf(to), 0) != 0)
        {
            return -Errno.ENOCAP;
        }
        return _caps.Grant(id, CapOwner.Space(to->Space));
    }

    /// <summary>Deduce from a user <see cref="UserCap"/> giving the narrowed rights, range, target or size.</summary>
    private int DeduceCap(Tcb* caller, uint id, uint buffer)
    {
        UserCap u;
        if (!UserMemory.TryCopyIn(_memory, SpaceOf(caller)->L1, buffer, new Span<byte>(&u, sizeof(UserCap))))
        {
            return -Errno.EFAULT;
        }
        Capability* cap = _caps.Get(id);
        Capability narrower = *cap;
        narrower.Rights = u.Rights;
        narrower.TargetKind = (TargetKind)u.TargetKind;
        narrower.Target = u.Target;
        narrower.Start = u.Start;
        narrower.End = u.End;
        narrower.Size = u.Size;
        Subject target = default;
        switch (narrower.TargetKind)
        {
            case TargetKind.Thread:
                Tcb* t = Lookup(u.Target);
                if (t != null)
                {
                    target = SubjectOf(t);
                }
                break;
            case TargetKind.Space:
                AddressSpace* s = (int)u.Target >= 1 && (int)u.Target <= _options.MaxSpaces ? _spaces.GetLive((int)u.Target) : null;
                if (s != null)
                {
                    target = new Subject(0, (int)u.Target, s->Container);
                }
                break;
        }
        return _caps.Deduce(id, narrower, target);
    }

    private int RevokeCap(uint id)
    {
        while (true)
        {
            int budget = RevokeStep;
            int status = _caps.Revoke(id, ref budget);
            _hal.Charge(_core, (RevokeStep - budget) * CyclesPerCapRemoved);
            if (status != CapStatus.Preempted)
            {
                return status;
            }
            if (PreemptionPending())
            {
                return NoResult; // the rest is done when the call runs again
            }
        }
    }
}

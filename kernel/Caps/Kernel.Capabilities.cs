// The kernel's capability table in board RAM, subjects for the checks, boot grants and cleanup with spaces.
using Codezero.Caps;
using Codezero.Kernel.Threads;

namespace Codezero.Kernel;

/// <summary>
/// Every power a thread has comes from a capability its space or its container holds (docs/capabilities.md).
/// The table lives in the kernel region; each system call's handler asks <see cref="Authority"/> for the
/// one check its call needs, before it changes anything, and consumes quota from the caller's pools
/// afterwards. Caps die with the space that holds them; container caps live as long as the kernel.
/// </summary>
public sealed unsafe partial class Kernel<THal>
{
    private CapabilityTable _caps = null!;

    private void InitialiseCapabilities()
    {
        uint bytes = CapabilityTable.BytesFor(_options.MaxCaps, _options.MaxContainers, _options.MaxSpaces);
        _caps = new CapabilityTable(_region.Host(_region.Carve(bytes, 64)), bytes, _options.MaxCaps, _options.MaxContainers, _options.MaxSpaces);
    }

    /// <summary>The capability table (for inspection and tests).</summary>
    public CapabilityTable Capabilities => _caps;

    /// <summary>The space id of a live thread (0 when the id names none): whose caps a thread's space holds.</summary>
    public int SpaceOf(uint tid)
    {
        Tcb* t = Lookup(tid);
        return t == null ? 0 : t->Space;
    }

    /// <summary>A thread as the checks see it: its id, space and container.</summary>
    private Subject SubjectOf(Tcb* t) => new(t->Tid, t->Space, t->Container);

    /// <summary>A new thread of <paramref name="container"/> in a space not made yet: only a container-wide cap covers it.</summary>
    private static Subject ContainerSubject(int container) => new(0, 0, container);

    /// <summary>
    /// Boot: gives a container a cap, held by its root's space (<paramref name="shared"/>: by the whole
    /// container). Throws on a malformed cap or a full table (a configuration error).
    /// </summary>
    public uint GiveCapability(int container, bool shared, in Capability cap)
    {
        Containers.ContainerRecord* record = _containers.GetLive(container);
        Tcb* root = record == null ? null : Lookup(record->RootTid);
        if (root == null)
        {
            throw new System.ArgumentException($"container {container} has no root thread to give caps to");
        }
        CapOwner owner = shared ? CapOwner.Container(container) : CapOwner.Space(root->Space);
        int status = _caps.Create(owner, cap, out uint id);
        if (status != CapStatus.Ok)
        {
            throw new System.InvalidOperationException(status == CapStatus.ENOMEM
                ? $"the capability table ({_options.MaxCaps} caps) is full"
                : $"a malformed {cap.Type} capability for container {container}");
        }
        return id;
    }

    /// <summary>A space is freed: the caps it held go with it (their children move up to their parents).</summary>
    private void DestroyCapsOf(int space)
    {
        CapOwner owner = CapOwner.Space(space);
        for (int type = 1; type <= (int)CapType.CapabilityControl; type++)
        {
            Capability* c;
            while ((c = _caps.First(owner, (CapType)type)) != null)
            {
                if (_caps.Destroy(c->Id) != CapStatus.Ok)
                {
                    // A quantity with objects charged and no parent: hand it to the container, which outlives them.
                    _caps.Reassign(c->Id, CapOwner.Container(_spaces.GetLive(space)->Container));
                }
            }
        }
    }

    /// <summary>Takes <paramref name="amount"/> of a pool for <paramref name="who"/>; the kernel's errno on failure.</summary>
    private int ConsumeQuota(Tcb* who, PoolKind pool, uint amount, out uint charge)
        => _caps.Consume(SubjectOf(who), pool, amount, out charge);

    private void ReturnQuota(ref uint charge, uint amount)
    {
        if (charge != 0)
        {
            _caps.Return(charge, amount);
            charge = 0;
        }
    }
}

// Capability policy, both sides of each rule: every system call's check, containment, the operations, quotas, revoke, the pager idiom.
using Codezero.Caps;
using Xunit;
using static Codezero.Tests.Caps.Acts;
using R = Codezero.Caps.CapRights;

namespace Codezero.Tests.Caps;

public sealed unsafe class PolicyTests
{
    private const int Allowed = Scenario.Allowed;
    private const int Denied = CapStatus.ENOCAP;

    /// <summary>Two containers: "app" with spaces s1 (threads a, b) and s2 (thread c); "other" with space s1 (thread d).</summary>
    private static Scenario World(int capacity = 64) => Scenario.New(capacity)
        .Container("app", c => c.Space(s => s.Thread("a").Thread("b")).Space(s => s.Thread("c")))
        .Container("other", c => c.Space(s => s.Thread("d")));

    // ---- denial of every system call without its cap ----

    [Fact]
    public void EveryCall_WithNoCapsAtAll_IsDenied()
    {
        using Scenario s = World();
        s.Expect(Ipc("app.a", "app.b", R.Ipc.Short), Denied)
         .Expect(Ipc("app.a", "app.b", R.Ipc.Full), Denied)
         .Expect(Ipc("app.a", "app.b", R.Ipc.Extended), Denied)
         .Expect(ThreadControl("app.a", "app.b", R.ThreadControl.Run), Denied)
         .Expect(ExchangeRegisters("app.a", "app.b", R.ExchangeRegisters.Read), Denied)
         .Expect(Map("app.a", "app.a", 0x100, 0x10, 1, R.Memory.Read), Denied)
         .Expect(Unmap("app.a", "app.a", 0x10, 1), Denied)
         .Expect(CacheControl("app.a", 0x10, 1), Denied)
         .Expect(Irq("app.a", 40, R.IrqControl.Register), Denied)
         .Expect(Mutex("app.a", R.Mutex.Lock), Denied)
         .Expect(CapabilityControl("app.a", R.CapabilityControl.Read), Denied);
    }

    [Theory]
    [InlineData(R.Ipc.Short)]
    [InlineData(R.Ipc.Full)]
    [InlineData(R.Ipc.Extended)]
    public void Ipc_NeedsSendAndTheTiersRight(uint tier)
    {
        using Scenario s = World()
            .Give("app.a", Cap.Ipc(to: "app", R.Ipc.Send | tier))
            .Give("app.c", Cap.Ipc(to: "app", R.Ipc.Send | (R.Ipc.Short | R.Ipc.Full | R.Ipc.Extended) & ~tier))
            .Give("other.d", Cap.Ipc(to: "app", R.Ipc.Receive | R.Ipc.Short | R.Ipc.Full | R.Ipc.Extended));
        s.Expect(Ipc("app.a", "app.b", tier), Allowed)
         .Expect(Ipc("app.c", "app.b", tier), Denied)   // every tier but this one
         .Expect(Ipc("other.d", "app.b", tier), Denied); // every tier, no Send
    }

    [Fact]
    public void Ipc_TierRight_MapsFlagsTierToTheRight()
    {
        Assert.Equal(R.Ipc.Short, Authority.TierRight(0));
        Assert.Equal(R.Ipc.Full, Authority.TierRight(1));
        Assert.Equal(R.Ipc.Extended, Authority.TierRight(2));
    }

    [Theory]
    [InlineData(R.ThreadControl.Create)]
    [InlineData(R.ThreadControl.Destroy)]
    [InlineData(R.ThreadControl.Run)]
    [InlineData(R.ThreadControl.Suspend)]
    [InlineData(R.ThreadControl.Recycle)]
    [InlineData(R.ThreadControl.Wait)]
    [InlineData(R.ThreadControl.Sched)]
    public void ThreadControl_NeedsTheActionsRight(uint right)
    {
        using Scenario s = World()
            .Give("app.a", Cap.ThreadControl(over: "app", right))
            .Give("app.c", Cap.ThreadControl(over: "app", R.ThreadControl.All & ~right));
        s.Expect(ThreadControl("app.a", "app.c", right), Allowed)
         .Expect(ThreadControl("app.c", "app.a", right), Denied);
    }

    [Theory]
    [InlineData(R.ExchangeRegisters.Read)]
    [InlineData(R.ExchangeRegisters.Write)]
    [InlineData(R.ExchangeRegisters.Pager)]
    [InlineData(R.ExchangeRegisters.Utcb)]
    public void ExchangeRegisters_NeedsEveryRightTheRequestUses(uint right)
    {
        using Scenario s = World()
            .Give("app.a", Cap.ExchangeRegisters(over: "app", right))
            .Give("app.c", Cap.ExchangeRegisters(over: "app", R.ExchangeRegisters.All & ~right));
        s.Expect(ExchangeRegisters("app.a", "app.c", right), Allowed)
         .Expect(ExchangeRegisters("app.c", "app.a", right), Denied)
         .Expect(ExchangeRegisters("app.a", "app.c", R.ExchangeRegisters.All), right == R.ExchangeRegisters.All ? Allowed : Denied)
         .Expect(ExchangeRegisters("app.c", "app.a", R.ExchangeRegisters.All & ~right), Allowed);
    }

    /// <summary>a holds frames [0x100, 0x110) and pages [0x10, 0x20) of space s1, both read-write.</summary>
    private static Scenario MapWorld() => World()
        .Give("app.a", Cap.Physical(0x100, 0x110, R.Memory.Read | R.Memory.Write | R.Memory.Cached))
        .Give("app.a", Cap.Virtual(of: "app.s1", 0x10, 0x20, R.Memory.Read | R.Memory.Write | R.Memory.Cached | R.Memory.Unmap));

    [Fact]
    public void Map_WithPhysAndVirtCoveringTheRange_IsAllowed()
    {
        using Scenario s = MapWorld();
        s.Expect(Map("app.a", "app.a", 0x100, 0x10, 16, R.Memory.Read | R.Memory.Write), Allowed)
         .Expect(Map("app.a", "app.b", 0x10F, 0x1F, 1, R.Memory.Read | R.Memory.Cached), Allowed); // b shares the space
    }

    [Fact]
    public void Map_WithoutThePhysicalCap_IsDenied()
    {
        using Scenario s = World()
            .Give("app.a", Cap.Virtual(of: "app.s1", 0x10, 0x20, R.Memory.All));
        s.Expect(Map("app.a", "app.a", 0x100, 0x10, 1, R.Memory.Read), Denied);
    }

    [Fact]
    public void Map_WithoutTheVirtualCap_IsDenied()
    {
        using Scenario s = World()
            .Give("app.a", Cap.Physical(0x100, 0x110, R.Memory.All));
        s.Expect(Map("app.a", "app.a", 0x100, 0x10, 1, R.Memory.Read), Denied);
    }

    [Fact]
    public void Map_WithRightsShortOnEitherCap_IsDenied()
    {
        using Scenario s = World()
            .Give("app.a", Cap.Physical(0x100, 0x110, R.Memory.Read))
            .Give("app.a", Cap.Virtual(of: "app.s1", 0x10, 0x20, R.Memory.Read | R.Memory.Write | R.Memory.Exec))
            .Give("app.c", Cap.Physical(0x100, 0x110, R.Memory.Read | R.Memory.Write | R.Memory.Exec))
            .Give("app.c", Cap.Virtual(of: "app.s2", 0x10, 0x20, R.Memory.Read));
        s.Expect(Map("app.a", "app.a", 0x100, 0x10, 1, R.Memory.Read), Allowed)
         .Expect(Map("app.a", "app.a", 0x100, 0x10, 1, R.Memory.Read | R.Memory.Write), Denied) // phys short
         .Expect(Map("app.c", "app.c", 0x100, 0x10, 1, R.Memory.Read), Allowed)
         .Expect(Map("app.c", "app.c", 0x100, 0x10, 1, R.Memory.Read | R.Memory.Exec), Denied); // virt short
    }

    [Theory]
    [InlineData(0x100u, 0x10u, 17u)]  // one page past both ends
    [InlineData(0x0FFu, 0x10u, 1u)]   // phys starts before
    [InlineData(0x10Fu, 0x10u, 2u)]   // phys runs past its end
    [InlineData(0x100u, 0x0Fu, 1u)]   // virt starts before
    [InlineData(0x100u, 0x1Fu, 2u)]   // virt runs past its end
    [InlineData(0x110u, 0x10u, 1u)]   // phys just outside (end is exclusive)
    [InlineData(0x100u, 0x20u, 1u)]   // virt just outside
    [InlineData(0x100u, 0x10u, 0xFFFFFFFFu)] // a count that would wrap a 32-bit end
    public void Map_WithTheRangeNotCovered_IsDenied(uint phys, uint virt, uint pages)
    {
        using Scenario s = MapWorld();
        s.Expect(Map("app.a", "app.a", phys, virt, pages, R.Memory.Read), Denied);
    }

    [Fact]
    public void Map_IntoAnotherSpace_IsDenied()
    {
        using Scenario s = MapWorld();
        s.Expect(Map("app.a", "app.c", 0x100, 0x10, 1, R.Memory.Read), Denied)   // a sibling space of the same container
         .Expect(Map("app.a", "other.d", 0x100, 0x10, 1, R.Memory.Read), Denied);
    }

    [Fact]
    public void Map_WithAContainerWideVirtualCap_ReachesEverySpaceOfTheContainerOnly()
    {
        using Scenario s = World()
            .Give("app", Cap.Physical(0x100, 0x110, R.Memory.Read))
            .Give("app", Cap.Virtual(of: "app", 0x10, 0x20, R.Memory.Read));
        s.Expect(Map("app.a", "app.c", 0x100, 0x10, 1, R.Memory.Read), Allowed)
         .Expect(Map("app.c", "app.a", 0x100, 0x10, 1, R.Memory.Read), Allowed)
         .Expect(Map("app.a", "other.d", 0x100, 0x10, 1, R.Memory.Read), Denied)
         .Expect(Map("other.d", "other.d", 0x100, 0x10, 1, R.Memory.Read), Denied); // not its container's caps
    }

    [Fact]
    public void Unmap_NeedsTheUnmapRightOverTheRangeOfTheTargetsSpace()
    {
        using Scenario s = MapWorld()
            .Give("app.c", Cap.Virtual(of: "app.s2", 0x10, 0x20, R.Memory.All & ~R.Memory.Unmap));
        s.Expect(Unmap("app.a", "app.b", 0x10, 16), Allowed)
         .Expect(Unmap("app.a", "app.a", 0x1F, 2), Denied)  // past the end
         .Expect(Unmap("app.a", "app.a", 0x0F, 1), Denied)  // before the start
         .Expect(Unmap("app.a", "app.c", 0x10, 1), Denied)  // another space
         .Expect(Unmap("app.c", "app.c", 0x10, 1), Denied); // no Unmap right
    }

    [Fact]
    public void CacheControl_NeedsTheCachedRightOverTheCallersOwnSpace()
    {
        using Scenario s = MapWorld()
            .Give("app.c", Cap.Virtual(of: "app.s2", 0x10, 0x20, R.Memory.All & ~R.Memory.Cached))
            .Give("other.d", Cap.Virtual(of: "app.s1", 0x10, 0x20, R.Memory.All)); // a cap over someone else's space
        s.Expect(CacheControl("app.a", 0x10, 16), Allowed)
         .Expect(CacheControl("app.a", 0x20, 1), Denied)
         .Expect(CacheControl("app.c", 0x10, 1), Denied)
         .Expect(CacheControl("other.d", 0x10, 1), Denied);
    }

    [Fact]
    public void Irq_NeedsTheRightAndALineRangeHoldingTheLine()
    {
        using Scenario s = World()
            .Give("app.a", Cap.Irq(32, 40, R.IrqControl.Register))
            .Give("app.c", Cap.Irq(32, 40, R.IrqControl.Wait));
        s.Expect(Irq("app.a", 32, R.IrqControl.Register), Allowed)
         .Expect(Irq("app.a", 39, R.IrqControl.Register), Allowed)
         .Expect(Irq("app.a", 40, R.IrqControl.Register), Denied) // end is exclusive
         .Expect(Irq("app.a", 31, R.IrqControl.Register), Denied)
         .Expect(Irq("app.a", 33, R.IrqControl.Wait), Denied)
         .Expect(Irq("app.c", 33, R.IrqControl.Wait), Allowed)
         .Expect(Irq("app.c", 33, R.IrqControl.Register), Denied);
    }

    [Fact]
    public void Mutex_NeedsTheRightForTheCallersOwnContainer()
    {
        using Scenario s = World()
            .Give("app", Cap.Mutex("app", R.Mutex.Lock))
            .Give("other", Cap.Mutex("app", R.Mutex.All)); // held by other, but for app's container
        s.Expect(Mutex("app.a", R.Mutex.Lock), Allowed)
         .Expect(Mutex("app.c", R.Mutex.Lock), Allowed)
         .Expect(Mutex("app.a", R.Mutex.Unlock), Denied)
         .Expect(Mutex("other.d", R.Mutex.Lock), Denied);
    }

    [Theory]
    [InlineData(R.CapabilityControl.Grant)]
    [InlineData(R.CapabilityControl.Read)]
    [InlineData(R.CapabilityControl.Share)]
    [InlineData(R.CapabilityControl.Replicate)]
    [InlineData(R.CapabilityControl.Split)]
    [InlineData(R.CapabilityControl.Deduce)]
    [InlineData(R.CapabilityControl.Destroy)]
    [InlineData(R.CapabilityControl.Revoke)]
    public void CapabilityControl_NeedsTheOperationsRightForTheCallersOwnContainer(uint right)
    {
        using Scenario s = World()
            .Give("app", Cap.CapabilityControl("app", right))
            .Give("other", Cap.CapabilityControl("other", R.CapabilityControl.All & ~right))
            .Give("other.d", Cap.CapabilityControl("app", R.CapabilityControl.All)); // for app, not for d's own container
        s.Expect(CapabilityControl("app.a", right), Allowed)
         .Expect(CapabilityControl("app.c", right), Allowed)
         .Expect(CapabilityControl("other.d", right), Denied);
    }

    // ---- containment ----

    [Fact]
    public void AThreadTarget_ReachesThatThreadAndNotASibling()
    {
        using Scenario s = World()
            .Give("app.c", Cap.Ipc(to: "app.a", R.Ipc.All))
            .Give("app.c", Cap.ThreadControl(over: "app.a", R.ThreadControl.All))
            .Give("app.c", Cap.ExchangeRegisters(over: "app.a", R.ExchangeRegisters.All));
        s.Expect(Ipc("app.c", "app.a"), Allowed)
         .Expect(Ipc("app.c", "app.b"), Denied) // a's sibling in the same space
         .Expect(ThreadControl("app.c", "app.a", R.ThreadControl.Suspend), Allowed)
         .Expect(ThreadControl("app.c", "app.b", R.ThreadControl.Suspend), Denied)
         .Expect(ExchangeRegisters("app.c", "app.a", R.ExchangeRegisters.Read), Allowed)
         .Expect(ExchangeRegisters("app.c", "app.b", R.ExchangeRegisters.Read), Denied);
    }

    [Fact]
    public void ASpaceTarget_ReachesEveryThreadOfThatSpaceAndNotASiblingSpace()
    {
        using Scenario s = World()
            .Give("other.d", Cap.Ipc(to: "app.s1", R.Ipc.All))
            .Give("other.d", Cap.ThreadControl(over: "app.s1", R.ThreadControl.All));
        s.Expect(Ipc("other.d", "app.a"), Allowed)
         .Expect(Ipc("other.d", "app.b"), Allowed)
         .Expect(Ipc("other.d", "app.c"), Denied)
         .Expect(ThreadControl("other.d", "app.b", R.ThreadControl.Run), Allowed)
         .Expect(ThreadControl("other.d", "app.c", R.ThreadControl.Run), Denied);
    }

    [Fact]
    public void AContainerTarget_ReachesEveryThreadOfThatContainerAndNoOther()
    {
        using Scenario s = World()
            .Give("other.d", Cap.Ipc(to: "app", R.Ipc.All))
            .Give("app.a", Cap.ThreadControl(over: "app", R.ThreadControl.All));
        s.Expect(Ipc("other.d", "app.a"), Allowed)
         .Expect(Ipc("other.d", "app.c"), Allowed)
         .Expect(Ipc("other.d", "other.d"), Denied)
         .Expect(ThreadControl("app.a", "app.c", R.ThreadControl.Destroy), Allowed)
         .Expect(ThreadControl("app.a", "other.d", R.ThreadControl.Destroy), Denied);
    }

    [Fact]
    public void ASpacesCaps_AreNotSeenByASiblingSpace_AContainersAreSeenByAll()
    {
        using Scenario s = World()
            .Give("app.s1", Cap.Ipc(to: "other", R.Ipc.All))
            .Give("app", Cap.ThreadControl(over: "other", R.ThreadControl.All));
        s.Expect(Ipc("app.b", "other.d"), Allowed)
         .Expect(Ipc("app.c", "other.d"), Denied)
         .Expect(ThreadControl("app.c", "other.d", R.ThreadControl.Run), Allowed)
         .Expect(ThreadControl("other.d", "other.d", R.ThreadControl.Run), Denied);
    }

    // ---- the operations as policy ----

    [Fact]
    public void Deduce_NarrowsATarget_AndNeverWidensItAgain()
    {
        using Scenario s = World()
            .Give("other.d", Cap.Ipc(to: "app", R.Ipc.Send | R.Ipc.Short), "call");
        s.Expect(Deduce("call", to: "app.s2"), Allowed)
         .Expect(Ipc("other.d", "app.c"), Allowed)
         .Expect(Ipc("other.d", "app.a"), Denied)
         .Expect(Deduce("call", to: "app"), CapStatus.EINVAL)      // back to the container: wider
         .Expect(Deduce("call", to: "app.s1"), CapStatus.EINVAL)   // a sibling space: not inside
         .Expect(Deduce("call", to: "app.a"), CapStatus.EINVAL)    // a thread of another space
         .Expect(Deduce("call", rights: R.Ipc.Send | R.Ipc.Short | R.Ipc.Full | R.Generic), CapStatus.EINVAL)
         .Expect(Deduce("call", to: "app.c"), Allowed)
         .Expect(Deduce("call", to: "app.s2"), CapStatus.EINVAL)   // back to the space: wider
         .Expect(Ipc("other.d", "app.c"), Allowed)
         .Expect(Deduce("call", rights: R.Ipc.Send | R.Generic), Allowed)
         .Expect(Ipc("other.d", "app.c"), Denied);                 // Short is gone
    }

    [Fact]
    public void Deduce_OfACapThatIsNotChangeable_IsRefused()
    {
        using Scenario s = World()
            .Give("other.d", Cap.Ipc(to: "app", R.Ipc.All, generic: R.Transferable | R.Replicable), "call");
        s.Expect(Deduce("call", to: "app.s1"), CapStatus.EPERM)
         .Expect(Ipc("other.d", "app.c"), Allowed);
    }

    [Fact]
    public void Deduce_NarrowsAMemoryRange_AndNeverWidensIt()
    {
        using Scenario s = World()
            .Give("app.a", Cap.Physical(0x100, 0x110, R.Memory.Read), "phys")
            .Give("app.a", Cap.Virtual(of: "app.s1", 0x10, 0x20, R.Memory.Read), "virt");
        s.Expect(Deduce("phys", start: 0x104, end: 0x108), Allowed)
         .Expect(Map("app.a", "app.a", 0x104, 0x10, 4, R.Memory.Read), Allowed)
         .Expect(Map("app.a", "app.a", 0x103, 0x10, 1, R.Memory.Read), Denied)
         .Expect(Deduce("phys", start: 0x100, end: 0x108), CapStatus.EINVAL)
         .Expect(Deduce("phys", start: 0x106, end: 0x106), CapStatus.EINVAL) // empty
         .Expect(Deduce("virt", end: 0x21), CapStatus.EINVAL)
         .Expect(Deduce("virt", to: "app.a"), CapStatus.EINVAL)             // a virtual cap names spaces, not threads
         .Expect(Deduce("virt", to: "app.s2"), CapStatus.EINVAL);
    }

    [Fact]
    public void Split_ConservesQuantity_AndRefusesMoreThanIsUnused()
    {
        using Scenario s = World()
            .Give("app.s1", Cap.Pool(PoolKind.Caps, 4))
            .Give("app.s1", Cap.Pool(PoolKind.Threads, 10), "threads");
        s.Expect(Consume("app.a", PoolKind.Threads, 2), Allowed)
         .Expect(SplitQuantity("threads", 9, "app.a", "part"), CapStatus.EINVAL) // only 8 are unused
         .Expect(SplitQuantity("threads", 0, "app.a", "part"), CapStatus.EINVAL)
         .Expect(SplitQuantity("threads", 8, "app.a", "part"), Allowed)
         .Then("the pools hold 2 + 8, 2 used", w => w.Get("threads")->Size == 2 && w.Get("threads")->Used == 2
                                                  && w.Get("part")->Size == 8 && w.Get("part")->Used == 0)
         .Expect(Destroy("part"), Allowed)
         .Then("the part's quantity is back", w => w.Get("threads")->Size == 10);
    }

    [Fact]
    public void Split_OfRights_DividesThemBetweenTwoCaps()
    {
        using Scenario s = World()
            .Give("app", Cap.Pool(PoolKind.Caps, 4))
            .Give("app.a", Cap.Ipc(to: "other", R.Ipc.Send | R.Ipc.Short | R.Ipc.Full), "call");
        s.Expect(SplitRights("call", R.Ipc.Send | R.Ipc.Short | R.Ipc.Full, "app.a", "all"), CapStatus.EINVAL) // not a proper part
         .Expect(SplitRights("call", R.Ipc.Extended, "app.a", "more"), CapStatus.EINVAL)                      // not its own
         .Expect(SplitRights("call", R.Ipc.Full, "app.a", "full"), Allowed)
         .Expect(Grant("full", "app.c"), Allowed)
         .Expect(Ipc("app.a", "other.d", R.Ipc.Short), Allowed)
         .Expect(Ipc("app.a", "other.d", R.Ipc.Full), Denied)
         .Expect(Ipc("app.c", "other.d", R.Ipc.Full), Denied) // Full without Send
         .Then("the part has only Full", w => (w.Get("full")->Rights & R.TypeMask) == R.Ipc.Full);
    }

    [Fact]
    public void Grant_MovesOwnership_AndNeedsTheTransferableBit()
    {
        using Scenario s = World()
            .Give("app.a", Cap.Ipc(to: "other", R.Ipc.All), "call")
            .Give("app.a", Cap.Ipc(to: "app", R.Ipc.All, generic: R.Changeable | R.Replicable), "fixed");
        s.Expect(Grant("call", "app.c"), Allowed)
         .Expect(Ipc("app.c", "other.d"), Allowed)
         .Expect(Ipc("app.a", "other.d"), Denied)
         .Expect(Ipc("app.b", "other.d"), Denied)
         .Expect(Grant("fixed", "app.c"), CapStatus.EPERM)
         .Expect(Share("fixed", "app"), CapStatus.EPERM)
         .Expect(Ipc("app.c", "app.a"), Denied);
    }

    [Fact]
    public void Share_MakesASpacesCapTheWholeContainers_Once()
    {
        using Scenario s = World()
            .Give("app.a", Cap.Ipc(to: "other", R.Ipc.All), "call");
        s.Expect(Ipc("app.c", "other.d"), Denied)
         .Expect(Share("call", "app"), Allowed)
         .Expect(Ipc("app.c", "other.d"), Allowed)
         .Expect(Ipc("app.a", "other.d"), Allowed)
         .Expect(Share("call", "app"), CapStatus.EINVAL); // already a container's
    }

    [Fact]
    public void Replicate_CopiesACap_ButNeverAQuantity()
    {
        using Scenario s = World()
            .Give("app", Cap.Pool(PoolKind.Caps, 4), "caps")
            .Give("app.a", Cap.Ipc(to: "other", R.Ipc.All), "call")
            .Give("app.a", Cap.Ipc(to: "other", R.Ipc.All, generic: R.Changeable | R.Transferable), "single");
        s.Expect(Replicate("caps", "app.a", "copy"), CapStatus.EPERM)
         .Expect(Replicate("single", "app.a", "copy"), CapStatus.EPERM)
         .Expect(Replicate("call", "app.a", "copy"), Allowed)
         .Expect(Grant("copy", "app.c"), Allowed)
         .Expect(Ipc("app.c", "other.d"), Allowed)
         .Then("the copy was charged one cap", w => w.Get("caps")->Used == 1);
    }

    [Fact]
    public void Quota_Exhausted_FailsCleanly_AndReturnsOnFree()
    {
        using Scenario s = World()
            .Give("app", Cap.Pool(PoolKind.Threads, 2), "threads");
        s.Expect(Consume("app.a", PoolKind.Threads, 1, "t1"), Allowed)
         .Expect(Consume("app.c", PoolKind.Threads, 1, "t2"), Allowed)
         .Expect(Consume("app.a", PoolKind.Threads, 1), CapStatus.ENOMEM)
         .Expect(Consume("other.d", PoolKind.Threads, 1), CapStatus.ENOCAP)
         .Expect(Consume("app.a", PoolKind.Spaces, 1), CapStatus.ENOCAP)
         .Then("the failed call took nothing", w => w.Get("threads")->Used == 2);
        s.Table.Return(s.Id("t1"), 1);
        s.Expect(Consume("app.c", PoolKind.Threads, 1), Allowed);
    }

    [Fact]
    public void Quota_ForDerivedCaps_IsTheCapsPool()
    {
        using Scenario s = World()
            .Give("app.s1", Cap.Pool(PoolKind.Caps, 1))
            .Give("app.a", Cap.Ipc(to: "other", R.Ipc.All), "call")
            .Give("app.c", Cap.Ipc(to: "other", R.Ipc.All), "theirs");
        s.Expect(Replicate("call", "app.a", "one"), Allowed)
         .Expect(Replicate("call", "app.a", "two"), CapStatus.ENOMEM)
         .Expect(Replicate("theirs", "app.c", "three"), CapStatus.ENOCAP)
         .Expect(Destroy("one"), Allowed)
         .Expect(Replicate("call", "app.a", "two"), Allowed);
    }

    [Fact]
    public void Revoke_RemovesEveryDerivedCap_IncludingThoseGrantedOnward()
    {
        using Scenario s = World()
            .Give("app", Cap.Pool(PoolKind.Caps, 8))
            .Give("other", Cap.Pool(PoolKind.Caps, 8))
            .Give("app.a", Cap.Ipc(to: "other", R.Ipc.All), "root");
        s.Expect(Replicate("root", "app.a", "copy"), Allowed)
         .Expect(Grant("copy", "app.c"), Allowed)
         .Expect(Replicate("copy", "app.c", "copy2"), Allowed)
         .Expect(Grant("copy2", "other.d"), Allowed)
         .Expect(Ipc("app.c", "other.d"), Allowed)
         .Expect(Ipc("other.d", "other.d"), Allowed)
         .Expect(Revoke("root", budget: 1), CapStatus.Preempted)
         .Expect(Revoke("root", budget: 1), Allowed)
         .Expect(Ipc("app.c", "other.d"), Denied)
         .Expect(Ipc("other.d", "other.d"), Denied)
         .Expect(Ipc("app.a", "other.d"), Allowed) // the revoked cap itself stays
         .Expect(Destroy("copy2"), CapStatus.ESRCH)
         .Expect(Destroy("copy"), CapStatus.ESRCH);
    }

    // ---- the pager idiom (codezero.md) ----

    /// <summary>
    /// Container "box": its pager in space s1, children in their own spaces s2 and s3. The pager's IPC cap
    /// reaches the whole container; it replicates it, deduces the copy to target only itself, and shares
    /// the copy with the container. Children can call the pager but not each other; the pager can call both.
    /// </summary>
    [Fact]
    public void PagerIdiom_ChildrenCanCallThePager_ButNotEachOther()
    {
        using Scenario s = Scenario.New()
            .Container("box", c => c.Space(p => p.Thread("pager")).Space(p => p.Thread("child1")).Space(p => p.Thread("child2")))
            .Container("other", c => c.Space(p => p.Thread("x")))
            .Give("box.pager", Cap.Pool(PoolKind.Caps, 4))
            .Give("box.pager", Cap.Ipc(to: "box", R.Ipc.All), "ipc");
        s.Expect(Ipc("box.child1", "box.pager"), Denied) // before: children have nothing
         .Expect(Replicate("ipc", "box.pager", "toPager"), Allowed)
         .Expect(Deduce("toPager", to: "box.pager"), Allowed)
         .Expect(Share("toPager", "box"), Allowed)
         .Expect(Ipc("box.child1", "box.pager"), Allowed)
         .Expect(Ipc("box.child2", "box.pager", R.Ipc.Full), Allowed)
         .Expect(Ipc("box.child1", "box.child2"), Denied)
         .Expect(Ipc("box.child2", "box.child1"), Denied)
         .Expect(Ipc("box.child1", "other.x"), Denied)
         .Expect(Ipc("box.pager", "box.child1"), Allowed)
         .Expect(Ipc("box.pager", "box.child2"), Allowed)
         .Expect(Deduce("toPager", to: "box"), CapStatus.EINVAL) // a child cannot widen the shared copy back
         .Expect(Revoke("ipc"), Allowed)                         // and the pager can take it away
         .Expect(Ipc("box.child1", "box.pager"), Denied)
         .Expect(Ipc("box.pager", "box.child1"), Allowed);
    }
}

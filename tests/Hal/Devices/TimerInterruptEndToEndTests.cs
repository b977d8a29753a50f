// End to end: a bare-metal ARM program programs the GIC and the private timer and takes the timer IRQ through its vector table.
using Xunit;

namespace Codezero.Tests.Hal.Devices;

public sealed unsafe class TimerInterruptEndToEndTests
{
    // Assembled with arm-none-eabi-as -mcpu=cortex-a9 (source in the comments), loaded at CpuHarness.CodeBase.
    // The timer is started by the store at +0x40, the 17th instruction: cycle 16, so it fires at cycle 1016.
    private static readonly uint[] s_waitForInterrupt =
    {
        0xE28F0078, // +00 _start: adr   r0, vectors
        0xEE0C0F10, // +04         mcr   p15, 0, r0, c12, c0, 0   @ VBAR
        0xE3A0441E, // +08         mov   r4, #0x1E000000          @ PERIPHBASE
        0xE2845A01, // +0C         add   r5, r4, #0x1000          @ distributor
        0xE3A01001, // +10         mov   r1, #1
        0xE5851000, // +14         str   r1, [r5]                 @ GICD_CTLR = 1
        0xE3A01202, // +18         mov   r1, #0x20000000
        0xE5851100, // +1C         str   r1, [r5, #0x100]         @ ISENABLER0: PPI 29
        0xE3A010F0, // +20         mov   r1, #0xF0
        0xE5841104, // +24         str   r1, [r4, #0x104]         @ GICC_PMR
        0xE3A01001, // +28         mov   r1, #1
        0xE5841100, // +2C         str   r1, [r4, #0x100]         @ GICC_CTLR = 1
        0xE3A08000, // +30         mov   r8, #0
        0xE3A01FFA, // +34         mov   r1, #1000
        0xE5841600, // +38         str   r1, [r4, #0x600]         @ timer Load
        0xE3A01005, // +3C         mov   r1, #5
        0xE5841608, // +40         str   r1, [r4, #0x608]         @ timer Control: enable | IRQ enable
        0xF1080080, // +44         cpsie i
        0xE320F003, // +48 wait:   wfi
        0xE3580000, // +4C         cmp   r8, #0
        0x0AFFFFFC, // +50         beq   wait
        0xE3A00018, // +54         mov   r0, #0x18                @ SYS_EXIT
        0xE59F1004, // +58         ldr   r1, =0x20026             @ ADP_Stopped_ApplicationExit
        0xEF123456, // +5C         svc   0x123456
        0xEAFFFFFE, // +60         b     .
        0x00020026, // +64         .word 0x20026
        0xE320F000, // +68         nop (alignment)
        0xE320F000, // +6C
        0xE320F000, // +70
        0xE320F000, // +74
        0xE320F000, // +78
        0xE320F000, // +7C
        0xEAFFFFFE, // +80 vectors: b .  (reset)
        0xEAFFFFFE, // +84         b .  (undefined)
        0xEAFFFFFE, // +88         b .  (SVC)
        0xEAFFFFFE, // +8C         b .  (prefetch abort)
        0xEAFFFFFE, // +90         b .  (data abort)
        0xEAFFFFFE, // +94         b .  (reserved)
        0xEA000000, // +98         b irq
        0xEAFFFFFE, // +9C         b .  (FIQ)
        0xE1A0A009, // +A0 irq:    mov   r10, r9                  @ where the interrupted loop had got to
        0xE594610C, // +A4         ldr   r6, [r4, #0x10C]         @ GICC_IAR
        0xE3A07001, // +A8         mov   r7, #1
        0xE584760C, // +AC         str   r7, [r4, #0x60C]         @ clear the timer's event flag
        0xE5846110, // +B0         str   r6, [r4, #0x110]         @ GICC_EOIR
        0xE1A08006, // +B4         mov   r8, r6
        0xE25EF004, // +B8         subs  pc, lr, #4
    };

    // The same program with the wfi replaced by a counting spin loop: "mov r9, #0" at +48, then
    // wait: add r9, r9, #1 / cmp r8, #0 / beq wait (3 instructions per turn, from cycle 19).
    private static readonly uint[] s_spin = BuildSpin();

    [Fact]
    public void Wfi_SleepsUntilThePrivateTimerFires_ThenTheIrqVectorAcknowledges29()
    {
        using var h = new CpuHarness();
        h.Load(s_waitForInterrupt);
        var halt = h.Board.Run(maxInstructions: 100_000);

        Assert.Equal(Codezero.Hal.ArmCortexA9.Cpu.HaltReason.Exit, halt);
        Assert.Equal(0, h.Board.ExitStatus);
        Assert.Equal(29u, h.Core.R[6]);           // IAR read in the handler
        Assert.Equal(29u, h.Core.R[8]);
        Assert.InRange(h.Core.Cycles, 1016L, 1040L); // slept from cycle 19 to 1016, then handler and exit
        Assert.True(h.Core.Instructions < 100);    // sleeping costs no instructions
        Assert.False(h.Core.IrqLine);
        Assert.Equal(0xFFu, h.Board.Gic.ReadCpuInterface(0, 0x14)); // nothing left active
    }

    [Fact]
    public void Spinning_TakesTheTimerInterruptOnTheExactCycle()
    {
        using var h = new CpuHarness();
        h.Load(s_spin);
        var halt = h.Board.Run(maxInstructions: 100_000, quantum: 1_000_000);

        Assert.Equal(Codezero.Hal.ArmCortexA9.Cpu.HaltReason.Exit, halt);
        Assert.Equal(29u, h.Core.R[8]);
        // adds at cycles 19, 22, ..., 1015 (333 of them) before the timer fires at 1016: the slice was cut
        // short by the timer write, not left to run its 1,000,000-instruction quantum.
        Assert.Equal(333u, h.Core.R[10]);
    }

    private static uint[] BuildSpin()
    {
        uint[] words = (uint[])s_waitForInterrupt.Clone();
        words[0x48 / 4] = 0xE3A09000; // +48         mov   r9, #0
        words[0x4C / 4] = 0xE2899001; // +4C wait:   add   r9, r9, #1
        words[0x50 / 4] = 0xE3580000; // +50         cmp   r8, #0
        words[0x54 / 4] = 0x0AFFFFFC; // +54         beq   wait
        words[0x58 / 4] = 0xE3A00018; // +58         mov   r0, #0x18
        words[0x5C / 4] = 0xE59F1004; // +5C         ldr   r1, =0x20026 (the literal moves to +68)
        words[0x60 / 4] = 0xEF123456; // +60         svc   0x123456
        words[0x64 / 4] = 0xEAFFFFFE; // +64         b     .
        words[0x68 / 4] = 0x00020026; // +68         .word 0x20026
        return words;
    }
}

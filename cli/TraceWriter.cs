// Writes the kernel's trace ring as a Chrome trace-event JSON file that Perfetto's UI opens.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Codezero.Kernel.Diagnostics;

namespace Codezero.Cli;

/// <summary>
/// One process (the board), one track per core (tid = core). A thread's stretch on a core is a complete
/// ("X") event named after its container and id; an IPC is a flow ("s" on the sender's core at the
/// rendezvous, "f" where the receiver next runs); faults and interrupts are instant ("i") events.
/// Timestamps are microseconds of emulated time (100 cycles each at 100 MHz); flow ids number the IPCs
/// in the order they happened. Written once, at the end.
/// </summary>
public static class TraceWriter
{
    private const double CyclesPerMicrosecond = 100.0;

    private readonly record struct Stretch(int Core, long Start, long End, uint Thread);

    public static void Write(Stream file, TraceBuffer trace, int cores, long endCycle, Func<uint, string> nameOf)
    {
        // In recording order, which is the order things happened (the kernel lock orders every entry);
        // each core's own events are also in its clock's order. Across cores the clocks agree only at
        // the runner's quantum boundaries, so flow ids, not timestamps, give the causal order.
        var events = new TraceEvent[trace.Count];
        trace.CopyTo(events);

        // Stretches: from each switch to the core's next switch (or the end of the run).
        var stretches = new List<Stretch>();
        var running = new (long Since, uint Thread)[cores];
        foreach (TraceEvent e in events)
        {
            if (e.Kind != TraceKind.Switch || e.Core >= cores)
            {
                continue;
            }
            ref (long Since, uint Thread) r = ref running[e.Core];
            if (r.Thread != 0 && e.Cycle >= r.Since && r.Thread != e.A)
            {
                stretches.Add(new Stretch(e.Core, r.Since, e.Cycle, r.Thread));
            }
            if (r.Thread != e.A)
            {
                r = (e.Cycle, e.A);
            }
        }
        for (int c = 0; c < cores; c++)
        {
            if (running[c].Thread != 0)
            {
                stretches.Add(new Stretch(c, running[c].Since, Math.Max(endCycle, running[c].Since), running[c].Thread));
            }
        }
        var byThread = new Dictionary<uint, List<Stretch>>();
        foreach (Stretch s in stretches)
        {
            if (!byThread.TryGetValue(s.Thread, out List<Stretch>? list))
            {
                byThread[s.Thread] = list = new List<Stretch>();
            }
            list.Add(s);
        }
        foreach (List<Stretch> list in byThread.Values)
        {
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ns");
        json.WriteStartArray("traceEvents");
        Metadata(json, "process_name", -1, "codezero board");
        for (int c = 0; c < cores; c++)
        {
            Metadata(json, "thread_name", c, "core " + c);
        }
        foreach (Stretch s in stretches)
        {
            json.WriteStartObject();
            json.WriteString("name", nameOf(s.Thread));
            json.WriteString("cat", "thread");
            json.WriteString("ph", "X");
            Common(json, s.Core, s.Start);
            json.WriteNumber("dur", (s.End - s.Start) / CyclesPerMicrosecond);
            json.WriteStartObject("args");
            json.WriteString("thread", $"0x{s.Thread:x8}");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        int flow = 0;
        foreach (TraceEvent e in events)
        {
            switch (e.Kind)
            {
                case TraceKind.Ipc:
                    if (!NextRun(byThread, e.B, e.Cycle, out Stretch at))
                    {
                        break;
                    }
                    flow++;
                    Flow(json, "s", flow, e.Core, e.Cycle, nameOf(e.A) + " -> " + nameOf(e.B), e.C);
                    Flow(json, "f", flow, at.Core, Math.Max(e.Cycle, at.Start), nameOf(e.A) + " -> " + nameOf(e.B), e.C);
                    break;
                case TraceKind.Fault:
                    Instant(json, "fault", e.Core, e.Cycle, $"thread 0x{e.A:x8} at 0x{e.B:x8}");
                    break;
                case TraceKind.Irq:
                    Instant(json, "irq " + e.A, e.Core, e.Cycle, "interrupt " + e.A);
                    break;
            }
        }
        json.WriteEndArray();
        json.WriteStartObject("otherData");
        json.WriteNumber("events", trace.Recorded);
        json.WriteNumber("dropped", trace.Dropped);
        json.WriteString("clock", "100 MHz emulated; ts in microseconds");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Where <paramref name="thread"/> runs at or after <paramref name="cycle"/>: the stretch holding it, or the next.</summary>
    private static bool NextRun(Dictionary<uint, List<Stretch>> byThread, uint thread, long cycle, out Stretch at)
    {
        at = default;
        if (!byThread.TryGetValue(thread, out List<Stretch>? list))
        {
            return false;
        }
        foreach (Stretch s in list)
        {
            if (s.End > cycle)
            {
                at = s;
                return true;
            }
        }
        return false;
    }

    private static void Common(Utf8JsonWriter json, int core, long cycle)
    {
        json.WriteNumber("pid", 1);
        json.WriteNumber("tid", core);
        json.WriteNumber("ts", cycle / CyclesPerMicrosecond);
    }

    private static void Metadata(Utf8JsonWriter json, string name, int core, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", 1);
        if (core >= 0)
        {
            json.WriteNumber("tid", core);
        }
        json.WriteStartObject("args");
        json.WriteString("name", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Flow(Utf8JsonWriter json, string phase, int id, int core, long cycle, string name, uint tier)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("cat", tier == 0 ? "ipc short" : tier == 1 ? "ipc full" : "ipc extended");
        json.WriteString("ph", phase);
        json.WriteNumber("id", id);
        if (phase == "f")
        {
            json.WriteString("bp", "e");
        }
        Common(json, core, cycle);
        json.WriteEndObject();
    }

    private static void Instant(Utf8JsonWriter json, string name, int core, long cycle, string detail)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "i");
        json.WriteString("s", "t");
        Common(json, core, cycle);
        json.WriteStartObject("args");
        json.WriteString("detail", detail);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

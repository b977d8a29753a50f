// A container's image, checked as the kernel will load it: a libl4 ELF in the user program area, covered by virtual, entered in its code.
using System;
using System.IO;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Kernel.Abi;

namespace Codezero.Containers;

internal static partial class ContainerReader
{
    /// <summary>The largest image file read: the board's largest RAM, which the image would have to fit in.</summary>
    public const long MaxImageBytes = (long)BoardLimits.MaxRamMib << 20;

    /// <summary>Where the kernel maps a root's image: above page 0, below the root stack (docs/abi.md).</summary>
    public const uint ProgramAreaEnd = UserLayout.RootStackTop - UserLayout.RootStackSize;

    private static (string Path, ElfImage Image) ReadImage(TableReader reader, string manifestFolder)
    {
        TomlEntry entry = reader.Find("image") ?? throw reader.Missing("image", "the pager's ELF, relative to the manifest's folder");
        string field = reader.FieldOf("image");
        SourceLocation at = entry.Value.Location;
        string image = TableReader.ExpectString(entry.Value, field).Text;
        if (image.Length == 0)
        {
            throw new ManifestException(at, field, "is empty");
        }
        string path;
        try
        {
            path = Path.GetFullPath(Path.Combine(manifestFolder, image));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ManifestException(at, field, $"not a usable path: {e.Message}");
        }
        byte[]? bytes = RegularFile.TryRead(path, MaxImageBytes, out string problem);
        if (bytes is null)
        {
            throw new ManifestException(at, field,
                problem == "no such file" ? $"image file not found: {path}" : $"cannot read image {path}: {problem}");
        }
        ElfImage elf;
        try
        {
            elf = ElfImage.Parse(bytes, path);
        }
        catch (ElfFormatException e)
        {
            throw new ManifestException(at, field, e.Message);
        }
        if (!KernelImage.IsLibl4(bytes))
        {
            throw new ManifestException(at, field,
                $"{path} is not a libl4 program (it lacks the note libl4's crt0 adds): a container's pager is linked with "
                + "guests/libl4's crt0.o and l4.ld (guests/l4/README.md); a bare-metal program runs with `codezero run`");
        }
        foreach (ElfSegment segment in elf.Segments)
        {
            (ulong start, ulong end) = Pages(segment);
            if (start < UserBase || end > ProgramAreaEnd)
            {
                throw new ManifestException(at, field,
                    $"{path}: segment {segment.Index} ({Sizes.Range(segment.VirtualAddress, (ulong)segment.VirtualAddress + segment.MemorySize)}) "
                    + $"is outside the user program area {Sizes.Range(UserBase, ProgramAreaEnd)}; link it with guests/libl4/l4.ld");
            }
        }
        return (path, elf);
    }

    /// <summary>Every page of the image lies in the container's virtual regions, which the loader maps it into.</summary>
    private static void CheckVirtualCoversImage(TableReader reader, ContainerDraft draft)
    {
        foreach (ElfSegment segment in draft.Image.Segments)
        {
            (ulong start, ulong end) = Pages(segment);
            ulong covered = start;
            foreach (MemoryRegion region in draft.Virtual) // sorted by base, not overlapping
            {
                if (region.Base <= covered && region.End > covered)
                {
                    covered = region.End;
                }
            }
            if (covered < end)
            {
                TomlNode regions = reader.Find("virtual")!.Value;
                throw new ManifestException(regions.Location, reader.FieldOf("virtual"),
                    $"does not cover the image's segment {segment.Index} ({What(segment)}, {Sizes.Range(start, end)}): "
                    + $"0x{covered:X8} is outside every region, and the loader maps the image where it was linked");
            }
        }
    }

    /// <summary>The pager's first instruction (bit 0 is the Thumb bit) lies in an executable segment of the image.</summary>
    private static void CheckEntryInCode(ContainerDraft draft, uint entry, SourceLocation at, string field, string what)
    {
        uint address = entry & ~1u;
        foreach (ElfSegment segment in draft.Image.Segments)
        {
            if ((segment.Flags & 1) != 0 && address >= segment.VirtualAddress && (ulong)address + 2 <= (ulong)segment.VirtualAddress + segment.MemorySize)
            {
                return;
            }
        }
        var code = new System.Collections.Generic.List<string>();
        foreach (ElfSegment segment in draft.Image.Segments)
        {
            if ((segment.Flags & 1) != 0)
            {
                code.Add(Sizes.Range(segment.VirtualAddress, (ulong)segment.VirtualAddress + segment.MemorySize));
            }
        }
        throw new ManifestException(at, field,
            $"{what}0x{entry:X8} is outside the image's code ({(code.Count == 0 ? "it has no executable segment" : string.Join(", ", code))})");
    }

    /// <summary>The pages a segment occupies, [first, end) on page boundaries.</summary>
    private static (ulong Start, ulong End) Pages(ElfSegment segment)
        => (segment.VirtualAddress & ~(ulong)(UserLayout.PageSize - 1),
            ((ulong)segment.VirtualAddress + segment.MemorySize + UserLayout.PageSize - 1) & ~(ulong)(UserLayout.PageSize - 1));

    private static string What(ElfSegment segment)
        => (segment.Flags & 1) != 0 ? "code" : (segment.Flags & 2) != 0 ? "data" : "read-only data";
}
